-- One row per act-on list × owner (× reason group, for the recycle queue): the size of each team's list
-- to act on, as of the data's date. Pages show the first rows of a list (mart_aging_deals,
-- mart_renewals_due, mart_recycle_queue) and take the counts and amounts of the whole list from here;
-- sum a team's rows for its total.
-- @column list: aging_deals (field sales), renewals_due (customer success) or recycle_queue (inside sales)
-- @column team: the team whose list it is (config teamRoles: the owner's team, or the role's first team)
-- @column owner_id: user id of the owner of the items (null when the CRM names none)
-- @column owner_name: owner's name
-- @column reason_group: the recycle queue's reason group (revisit_later or unreachable); 'all' for the other lists
-- @column items: items on the list
-- @column amount: their amount in the reporting currency (deal amounts; a lead has none)
-- @column overdue_items: items past their date: an aging deal past its close date, a renewal past its close date; every queue item is due
-- @column overdue_amount: the amount of those
with items as (
  select 'aging_deals' as list, team, owner_id, owner_name, 'all' as reason_group, amount, is_overdue
  from mart_aging_deals
  union all
  select 'renewals_due', team, owner_id, owner_name, 'all', amount, days_to_close < 0
  from mart_renewals_due
  union all
  select 'recycle_queue', team, owner_id, owner_name, reason_group, amount, true
  from mart_recycle_queue
),

final as (
  select
    list,
    team,
    owner_id,
    any_value(owner_name) as owner_name,
    reason_group,
    count(*)::integer as items,
    amount_total(sum(amount), count(amount), count(*) filter (where list <> 'recycle_queue' or amount is not null))::double as amount,
    count(*) filter (where is_overdue)::integer as overdue_items,
    amount_total(
      sum(amount) filter (where is_overdue),
      count(amount) filter (where is_overdue),
      count(*) filter (where is_overdue and (list <> 'recycle_queue' or amount is not null))
    )::double as overdue_amount
  from items
  group by list, team, owner_id, reason_group
)

select * from final
order by list, items desc, owner_name, reason_group
