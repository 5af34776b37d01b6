-- One row per channel (as in mart_plan) × quarter a plan can aim at (the quarters of
-- mart_pipeline_summary: the current one and those ahead): by when the leads a plan needs must come in.
--   lead_deadline       = the quarter's last day − median_cycle_days_lead_to_won (rounded to whole days):
--                         a lead entering the funnel that day closes, on the median, on the quarter's last day
--   is_deadline_passed  = lead_deadline is before the as-of date: new leads can no longer close in the
--                         quarter on the median; its target has to come from the pipeline already there
--   new_lead_close_date = the as-of date + the same median: when a lead entering now closes, on the median
-- Null when the channel has no median lead → won cycle (no won deal in mart_plan's closed-deal window).
-- @column channel: inbound, outbound, unknown, or all
-- @column period_key: the quarter (int_pipeline_periods' label)
-- @column period_last_day: the quarter's last day
-- @column median_cycle_days_lead_to_won: mart_plan's median days from funnel entry to a won close, for the channel
-- @column lead_deadline: the last day a lead can enter the funnel and close, on the median, by the quarter's last day
-- @column is_deadline_passed: lead_deadline is before the as-of date
-- @column new_lead_close_date: the day a lead entering the funnel on the as-of date closes, on the median
with plan as (
  select channel, median_cycle_days_lead_to_won from mart_plan
),

channel_orders as (
  select * from (values ('inbound', 1), ('outbound', 2), ('unknown', 3), ('all', 4)) as channel_orders (channel, channel_order)
),

quarters as (
  select period_key, period_start, period_last_day from mart_pipeline_summary where period_type = 'quarter'
),

as_of as (
  select as_of from int_as_of
),

final as (
  select
    plan.channel,
    quarters.period_key,
    quarters.period_last_day,
    plan.median_cycle_days_lead_to_won,
    quarters.period_last_day - round(plan.median_cycle_days_lead_to_won)::integer as lead_deadline,
    lead_deadline < as_of.as_of as is_deadline_passed,
    as_of.as_of + round(plan.median_cycle_days_lead_to_won)::integer as new_lead_close_date,
    channel_orders.channel_order,
    quarters.period_start
  from plan
  cross join quarters
  cross join as_of
  join channel_orders using (channel)
)

select * exclude (channel_order, period_start) from final
order by channel_order, period_start
