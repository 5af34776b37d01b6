-- One row per period (week, month, quarter) in which records on the recycle queue became due: what is
-- new on inside sales' queue since the last meeting. Counts only records still on the queue
-- (mart_recycle_queue); a period where none became due has no row.
-- @column period_type: week, month or quarter
-- @column period_key: the period's label, as in int_periods
-- @column records: queue records whose due date falls in the period
with queue as (
  select due_date from mart_recycle_queue
),

periods as (
  select period_type, period_key, period_start, period_end
  from int_periods
  where period_type in ('week', 'month', 'quarter')
),

final as (
  select periods.period_type, periods.period_key, count(*)::integer as records
  from queue
  join periods on queue.due_date >= periods.period_start and queue.due_date < periods.period_end
  group by periods.period_type, periods.period_key
)

select * from final
order by period_type, period_key
