-- One row per cohort month × channel × lead source × tier × pipeline × funnel step: how many records of that
-- cohort reached the step and how many went on to the next. Cohort = the month the record entered the
-- funnel (METRICS.md "Stage conversion"). Counts add up across cuts, so pages re-aggregate any
-- combination by summing `reached` and `advanced` and dividing the sums, never by averaging rates.
-- @column cohort_month: first day of the month the records entered the funnel
-- @column channel: inbound, outbound or unknown
-- @column lead_source: lead source as the CRM has it ('(none)' when empty)
-- @column tier: account tier A, B, C or unknown
-- @column pipeline: the opportunity's pipeline ('(none)' for a lead not converted, or an export without pipelines)
-- @column step: funnel step key (config `funnel.steps`)
-- @column step_order: position of the step, 1 = top of the funnel
-- @column team: team that owns the step
-- @column reached: records that reached this step (entered it or any later one)
-- @column advanced: records that reached this step and the next; null for the last step
-- @column entered: records that entered the funnel at this step (opportunities without a lead enter at the opportunity step)
-- @column dropped: records that reached this step but not the next (reached − advanced)
-- @column conversion_to_next: advanced ÷ reached; null when nothing reached the step
with records as (
  select * from int_funnel_records
),

steps as (
  select * from config_funnel_step
),

counted as (
  select
    date_trunc('month', records.created_at)::date as cohort_month,
    records.channel,
    coalesce(records.lead_source, '(none)') as lead_source,
    records.tier,
    coalesce(records.pipeline, '(none)') as pipeline,
    steps.step,
    steps.step_order,
    steps.team,
    count(*) filter (where records.entry_order <= steps.step_order and records.reached_order >= steps.step_order) as reached,
    case when steps.step_order < (select max(step_order) from steps) then
      count(*) filter (where records.entry_order <= steps.step_order and records.reached_order > steps.step_order)
    end as advanced,
    count(*) filter (where records.entry_order = steps.step_order) as entered
  from records
  cross join steps
  group by cohort_month, records.channel, lead_source, records.tier, pipeline, steps.step, steps.step_order, steps.team
),

final as (
  select
    cohort_month,
    channel,
    lead_source,
    tier,
    pipeline,
    step,
    step_order,
    team,
    reached::integer as reached,
    advanced::integer as advanced,
    entered::integer as entered,
    (reached - advanced)::integer as dropped,
    advanced / nullif(reached, 0) as conversion_to_next
  from counted
)

select * from final
order by cohort_month, channel, lead_source, tier, pipeline, step_order
