-- One row per month, quarter and year from the period holding the as-of date up to the period of the
-- latest expected close date of an open deal (at most two years ahead): the periods open pipeline can
-- fall due in. int_periods stops at the as-of date, because history ends there; the pipeline looks
-- forward. Keys and labels are int_periods' own (the period_* macros), so a page can put a pipeline row
-- beside a KPI row of the same period.
-- @column period_type: month, quarter or year
-- @column period_key: label, as in int_periods (2026-11, 2026-Q4, 2026; FY… with a fiscal year not starting in January)
-- @column period_start: first day of the period
-- @column period_end: first day after the period
-- @column period_last_day: last day of the period (the day before period_end), as pages name it
-- @column is_current: the period holds the as-of date (overdue deals are counted in it)
with settings as (
  select value::integer as fy_start from config_setting where name = 'fiscal_year_start_month'
),

as_of as (
  select as_of from int_as_of
),

bounds as (
  -- A close date years away is usually a typo; two years is far enough for any plan.
  select
    as_of.as_of as first_day,
    least(
      greatest(
        as_of.as_of,
        (select max(close_date) from int_opportunities where outcome = 'open')
      ),
      (as_of.as_of + interval 2 year)::date
    ) as last_day
  from as_of
),

labelled as (
  -- the same rules and labels as int_periods (the macros periods_between and period_*)
  select *
  from periods_between((select first_day from bounds), (select last_day from bounds), ['month', 'quarter', 'year'], (select fy_start from settings))
),

final as (
  select
    labelled.period_type,
    labelled.period_key,
    labelled.period_start,
    labelled.period_end,
    labelled.period_end - 1 as period_last_day,
    as_of.as_of >= labelled.period_start and as_of.as_of < labelled.period_end as is_current
  from labelled
  cross join as_of
)

select * from final
order by period_type, period_start
