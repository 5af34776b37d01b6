-- One row per setting the user must decide: a value of the export that the config does not map, a
-- currency with no rate, a field read in place of the configured one, or a stage whose label the CRM's
-- own flags contradict. Nothing here loses a row: an unmapped stage or status keeps its record (only its
-- funnel step is unknown), a currency without a rate keeps its deals in every count (their amount is
-- unknown). Each row carries the config line that settles it, with a guess where the words allow one;
-- the data-quality page leads with this list.
-- @column kind: opportunity_stage, currency, lead_status, field, owner_team, outcome_flags, lead_source, department, opportunity_type or loss_reason
-- @column pipeline: the pipeline of a stage, where the export has pipelines (its stages are mapped per pipeline); null otherwise
-- @column value: the value as the export has it (a currency code; a config key for a field)
-- @column setting: the config setting to add it to
-- @column config_path: where in the config the value goes, as a JSON list of keys (["funnel", "opportunityStages"], ["pipelines", "<name>", "stages"])
-- @column suggestion: what to set it to, where the CRM's flags or the value's words suggest it (a guess to check); null when nobody can guess
-- @column config_line: the JSON to add to the config, with the suggestion where there is one ("?" where there is none)
-- @column guessed: the suggestion is a guess from the CRM's flags or the value's words (fields: the field found)
-- @column consequence: what happens to these records until it is settled
-- @column records: records (deals, leads, users) carrying the value, as loaded
-- @column history_rows: stage-history rows carrying the stage (opportunity_stage only)
-- @column stage_position: where the stage typically comes in its pipeline, from the export's own stage history (the median, over deals, of the order in which each deal first entered it; 1 = first); null where the export has no history of it. Stages are listed in this order (closing stages last), so they can be mapped in the order the CRM runs them
-- @column priority: 1 first: the order the page lists them in (stages, currencies, statuses, fields, owners without a team, flags, then the rest)
with stage_values as (
  select
    pipeline, stage_name as value, count(*) as records, 0 as history_rows,
    bool_and(outcome = 'won' and outcome_source = 'flags') as all_won,
    bool_and(outcome = 'lost' and outcome_source = 'flags') as all_lost,
    bool_or(outcome = 'open' and outcome_source = 'flags') as any_open
  from stg_opportunities where stage_step is null and stage_name is not null group by all
  union all
  select pipeline, stage_name, 0, count(*), null, null, null
  from stg_opportunity_history where stage_step is null and stage_name is not null group by all
),

-- The guess: what the CRM's own flags say of the deals in the stage (every one won, or every one lost),
-- else the stage's words, but never won or lost for a stage that holds open deals.
stages as (
  select
    kind, pipeline, value, records, history_rows,
    case
      when all_won then 'won'
      when all_lost then 'lost'
      when any_open and word_guess in ('won', 'lost') then null
      else word_guess
    end as guess
  from (
    select
      'opportunity_stage' as kind,
      pipeline,
      value,
      sum(records)::integer as records,
      sum(history_rows)::integer as history_rows,
      bool_and(all_won) as all_won,
      bool_and(all_lost) as all_lost,
      bool_or(any_open) as any_open,
      guess_stage_step(value) as word_guess
    from (
      select pipeline, first(value order by records desc) over (partition by pipeline, match_key(value)) as value, records, history_rows,
        all_won, all_lost, any_open
      from stage_values
    )
    group by all
  )
),

statuses as (
  select 'lead_status' as kind, null::varchar as pipeline, status as value, count(*)::integer as records, guess_lead_status_step(status) as guess
  from stg_leads where status_step is null and status is not null
  group by all
),

currencies as (
  select
    currency,
    count(*)::integer as records,
    sum(amount_original) as amount_original
  from stg_opportunities
  where exchange_rate is null and amount_original is not null
  group by currency
),

-- Deal owners no setting places in a team (their department is empty or unknown to config, and no
-- pattern fits their role, profile or title), or who are not in the user file at all.
unplaced_owners as (
  select coalesce(users.user_name, deals.owner_id) as owner, count(*)::integer as records
  from stg_opportunities as deals
  left join stg_users as users on users.user_id = deals.owner_id
  where deals.owner_id is not null and coalesce(users.team, 'unknown') = 'unknown' and deals.pipeline_team is null
  group by all
),

flags as (
  select pipeline, stage_name as value, count(*)::integer as records, string_agg(distinct outcome, ', ' order by outcome) as outcomes
  from stg_opportunities where stage_disagrees
  group by all
),

others as (
  select kind, value, count(*)::integer as records
  from (
    select 'lead_source' as kind, lead_source as value, match_key(lead_source) as key from stg_leads
    union all select 'lead_source', lead_source, match_key(lead_source) from stg_opportunities
    union all select 'department', department, match_key(department) from stg_users
    union all select 'opportunity_type', opportunity_type, match_key(opportunity_type) from stg_opportunities
    union all select 'loss_reason', loss_reason, match_key(loss_reason) from stg_opportunities
    union all select 'loss_reason', loss_reason, match_key(loss_reason) from stg_leads
  )
  where value is not null
    and case kind
      when 'lead_source' then key not in (select match_key from config_channel)
      when 'department' then key not in (select match_key from config_team)
      when 'opportunity_type' then key not in (select match_key from config_opportunity_type)
      when 'loss_reason' then key not in (select match_key from config_loss_reason)
    end
  group by all
),

reporting as (
  select value as currency from config_setting where name = 'currency'
),

rows_to_decide as (
  select
    kind,
    pipeline,
    value,
    case when pipeline is null then 'funnel.opportunityStages' else 'pipelines.' || pipeline || '.stages' end as setting,
    case when pipeline is null then '["funnel", "opportunityStages"]' else '["pipelines", ' || to_json(pipeline) || ', "stages"]' end as config_path,
    guess as suggestion,
    case
      when pipeline is null then '"funnel": {"opportunityStages": {' || to_json(value) || ': "' || coalesce(guess, '?') || '"}}'
      else '"pipelines": {' || to_json(pipeline) || ': {"stages": {' || to_json(value) || ': "' || coalesce(guess, '?') || '"}}}'
    end as config_line,
    guess is not null as guessed,
    'kept with outcome, amount and dates; funnel step unknown: an open or lost deal counts only up to the opportunity step' as consequence,
    records,
    history_rows,
    1 as priority
  from stages
  union all
  select
    'currency', null, currency, 'exchangeRates', '["exchangeRates"]', null,
    '"exchangeRates": {' || to_json(currency) || ': ?}',
    false,
    'deals kept in every count; their amount (' || format('{:,.0f}', amount_original) || ' ' || currency
      || ') is unknown and left out of amount figures until the value of one ' || currency || ' in '
      || (select currency from reporting) || ' is set (or the export carries CurrencyType.csv)',
    records, null, 2
  from currencies
  union all
  select
    kind, pipeline, value, 'funnel.leadStatuses', '["funnel", "leadStatuses"]', guess,
    '"funnel": {"leadStatuses": {' || to_json(value) || ': "' || coalesce(guess, '?') || '"}}',
    guess is not null,
    'leads kept; they reach the funnel by their conversion flag and MQL/SQL/conversion dates, and count as open',
    records, null, 3
  from statuses
  union all
  select
    'field', null, role, 'salesforce.customFields', '["salesforce", "customFields"]', found,
    '"salesforce": {"customFields": {' || to_json(role) || ': ' || to_json(found) || '}}',
    true,
    'read from ' || found || ' (' || filled_rows || ' rows with a value), because '
      || coalesce(configured || ' is ' || reason, 'config names no field for it') || '; set it to confirm',
    filled_rows::integer, null, 4
  from dq_field_choices
  union all
  select
    'owner_team', null, owner, 'ownerTeams', '["ownerTeams"]', null,
    '"ownerTeams": {' || to_json(owner) || ': "?"}', false,
    'their deals count under team "unknown": not in field sales'' or inside sales'' figures',
    records, null, 5
  from unplaced_owners
  union all
  select
    'outcome_flags', pipeline, value, null, null, null, null, false,
    'the CRM''s closed/won flags decide (counted as ' || outcomes || '), not the stage''s mapping',
    records, null, 6
  from flags
  union all
  select
    kind, null, value,
    case kind
      when 'lead_source' then 'channels'
      when 'department' then 'teams'
      when 'opportunity_type' then 'opportunityTypes'
      else 'lossReasons'
    end,
    '["' || case kind
      when 'lead_source' then 'channels'
      when 'department' then 'teams'
      when 'opportunity_type' then 'opportunityTypes'
      else 'lossReasons'
    end || '"]',
    null,
    '"' || case kind
      when 'lead_source' then 'channels'
      when 'department' then 'teams'
      when 'opportunity_type' then 'opportunityTypes'
      else 'lossReasons'
    end || '": {' || to_json(value) || ': "?"}',
    false,
    case kind
      when 'lead_source' then 'channel shown as unknown'
      when 'department' then 'team shown as unknown'
      when 'opportunity_type' then 'read as new business'
      else 'grouped as ' || loss_reason_group(value)
    end,
    records, null, 7
  from others
),

-- The order a CRM runs its stages in, per pipeline, as its deals lived it (mapped stages included, so the
-- positions of the unmapped ones sit among them).
stage_positions as (
  select pipeline, match_key(stage_name) as stage_key, median(position)::double as stage_position
  from (
    select pipeline, stage_name, row_number() over (partition by opportunity_id order by first_entered, stage_name) as position
    from (
      select opportunity_id, pipeline, stage_name, min(entered_at) as first_entered
      from stg_opportunity_history where stage_name is not null and entered_at is not null
      group by all
    )
  )
  group by all
),

final as (
  select
    d.kind, d.pipeline, d.value, d.setting, d.config_path, d.suggestion, d.config_line, d.guessed, d.consequence, d.records,
    d.history_rows, p.stage_position, d.priority
  from rows_to_decide as d
  left join stage_positions as p
    on d.kind = 'opportunity_stage' and p.pipeline is not distinct from d.pipeline and p.stage_key = match_key(d.value)
)

-- A closing stage comes after the stages deals move through, though a deal lost early reaches it second.
select * from final
order by priority, kind, pipeline, coalesce(suggestion in ('won', 'lost'), false), stage_position nulls last, records desc, value
