-- One row per reporting period — week, month, quarter and year — from the first date in the data to the
-- as-of date. Quarters and years follow config `fiscalYearStartMonth`; a fiscal year is named by the
-- calendar year it ends in (with a January start, FY = calendar year and the labels drop the "FY"). The
-- rules and labels are the macros periods_between and period_*, shared with int_pipeline_periods.
-- @column period_type: week, month, quarter or year
-- @column period_key: label, e.g. 2026-W47, 2026-11, 2026-Q4 (FY2027-Q1 with a fiscal year not starting in January), 2026
-- @column period_start: first day of the period
-- @column period_end: first day after the period
-- @column period_last_day: last day of the period (the day before period_end), as pages name it
-- @column quarter_key: the quarter holding the period's first day (a quarter's own key for a quarter), for the marts kept by quarter only
-- @column previous_key: the period before, for "vs previous period"
-- @column is_complete: the period ended on or before the as-of date
-- @column period_index: 1 for the latest period of its type, 2 for the one before, …
-- @column is_mature: the period ended at least config `cohortMaturityDays` before the as-of date: its cohorts have had time to convert
-- @column days_with_data: days of the period on which a lead or an opportunity was created or a deal closed
-- @column has_data: the period holds at least one such day (pages open on the latest period that does)
-- @column is_partial: the export starts within the period and misses more than a tenth of it (2024 when the export starts in November): only part of it is in the data, and no change is made against it
with settings as (
  select value::integer as fy_start from config_setting where name = 'fiscal_year_start_month'
),

bounds as (
  select
    least(
      (select min(created_at)::date from stg_leads),
      (select min(created_at)::date from stg_opportunities),
      (select min(close_date) from stg_opportunities),
      (select as_of from int_as_of)
    ) as first_day,
    (select as_of from int_as_of) as last_day
),

activity_days as (
  select distinct created_at::date as day from stg_leads
  union
  select created_at::date from stg_opportunities
  union
  select close_date from stg_opportunities where outcome <> 'open'
),

labelled as (
  -- every period holding one of the days (period rules and labels: the macros periods_between and period_*)
  select *
  from periods_between(
    (select first_day from bounds), (select last_day from bounds), ['week', 'month', 'quarter', 'year'], (select fy_start from settings)
  )
),

day_counts as (
  select labelled.period_type, labelled.period_start, count(*) as days
  from labelled
  join activity_days on activity_days.day >= labelled.period_start and activity_days.day < labelled.period_end
  group by all
),

final as (
  select
    period_type,
    period_key,
    period_start,
    period_end,
    period_end - 1 as period_last_day,
    period_key('quarter', period_start('quarter', period_start, (select fy_start from settings)), (select fy_start from settings)) as quarter_key,
    lag(period_key) over (partition by period_type order by period_start) as previous_key,
    period_end <= (select as_of from int_as_of) + 1 as is_complete,
    period_end - 1 + (select value::integer from config_setting where name = 'cohort_maturity_days') <= (select as_of from int_as_of) as is_mature,
    row_number() over (partition by period_type order by period_start desc)::integer as period_index,
    coalesce(day_counts.days, 0)::integer as days_with_data,
    coalesce(day_counts.days, 0) > 0 as has_data,
    datediff('day', labelled.period_start, (select first_day from bounds))
      > 0.1 * datediff('day', labelled.period_start, labelled.period_end) as is_partial
  from labelled
  left join day_counts using (period_type, period_start)
)

select * from final
order by period_type, period_start
