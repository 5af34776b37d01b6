-- One row per reporting period — week, month, quarter and year — from the first date in the data to the
-- as-of date. Quarters and years follow config `fiscalYearStartMonth`; a fiscal year is named by the
-- calendar year it ends in (with a January start, FY = calendar year and the labels drop the "FY").
-- @column period_type: week, month, quarter or year
-- @column period_key: label, e.g. 2026-W47, 2026-11, 2026-Q4 (FY2027-Q1 with a fiscal year not starting in January), 2026
-- @column period_start: first day of the period
-- @column period_end: first day after the period
-- @column previous_key: the period before, for "vs previous period"
-- @column is_complete: the period ended on or before the as-of date
-- @column period_index: 1 for the latest period of its type, 2 for the one before, …
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

days as (
  select unnest(generate_series(first_day, last_day, interval 1 day))::date as day from bounds
),

starts as (
  select distinct 'week' as period_type, date_trunc('week', day)::date as period_start from days
  union all
  select distinct 'month', date_trunc('month', day)::date from days
  union all
  select distinct 'quarter', (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 3))::date
  from days, settings
  union all
  select distinct 'year', (date_trunc('month', day) - to_months((month(day) - fy_start + 12) % 12))::date
  from days, settings
),

labelled as (
  select
    starts.period_type,
    starts.period_start,
    case starts.period_type
      when 'week' then (starts.period_start + 7)
      when 'month' then (starts.period_start + interval 1 month)::date
      when 'quarter' then (starts.period_start + interval 3 month)::date
      else (starts.period_start + interval 12 month)::date
    end as period_end,
    case starts.period_type
      when 'week' then strftime(starts.period_start, '%G-W%V')
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
    period_type,
    period_key,
    period_start,
    period_end,
    lag(period_key) over (partition by period_type order by period_start) as previous_key,
    period_end <= (select as_of from int_as_of) + 1 as is_complete,
    row_number() over (partition by period_type order by period_start desc)::integer as period_index
  from labelled
)

select * from final
order by period_type, period_start
