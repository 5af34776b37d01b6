-- One row per rep × month of tenure (0 = the first month from the rep's start date, up to 24): the rep's
-- new-business bookings and won deals in that month, against the median of their team's reps in the same
-- month of tenure (METRICS.md "Reps": ramp). Only reps with a start date (int_rep_roster).
--
-- Months the data cannot see are left out, never counted as zero: months that began before the export's
-- first date (a rep who started before the data window), months that have not begun by the as-of date,
-- and, for a rep no longer active, months after their last deal. The month under way at the as-of date
-- is shown (is_complete false) but kept out of the team's median, which would otherwise be pulled down by
-- a month only partly over. Cumulative bookings need every month since the start, so they are null for a
-- rep whose first months are before the data window.
-- @column owner_id: the rep's user id
-- @column rep_name: the rep's name
-- @column team: the rep's team; the median is over this team's reps
-- @column start_date: the date the rep started
-- @column tenure_month: months since the start date: 0 = the first month
-- @column month_start: first day of that month of tenure (start date + tenure_month months)
-- @column month_end: first day after it
-- @column is_complete: the month ended on or before the as-of date
-- @column bookings: amount of new-business deals the rep won (closed) in the month, in the reporting currency
-- @column won_deals: new-business deals the rep won in the month
-- @column cumulative_bookings: bookings from month 0 to this month; null when month 0 is before the data window
-- @column team_median_bookings: median of bookings in this month of tenure over the team's reps whose month is complete
-- @column reps_in_median: how many reps that median is over
-- @column team_median_cumulative_bookings: median of cumulative_bookings over the team's reps whose month is complete and whose cumulative bookings are known
-- @column reps_in_cumulative_median: how many reps that median is over
with roster as (
  select * from int_rep_roster
  where start_date is not null
),

won as (
  select owner_id, close_date, amount
  from int_opportunities
  where motion = 'new_business' and outcome = 'won'
),

as_of as (
  select as_of from int_as_of
),

months as (
  select
    roster.owner_id,
    roster.rep_name,
    roster.team,
    roster.start_date,
    roster.data_first_day,
    roster.observed_until,
    tenure.tenure_month::integer as tenure_month,
    (roster.start_date + to_months(tenure.tenure_month::integer))::date as month_start,
    (roster.start_date + to_months(tenure.tenure_month::integer + 1))::date as month_end
  from roster
  cross join range(0, 25) as tenure(tenure_month)
),

observed as (
  select months.*, months.month_end <= as_of.as_of + 1 as is_complete
  from months
  cross join as_of
  where months.month_start >= months.data_first_day
    and months.month_start <= months.observed_until
),

booked as (
  select
    observed.owner_id,
    observed.tenure_month,
    count(won.close_date)::integer as won_deals,
    -- Nothing won is 0 bookings; deals won without amounts are unknown bookings.
    case when count(won.close_date) = 0 then 0 else sum(won.amount) end::double as bookings
  from observed
  left join won
    on won.owner_id = observed.owner_id
    and won.close_date >= observed.month_start
    and won.close_date < observed.month_end
  group by all
),

with_cumulative as (
  select
    observed.*,
    booked.bookings,
    booked.won_deals,
    -- Known only when every month since the start is observed and has known bookings.
    case when observed.start_date >= observed.data_first_day
      and count(*) over rep_so_far = count(booked.bookings) over rep_so_far
      then sum(booked.bookings) over rep_so_far
    end as cumulative_bookings
  from observed
  join booked using (owner_id, tenure_month)
  window rep_so_far as (partition by observed.owner_id order by observed.tenure_month)
),

final as (
  select
    owner_id,
    rep_name,
    team,
    start_date,
    tenure_month,
    month_start,
    month_end,
    is_complete,
    bookings,
    won_deals,
    cumulative_bookings,
    median(bookings) filter (where is_complete) over team_month as team_median_bookings,
    (count(bookings) filter (where is_complete) over team_month)::integer as reps_in_median,
    median(cumulative_bookings) filter (where is_complete) over team_month as team_median_cumulative_bookings,
    (count(cumulative_bookings) filter (where is_complete) over team_month)::integer as reps_in_cumulative_median
  from with_cumulative
  window team_month as (partition by team, tenure_month)
)

select * from final
order by team, rep_name, tenure_month
