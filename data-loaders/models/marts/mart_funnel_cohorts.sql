-- One row per cohort window × cut × funnel step: every funnel a page draws, with every figure it shows —
-- records reached, conversion to the next step (with its interval), from the previous, and from the top.
-- Summed from mart_funnel, the one definition of reached and advanced; pages pick a row, never re-add.
-- Two windows per period (quarter, year):
--   'period'              the cohorts that entered in the period (the funnel page), cut by channel, tier and
--                         pipeline ('all' for every one), and by lead source within its channel;
--   'trailing_12_months'  the cohorts that entered in the twelve months up to the period's end (the
--                         overview: recent enough to act on, old enough to have converted), by channel and tier.
-- Steps no record of the export can reach (an export without leads has no lead, MQL or SQL step) have no
-- row: a funnel never draws a step as 0 that the export cannot tell. Without any stage history the
-- stages between the opportunity and won have no row either (a lost deal cannot be placed among them, so
-- their conversions would be made up): the funnel goes from opportunity straight to won.
-- @column cohort_window: period or trailing_12_months (see above)
-- @column period_type: quarter or year
-- @column period_key: the period (for trailing_12_months, the period whose end closes the window)
-- @column window_start: first cohort month in the window
-- @column window_end: first day after the window
-- @column is_mature: the window ended at least config `cohortMaturityDays` before the as-of date: its cohorts have had time to convert
-- @column channel: inbound, outbound, unknown, or all
-- @column tier: A, B, C, unknown, or all
-- @column pipeline: the opportunities' pipeline, or all (cut only in cohort_window 'period' and only when the export has several pipelines)
-- @column lead_source: a lead source with its channel, or all (cohort_window 'period' only; 'all' otherwise)
-- @column step: funnel step key
-- @column step_order: position of the step
-- @column team: team that owns the step
-- @column reached: records of the window's cohorts that reached the step
-- @column advanced: of those, records that reached the next step shown (null for the last step)
-- @column conversion_to_next: advanced ÷ reached
-- @column conversion_low: 95% Wilson interval of conversion_to_next, low end
-- @column conversion_high: 95% Wilson interval of conversion_to_next, high end
-- @column low_sample: reached is below config `minimumSample`: too few to compare the conversion
-- @column conversion_from_previous: of the records that reached the previous step, the share that reached this one (the previous step's conversion_to_next; null for the first step shown)
-- @column from_top: the share of the top step's records that got this far: the product of the conversions above (records entering mid-funnel, as opportunities without a lead do, are not counted twice)
with windows as (
  select
    'period' as cohort_window, period_type, period_key, period_start as window_start, period_end as window_end, is_mature
  from int_periods
  where period_type in ('quarter', 'year')
  union all
  select
    'trailing_12_months', period_type, period_key, (period_end - interval 12 month)::date, period_end, is_mature
  from int_periods
  where period_type in ('quarter', 'year')
),

-- Steps the export can tell anything of: some record entered at or before them, and, for the
-- opportunity's stages, the export keeps stage history.
steps_with_data as (
  select distinct step
  from mart_funnel
  where step_order >= (select min(step_order) from mart_funnel where entered > 0)
    and (not is_opportunity_stage(step_order) or exists (select 1 from stg_opportunity_history))
),

in_window as (
  select windows.*, funnel.* exclude (cohort_month)
  from windows
  join mart_funnel as funnel
    on funnel.cohort_month >= windows.window_start and funnel.cohort_month < windows.window_end
  where funnel.step in (select step from steps_with_data)
),

-- A lead source belongs to one channel (config `channels` maps sources to channels), so cutting by source
-- within its channel adds no rows, and the funnel page can split by source under a channel filter.
summed as (
  select
    cohort_window, period_type, period_key, window_start, window_end, is_mature,
    coalesce(channel, 'all') as channel,
    coalesce(tier, 'all') as tier,
    coalesce(pipeline, 'all') as pipeline,
    coalesce(lead_source, 'all') as lead_source,
    step,
    any_value(step_order) as step_order,
    any_value(team) as team,
    sum(reached)::integer as reached,
    sum(advanced)::integer as advanced
  from in_window
  group by
    cohort_window, period_type, period_key, window_start, window_end, is_mature, step,
    grouping sets (
      (), (channel), (tier), (pipeline), (channel, tier), (channel, pipeline), (tier, pipeline), (channel, tier, pipeline),
      (channel, lead_source), (channel, lead_source, tier), (channel, lead_source, pipeline), (channel, lead_source, tier, pipeline)
    )
),

kept as (
  select *
  from summed
  -- The overview's window is cut by channel and tier only; pipelines only where the export has several.
  where (cohort_window = 'period' or (pipeline = 'all' and lead_source = 'all'))
    and (pipeline = 'all' or (select count(distinct pipeline) from mart_funnel) > 1)
),

-- Advanced to the next step shown: the configured next step's own count, or, where the stages between
-- were left out, the records that reached the next step shown (every one of them passed this step).
next_shown as (
  select
    * exclude (advanced),
    case when lead(step_order) over cut = step_order + 1 then advanced else lead(reached) over cut end as advanced
  from kept
  window cut as (partition by cohort_window, period_type, period_key, channel, tier, pipeline, lead_source order by step_order)
),

converted as (
  select
    *,
    advanced / nullif(reached, 0) as conversion_to_next,
    wilson_low(advanced, reached) as conversion_low,
    wilson_high(advanced, reached) as conversion_high,
    reached < (select value::integer from config_setting where name = 'minimum_sample') as low_sample
  from next_shown
),

final as (
  select
    *,
    lag(conversion_to_next) over cut as conversion_from_previous,
    case when step_order = min(step_order) over (partition by cohort_window, period_type, period_key, channel, tier, pipeline, lead_source) then 1.0
      else product(conversion_to_next) over (cut rows between unbounded preceding and 1 preceding)
    end as from_top
  from converted
  window cut as (partition by cohort_window, period_type, period_key, channel, tier, pipeline, lead_source order by step_order)
)

select
  cohort_window, period_type, period_key, window_start, window_end, is_mature, channel, tier, pipeline, lead_source,
  step, step_order, team, reached, advanced, conversion_to_next, conversion_low, conversion_high, low_sample,
  conversion_from_previous, from_top
from final
order by cohort_window, period_type, period_key, channel, tier, pipeline, lead_source, step_order
