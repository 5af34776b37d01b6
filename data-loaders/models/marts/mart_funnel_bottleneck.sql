-- One row per funnel step (but the last) × channel: the step's conversion to the next step in the latest
-- matured quarter (mart_step_conversion) against its reference — its target where config sets one
-- (funnel.steps[].targetConversion), else its own trailing baseline, the previous
-- `bottleneck.baselineQuarters` quarters pooled. The bottleneck (METRICS.md) is the step that falls
-- furthest below its reference, relative to it, and significantly so: its conversion's 95% interval lies
-- wholly below the reference (99/133 = 74.4% against a baseline of 79.6% is within noise: its interval
-- reaches 81.6%). Only steps with enough records (config minimumSample in the quarter and in the baseline)
-- can be it. The step furthest below its reference is marked is_lowest whether or not it is significant, so
-- a page can say "the lowest step, within noise" instead of flagging it red.
-- @column channel: inbound, outbound, unknown or all
-- @column step: funnel step key
-- @column step_order: position of the step
-- @column team: team that owns the step
-- @column next_step: the step converted into
-- @column period_key: the latest matured quarter
-- @column entered: records that reached the step in that quarter
-- @column converted: of those, records that reached the next step within the window
-- @column conversion: converted ÷ entered
-- @column conversion_low: 95% Wilson interval, low end
-- @column conversion_high: 95% Wilson interval, high end
-- @column baseline_entered: records that reached the step in the baseline quarters
-- @column baseline_converted: of those, records that converted within the window
-- @column baseline_conversion: baseline_converted ÷ baseline_entered
-- @column target_conversion: the configured target, if any
-- @column reference: 'target' or 'baseline': what the step is judged against
-- @column reference_conversion: the target, else the baseline conversion
-- @column gap: conversion − reference_conversion, in shares (−0.05 = five points below)
-- @column relative_gap: conversion ÷ reference_conversion − 1
-- @column low_sample: too few records in the quarter or the baseline to judge
-- @column below_reference: the conversion's 95% interval lies wholly below the reference (not noise)
-- @column is_lowest: the step with enough data furthest below its reference in this channel, significant or not
-- @column is_bottleneck: the lowest step, when it is significantly below its reference: the bottleneck
with conversions as (
  select * from mart_step_conversion
),

settings as (
  select
    (select value::integer from config_setting where name = 'bottleneck_baseline_quarters') as baseline_quarters,
    (select value::integer from config_setting where name = 'minimum_sample') as minimum_sample
),

ranked_quarters as (
  select distinct period_key, period_start, dense_rank() over (order by period_start desc) as quarter_rank
  from conversions
),

latest as (
  select conversions.*
  from conversions
  join ranked_quarters using (period_key)
  where ranked_quarters.quarter_rank = 1
),

baseline as (
  select conversions.channel, conversions.step, sum(entered) as baseline_entered, sum(converted) as baseline_converted
  from conversions
  join ranked_quarters using (period_key)
  cross join settings
  where ranked_quarters.quarter_rank between 2 and settings.baseline_quarters + 1
  group by all
),

compared as (
  select
    latest.channel,
    latest.step,
    latest.step_order,
    latest.team,
    latest.next_step,
    latest.period_key,
    latest.entered,
    latest.converted,
    latest.conversion,
    latest.conversion_low,
    latest.conversion_high,
    coalesce(baseline.baseline_entered, 0)::integer as baseline_entered,
    coalesce(baseline.baseline_converted, 0)::integer as baseline_converted,
    baseline.baseline_converted / nullif(baseline.baseline_entered, 0) as baseline_conversion,
    steps.target_conversion,
    case when steps.target_conversion is not null then 'target' else 'baseline' end as reference,
    coalesce(steps.target_conversion, baseline.baseline_converted / nullif(baseline.baseline_entered, 0)) as reference_conversion,
    latest.entered < settings.minimum_sample
      or (steps.target_conversion is null and coalesce(baseline.baseline_entered, 0) < settings.minimum_sample) as low_sample
  from latest
  cross join settings
  join config_funnel_step as steps using (step)
  left join baseline using (channel, step)
),

gaps as (
  select
    *,
    conversion - reference_conversion as gap,
    conversion / nullif(reference_conversion, 0) - 1 as relative_gap
  from compared
),

lowest as (
  select
    *,
    coalesce(conversion_high < reference_conversion, false) as below_reference,
    coalesce(
      relative_gap < 0
        and not low_sample
        and relative_gap = min(relative_gap) filter (where not low_sample) over (partition by channel),
      false
    ) as is_lowest
  from gaps
),

final as (
  select *, is_lowest and below_reference as is_bottleneck
  from lowest
)

select * from final
order by channel, step_order
