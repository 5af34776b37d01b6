-- One row: the date the data describes ("as of"), the latest creation or change date in the export.
-- Every "now" in a metric (open days, overdue, due for recycling, complete periods) is this date, never
-- the clock, so a dashboard built twice from the same exports shows the same numbers.
-- @column as_of: the latest date in the export
with dates as (
  select max(created_at)::date as day from stg_leads
  union all select max(created_at)::date from stg_opportunities
  union all select max(entered_at)::date from stg_opportunity_history
  union all select max(close_date) from stg_opportunities where outcome <> 'open'
),

final as (
  select coalesce(max(day), current_date) as as_of from dates
)

select * from final
