-- One row per funnel step × quarter × channel: of the records that reached the step in that quarter, how
-- many reached the next step within the conversion window (config `bottleneck.windowDays`, default 90
-- days). A fixed window makes quarters comparable: a quarter is reported once every record in it has had
-- the full window (it ended at least windowDays before the as-of date), so young quarters never look
-- worse only because they are young. Channel 'all' sums the channels.
-- Without stage history, only the steps before the opportunity are measured (see steps).
-- @column step: funnel step key
-- @column step_order: position of the step
-- @column team: team that owns the step
-- @column next_step: the step converted into
-- @column channel: inbound, outbound, unknown or all
-- @column period_key: the quarter the records reached the step in
-- @column period_start: first day of that quarter
-- @column entered: records that reached the step in the quarter
-- @column converted: of those, records that reached the next step within the window
-- @column conversion: converted ÷ entered
-- @column conversion_low: 95% Wilson interval, low end
-- @column conversion_high: 95% Wilson interval, high end
with reach as (
  select * from int_funnel_reach
),

-- Without any stage history a lost deal cannot be placed among the opportunity's stages, so conversions
-- from the opportunity step to won are not measured (they would be made up).
steps as (
  select step, step_order, team, next_step
  from (select step, step_order, team, lead(step) over (order by step_order) as next_step from config_funnel_step) as ordered
  where exists (select 1 from stg_opportunity_history)
    or not (is_opportunity_stage(step_order) or is_opportunity_stage(step_order + 1))
),

window_days as (
  select value::integer as days from config_setting where name = 'bottleneck_window_days'
),

matured_quarters as (
  select period_key, period_start, period_end
  from int_periods, window_days
  where period_type = 'quarter' and period_end + to_days(window_days.days) <= (select as_of from int_as_of) + 1
),

pairs as (
  select
    this.step,
    this.channel,
    quarters.period_key,
    quarters.period_start,
    next.reached_at is not null
      and next.reached_at_known
      and next.reached_at <= this.reached_at + to_days((select days from window_days)) as converted
  from reach as this
  join steps on steps.step = this.step and steps.next_step is not null
  join matured_quarters as quarters
    on this.reached_at >= quarters.period_start and this.reached_at < quarters.period_end
  left join reach as next
    on next.record_type = this.record_type and next.record_id = this.record_id and next.step = steps.next_step
  where this.reached_at_known
),

by_channel as (
  select step, channel, period_key, period_start, count(*) as entered, count(*) filter (where converted) as converted
  from pairs
  group by all
  union all
  select step, 'all', period_key, period_start, count(*), count(*) filter (where converted)
  from pairs
  group by all
),

final as (
  select
    by_channel.step,
    steps.step_order,
    steps.team,
    steps.next_step,
    by_channel.channel,
    by_channel.period_key,
    by_channel.period_start,
    by_channel.entered::integer as entered,
    by_channel.converted::integer as converted,
    by_channel.converted / by_channel.entered as conversion,
    wilson_low(by_channel.converted, by_channel.entered) as conversion_low,
    wilson_high(by_channel.converted, by_channel.entered) as conversion_high
  from by_channel
  join steps using (step)
)

select * from final
order by channel, step_order, period_start
