-- One row: the date the data describes ("as of"). Every "now" in a metric (open days, overdue, due for
-- recycling, complete periods, a close date that has not happened yet) is this date, never the clock, so
-- a dashboard built twice from the same exports shows the same numbers, and an export opened a year later
-- shows the year it holds.
--
-- It is config `asOf` when set. Else the latest creation, change or stage date in the export. When the
-- export records when deals were changed (Salesforce LastModifiedDate, HubSpot "Last Modified Date"),
-- close dates never move it: closing a deal changes it, so a closed deal dated later (2030) is a typo or
-- a plan, not the present, and stg_opportunities sets it aside. An export without change dates (a
-- hand-made or mapped file) has no better witness of time than its closed deals' close dates, which then
-- count. Dates after the build's clock are ignored: an export cannot hold what has not happened yet.
-- Read from the sources directly, because staging judges close dates against it.
-- @column as_of: the date the data describes
-- @column as_of_source: config (asOf set), export (its latest date) or clock (an export without dates)
-- @column as_of_reason: which of the export's dates it is, for the data-quality page (in the site's language)
with candidates as (
  select say('lead created', '리드 생성일') as what, parse_timestamp(created_at) as ts from src_leads
  union all select say('lead changed', '리드 수정일'), parse_timestamp(modified_at) from src_leads
  union all select say('opportunity created', '영업기회 생성일'), parse_timestamp(created_at) from src_opportunities
  union all select say('opportunity changed', '영업기회 수정일'), parse_timestamp(modified_at) from src_opportunities
  union all select say('stage change', '단계 변경일'), parse_timestamp(entered_at) from src_opportunity_history
  union all
  select say('closed deal''s close date', '종결된 영업기회의 마감일'), parse_timestamp(close_date)
  from src_opportunities
  where opportunity_outcome(closed_flag(is_closed, status), won_flag(is_won, status), stage_step(stage_name, pipeline)) <> 'open'
    and not exists (select 1 from src_opportunities where modified_at is not null)
),

-- Each kind's latest date that can be true: not before 1970, not after the build's clock.
plausible as (
  select what, max(ts)::date as day
  from candidates
  where ts >= timestamp '1970-01-01' and ts <= current_date + interval 1 day
  group by what
),

latest as (
  select day, string_agg(what, ', ' order by what) as what
  from plausible
  where day = (select max(day) from plausible)
  group by day
),

configured as (
  select value::date as day from config_setting where name = 'as_of'
),

final as (
  select
    coalesce((select day from configured), (select day from latest), current_date) as as_of,
    case
      when exists (select 1 from configured) then 'config'
      when exists (select 1 from latest) then 'export'
      else 'clock'
    end as as_of_source,
    case
      when exists (select 1 from configured) then say('set in config (asOf)', '설정 (asOf)에서 지정')
      when exists (select 1 from latest) then say('the latest date in the export: ', '내보내기의 가장 최근 날짜: ') || (select what from latest)
      else say('the export holds no dates: the build''s date', '내보내기에 날짜가 없음: 빌드한 날짜')
    end as as_of_reason
)

select * from final
