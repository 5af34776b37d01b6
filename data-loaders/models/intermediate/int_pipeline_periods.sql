-- One row per month, quarter and year from the period holding the as-of date up to the period of the
-- latest expected close date of an open deal (at most two years ahead): the periods open pipeline can
-- fall due in. int_periods stops at the as-of date, because history ends there; the pipeline looks
-- forward. Keys and labels follow int_periods exactly (same fiscal-year rule, same label format), so a
-- page can put a pipeline row beside a KPI row of the same period.
-- @column period_type: month, quarter or year
-- @column period_key: label, as in int_periods (2026-11, 2026-Q4, 2026; FY… with a fiscal year not starting in January)
-- @column period_start: first day of the period
-- @column period_end: first day after the period
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

days as (
  select unnest(generate_series(first_day, last_day, interval 1 day))::date as day from bounds
),

starts as (
  select distinct 'month' as period_type, date_trunc('month', day)::date as period_start from days
  union all
  select distinct 'quarter', (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 3))::date
  from days, settings
  union all
  select distinct 'year', (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 12))::date
  from days, settings
),

labelled as (
  -- The same labels as int_periods (keep the two in step).
  select
    starts.period_type,
    starts.period_start,
    case starts.period_type
      when 'month' then (starts.period_start + interval 1 month)::date
      when 'quarter' then (starts.period_start + interval 3 month)::date
      else (starts.period_start + interval 12 month)::date
    end as period_end,
    case starts.period_type
      when 'month' then strftime(starts.period_start, '%Y-%m')
      when 'quarter' then
        case when settings.fy_start = 1 then '' else 'FY' end
        || year(starts.period_start - to_months((month(starts.period_start) - settings.fy_start + 12) % 12) + interval 11 month)::varchar
        || '-Q' || (((month(starts.period_start) - settings.fy_start + 12) % 12) // 3 + 1)::varchar
      else
        case when settings.fy_start = 1 then '' else 'FY' end || year(starts.period_start + interval 11 month)::varchar
    end as period_key
  from starts, settings
),

final as (
  select
    labelled.period_type,
    labelled.period_key,
    labelled.period_start,
    labelled.period_end,
    as_of.as_of >= labelled.period_start and as_of.as_of < labelled.period_end as is_current
  from labelled
  cross join as_of
)

select * from final
order by period_type, period_start
