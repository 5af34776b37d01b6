-- One row per record that entered the new-business funnel: every lead, plus every new-business
-- opportunity that no lead was converted into (it enters at the opportunity step). Renewals and
-- expansion belong to customer success and are not part of this funnel.
--
-- A record *reached* a step if it ever entered that step or any later one (METRICS.md). The furthest
-- step is taken from, in order of trust: stage history, the lead's MQL/SQL dates and conversion, the
-- current lead status and opportunity stage. A won deal reached every step. A lost deal without stage
-- history is counted only up to the opportunity step (its stage before the loss is unknown).
-- @column record_type: lead or opportunity
-- @column record_id: lead id or opportunity id
-- @column opportunity_id: the new-business opportunity of the record, if any
-- @column account_id: the record's account (converted account, or the account whose name the lead's company matches)
-- @column created_at: when the record entered the funnel; its cohort date
-- @column lead_source: lead source as the CRM has it
-- @column channel: inbound, outbound or unknown
-- @column pipeline: the pipeline of the record's opportunity (a lead's converted opportunity), null when it has none
-- @column tier: tier of the account, or unknown
-- @column entry_order: step order at which the record entered the funnel
-- @column reached_order: order of the furthest step reached
-- @column outcome: won, lost, disqualified or open
-- @column has_stage_history: the furthest opportunity step comes from stage history
with steps as (
  select * from config_funnel_step
),

step_order as (
  select
    max(step_order) filter (where step = 'lead') as lead_order,
    max(step_order) filter (where step = 'opportunity') as opportunity_order,
    max(step_order) filter (where step = 'won') as won_order,
    max(step_order) filter (where step = 'mql') as mql_order,
    max(step_order) filter (where step = 'sql') as sql_order
  from steps
),

history_reach as (
  select history.opportunity_id, max(steps.step_order) as furthest_order
  from stg_opportunity_history as history
  join steps on steps.step = history.stage_step
  group by history.opportunity_id
),

new_business as (
  select
    opportunity.*,
    history_reach.furthest_order is not null as has_stage_history,
    case
      when opportunity.outcome = 'won' then step_order.won_order
      else greatest(
        step_order.opportunity_order,
        history_reach.furthest_order,
        current_step.step_order
      )
    end as reached_order
  from stg_opportunities as opportunity
  cross join step_order
  left join history_reach using (opportunity_id)
  left join steps as current_step on current_step.step = opportunity.stage_step
  where opportunity.motion = 'new_business'
),

account_by_name as (
  -- A lead's company matches an account by name only when exactly one account has that name.
  select lower(trim(account_name)) as name_key, min(account_id) as account_id
  from stg_accounts
  group by 1
  having count(*) = 1
),

lead_records as (
  select
    'lead' as record_type,
    lead.lead_id as record_id,
    opportunity.opportunity_id,
    coalesce(lead.converted_account_id, opportunity.account_id, account_by_name.account_id) as account_id,
    lead.created_at,
    lead.lead_source,
    lead.channel,
    opportunity.pipeline,
    step_order.lead_order as entry_order,
    greatest(
      step_order.lead_order,
      status_step.step_order,
      case when lead.mql_at is not null then step_order.mql_order end,
      case when lead.sql_at is not null then step_order.sql_order end,
      case when lead.is_converted then step_order.opportunity_order end,
      opportunity.reached_order
    ) as reached_order,
    case
      when opportunity.outcome is not null then opportunity.outcome
      when lead.status_step = 'disqualified' then 'disqualified'
      else 'open'
    end as outcome,
    coalesce(opportunity.has_stage_history, false) as has_stage_history
  from stg_leads as lead
  cross join step_order
  left join steps as status_step on status_step.step = lead.status_step
  left join new_business as opportunity on opportunity.opportunity_id = lead.converted_opportunity_id
  left join account_by_name on account_by_name.name_key = lower(trim(lead.company))
),

direct_opportunities as (
  select
    'opportunity' as record_type,
    opportunity.opportunity_id as record_id,
    opportunity.opportunity_id,
    opportunity.account_id,
    opportunity.created_at,
    opportunity.lead_source,
    opportunity.channel,
    opportunity.pipeline,
    step_order.opportunity_order as entry_order,
    opportunity.reached_order,
    opportunity.outcome,
    opportunity.has_stage_history
  from new_business as opportunity
  cross join step_order
  where opportunity.opportunity_id not in (
    select converted_opportunity_id from stg_leads where converted_opportunity_id is not null
  )
),

records as (
  select * from lead_records
  union all
  select * from direct_opportunities
),

final as (
  select
    records.* exclude (has_stage_history),
    coalesce(tiers.tier, 'unknown') as tier,
    records.has_stage_history
  from records
  left join int_account_tiers as tiers using (account_id)
)

select * from final
