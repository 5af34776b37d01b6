-- One row per funnel record per step it reached, with when it reached it. A record reached a step when
-- it entered that step or any later one (METRICS.md), so the date is the earliest known entry into this
-- or any later step: a won deal whose history skips Negotiation reached Negotiation no later than it
-- closed. Known entries: lead created, MQL and SQL dates, opportunity created (or lead converted),
-- stage history, close date of a won deal. With no known date the record's own creation date stands in.
-- @column record_type: lead or opportunity
-- @column record_id: lead id or opportunity id
-- @column step: funnel step reached
-- @column step_order: position of the step
-- @column reached_at: when the record reached the step (see above)
-- @column reached_at_known: reached_at comes from a recorded date, not the creation-date stand-in
-- @column channel: inbound, outbound or unknown
-- @column lead_source: lead source as the CRM has it
-- @column tier: account tier
-- @column outcome: won, lost, disqualified or open
with records as (
  select * from int_funnel_records
),

steps as (
  select * from config_funnel_step
),

known_entries as (
  -- lead-side dates
  select 'lead' as record_type, lead_id as record_id, 'lead' as step, created_at as entered_at from stg_leads
  union all select 'lead', lead_id, 'mql', mql_at from stg_leads where mql_at is not null
  union all select 'lead', lead_id, 'sql', sql_at from stg_leads where sql_at is not null
  union all select 'lead', lead_id, 'opportunity', converted_at from stg_leads where converted_at is not null
  -- opportunity-side dates, for the record (lead or direct opportunity) that owns the opportunity
  union all
  select records.record_type, records.record_id, 'opportunity', opportunity.created_at
  from records join stg_opportunities as opportunity using (opportunity_id)
  union all
  select records.record_type, records.record_id, history.stage_step, history.entered_at
  from records join stg_opportunity_history as history using (opportunity_id)
  where history.stage_step <> 'lost'
  union all
  select records.record_type, records.record_id, 'won', opportunity.close_date::timestamp
  from records join stg_opportunities as opportunity using (opportunity_id)
  where opportunity.outcome = 'won'
),

entries_by_order as (
  select known_entries.record_type, known_entries.record_id, steps.step_order, min(known_entries.entered_at) as entered_at
  from known_entries
  join steps using (step)
  where known_entries.entered_at is not null
  group by all
),

reached as (
  select records.*, steps.step, steps.step_order
  from records
  join steps on steps.step_order between records.entry_order and records.reached_order
),

with_entries as (
  select reached.*, entries_by_order.entered_at
  from reached
  left join entries_by_order using (record_type, record_id, step_order)
),

final as (
  select
    record_type,
    record_id,
    step,
    step_order,
    coalesce(
      min(entered_at) over (
        partition by record_type, record_id order by step_order desc rows between unbounded preceding and current row
      ),
      created_at
    ) as reached_at,
    min(entered_at) over (
      partition by record_type, record_id order by step_order desc rows between unbounded preceding and current row
    ) is not null as reached_at_known,
    channel,
    lead_source,
    tier,
    outcome
  from with_entries
)

select * from final
