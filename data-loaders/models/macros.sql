-- Parsing rules shared by every staging model, so a date or an amount means the same thing everywhere.

-- A note for the reader in the site's language (config `locale`, one per warehouse): the Korean text when
-- it is 'ko', the English otherwise. Every note a mart writes for a page goes through it, the English and
-- the Korean side by side: say('period in progress', '진행 중인 기간'). The parameters are not named like
-- config_setting's columns (name, value), so that an argument naming a caller's column cannot bind to them.
create or replace macro say(en_text, ko_text) as
  case when (select value from config_setting where name = 'locale') = 'ko' then ko_text else en_text end;

-- A CRM id, or null for empty values and Salesforce's empty-lookup id.
create or replace macro crm_id(x) as nullif(nullif(trim(x), ''), '000000000000000AAA');

-- Key used to match names to config (stages, sources, departments) and to group picklist values that
-- differ only in case, accents or spacing ("Nacional" / "NACIONAL", "México" / "Mexico").
create or replace macro match_key(x) as nullif(lower(strip_accents(regexp_replace(trim(x), '\s+', ' ', 'g'))), '');

-- A deal's motion, one rule for deals and their snapshots: the pipeline's configured motion, else a pipeline
-- named like "Renewal(s)" / "갱신" is renewals, else the opportunity type's motion, else new business.
create or replace macro deal_motion(pipeline_motion, pipeline, type_motion) as coalesce(
  pipeline_motion,
  case when regexp_matches(match_key(pipeline), 'renewal|갱신') then 'renewal' end,
  type_motion,
  'new_business'
);

-- The funnel step a stage maps to: the stage's pipeline's own mapping (config `pipelines.<name>.stages`)
-- first, then `funnel.opportunityStages`; null when neither maps it (the stage is then "unmapped": the
-- deal stays in every metric that does not need its step). Looked up in maps built once per query.
create or replace macro stage_step(stage_name, pipeline) as coalesce(
  (select map_from_entries(list((pipeline_key || chr(31) || match_key, step))) from config_pipeline_stage)[
    coalesce(match_key(pipeline), '') || chr(31) || match_key(stage_name)],
  (select map_from_entries(list((match_key, step))) from config_opportunity_stage)[match_key(stage_name)]
);

-- Won, lost or open. The export's own flags decide whenever it has them (Salesforce IsClosed / IsWon,
-- HubSpot's "Is Deal Closed?" / "Is Closed Won"); the stage only places the deal on the funnel. A stage
-- label can mean won in one pipeline and not in another, or read "Closed Lost" on a deal HubSpot keeps
-- open: the flags are the CRM's truth. Without flags, the stage's mapped step decides.
create or replace macro opportunity_outcome(is_closed, is_won, stage_step) as case
  when is_won then 'won'
  when is_closed and is_won is null and stage_step = 'won' then 'won'
  when is_closed then 'lost'
  when is_closed = false then 'open'
  when is_won = false then case when stage_step = 'lost' then 'lost' else 'open' end
  when stage_step = 'won' then 'won'
  when stage_step = 'lost' then 'lost'
  else 'open'
end;

-- A point in time from the formats CRMs export: ISO with or without time or zone (zones are converted
-- to UTC, the session time zone), Salesforce "YYYY-MM-DD HH:MM:SS", US "M/D/YYYY H:MM".
-- The timestamptz cast comes first: a plain timestamp cast would drop the zone of "…T10:00:00+09:00".
create or replace macro parse_timestamp(x) as coalesce(
  try_cast(try_cast(trim(x) as timestamptz) as timestamp),
  try_cast(trim(x) as timestamp),
  try_strptime(trim(x), ['%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d'])
);

-- An amount with currency symbols, codes, spaces and thousands separators removed ("$65,000.00 ",
-- "₩1,200,000", "(1,000)" for a negative); null when anything else is left.
create or replace macro parse_amount(x) as try_cast(
  regexp_replace(
    regexp_replace(trim(x), '^\((.*)\)$', '-\1'),
    '[\s,$₩€£¥]|USD|KRW|EUR|GBP|JPY', '', 'g')
  as double);

-- A boolean from 1/0, true/false, yes/no in any case; null when it is none of them.
create or replace macro parse_bool(x) as case
  when lower(trim(x)) in ('1', 'true', 't', 'yes', 'y') then true
  when lower(trim(x)) in ('0', 'false', 'f', 'no', 'n') then false
end;

-- Why a record is a duplicate, or null when it is not: an earlier row of the file (by source_row) has
-- its id — with the very same content (row_hash) an exact duplicate, else a duplicate id. The first
-- row of an id is kept. One window sorted by id does both checks: a second one partitioned by id and
-- hash cost as much again at a million rows.
create or replace macro duplicate_reason(id, row_hash, source_row) as case
  when row_number() over (partition by id order by source_row) > 1 then
    case
      when list_contains(list(row_hash) over (partition by id order by source_row rows between unbounded preceding and 1 preceding), row_hash)
        then 'exact duplicate of an earlier row'
      else 'duplicate id (an earlier row has this id)'
    end
end;

-- The value did not parse although there was one: the row is quarantined rather than the value dropped.
create or replace macro unparsed(text_value, parsed_value) as text_value is not null and parsed_value is null;

-- Reporting periods (int_periods, int_pipeline_periods): weeks start on Monday, months on the 1st,
-- quarters and years in the month config `fiscalYearStartMonth` (fy_start) says. A fiscal year is named by
-- the calendar year it ends in (with a January start, FY = calendar year and the labels drop the "FY").
create or replace macro period_start(period_type, day, fy_start) as case period_type
  when 'week' then date_trunc('week', day)::date
  when 'month' then date_trunc('month', day)::date
  when 'quarter' then (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 3))::date
  else (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 12))::date
end;

-- The first day after the period that starts on period_start.
create or replace macro period_end(period_type, period_start) as case period_type
  when 'week' then (period_start + 7)
  when 'month' then (period_start + interval 1 month)::date
  when 'quarter' then (period_start + interval 3 month)::date
  else (period_start + interval 12 month)::date
end;

-- The period's label: 2026-W47, 2026-11, 2026-Q4, 2026 (FY2027-Q1, FY2027 with a fiscal year not starting in January).
create or replace macro period_key(period_type, period_start, fy_start) as case period_type
  when 'week' then strftime(period_start, '%G-W%V')
  when 'month' then strftime(period_start, '%Y-%m')
  when 'quarter' then
    case when fy_start = 1 then '' else 'FY' end
    || year(period_start - to_months((month(period_start) - fy_start + 12) % 12) + interval 11 month)::varchar
    || '-Q' || (((month(period_start) - fy_start + 12) % 12) // 3 + 1)::varchar
  else
    case when fy_start = 1 then '' else 'FY' end || year(period_start + interval 11 month)::varchar
end;

-- Every period of the given types (a list: ['month', 'quarter']) holding a day from first_day to
-- last_day, with its start, end and label: int_periods looks back over the data, int_pipeline_periods
-- ahead over open deals, by the same rules.
create or replace macro periods_between(first_day, last_day, types, fy_start) as table
  select
    period_type,
    period_start,
    period_end(period_type, period_start) as period_end,
    period_key(period_type, period_start, fy_start) as period_key
  from (
    select distinct types.period_type, period_start(types.period_type, days.day, fy_start) as period_start
    from (select unnest(generate_series(first_day, last_day, interval 1 day))::date as day) as days
    cross join (select unnest(types) as period_type) as types
  );

-- 95% Wilson score interval of a proportion: k successes in n trials (METRICS.md: every rate carries one).
-- Unlike the normal approximation it stays inside [0, 1] and behaves at small n. Null when n = 0.
create or replace macro wilson_low(k, n) as case when n > 0 then
  ((k / n) + 1.96 ^ 2 / (2 * n) - 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96 ^ 2 / (4 * n ^ 2))) / (1 + 1.96 ^ 2 / n)
end;
create or replace macro wilson_high(k, n) as case when n > 0 then
  ((k / n) + 1.96 ^ 2 / (2 * n) + 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96 ^ 2 / (4 * n ^ 2))) / (1 + 1.96 ^ 2 / n)
end;

-- A step among the opportunity's stages: after the opportunity step and before won (config funnel.steps).
-- Only stage history can place a lost deal there; an export without any keeps no count or conversion there.
create or replace macro is_opportunity_stage(step_position) as
  step_position > (select max(step_order) filter (where step = 'opportunity') from config_funnel_step)
  and step_position < (select max(step_order) filter (where step = 'won') from config_funnel_step);

-- Why no change against the previous period is shown, for a period that is not whole or has no whole
-- period before it: the one rule every change on the site follows (a change is made only between two
-- complete periods wholly in the export).
create or replace macro change_note(is_complete, is_partial, has_previous) as case
  when not is_complete then say('period in progress', '진행 중인 기간')
  when is_partial then say('period partial: the export starts within it', '일부 기간: 내보낸 데이터가 기간 도중에 시작됩니다')
  when not has_previous then say('no previous period to compare with', '비교할 이전 기간이 없습니다')
  else say('previous period partial: the export starts within it', '이전 기간이 일부만 있습니다: 내보낸 데이터가 그 기간 도중에 시작됩니다')
end;

-- A loss reason's group (config `lossReasons`); unlisted reasons that read like "revisit in N months"
-- or name a competitor are grouped by those words, the rest are other.
-- The config is looked up in a map built once per query (an uncorrelated subquery): a lookup per row
-- (a correlated subquery) made every caller a join and cost seconds at a million records.
create or replace macro loss_reason_group(reason) as case
  when reason is null then null
  else coalesce(
    (select map_from_entries(list((match_key, reason_group))) from config_loss_reason)[match_key(reason)],
    case
      when regexp_matches(lower(reason), 'revisit|later|개월|다음') then 'revisit_later'
      when regexp_matches(lower(reason), 'competitor|경쟁') then 'competitor'
      else 'other'
    end)
end;

-- The N of "Revisit in N months" (also "N개월"): when a revisit-later loss is due for another approach.
create or replace macro revisit_months(reason) as
  try_cast(regexp_extract(lower(reason), '(\d+)\s*(?:months?|개월)', 1) as integer);

-- A date no record can have: before 1970 (a default or typo) or after today (the build's clock: an export
-- cannot hold what has not happened yet). Only validation reads the clock; metrics use int_as_of.
create or replace macro implausible_date(ts) as ts < timestamp '1970-01-01' or ts > current_date + interval 1 day;

-- The largest deal amount we believe, in the reporting currency; above it a value is a typo or a
-- placeholder (999999999999), not a deal.
create or replace macro implausible_amount(amount) as amount > 1e11;

-- A guess at the funnel step of a stage label the config does not map, from the words sales teams use
-- (English, Spanish, Korean), for the config line the data-quality page and --suggest-mapping propose.
-- Only a step the funnel has (or won/lost) is guessed; null when no word fits. A guess, never applied.
create or replace macro guess_stage_step(label) as (
  select guessed.step
  from (
    select 1 as priority, 'lost' as step where regexp_matches(lower(label), 'lost|perdid|dead|cancel|실패|취소|불발')
    union all select 2, 'won' where regexp_matches(lower(label), 'won|ganad|signed|firmad|수주|계약 ?완료|성공')
    union all select 3, 'negotiation' where regexp_matches(lower(label), 'negotiat|negocia|contract|contrato|협상|계약')
    union all select 4, 'proposal' where regexp_matches(lower(label), 'propos|propuesta|quote|cotiza|present|decision|제안|견적')
    union all select 5, 'discovery' where regexp_matches(lower(label), 'discover|descubr|qualif|calific|needs|necesidad|analys|anális|demo|니즈|분석|검증')
    union all select 6, 'opportunity' where regexp_matches(lower(label), 'prospec|appointment|meeting|reuni|new|nuev|initial|inicial|open|abiert|미팅|접수|신규')
  ) as guessed
  where guessed.step in ('won', 'lost') or guessed.step in (select step from config_funnel_step)
  order by guessed.priority
  limit 1
);

-- The same for a lead status: disqualified, the qualification steps, converted, or an open lead.
create or replace macro guess_lead_status_step(label) as (
  select guessed.step
  from (
    select 1 as priority, 'disqualified' as step where regexp_matches(lower(label), 'disqualif|unqualif|not convert|junk|lost|descalific|no calific|perdid|dead|실패|부적격')
    union all select 2, 'opportunity' where regexp_matches(lower(label), 'convert|opportunit|oportunidad|전환|영업기회')
    union all select 3, 'mql' where regexp_matches(lower(label), 'marketing.?qualif|mql')
    union all select 4, 'sql' where regexp_matches(lower(label), 'qualif|calific|sql|검증')
    union all select 5, 'lead' where regexp_matches(lower(label), 'new|nuev|open|abiert|working|contact|nurtur|recycl|trabaj|신규|접촉|육성')
  ) as guessed
  where guessed.step = 'disqualified' or guessed.step in (select step from config_funnel_step)
  order by guessed.priority
  limit 1
);

-- A loss reason that means "not a real deal" (config `excludedLossReasons`: word beginnings such as
-- "duplicat", matched against each word of the reason in any case and script): the word it matched, or
-- null. "Duplicate opportunity" → 'duplicat'; "Lost to competitor" → null.
create or replace macro excluded_loss_reason(reason) as case when reason is not null then
  list_filter(
    (select list(word order by word) from config_excluded_loss_reason),
    word -> list_bool_or(list_transform(string_split_regex(lower(reason), '[^\pL\pN]+'), token -> starts_with(token, word)))
  )[1]
end;

-- The export's closed and won flags, from its boolean columns or, where the CRM keeps the outcome as a
-- word instead (Pipedrive's Status: won, lost, open), from that word; null where it says nothing.
create or replace macro closed_flag(is_closed, status) as coalesce(
  parse_bool(is_closed),
  case match_key(status) when 'won' then true when 'lost' then true when 'open' then false end
);
create or replace macro won_flag(is_won, status) as coalesce(
  parse_bool(is_won),
  case match_key(status) when 'won' then true when 'lost' then false when 'open' then false end
);

-- The role a team plays in The Model (config teamRoles); null for 'unknown' and any team not configured.
-- The config's columns are renamed inside the macros so that an argument naming a column of the caller
-- (team, role) cannot bind to config_team_role's own columns of that name.
create or replace macro team_role(team_key) as (
  select config_role from (select team as config_team, role as config_role from config_team_role)
  where config_team = team_key
);

-- The team a role's record counts for: its owner's team when that team plays the role, else the role's
-- first team, so that every record counts once and none is dropped.
create or replace macro team_of_role(owner_team_key, role_key) as coalesce(
  (
    select config_team from (select team as config_team, role as config_role from config_team_role)
    where config_team = owner_team_key and config_role = role_key
  ),
  (
    select config_team from (select team as config_team, role as config_role, is_role_default as config_default from config_team_role)
    where config_role = role_key and config_default
  )
);

-- An amount summed over records: 0 when there are none, the sum of the known amounts when some are
-- unknown (a currency without an exchange rate; coverage area 'amounts' says how many), and unknown
-- (null) when records exist and not one has a known amount — never a 0 the export cannot support.
-- Called with the three aggregates under the same filter: amount_total(sum(a), count(a), count(*)).
create or replace macro amount_total(total_amount, known_amounts, record_count) as
  case when record_count > 0 and known_amounts = 0 then null else coalesce(total_amount, 0) end;
