-- The size of each team's list to act on, as of the data's date, at three levels (column `level`):
--   owner — one row per list × team × owner (× reason group for the recycle queue, plus the owner's
--           row over every reason group, reason_group 'all');
--   team  — one row per list × team playing the list's role: the team's whole list (× reason group for
--           the recycle queue, plus reason_group 'all');
--   all   — one row per list: the whole list over every team (× reason group for the recycle queue,
--           plus reason_group 'all').
-- Pages show the first rows of a list (mart_aging_deals, mart_renewals_due, mart_recycle_queue) and pick
-- the counts and amounts of the whole list here: a team's total is its 'team' row, a rep's is the rep's
-- 'owner' row, never a sum of rows. owner_id null on an 'owner' row is the items no owner is named on;
-- on 'team' and 'all' rows owner_id is null because they are totals (tell them apart by `level`).
-- Every list has its 'all' row and a 'team' row (reason_group 'all') for each team of its role, with
-- 0 items when the list is empty.
-- @column list: aging_deals (field sales), renewals_due (customer success) or recycle_queue (inside sales)
-- @column level: owner (one owner's items), team (a team's whole list) or all (the whole list, every team)
-- @column team: the team whose list it is (config teamRoles: the owner's team, or the role's first team); null on 'all' rows
-- @column owner_id: user id of the owner of the items on 'owner' rows (null when the CRM names none); null on 'team' and 'all' rows
-- @column owner_name: owner's name on 'owner' rows; null on 'team' and 'all' rows
-- @column reason_group: the recycle queue's reason group (revisit_later or unreachable), or 'all' for every reason group; 'all' for the other lists
-- @column items: items on the list
-- @column owners: owners with items on the list (the items without an owner count as one); 1 on 'owner' rows
-- @column amount: their amount in the reporting currency (deal amounts; a lead has none)
-- @column overdue_items: items past their date: an aging deal past its close date, a renewal past its close date (is_overdue in both marts); every queue item is due
-- @column overdue_amount: the amount of those
with items as (
  -- The other lists have no reason group (null here, 'all' below).
  select 'aging_deals' as list, team, owner_id, owner_name, null::varchar as reason_group, amount, is_overdue
  from mart_aging_deals
  union all
  select 'renewals_due', team, owner_id, owner_name, null, amount, is_overdue
  from mart_renewals_due
  union all
  select 'recycle_queue', team, owner_id, owner_name, reason_group, amount, true
  from mart_recycle_queue
),

lists as (
  -- Each list and the role whose teams work it.
  select * from (values ('aging_deals', 'field_sales'), ('renewals_due', 'customer_success'), ('recycle_queue', 'inside_sales'))
    as lists (list, role)
),

grouped as (
  select
    list,
    team,
    owner_id,
    any_value(owner_name) as owner_name,
    reason_group,
    grouping(team) as over_teams,
    grouping(owner_id) as over_owners,
    grouping(reason_group) as over_reasons,
    count(*)::integer as items,
    (count(distinct owner_id) + (count(*) filter (where owner_id is null) > 0)::integer)::integer as owners,
    amount_total(sum(amount), count(amount), count(*) filter (where list <> 'recycle_queue' or amount is not null))::double as amount,
    count(*) filter (where is_overdue)::integer as overdue_items,
    amount_total(
      sum(amount) filter (where is_overdue),
      count(amount) filter (where is_overdue),
      count(*) filter (where is_overdue and (list <> 'recycle_queue' or amount is not null))
    )::double as overdue_amount
  from items
  group by grouping sets (
    (list, team, owner_id, reason_group), (list, team, owner_id),
    (list, team, reason_group), (list, team),
    (list, reason_group), (list)
  )
),

levelled as (
  select
    list,
    case when over_teams = 1 then 'all' when over_owners = 1 then 'team' else 'owner' end as level,
    team,
    owner_id,
    case when over_owners = 0 then owner_name end as owner_name,
    case when over_reasons = 1 then 'all' else reason_group end as reason_group,
    items,
    owners,
    amount,
    overdue_items,
    overdue_amount
  from grouped
  -- A list without reason groups has only its rows over every reason group.
  where over_reasons = 1 or list = 'recycle_queue'
),

totals as (
  -- The rows every list has, empty or not: its whole list, and each team's of its role.
  select lists.list, 'all' as level, null::varchar as team from lists
  union all
  select lists.list, 'team', teams.team
  from lists
  join config_team_role as teams on teams.role = lists.role
),

empty_totals as (
  select totals.list, totals.level, totals.team, null::varchar as owner_id, null::varchar as owner_name, 'all' as reason_group,
    0 as items, 0 as owners, 0.0::double as amount, 0 as overdue_items, 0.0::double as overdue_amount
  from totals
  where not exists (
    select 1 from levelled
    where levelled.list = totals.list
      and levelled.level = totals.level
      and levelled.team is not distinct from totals.team
      and levelled.reason_group = 'all'
  )
),

final as (
  select * from levelled
  union all
  select * from empty_totals
)

select * from final
order by list, case level when 'all' then 1 when 'team' then 2 else 3 end, team, items desc, owner_name, reason_group
