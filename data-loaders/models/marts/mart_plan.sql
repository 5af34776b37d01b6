-- One row per channel (inbound, outbound, unknown, and all of them together): the trailing conversion
-- rates a bookings target is planned back from (METRICS.md "Reverse funnel", 목표 매출 역산).
--
-- The page computes the plan in the browser from these columns, for any target a person types in:
--   won_deals_needed     = target ÷ average_won_deal_size
--   opportunities_needed = won_deals_needed ÷ win_rate
--   sqls_needed          = opportunities_needed ÷ sql_to_opportunity_rate
--   mqls_needed          = sqls_needed ÷ mql_to_sql_rate
--   leads_needed         = mqls_needed ÷ lead_to_mql_rate
--   and the leads must come in about median_cycle_days_lead_to_won days before the bookings are due
--   (the date, per quarter, is mart_plan_deadlines').
-- (It assumes every opportunity comes from an SQL; opportunities created without a lead make the
-- lead, MQL and SQL figures an upper bound.)
-- Two windows, both shown as columns:
--   * deal figures (average won deal size, win rate = won ÷ closed, cycle) come from new-business deals
--     CLOSED in the trailing complete quarters (config `bottleneck.baselineQuarters`; fewer when the data is shorter);
--   * step conversions are cohort conversions, as in mart_funnel (a record reached a step if it entered
--     it or any later one; X → Y = records that reached X and Y ÷ records that reached X), over the
--     records that ENTERED the funnel in the latest trailing quarters (config `bottleneck.baselineQuarters`) that ended at least config `cohortMaturityDays` before the
--     as-of date: younger cohorts have not had time to convert and would make every rate look low.
-- A deal's channel is that of its funnel record (the lead's source, or the opportunity's when it had no
-- lead), so one channel means the same records from lead to won. Lead → won cycle: days from the
-- record's entry into the funnel (lead created, or the opportunity created when there was no lead) to
-- the close of the won deal.
-- @column channel: inbound, outbound, unknown, or all
-- @column average_won_deal_size: average amount of the won new-business deals closed in the closed-deal window
-- @column won_deals: won new-business deals closed in the closed-deal window (the average's n)
-- @column win_rate: won_deals ÷ closed_deals; null when none closed
-- @column closed_deals: new-business deals closed (won or lost) in the closed-deal window (win_rate's n)
-- @column win_rate_low: 95% Wilson interval, lower bound
-- @column win_rate_high: 95% Wilson interval, upper bound
-- @column sql_to_opportunity_rate: of the cohort's records that reached SQL, the share that reached opportunity
-- @column sqls: cohort records that reached SQL (sql_to_opportunity_rate's n)
-- @column sql_to_opportunity_rate_low: 95% Wilson interval, lower bound
-- @column sql_to_opportunity_rate_high: 95% Wilson interval, upper bound
-- @column mql_to_sql_rate: of the cohort's records that reached MQL, the share that reached SQL
-- @column mqls: cohort records that reached MQL (mql_to_sql_rate's n)
-- @column mql_to_sql_rate_low: 95% Wilson interval, lower bound
-- @column mql_to_sql_rate_high: 95% Wilson interval, upper bound
-- @column lead_to_mql_rate: of the cohort's leads, the share that reached MQL
-- @column leads: cohort records that reached the lead step (lead_to_mql_rate's n)
-- @column lead_to_mql_rate_low: 95% Wilson interval, lower bound
-- @column lead_to_mql_rate_high: 95% Wilson interval, upper bound
-- @column median_cycle_days_lead_to_won: median days from funnel entry to close, over the won deals of the closed-deal window
-- @column cycle_deals: won deals the median cycle is taken over (deals closed before their funnel entry are left out)
-- @column low_sample: one of the rates above rests on fewer records than config `minimumSample`
-- @column won_deals_low_sample: won_deals (the average deal size's n) is below config `minimumSample`
-- @column closed_deals_low_sample: closed_deals (the win rate's n) is below config `minimumSample`
-- @column sqls_low_sample: sqls is below config `minimumSample` (false when the rate is unknown)
-- @column mqls_low_sample: mqls is below config `minimumSample` (false when the rate is unknown)
-- @column leads_low_sample: leads is below config `minimumSample` (false when the rate is unknown)
-- @column closed_window_start: first day of the closed-deal window
-- @column closed_window_end: first day after the closed-deal window
-- @column cohort_window_start: first day of the cohort window
-- @column cohort_window_end: first day after the cohort window (at least config `cohortMaturityDays` before the as-of date)
-- @column note: why a figure is null, or what it leaves out, in the site's language
with periods as (
  select * from int_periods
),

as_of as (
  select as_of from int_as_of
),

records as (
  select * from int_funnel_records
),

opportunities as (
  select * from int_opportunities
),

steps as (
  select * from config_funnel_step
),

minimum_sample as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

channels as (
  select * from (values ('inbound', 1), ('outbound', 2), ('unknown', 3), ('all', 4)) as channels (channel, channel_order)
),

step_orders as (
  select
    max(step_order) filter (where step = 'lead') as lead_order,
    max(step_order) filter (where step = 'mql') as mql_order,
    max(step_order) filter (where step = 'sql') as sql_order,
    max(step_order) filter (where step = 'opportunity') as opportunity_order
  from steps
),

closed_window as (
  -- The trailing complete quarters (config `bottleneck.baselineQuarters`, the one trailing window).
  select
    min(period_start) as closed_window_start,
    max(period_end) as closed_window_end
  from (
    select period_start, period_end from periods
    where period_type = 'quarter' and is_complete
    qualify row_number() over (order by period_start desc) <= (select value::integer from config_setting where name = 'bottleneck_baseline_quarters')
  )
),

cohort_window as (
  -- The latest trailing quarters whose cohorts are mature (ended config `cohortMaturityDays` before the as-of date).
  select
    min(period_start) as cohort_window_start,
    max(period_end) as cohort_window_end
  from (
    select period_start, period_end from periods
    where period_type = 'quarter' and is_mature
    qualify row_number() over (order by period_start desc) <= (select value::integer from config_setting where name = 'bottleneck_baseline_quarters')
  )
),

availability as (
  select
    exists (select 1 from stg_leads) as has_leads,
    exists (select 1 from opportunities where outcome <> 'open' and close_date is not null) as has_close_dates
),

deal_records as (
  -- The funnel record a new-business deal came through: its channel and when it entered the funnel.
  select
    opportunity_id,
    arg_min(channel, created_at) as channel,
    min(created_at) as entered_at
  from records
  where opportunity_id is not null
  group by opportunity_id
),

closed_deals as (
  select
    coalesce(deal_records.channel, opportunities.channel) as channel,
    opportunities.outcome,
    opportunities.amount,
    datediff('day', coalesce(deal_records.entered_at, opportunities.created_at)::date, opportunities.close_date)
      as lead_to_won_days
  from opportunities
  cross join closed_window
  left join deal_records using (opportunity_id)
  where opportunities.motion = 'new_business'
    and opportunities.outcome <> 'open'
    and opportunities.close_date >= closed_window.closed_window_start
    and opportunities.close_date < closed_window.closed_window_end
),

deal_figures as (
  select
    channels.channel,
    count(closed_deals.outcome)::integer as closed_deals,
    count(closed_deals.outcome) filter (where closed_deals.outcome = 'won')::integer as won_deals,
    avg(closed_deals.amount) filter (where closed_deals.outcome = 'won') as average_won_deal_size,
    median(closed_deals.lead_to_won_days) filter (where closed_deals.outcome = 'won' and closed_deals.lead_to_won_days >= 0)
      as median_cycle_days_lead_to_won,
    count(closed_deals.outcome) filter (where closed_deals.outcome = 'won' and closed_deals.lead_to_won_days >= 0)::integer
      as cycle_deals,
    count(closed_deals.outcome) filter (where closed_deals.outcome = 'won' and closed_deals.lead_to_won_days < 0)::integer
      as backwards_cycles
  from channels
  left join closed_deals on channels.channel in ('all', closed_deals.channel)
  group by channels.channel
),

cohort as (
  select records.*
  from records
  cross join cohort_window
  where records.created_at >= cohort_window.cohort_window_start
    and records.created_at < cohort_window.cohort_window_end
),

cohort_conversions as (
  -- reached X = entry_order ≤ order(X) ≤ reached_order, as in mart_funnel.
  select
    channels.channel,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.sql_order and cohort.reached_order >= step_orders.sql_order)::integer
      as sqls,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.sql_order and cohort.reached_order >= step_orders.opportunity_order)::integer
      as sqls_to_opportunity,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.mql_order and cohort.reached_order >= step_orders.mql_order)::integer
      as mqls,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.mql_order and cohort.reached_order >= step_orders.sql_order)::integer
      as mqls_to_sql,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.lead_order and cohort.reached_order >= step_orders.lead_order)::integer
      as leads,
    count(cohort.record_id) filter (where cohort.entry_order <= step_orders.lead_order and cohort.reached_order >= step_orders.mql_order)::integer
      as leads_to_mql
  from channels
  cross join step_orders
  left join cohort on channels.channel in ('all', cohort.channel)
  group by channels.channel
),

combined as (
  select
    channels.channel,
    channels.channel_order,
    deal_figures.average_won_deal_size,
    deal_figures.won_deals,
    deal_figures.closed_deals,
    deal_figures.median_cycle_days_lead_to_won,
    deal_figures.cycle_deals,
    deal_figures.backwards_cycles,
    -- Without leads, or without a cohort old enough, the step conversions are unknown, not zero.
    case when availability.has_leads and cohort_window.cohort_window_start is not null then cohort_conversions.sqls end as sqls,
    cohort_conversions.sqls_to_opportunity,
    case when availability.has_leads and cohort_window.cohort_window_start is not null then cohort_conversions.mqls end as mqls,
    cohort_conversions.mqls_to_sql,
    case when availability.has_leads and cohort_window.cohort_window_start is not null then cohort_conversions.leads end as leads,
    cohort_conversions.leads_to_mql,
    availability.has_leads,
    availability.has_close_dates,
    closed_window.closed_window_start,
    closed_window.closed_window_end,
    cohort_window.cohort_window_start,
    cohort_window.cohort_window_end
  from channels
  cross join availability
  cross join closed_window
  cross join cohort_window
  left join deal_figures using (channel)
  left join cohort_conversions using (channel)
),

final as (
  select
    channel,
    average_won_deal_size,
    won_deals,
    won_deals / nullif(closed_deals, 0) as win_rate,
    closed_deals,
    wilson_low(won_deals, closed_deals) as win_rate_low,
    wilson_high(won_deals, closed_deals) as win_rate_high,
    sqls_to_opportunity / nullif(sqls, 0) as sql_to_opportunity_rate,
    sqls,
    wilson_low(sqls_to_opportunity, sqls) as sql_to_opportunity_rate_low,
    wilson_high(sqls_to_opportunity, sqls) as sql_to_opportunity_rate_high,
    mqls_to_sql / nullif(mqls, 0) as mql_to_sql_rate,
    mqls,
    wilson_low(mqls_to_sql, mqls) as mql_to_sql_rate_low,
    wilson_high(mqls_to_sql, mqls) as mql_to_sql_rate_high,
    leads_to_mql / nullif(leads, 0) as lead_to_mql_rate,
    leads,
    wilson_low(leads_to_mql, leads) as lead_to_mql_rate_low,
    wilson_high(leads_to_mql, leads) as lead_to_mql_rate_high,
    median_cycle_days_lead_to_won::double as median_cycle_days_lead_to_won,
    cycle_deals,
    -- least() skips nulls: rates the export cannot support do not count.
    coalesce(least(closed_deals, sqls, mqls, leads), 0) < (select minimum_sample from minimum_sample) as low_sample,
    -- Each divisor of the reverse funnel against the minimum sample, for the step it is divided into.
    won_deals < (select minimum_sample from minimum_sample) as won_deals_low_sample,
    closed_deals < (select minimum_sample from minimum_sample) as closed_deals_low_sample,
    coalesce(sqls < (select minimum_sample from minimum_sample), false) as sqls_low_sample,
    coalesce(mqls < (select minimum_sample from minimum_sample), false) as mqls_low_sample,
    coalesce(leads < (select minimum_sample from minimum_sample), false) as leads_low_sample,
    closed_window_start,
    closed_window_end,
    cohort_window_start,
    cohort_window_end,
    nullif(concat_ws('; ',
      case when not has_close_dates then
        say('no closed opportunity has a close date: deal size, win rate and cycle cannot be computed',
          '종료된 영업기회에 종료일이 하나도 없습니다: 평균 수주 금액, 승률, 영업 사이클을 계산할 수 없습니다')
      end,
      case when has_close_dates and closed_window_start is null then
        say('no complete quarter yet: deal size, win rate and cycle cannot be computed',
          '끝난 분기가 아직 없습니다: 평균 수주 금액, 승률, 영업 사이클을 계산할 수 없습니다')
      end,
      case when not has_leads then
        say('the export has no leads: lead, MQL and SQL conversions cannot be computed',
          '내보낸 데이터에 리드가 없습니다: 리드, MQL, SQL 전환율을 계산할 수 없습니다')
      end,
      case when has_leads and cohort_window_start is null then
        say('no quarter ended ' || (select value from config_setting where name = 'cohort_maturity_days') || ' days before the as-of date: cohort conversions cannot be computed yet',
          '기준일보다 ' || (select value from config_setting where name = 'cohort_maturity_days') || '일 이상 전에 끝난 분기가 없습니다: 코호트 전환율은 아직 계산할 수 없습니다')
      end,
      case when backwards_cycles > 0 then
        say(backwards_cycles::varchar || ' won deals close before they entered the funnel and are left out of the cycle',
          '수주 ' || backwards_cycles::varchar || '건은 퍼널에 들어오기 전에 종료되어 영업 사이클에서 제외됩니다')
      end
    ), '') as note,
    channel_order
  from combined
)

select * exclude (channel_order) from final
order by channel_order
