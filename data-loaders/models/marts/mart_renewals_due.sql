-- One row per renewal due (customer success' act-on list): an open renewal deal whose expected close
-- date is at most config `renewalWindowDays` (90) days after the as-of date, overdue ones included. Soonest first (the most overdue
-- at the top), then the largest. A list mart: pages get the rows ranked within the first few overall
-- or per owner, and the whole list as a CSV download.
-- @column list_rank: place on the whole list (1 = most urgent)
-- @column owner_rank: place on its owner's list (1 = most urgent)
-- @column team_rank: place on its team's list (1 = most urgent), for a customer-success role split into teams (config teamRoles)
-- @column team: the customer-success team whose list it is: the owner's, or the role's first team when the owner is on none
-- @column opportunity_id: the opportunity
-- @column account_name: account name (a company, never a person)
-- @column owner_id: user id of the owner (the rep working the renewal)
-- @column owner_name: owner's name
-- @column stage_name: current stage as the CRM has it
-- @column amount: amount in the reporting currency
-- @column close_date: expected close date
-- @column days_to_close: days from the as-of date to the close date (negative = overdue)
-- @column is_overdue: the expected close date is before the as-of date (mart_pipeline's rule, as for aging deals)
-- @column tier: account tier A, B, C or unknown
with pipeline as (
  select * from mart_pipeline
),

as_of as (
  select as_of from int_as_of
),

due as (
  select
    pipeline.*,
    datediff('day', as_of.as_of, pipeline.close_date)::integer as days_to_close
  from pipeline
  cross join as_of
  where pipeline.motion = 'renewal'
    and pipeline.close_date <= as_of.as_of + to_days((select value::integer from config_setting where name = 'renewal_window_days'))
),

ranked as (
  select *, row_number() over (order by days_to_close, amount desc nulls last, opportunity_id) as list_rank
  from due
),

final as (
  select
    list_rank,
    row_number() over (partition by owner_id order by list_rank) as owner_rank,
    row_number() over (partition by team_of_role(owner_team, 'customer_success') order by list_rank) as team_rank,
    team_of_role(owner_team, 'customer_success') as team,
    opportunity_id,
    account_name,
    owner_id,
    owner_name,
    stage_name,
    amount,
    close_date,
    days_to_close,
    is_overdue,
    tier
  from ranked
)

select * from final
order by list_rank
