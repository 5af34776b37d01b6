-- One row per pooled record due for another approach now and not yet come back: inside sales' recycle
-- queue (METRICS.md "Recycled leads"), sorted by due date, oldest first. Due: a "revisit later" loss N
-- months after the loss (N from the reason, else 6), an unreachable one after 3 months (the rules and
-- their config settings are in int_recycle_pool); other reasons are never due, nothing in them says when.
-- Not yet come back: no new lead, and no new opportunity without a lead, of the same account since the
-- loss (a return takes the record off the queue, whatever became of it). A record that cannot be
-- followed (no account or company, or no loss date) is left out: we cannot tell whether it came back.
-- No personal data: the account (or the company typed on the lead) and the rep, never the contact.
-- A list mart: pages get the rows ranked within the first few overall or per owner, and the whole list
-- as a CSV download.
-- @column list_rank: place on the whole queue (1 = due the longest)
-- @column owner_rank: place on its owner's queue (1 = due the longest)
-- @column team_rank: place on its team's queue (1 = due the longest), for inside sales split into teams (config teamRoles)
-- @column team: the inside-sales team whose queue it is: the rep's, or the role's first team when the rep is on none
-- @column account_id: the account to approach (null for a lead matched to no account)
-- @column account_name: the account's name, else the company typed on the lead
-- @column tier: the account's tier A, B, C or unknown
-- @column record_type: opportunity (a lost new-business deal) or lead (a disqualified lead)
-- @column record_id: opportunity id or lead id
-- @column reason: loss or disqualification reason as the CRM has it
-- @column reason_group: revisit_later or unreachable
-- @column revisit_months: the N of "revisit in N months"; null when the reason names no month (the default was used)
-- @column lost_date: date of the loss (for a disqualified lead, the last date known on it: see int_recycle_pool)
-- @column due_date: the date the record became due for another approach
-- @column days_overdue: days from the due date to the as-of date (0 = due today)
-- @column owner_id: user id of the rep who owned the lost record
-- @column owner_name: name of that rep
-- @column amount: amount of the lost deal in the reporting currency (its last amount); null for leads
-- @column channel: inbound, outbound or unknown, of the lost record
-- @column due_week: the week its due date falls in (int_periods' key, e.g. 2026-W45): what became due in a week is the rows with that key
-- @column due_month: the month its due date falls in (e.g. 2026-11)
-- @column due_quarter: the quarter its due date falls in (e.g. 2026-Q4; config `fiscalYearStartMonth`)
with pool as (
  select * from int_recycle_pool
),

as_of as (
  select as_of from int_as_of
),

settings as (
  select value::integer as fy_start from config_setting where name = 'fiscal_year_start_month'
),

due as (
  select
    pool.account_id,
    pool.account_name,
    pool.tier,
    pool.record_type,
    pool.record_id,
    pool.reason,
    pool.reason_group,
    pool.revisit_months,
    pool.lost_date,
    pool.due_date,
    datediff('day', pool.due_date, as_of.as_of)::integer as days_overdue,
    pool.owner_id,
    pool.owner_name,
    team_of_role(users.team, 'inside_sales') as team,
    pool.amount,
    pool.channel,
    -- The periods it fell due in, by int_periods' rules and labels (the period_* macros).
    period_key('week', period_start('week', pool.due_date, settings.fy_start), settings.fy_start) as due_week,
    period_key('month', period_start('month', pool.due_date, settings.fy_start), settings.fy_start) as due_month,
    period_key('quarter', period_start('quarter', pool.due_date, settings.fy_start), settings.fy_start) as due_quarter
  from pool
  cross join as_of
  cross join settings
  left join stg_users as users on users.user_id = pool.owner_id
  where pool.is_trackable
    and pool.due_date <= as_of.as_of
    and pool.returned_record_id is null
),

ranked as (
  select *, row_number() over (order by due_date, account_name, record_type, record_id) as list_rank
  from due
),

final as (
  select
    list_rank,
    row_number() over (partition by owner_id order by list_rank) as owner_rank,
    row_number() over (partition by team order by list_rank) as team_rank,
    * exclude (list_rank)
  from ranked
)

select * from final
order by list_rank
