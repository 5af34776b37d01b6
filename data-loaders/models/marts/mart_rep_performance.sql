-- One row per rep × period: a rep's new-business results for deals closed in the period, by close date
-- (METRICS.md "Reps"). Reps are int_rep_roster's: active field-sales users, and anyone owning a closed
-- new-business deal. Periods: quarter, year and 'all' (every closed deal, including deals whose export has
-- no close date). A field-sales rep has a row for every period that overlaps the dates their results are
-- in the data (int_rep_roster observed_from … observed_until), so a quarter in which they closed nothing
-- shows as 0 bookings; anyone else has rows only for periods in which they closed a deal. Every rep has an
-- 'all' row.
--
-- New business only: renewals and expansion are customer success' results. Open pipeline is the
-- rep's open new-business deals as of the as-of date — a snapshot, the same on every period row of the rep,
-- not the pipeline open at the end of that period (the export keeps no past snapshots of it).
-- @column period_type: quarter, year or all
-- @column period_key: e.g. 2026-Q1, 2026; 'all' for every closed deal
-- @column period_start: first day of the period (null for 'all')
-- @column owner_id: the rep's user id
-- @column rep_name: the rep's name
-- @column team: the rep's team (field_sales for AEs; another team when its member owns closed deals)
-- @column start_date: the date the rep started, where the export has one
-- @column is_active: still active in the CRM
-- @column bookings: amount of the new-business deals won in the period, in the reporting currency (null when won deals have no amount)
-- @column won_deals: new-business deals won in the period
-- @column lost_deals: new-business deals lost in the period
-- @column closed_deals: deals won or lost in the period: the win rate's n
-- @column win_rate: won_deals ÷ closed_deals; null when nothing closed
-- @column win_rate_low: 95% Wilson interval of win_rate, low end
-- @column win_rate_high: 95% Wilson interval of win_rate, high end
-- @column low_sample: closed_deals below config minimumSample
-- @column average_deal_size: mean amount of the deals won in the period (deals with an amount)
-- @column median_cycle_days: median days from creation to close of the deals won in the period (deals created after their close date, i.e. loaded later, left out)
-- @column open_deals: open new-business deals the rep owns as of the as-of date (same on every period row)
-- @column open_pipeline: amount of those open deals as of the as-of date (same on every period row; null when they have no amount)
with roster as (
  select * from int_rep_roster
),

opportunities as (
  select * from int_opportunities
  where motion = 'new_business'
),

closed as (
  select * from opportunities where outcome in ('won', 'lost')
),

periods as (
  select period_type, period_key, period_start, period_end
  from int_periods
  where period_type in ('quarter', 'year')
),

settings as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

closed_in_period as (
  select periods.period_type, periods.period_key, periods.period_start, closed.*
  from closed
  join periods on closed.close_date >= periods.period_start and closed.close_date < periods.period_end
  union all
  select 'all', 'all', null::date, closed.*
  from closed
),

results as (
  select
    period_type,
    period_key,
    period_start,
    owner_id,
    count(*) filter (where outcome = 'won') as won_deals,
    count(*) filter (where outcome = 'lost') as lost_deals,
    count(*) as closed_deals,
    sum(amount) filter (where outcome = 'won') as bookings,
    avg(amount) filter (where outcome = 'won') as average_deal_size,
    -- A deal created after it closed (a record loaded into the CRM later) has no cycle to measure.
    median(cycle_days) filter (where outcome = 'won' and cycle_days >= 0) as median_cycle_days
  from closed_in_period
  where owner_id is not null
  group by all
),

-- The periods each rep gets a row for (see the header).
rep_periods as (
  select periods.period_type, periods.period_key, periods.period_start, roster.owner_id
  from roster
  join periods
    on team_role(roster.team) = 'field_sales'
    and periods.period_end > roster.observed_from
    and periods.period_start <= roster.observed_until
  union
  select period_type, period_key, period_start, owner_id
  from results
  where period_type <> 'all'
  union
  select 'all', 'all', null::date, owner_id
  from roster
),

pipeline as (
  select owner_id, count(*) as open_deals, sum(amount) as open_pipeline
  from opportunities
  where outcome = 'open'
  group by owner_id
),

final as (
  select
    rep_periods.period_type,
    rep_periods.period_key,
    rep_periods.period_start,
    roster.owner_id,
    roster.rep_name,
    roster.team,
    roster.start_date,
    roster.is_active,
    -- Nothing won is 0 bookings; deals won without amounts are unknown bookings.
    case when coalesce(results.won_deals, 0) = 0 then 0 else results.bookings end::double as bookings,
    coalesce(results.won_deals, 0)::integer as won_deals,
    coalesce(results.lost_deals, 0)::integer as lost_deals,
    coalesce(results.closed_deals, 0)::integer as closed_deals,
    results.won_deals / nullif(results.closed_deals, 0) as win_rate,
    wilson_low(results.won_deals, results.closed_deals) as win_rate_low,
    wilson_high(results.won_deals, results.closed_deals) as win_rate_high,
    coalesce(results.closed_deals, 0) < settings.minimum_sample as low_sample,
    results.average_deal_size,
    results.median_cycle_days::double as median_cycle_days,
    coalesce(pipeline.open_deals, 0)::integer as open_deals,
    case when coalesce(pipeline.open_deals, 0) = 0 then 0 else pipeline.open_pipeline end::double as open_pipeline
  from rep_periods
  join roster using (owner_id)
  cross join settings
  left join results using (period_type, period_key, owner_id)
  left join pipeline using (owner_id)
)

select * from final
order by period_type, period_start nulls first, team, bookings desc, rep_name
