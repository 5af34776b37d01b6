-- One row per period (quarter, year) × channel × tier ('all' for every one) × funnel step: the funnel the
-- overview draws for the period — the cohorts that entered in the twelve months up to the period's end
-- (recent enough to act on, old enough to have converted) — with every figure it shows: records reached,
-- conversion to the next step, from the previous, and from the top. Summed from mart_funnel, the one
-- definition of reached and advanced. Steps no record of the export can reach (an export without leads
-- has no lead, MQL or SQL step) have no row: a funnel never draws a step as 0 that the export cannot tell.
-- @column period_type: quarter or year
-- @column period_key: the period whose end closes the window
-- @column window_start: first cohort month in the window
-- @column window_end: first day after the window (the period's end)
-- @column channel: inbound, outbound, unknown, or all
-- @column tier: A, B, C, unknown, or all
-- @column step: funnel step key
-- @column step_order: position of the step
-- @column team: team that owns the step
-- @column reached: records of the window's cohorts that reached the step
-- @column advanced: of those, records that reached the next step (null for the last step)
-- @column conversion_to_next: advanced ÷ reached
-- @column conversion_from_previous: of the records that reached the previous step, the share that reached this one (the previous step's conversion_to_next; null for the first step shown)
-- @column from_top: the share of the top step's records that got this far: the product of the conversions above (records entering mid-funnel, as opportunities without a lead do, are not counted twice)
with periods as (
  select period_type, period_key, period_end as window_end, (period_end - interval 12 month)::date as window_start
  from int_periods
  where period_type in ('quarter', 'year')
),

-- Steps the export can tell anything of: some record entered at or before them.
steps_with_data as (
  select step
  from mart_funnel
  group by step, step_order
  having step_order >= (select min(step_order) from mart_funnel where entered > 0)
),

summed as (
  select
    periods.period_type,
    periods.period_key,
    periods.window_start,
    periods.window_end,
    coalesce(funnel.channel, 'all') as channel,
    coalesce(funnel.tier, 'all') as tier,
    funnel.step,
    any_value(funnel.step_order) as step_order,
    any_value(funnel.team) as team,
    sum(funnel.reached)::integer as reached,
    sum(funnel.advanced)::integer as advanced
  from periods
  join mart_funnel as funnel
    on funnel.cohort_month >= periods.window_start and funnel.cohort_month < periods.window_end
  where funnel.step in (select step from steps_with_data)
  group by grouping sets (
    (periods.period_type, periods.period_key, periods.window_start, periods.window_end, funnel.step),
    (periods.period_type, periods.period_key, periods.window_start, periods.window_end, funnel.step, funnel.channel),
    (periods.period_type, periods.period_key, periods.window_start, periods.window_end, funnel.step, funnel.tier),
    (periods.period_type, periods.period_key, periods.window_start, periods.window_end, funnel.step, funnel.channel, funnel.tier)
  )
),

converted as (
  select *, advanced / nullif(reached, 0) as conversion_to_next
  from summed
),

final as (
  select
    *,
    lag(conversion_to_next) over cut as conversion_from_previous,
    case when step_order = min(step_order) over (partition by period_type, period_key, channel, tier) then 1.0
      else product(conversion_to_next) over (cut rows between unbounded preceding and 1 preceding)
    end as from_top
  from converted
  window cut as (partition by period_type, period_key, channel, tier order by step_order)
)

select * from final
order by period_type, period_key, channel, tier, step_order
