-- One row per inside-sales team × period (week, month, quarter) in which records on its recycle queue
-- became due: what is new on the team's queue since the last meeting. Counts only records still on the
-- queue (mart_recycle_queue), by the period keys each queue row carries (due_week, due_month,
-- due_quarter), so a page marking a row "new" and this count agree; a period where none became due has
-- no row.
-- @column team: the inside-sales team whose queue it is (mart_recycle_queue.team)
-- @column period_type: week, month or quarter
-- @column period_key: the period's label, as in int_periods
-- @column records: the team's queue records whose due date falls in the period
with queue as (
  select team, 'week' as period_type, due_week as period_key from mart_recycle_queue
  union all
  select team, 'month', due_month from mart_recycle_queue
  union all
  select team, 'quarter', due_quarter from mart_recycle_queue
),

periods as (
  select period_type, period_key
  from int_periods
  where period_type in ('week', 'month', 'quarter')
),

final as (
  select queue.team, queue.period_type, queue.period_key, count(*)::integer as records
  from queue
  join periods using (period_type, period_key)
  group by queue.team, queue.period_type, queue.period_key
)

select * from final
order by team, period_type, period_key
