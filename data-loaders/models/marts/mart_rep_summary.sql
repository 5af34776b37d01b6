-- One row per period (quarter, year, all) × team ('all' for every team): the reps page's cards — the sum of
-- mart_rep_performance's counts and amounts over the reps in view, never an average of their rates — with
-- the change against the previous period under the rule every change follows (two whole periods).
-- Open pipeline is the as-of snapshot of every rep of the team (their 'all' rows), the same in every period.
-- @column period_type: quarter, year or all
-- @column period_key: e.g. 2026-Q1, 2026; 'all' for every closed deal
-- @column period_start: first day of the period (null for 'all')
-- @column team: the reps' team, or all
-- @column reps: reps with results in the period (mart_rep_performance rows)
-- @column reps_with_enough_data: of those, reps with at least config `minimumSample` deals closed (not low sample)
-- @column bookings: new-business bookings of the reps in the period; null when a rep's bookings are unknown (won deals without amounts)
-- @column won_deals: new-business deals the reps won in the period
-- @column closed_deals: new-business deals the reps closed (won + lost) in the period
-- @column previous_bookings: bookings in the previous period of the same type
-- @column bookings_change_rate: bookings ÷ previous_bookings − 1, when both periods are whole; null otherwise
-- @column previous_won_deals: won deals in the previous period of the same type
-- @column won_deals_change_rate: won_deals ÷ previous_won_deals − 1, when both periods are whole; null otherwise
-- @column change_note: why no change is shown (period in progress, period or previous period partial, no previous period), in the site's language; null for 'all', which has no previous period
-- @column open_deals: open new-business deals the team's reps own as of the as-of date
-- @column open_pipeline: their amount; null when no open deal records an amount (the page then shows the count)
with reps as (
  select * from mart_rep_performance
),

summed as (
  select
    period_type,
    period_key,
    any_value(period_start) as period_start,
    coalesce(team, 'all') as team,
    count(*)::integer as reps,
    count(*) filter (where not low_sample)::integer as reps_with_enough_data,
    case when count(*) filter (where bookings is null) = 0 then sum(bookings) end::double as bookings,
    sum(won_deals)::integer as won_deals,
    sum(closed_deals)::integer as closed_deals
  from reps
  group by grouping sets ((period_type, period_key), (period_type, period_key, team))
),

pipeline as (
  select
    coalesce(team, 'all') as team,
    sum(open_deals)::integer as open_deals,
    case when sum(open_pipeline) > 0 then sum(open_pipeline) end::double as open_pipeline
  from reps
  where period_type = 'all'
  group by grouping sets ((), (team))
),

final as (
  select
    summed.period_type,
    summed.period_key,
    summed.period_start,
    summed.team,
    summed.reps,
    summed.reps_with_enough_data,
    summed.bookings,
    summed.won_deals,
    summed.closed_deals,
    previous_period.bookings as previous_bookings,
    case when whole then summed.bookings / nullif(previous_period.bookings, 0) - 1 end as bookings_change_rate,
    previous_period.won_deals as previous_won_deals,
    case when whole then summed.won_deals / nullif(previous_period.won_deals, 0) - 1 end as won_deals_change_rate,
    case when summed.period_type <> 'all' and not whole
      then change_note(periods.is_complete, periods.is_partial, previous_period.period_key is not null)
    end as change_note,
    pipeline.open_deals,
    pipeline.open_pipeline
  from summed
  left join int_periods as periods
    on periods.period_type = summed.period_type and periods.period_key = summed.period_key
  left join int_periods as previous_bounds
    on previous_bounds.period_type = periods.period_type and previous_bounds.period_key = periods.previous_key
  left join summed as previous_period
    on previous_period.period_type = summed.period_type
    and previous_period.period_key = periods.previous_key
    and previous_period.team = summed.team
  left join pipeline on pipeline.team = summed.team
  cross join lateral (
    select coalesce(periods.is_complete and not periods.is_partial and previous_bounds.is_complete and not previous_bounds.is_partial, false)
      and previous_period.period_key is not null as whole
  )
)

select * from final
order by period_type, period_start nulls first, team
