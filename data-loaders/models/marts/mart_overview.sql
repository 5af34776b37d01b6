-- One row per period (quarter, year) × channel × tier — 'all' for every channel or tier — holding every
-- figure of the overview's cards, so that the cards follow the page's channel and tier filters and the page
-- adds, divides and decides nothing. Bookings are the company's: every deal won in the period, by close
-- date — new business, expansion and renewals — with the split. Win rate is new business only, as in
-- mart_win_rate (won ÷ won + lost over new-business deals closed in the period; a test checks the two
-- agree). A change against the previous period is made only between two whole periods (both complete,
-- both wholly in the export) and, for a rate, two samples of at least config `minimumSample`.
-- @column period_type: quarter or year
-- @column period_key: the period's label
-- @column period_start: first day of the period
-- @column channel: inbound, outbound, unknown, or all
-- @column tier: A, B, C, unknown, or all
-- @column is_complete: the period ended on or before the as-of date
-- @column is_partial: the period began before the export's first date (only part of it is in the data)
-- @column bookings: amount of every deal won in the period (new business + expansion + renewal), reporting currency
-- @column bookings_new_business: of which new business
-- @column bookings_expansion: of which expansion; null when the export has no expansion opportunity at all (nothing maps to expansion in config opportunityTypes)
-- @column bookings_renewal: of which renewals; null when the export has no renewal opportunity at all
-- @column deals_won: deals won in the period, every motion
-- @column previous_bookings: bookings in the previous period of the same type
-- @column bookings_change_rate: bookings ÷ previous_bookings − 1, when comparable; null otherwise
-- @column bookings_change_note: why no change is shown (period in progress, previous period partial, no previous period), in the site's language
-- @column n_closed: new-business deals closed (won + lost): the win rate's n
-- @column won: new-business deals won
-- @column win_rate: won ÷ n_closed
-- @column win_rate_low: 95% Wilson interval, low end
-- @column win_rate_high: 95% Wilson interval, high end
-- @column low_sample: n_closed below config minimumSample
-- @column win_rate_amount: amount won ÷ amount closed (new business; null when no lost deal records an amount)
-- @column previous_win_rate: the win rate in the previous period
-- @column win_rate_change_points: win_rate − previous_win_rate in points as a share, when comparable; null otherwise
-- @column win_rate_change_note: why no change is shown, in the site's language
with periods as (
  select * from int_periods where period_type in ('quarter', 'year')
),

settings as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

deals as (
  select * from int_opportunities where outcome in ('won', 'lost')
),

-- Whether lost deals record amounts at all (Maven keeps 0 for every lost deal): as in mart_win_rate.
lost_amounts as (
  select
    count(*) filter (where motion = 'new_business' and outcome = 'lost' and amount > 0) > 0
      or count(*) filter (where motion = 'new_business' and outcome = 'lost') = 0 as recorded
  from int_opportunities
),

motions as (
  select has_expansion, has_renewal from int_motions
),

counted as (
  select
    periods.period_type,
    periods.period_key,
    coalesce(deals.channel, 'all') as channel,
    coalesce(deals.tier, 'all') as tier,
    grouping(deals.channel) as all_channels,
    grouping(deals.tier) as all_tiers,
    sum(deals.amount) filter (where deals.outcome = 'won') as bookings,
    sum(deals.amount) filter (where deals.outcome = 'won' and deals.motion = 'new_business') as bookings_new_business,
    sum(deals.amount) filter (where deals.outcome = 'won' and deals.motion = 'expansion') as bookings_expansion,
    sum(deals.amount) filter (where deals.outcome = 'won' and deals.motion = 'renewal') as bookings_renewal,
    count(*) filter (where deals.outcome = 'won') as deals_won,
    count(*) filter (where deals.motion = 'new_business') as n_closed,
    count(*) filter (where deals.motion = 'new_business' and deals.outcome = 'won') as won,
    sum(deals.amount) filter (where deals.motion = 'new_business' and deals.outcome = 'won') as amount_won,
    sum(deals.amount) filter (where deals.motion = 'new_business') as amount_closed
  from periods
  join deals on deals.close_date >= periods.period_start and deals.close_date < periods.period_end
  group by grouping sets (
    (periods.period_type, periods.period_key),
    (periods.period_type, periods.period_key, deals.channel),
    (periods.period_type, periods.period_key, deals.tier),
    (periods.period_type, periods.period_key, deals.channel, deals.tier)
  )
),

-- Every period × cut the data has, periods without a closed deal included (their figures are 0, not missing).
cuts as (
  select distinct channel, tier from counted
),

filled as (
  select
    periods.period_type,
    periods.period_key,
    periods.period_start,
    periods.previous_key,
    periods.is_complete,
    periods.is_partial,
    cuts.channel,
    cuts.tier,
    coalesce(counted.bookings, 0) as bookings,
    coalesce(counted.bookings_new_business, 0) as bookings_new_business,
    -- A motion the export never has is unknown, not 0.
    case when (select has_expansion from motions) then coalesce(counted.bookings_expansion, 0) end as bookings_expansion,
    case when (select has_renewal from motions) then coalesce(counted.bookings_renewal, 0) end as bookings_renewal,
    coalesce(counted.deals_won, 0)::integer as deals_won,
    coalesce(counted.n_closed, 0)::integer as n_closed,
    coalesce(counted.won, 0)::integer as won,
    counted.won / nullif(counted.n_closed, 0) as win_rate,
    wilson_low(counted.won, counted.n_closed) as win_rate_low,
    wilson_high(counted.won, counted.n_closed) as win_rate_high,
    coalesce(counted.n_closed, 0) < (select minimum_sample from settings) as low_sample,
    case when (select recorded from lost_amounts) then coalesce(counted.amount_won, 0) / nullif(counted.amount_closed, 0) end as win_rate_amount
  from periods
  cross join cuts
  left join counted using (period_type, period_key, channel, tier)
),

final as (
  select
    current_period.period_type,
    current_period.period_key,
    current_period.period_start,
    current_period.channel,
    current_period.tier,
    current_period.is_complete,
    current_period.is_partial,
    current_period.bookings,
    current_period.bookings_new_business,
    current_period.bookings_expansion,
    current_period.bookings_renewal,
    current_period.deals_won,
    previous_period.bookings as previous_bookings,
    case when whole then current_period.bookings / nullif(previous_period.bookings, 0) - 1 end as bookings_change_rate,
    case
      when whole then case when previous_period.bookings = 0 then say('no bookings in the previous period', '이전 기간에 수주 금액이 없습니다') end
      else change_note(current_period.is_complete, current_period.is_partial, previous_period.period_key is not null)
    end as bookings_change_note,
    current_period.n_closed,
    current_period.won,
    current_period.win_rate,
    current_period.win_rate_low,
    current_period.win_rate_high,
    current_period.low_sample,
    current_period.win_rate_amount,
    previous_period.win_rate as previous_win_rate,
    case when whole and not current_period.low_sample and not previous_period.low_sample
      then current_period.win_rate - previous_period.win_rate end as win_rate_change_points,
    case
      when whole and not current_period.low_sample and not previous_period.low_sample then null
      when not whole then change_note(current_period.is_complete, current_period.is_partial, previous_period.period_key is not null)
      else say('too few closed deals to compare', '표본 부족: 종료된 영업기회가 적어 비교할 수 없습니다')
    end as win_rate_change_note
  from filled as current_period
  left join filled as previous_period
    on previous_period.period_type = current_period.period_type
    and previous_period.period_key = current_period.previous_key
    and previous_period.channel = current_period.channel
    and previous_period.tier = current_period.tier
  cross join lateral (
    select current_period.is_complete and not current_period.is_partial
      and coalesce(previous_period.is_complete, false) and not coalesce(previous_period.is_partial, true) as whole
  )
)

select * from final
order by period_type, period_start, channel, tier
