-- One row per rep whose results the rep marts report (METRICS.md "Reps"): every active field-sales user,
-- and anyone — of any team, active or not, or missing from the user file — who owns a closed
-- new-business deal. It also says over which dates the rep's results are in the data, so that a month
-- or a quarter the export cannot see is left out rather than counted as zero: from the rep's start date
-- or the export's first date, whichever is later, to the as-of date — or, for a rep who is no longer
-- active, to their last owned deal (created or closed), since the export does not say when they left.
-- @column owner_id: the rep's user id (owner of their deals)
-- @column rep_name: the rep's name (the id when the user file does not name them)
-- @column team: the rep's team, or unknown
-- @column start_date: the date the rep started, where the export has one
-- @column is_active: still active in the CRM (true when the user file does not say)
-- @column data_first_day: first date in the export (earliest lead or opportunity creation, or close date), as for int_periods
-- @column observed_from: first day the rep's results are in the data: the later of start date and data_first_day
-- @column observed_until: last day the rep's results are in the data: the as-of date, or an inactive rep's last owned deal
with users as (
  select * from stg_users
),

opportunities as (
  select * from int_opportunities
),

as_of as (
  select as_of from int_as_of
),

-- The same bounds int_periods starts from (before the as-of date).
data_window as (
  select least(
    (select min(created_at)::date from stg_leads),
    (select min(created_at)::date from stg_opportunities),
    (select min(close_date) from stg_opportunities)
  ) as data_first_day
),

rep_ids as (
  select user_id as owner_id from users where team_role(team) = 'field_sales' and is_active
  union
  select owner_id from opportunities
  where motion = 'new_business' and outcome in ('won', 'lost') and owner_id is not null
),

last_deal as (
  select
    owner_id,
    greatest(
      max(created_at)::date,
      max(close_date) filter (where outcome in ('won', 'lost'))
    ) as last_deal_day
  from opportunities
  group by owner_id
),

final as (
  select
    rep_ids.owner_id,
    coalesce(users.user_name, rep_ids.owner_id) as rep_name,
    coalesce(users.team, 'unknown') as team,
    users.start_date,
    coalesce(users.is_active, true) as is_active,
    data_window.data_first_day,
    greatest(users.start_date, data_window.data_first_day) as observed_from,
    case
      when coalesce(users.is_active, true) then as_of.as_of
      else least(last_deal.last_deal_day, as_of.as_of)
    end as observed_until
  from rep_ids
  cross join data_window
  cross join as_of
  left join users on users.user_id = rep_ids.owner_id
  left join last_deal using (owner_id)
)

select * from final
order by owner_id
