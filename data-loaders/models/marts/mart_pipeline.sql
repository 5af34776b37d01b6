-- One row per opportunity still open on the as-of date: the act-on list for aging deals (METRICS.md
-- "Aging"), every motion (new business, renewal, expansion), oldest slip first. "Now" is the as-of date.
-- Close-date pushes are only visible in stage history: an opportunity without any history row has
-- close_date_pushes null (unknown), not 0. An open deal without an expected close date cannot be
-- overdue: its close-date columns are null.
-- @column opportunity_id: the opportunity
-- @column account_name: account name (a company, never a person)
-- @column owner_id: user id of the owner (the rep working the deal)
-- @column owner_name: owner's name
-- @column owner_team: owner's team
-- @column motion: new_business, renewal or expansion
-- @column stage_name: current stage as the CRM has it
-- @column stage_step: current funnel step
-- @column amount: amount in the reporting currency
-- @column created_at: when the opportunity was created
-- @column close_date: expected close date
-- @column days_open: days from creation to the as-of date
-- @column days_past_close: days the expected close date has passed (0 when it has not; null without a close date)
-- @column is_overdue: the expected close date is before the as-of date
-- @column close_date_pushes: times the close date moved later in stage history; null when the deal has no history
-- @column tier: account tier A, B, C or unknown
-- @column channel: inbound, outbound or unknown
with opportunities as (
  select * from int_opportunities
),

as_of as (
  select as_of from int_as_of
),

with_history as (
  select distinct opportunity_id from stg_opportunity_history
),

final as (
  select
    opportunities.opportunity_id,
    opportunities.account_name,
    opportunities.owner_id,
    opportunities.owner_name,
    opportunities.owner_team,
    opportunities.motion,
    opportunities.stage_name,
    opportunities.stage_step,
    opportunities.amount,
    opportunities.created_at,
    opportunities.close_date,
    opportunities.days_open::integer as days_open,
    case when opportunities.close_date is not null then opportunities.days_past_close end::integer as days_past_close,
    opportunities.close_date < as_of.as_of as is_overdue,
    case when with_history.opportunity_id is not null then opportunities.close_date_pushes end as close_date_pushes,
    opportunities.tier,
    opportunities.channel
  from opportunities
  cross join as_of
  left join with_history using (opportunity_id)
  where opportunities.outcome = 'open'
)

select * from final
order by days_past_close desc nulls last, amount desc nulls last, opportunity_id
