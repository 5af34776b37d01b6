-- One row per funnel step (but the last) × channel, plus one 'cycle' row per channel: how long records
-- take. Time in step = days from reaching the step to reaching the next one, over records that reached
-- both on recorded dates (int_funnel_reach; a skipped stage takes 0 days). Cycle length = days from an
-- opportunity's creation to its close, over won new-business deals (METRICS.md); 'lead_to_won' = days
-- from a lead's creation to its deal's close. Negative spans (a deal closed before it was created, as in
-- exports whose records were all loaded on one day) are left out, not averaged in.
-- @column channel: inbound, outbound, unknown or all
-- @column step: funnel step key, 'cycle' (opportunity created → won) or 'lead_to_won'
-- @column step_order: position of the step; 100 for cycle, 101 for lead_to_won
-- @column n: records measured
-- @column median_days: median days
-- @column p75_days: 75th percentile of days
-- @column mean_days: mean days
with reach as (
  select * from int_funnel_reach where reached_at_known
),

-- Without any stage history the days between the opportunity's stages are not known (the close date stands
-- in for every stage a won deal skipped): those steps are not measured, as in mart_step_conversion.
steps as (
  select step, step_order, next_step
  from (select step, step_order, lead(step) over (order by step_order) as next_step from config_funnel_step) as ordered
  where exists (select 1 from stg_opportunity_history)
    or not (is_opportunity_stage(step_order) or is_opportunity_stage(step_order + 1))
),

step_days as (
  select this.channel, this.step, steps.step_order, datediff('hour', this.reached_at, next.reached_at) / 24.0 as days
  from reach as this
  join steps on steps.step = this.step
  join reach as next
    on next.record_type = this.record_type and next.record_id = this.record_id and next.step = steps.next_step
),

cycle_days as (
  select channel, 'cycle' as step, 100 as step_order, cycle_days::double as days
  from int_opportunities
  where outcome = 'won' and motion = 'new_business' and cycle_days >= 0
  union all
  select records.channel, 'lead_to_won', 101, datediff('day', records.created_at::date, opportunities.close_date)::double
  from int_funnel_records as records
  join int_opportunities as opportunities using (opportunity_id)
  where records.record_type = 'lead' and opportunities.outcome = 'won'
    and opportunities.close_date >= records.created_at::date
),

measured as (
  select * from step_days where days >= 0
  union all
  select * from cycle_days
),

by_channel as (
  select channel, step, step_order, days from measured
  union all
  select 'all', step, step_order, days from measured
),

final as (
  select
    channel,
    step,
    step_order,
    count(*)::integer as n,
    median(days) as median_days,
    quantile_cont(days, 0.75) as p75_days,
    avg(days) as mean_days
  from by_channel
  group by all
)

select * from final
order by channel, step_order
