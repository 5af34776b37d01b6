-- One row per month, quarter and year from the current period (the one holding the as-of date) to the
-- last period an open deal is expected to close in: open pipeline due, the bookings target still to
-- reach, pipeline coverage and sales velocity (METRICS.md "Pipeline and planning"). Past periods are
-- not listed: what was open in them is not kept by an export (no snapshots).
--
-- Pipeline and bookings are those of field sales' bookings KPI (mart_team_kpis): new-business and
-- expansion deals. An open deal falls due in the period of its expected close date; an overdue deal
-- (close date before the as-of date) is still open, so it is counted in the CURRENT period, where it
-- has to close if it closes at all (overdue_count says how many of the current period's deals those are).
--   remaining_target = the bookings target of the period's field-sales teams (summed) − bookings won so far in it, floored at 0
--   coverage         = open_amount ÷ remaining_target (null without a target, or when nothing remains)
--   coverage_state   = no_target (no bookings target set), met (nothing remains to reach), unknown (the open
--                      pipeline due or the bookings won cannot be told), healthy (coverage at or above config
--                      `coverageThreshold`, 3×) or short (below it)
--   sales velocity   = open opportunities × win rate × average won deal size ÷ average cycle days,
--                      in reporting currency per day. Its inputs come from new business closed in the
--                      trailing complete quarters of config `bottleneck.baselineQuarters` (the baseline_* columns; fewer when the data is
--                      shorter): win rate = won ÷ closed by count, average won deal size and average
--                      cycle (created → closed, days) of the won deals; open opportunities = every open
--                      new-business deal now, whatever its close date. Velocity describes the pipeline
--                      as a whole, not a period: it is the same on every row, so a page reads it anywhere.
-- @column period_type: month, quarter or year
-- @column period_key: period label (int_periods)
-- @column period_start: first day of the period
-- @column period_end: first day after the period
-- @column period_last_day: last day of the period (the day before period_end), the day a plan for the period must be reached by
-- @column is_current: the period holds the as-of date
-- @column open_amount: amount of open new-business and expansion deals due in the period (overdue deals in the current period); null when no open deal has an expected close date
-- @column open_count: number of those deals; null when no open deal has an expected close date
-- @column overdue_amount: amount of the overdue deals counted in this (current) period; 0 in future periods; null when no open deal has an expected close date
-- @column overdue_count: number of overdue deals counted in this (current) period; 0 in future periods; null when no open deal has an expected close date
-- @column target: bookings target of the period, summed over the teams playing field_sales (config teamRoles) (monthly × 3 for a quarter, × 12 for a year); null when none is set
-- @column bookings_won: new-business and expansion bookings won in the period so far (by close date)
-- @column remaining_target: target − bookings_won, floored at 0; null without a target
-- @column coverage: open_amount ÷ remaining_target; null without a target or when nothing remains to reach
-- @column coverage_state: healthy (coverage ≥ config `coverageThreshold`), short (below it), met (target set and nothing remains to reach), no_target (no bookings target) or unknown (open pipeline or bookings won unknown)
-- @column velocity_open_opportunities: open new-business deals now (velocity input)
-- @column baseline_closed_deals: new-business deals closed in the baseline quarters (win rate n)
-- @column baseline_won_deals: of those, won
-- @column win_rate: baseline_won_deals ÷ baseline_closed_deals; null when none closed
-- @column win_rate_low: 95% Wilson interval, lower bound
-- @column win_rate_high: 95% Wilson interval, upper bound
-- @column low_sample: baseline_closed_deals is below config `minimumSample`
-- @column average_won_deal_size: average amount of the baseline's won deals
-- @column average_cycle_days: average days from creation to close of the baseline's won deals (deals closed before their creation date are left out)
-- @column sales_velocity_per_day: velocity_open_opportunities × win_rate × average_won_deal_size ÷ average_cycle_days
-- @column sales_velocity_per_month: sales_velocity_per_day × 365 ÷ 12 (an average month)
-- @column baseline_start: first day of the baseline (the earliest of the trailing complete quarters)
-- @column baseline_end: first day after the baseline
-- @column baseline_quarters: complete quarters in the baseline (config `bottleneck.baselineQuarters`, or fewer when the data is shorter)
-- @column note: what the figures leave out (open deals without a close date or due beyond the horizon), or why they are null, in the site's language
with periods as (
  select * from int_pipeline_periods
),

as_of as (
  select as_of from int_as_of
),

opportunities as (
  select * from int_opportunities
),

targets as (
  -- The bookings target of every field-sales team (config teamRoles), summed; null when none is set.
  select sum(monthly_target) as monthly_target from config_target where team_role(team) = 'field_sales' and kpi = 'bookings'
),

minimum_sample as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

coverage_threshold as (
  select value::double as coverage_threshold from config_setting where name = 'coverage_threshold'
),

availability as (
  select
    exists (select 1 from opportunities) as has_opportunities,
    exists (select 1 from opportunities where outcome <> 'open' and close_date is not null) as has_close_dates,
    (select max(period_end) from periods) as horizon_end
),

open_deals as (
  select
    opportunities.opportunity_id,
    opportunities.amount,
    opportunities.close_date,
    opportunities.close_date < as_of.as_of as is_overdue,
    -- An overdue deal is due now (greatest() skips nulls: a deal without a close date stays undated).
    case when opportunities.close_date is not null then greatest(opportunities.close_date, as_of.as_of) end as due_day
  from opportunities
  cross join as_of
  where opportunities.outcome = 'open' and opportunities.motion in ('new_business', 'expansion')
),

pipeline_by_period as (
  select
    periods.period_type,
    periods.period_key,
    amount_total(sum(open_deals.amount), count(open_deals.amount), count(open_deals.opportunity_id))::double as open_amount,
    count(open_deals.opportunity_id)::integer as open_count,
    amount_total(
      sum(open_deals.amount) filter (where open_deals.is_overdue),
      count(open_deals.amount) filter (where open_deals.is_overdue),
      count(open_deals.opportunity_id) filter (where open_deals.is_overdue)
    )::double as overdue_amount,
    count(open_deals.opportunity_id) filter (where open_deals.is_overdue)::integer as overdue_count
  from periods
  left join open_deals on open_deals.due_day >= periods.period_start and open_deals.due_day < periods.period_end
  group by all
),

bookings_by_period as (
  select
    periods.period_type,
    periods.period_key,
    amount_total(sum(opportunities.amount), count(opportunities.amount), count(opportunities.opportunity_id))::double as bookings_won
  from periods
  left join opportunities
    on opportunities.outcome = 'won'
    and opportunities.motion in ('new_business', 'expansion')
    and opportunities.close_date >= periods.period_start
    and opportunities.close_date < periods.period_end
  group by all
),

baseline_quarters as (
  -- The trailing complete quarters (config `bottleneck.baselineQuarters`; fewer when the data is shorter).
  select period_start, period_end
  from int_periods
  where period_type = 'quarter' and is_complete
  qualify row_number() over (order by period_start desc) <= (select value::integer from config_setting where name = 'bottleneck_baseline_quarters')
),

baseline as (
  select
    min(period_start) as baseline_start,
    max(period_end) as baseline_end,
    count(*)::integer as baseline_quarters
  from baseline_quarters
),

baseline_deals as (
  select
    count(*)::integer as baseline_closed_deals,
    count(*) filter (where opportunities.outcome = 'won')::integer as baseline_won_deals,
    avg(opportunities.amount) filter (where opportunities.outcome = 'won') as average_won_deal_size,
    -- A deal closed before it was created is a data error, not a negative cycle.
    avg(opportunities.cycle_days) filter (where opportunities.outcome = 'won' and opportunities.cycle_days >= 0)
      as average_cycle_days,
    count(*) filter (where opportunities.outcome = 'won' and opportunities.cycle_days < 0)::integer as backwards_cycles
  from opportunities
  cross join baseline
  where opportunities.motion = 'new_business'
    and opportunities.outcome <> 'open'
    and opportunities.close_date >= baseline.baseline_start
    and opportunities.close_date < baseline.baseline_end
),

velocity as (
  select
    (select count(*) from opportunities where outcome = 'open' and motion = 'new_business')::integer
      as velocity_open_opportunities,
    baseline_deals.baseline_closed_deals,
    baseline_deals.baseline_won_deals,
    baseline_deals.baseline_won_deals / nullif(baseline_deals.baseline_closed_deals, 0) as win_rate,
    wilson_low(baseline_deals.baseline_won_deals, baseline_deals.baseline_closed_deals) as win_rate_low,
    wilson_high(baseline_deals.baseline_won_deals, baseline_deals.baseline_closed_deals) as win_rate_high,
    baseline_deals.baseline_closed_deals < (select minimum_sample from minimum_sample) as low_sample,
    baseline_deals.average_won_deal_size,
    baseline_deals.average_cycle_days,
    baseline_deals.backwards_cycles,
    baseline.baseline_start,
    baseline.baseline_end,
    baseline.baseline_quarters
  from baseline_deals
  cross join baseline
),

unplaced as (
  -- Open deals no period holds: no expected close date, or due beyond the horizon.
  select
    count(*) filter (where close_date is null)::integer as undated_count,
    count(*) filter (where close_date is not null)::integer as dated_count,
    count(*) filter (where due_day >= (select horizon_end from availability))::integer as beyond_horizon_count
  from open_deals
),

with_targets as (
  select
    periods.*,
    pipeline_by_period.open_amount,
    pipeline_by_period.open_count,
    pipeline_by_period.overdue_amount,
    pipeline_by_period.overdue_count,
    targets.monthly_target * case periods.period_type
      when 'month' then 1.0
      when 'quarter' then 3.0
      when 'year' then 12.0
    end as target,
    case when availability.has_close_dates then bookings_by_period.bookings_won end as bookings_won
  from periods
  cross join availability
  left join targets on true
  left join pipeline_by_period using (period_type, period_key)
  left join bookings_by_period using (period_type, period_key)
  where availability.has_opportunities
),

final as (
  select
    with_targets.period_type,
    with_targets.period_key,
    with_targets.period_start,
    with_targets.period_end,
    with_targets.period_last_day,
    with_targets.is_current,
    -- When no open deal has an expected close date, what is due (or overdue) in a period is unknown, not 0.
    case when not pipeline_undated then with_targets.open_amount end as open_amount,
    case when not pipeline_undated then with_targets.open_count end as open_count,
    case when not pipeline_undated then with_targets.overdue_amount end as overdue_amount,
    case when not pipeline_undated then with_targets.overdue_count end as overdue_count,
    with_targets.target,
    with_targets.bookings_won,
    -- greatest() skips nulls, so the null cases are kept apart.
    case when with_targets.target is not null and with_targets.bookings_won is not null then
      greatest(with_targets.target - with_targets.bookings_won, 0)
    end as remaining_target,
    -- The open amount as shown (null when no open deal has a close date): a bare open_amount here would be
    -- with_targets' column (0 then), not the column above, and make an unknown pipeline look like 0×.
    (case when not pipeline_undated then with_targets.open_amount end) / nullif(remaining_target, 0) as coverage,
    case
      when with_targets.target is null then 'no_target'
      when remaining_target = 0 then 'met'
      when coverage is null then 'unknown'
      when coverage >= (select coverage_threshold from coverage_threshold) then 'healthy'
      else 'short'
    end as coverage_state,
    velocity.velocity_open_opportunities,
    velocity.baseline_closed_deals,
    velocity.baseline_won_deals,
    velocity.win_rate,
    velocity.win_rate_low,
    velocity.win_rate_high,
    velocity.low_sample,
    velocity.average_won_deal_size,
    velocity.average_cycle_days,
    velocity.velocity_open_opportunities * velocity.win_rate * velocity.average_won_deal_size
      / nullif(velocity.average_cycle_days, 0) as sales_velocity_per_day,
    sales_velocity_per_day * 365 / 12 as sales_velocity_per_month,
    velocity.baseline_start,
    velocity.baseline_end,
    velocity.baseline_quarters,
    nullif(concat_ws('; ',
      case when not availability.has_close_dates then
        say('no closed opportunity has a close date: bookings, coverage and velocity cannot be computed',
          '종료된 영업기회에 종료일이 하나도 없습니다: 수주 금액, 파이프라인 커버리지, 영업 속도를 계산할 수 없습니다')
      end,
      case when availability.has_close_dates and velocity.baseline_quarters = 0 then
        say('no complete quarter yet: velocity cannot be computed', '끝난 분기가 아직 없습니다: 영업 속도를 계산할 수 없습니다')
      end,
      case when velocity.backwards_cycles > 0 then
        say(velocity.backwards_cycles::varchar || ' won deals of the baseline close before they were created and are left out of the average cycle',
          '기준 기간의 수주 ' || velocity.backwards_cycles::varchar || '건은 생성일보다 종료일이 빨라 평균 영업 사이클에서 제외됩니다')
      end,
      case when unplaced.undated_count > 0 then
        say(unplaced.undated_count::varchar || ' open deals have no expected close date and are in no period',
          '진행 중인 영업기회 ' || unplaced.undated_count::varchar || '건은 예상 종료일이 없어 어느 기간에도 속하지 않습니다')
      end,
      case when unplaced.beyond_horizon_count > 0 then
        say(unplaced.beyond_horizon_count::varchar || ' open deals are expected to close more than two years ahead and are in no period',
          '진행 중인 영업기회 ' || unplaced.beyond_horizon_count::varchar || '건은 예상 종료일이 2년 넘게 남아 어느 기간에도 속하지 않습니다')
      end
    ), '') as note
  from with_targets
  cross join availability
  cross join velocity
  cross join unplaced
  cross join lateral (select unplaced.dated_count = 0 and unplaced.undated_count > 0 as pipeline_undated)
)

select * from final
order by period_type, period_start
