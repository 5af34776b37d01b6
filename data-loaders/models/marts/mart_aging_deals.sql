-- One row per aging deal (METRICS.md "Aging"), field sales' act-on list: an open new-business or
-- expansion deal past its expected close date, or whose close date was pushed. Most urgent first:
-- overdue ones, longest past their close date first; then the most pushes; then the longest open.
-- Renewals are customer success' list (mart_renewals_due). A list mart: pages get the rows ranked
-- within the first few overall or per owner, and the whole list as a CSV download.
-- @column list_rank: place on the whole list (1 = most urgent)
-- @column owner_rank: place on its owner's list (1 = most urgent)
-- @column team_rank: place on its team's list (1 = most urgent), for field sales split into teams (config teamRoles)
-- @column team: the field-sales team whose list it is: the owner's, or the role's first team when the owner is on none
-- @column opportunity_id: the opportunity
-- @column account_name: account name (a company, never a person)
-- @column owner_id: user id of the owner (the rep working the deal)
-- @column owner_name: owner's name
-- @column motion: new_business or expansion
-- @column stage_name: current stage as the CRM has it
-- @column amount: amount in the reporting currency
-- @column close_date: expected close date
-- @column is_overdue: the expected close date is before the as-of date
-- @column days_past_close: days the expected close date has passed (0 when it has not)
-- @column close_date_pushes: times the close date moved later in stage history; null when the deal has no history
-- @column days_open: days from creation to the as-of date
-- @column tier: account tier A, B, C or unknown
with pipeline as (
  select * from mart_pipeline
),

aging as (
  select
    *,
    row_number() over (
      order by is_overdue desc, days_past_close desc nulls last, close_date_pushes desc nulls last, days_open desc, opportunity_id
    ) as list_rank
  from pipeline
  where motion <> 'renewal'
    and (is_overdue or close_date_pushes > 0)
),

final as (
  select
    list_rank,
    row_number() over (partition by owner_id order by list_rank) as owner_rank,
    row_number() over (partition by team_of_role(owner_team, 'field_sales') order by list_rank) as team_rank,
    team_of_role(owner_team, 'field_sales') as team,
    opportunity_id,
    account_name,
    owner_id,
    owner_name,
    motion,
    stage_name,
    amount,
    close_date,
    is_overdue,
    days_past_close,
    close_date_pushes,
    days_open,
    tier
  from aging
)

select * from final
order by list_rank
