-- One row per period × dimension × value: win rate = won ÷ (won + lost) over new-business opportunities
-- closed in the period, by close date (METRICS.md "Win rate"), by count and by amount side by side.
-- Periods: quarter and year (int_periods), and period_type 'all' (period_key 'all') over every closed
-- deal, including deals whose export has no close date. Only periods with closed deals have rows.
-- New business only: renewals and expansion are customer success' KPI, not field sales' win rate.
--
-- Dimensions: 'overall' (value 'all'), rep (owner at close, by user id), competitor, tier, channel,
-- source (lead source), region, segment, pipeline. A deal with several competitors counts once under each, so
-- competitor rows do not add up to the overall row; deals with no competitor form '(no competitor)'.
-- Other dimensions partition the deals ('(none)' for an empty value) and add up to 'overall'.
-- A dimension the export has no data for is left out entirely — no competitor named on any opportunity,
-- every tier 'unknown', every channel 'unknown', no source, region, segment or owner anywhere — because a
-- single '(none)' row would read as a finding.
--
-- rank orders values within period × dimension by win rate, rows with enough data (n ≥ config
-- minimumSample) first, so a low-sample row is never ranked above one with enough data; ties share a rank.
-- Win rate by amount is left unknown (null) when no lost deal in the export has a positive amount: some
-- exports keep only realised revenue, 0 for every lost deal, which would read as a 100% win rate.
-- @column period_type: quarter, year or all
-- @column period_key: e.g. 2026-Q1, 2026; 'all' for every closed deal
-- @column period_start: first day of the period (null for 'all')
-- @column dimension: overall, rep, competitor, tier, channel, source, region, segment or pipeline
-- @column value: the rep's name, competitor, tier, …; 'all' for overall, '(none)' when empty, '(no competitor)'
-- @column owner_id: the rep's user id (rep rows only; two reps may share a name)
-- @column owner_team: the rep's team (rep rows only)
-- @column n_closed: deals closed (won + lost): the win rate's n
-- @column won: deals won
-- @column lost: deals lost
-- @column win_rate: won ÷ n_closed
-- @column win_rate_low: 95% Wilson interval of win_rate, low end
-- @column win_rate_high: 95% Wilson interval of win_rate, high end
-- @column low_sample: n_closed below config minimumSample: shown, but ranked after rows with enough data
-- @column amount_won: amount of the deals won, in the reporting currency (null when no closed deal has an amount)
-- @column amount_closed: amount of the deals closed (deals without an amount are left out of both amounts); null when the export records no lost deal's amount (all 0 or empty)
-- @column win_rate_amount: amount_won ÷ amount_closed: win rate by amount
-- @column rank: 1 = best win rate within period × dimension; rows with enough data rank before low-sample rows
-- @column previous_win_rate: the same row's win rate in the previous period of the same type
-- @column win_rate_change_points: win_rate − previous_win_rate, in points as a share (−0.021 = 2.1 points down), when comparable; null otherwise
-- @column win_rate_amount_change_points: win_rate_amount − the previous period's, in points as a share, when comparable
-- @column previous_n_closed: deals closed in the previous period
-- @column n_closed_change_rate: n_closed ÷ previous_n_closed − 1, when comparable
-- @column change_comparable: both periods complete and wholly in the export, neither a low sample: only then is a change shown
-- @column change_note: why no change is shown (period in progress, previous period partial or low sample, no previous period), in the site's language
with opportunities as (
  select * from int_opportunities
),

closed as (
  select * from opportunities
  where motion = 'new_business' and outcome in ('won', 'lost')
),

periods as (
  select period_type, period_key, period_start, period_end, previous_key, is_complete, is_partial
  from int_periods
  where period_type in ('quarter', 'year')
),

settings as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

-- Which dimensions the export has any data for, judged over every opportunity it holds.
available as (
  select
    (select count(*) from int_opportunity_competitors) > 0 as competitor,
    count(*) filter (where owner_id is not null) > 0 as rep,
    count(*) filter (where tier <> 'unknown') > 0 as tier,
    count(*) filter (where channel <> 'unknown') > 0 as channel,
    count(lead_source) > 0 as source,
    count(region) > 0 as region,
    count(segment) > 0 as segment,
    count(pipeline) > 0 as pipeline,
    -- Some exports record a lost deal's amount as 0 (Maven's close_value is revenue, 0 when lost): when
    -- no lost deal has a positive amount, lost amounts are not recorded and win rate by amount is unknown.
    count(*) filter (where motion = 'new_business' and outcome = 'lost' and amount > 0) > 0
      or count(*) filter (where motion = 'new_business' and outcome = 'lost') = 0 as lost_amounts
  from opportunities
),

closed_in_period as (
  select periods.period_type, periods.period_key, periods.period_start, closed.opportunity_id
  from closed
  join periods on closed.close_date >= periods.period_start and closed.close_date < periods.period_end
  union all
  select 'all', 'all', null::date, opportunity_id
  from closed
),

-- One row per deal per value it is counted under.
deal_values as (
  select opportunity_id, 'overall' as dimension, 'all' as value_key, 'all' as value, null as owner_team
  from closed
  union all
  select opportunity_id, 'rep', coalesce(owner_id, '(none)'), coalesce(owner_name, '(none)'), owner_team
  from closed where (select rep from available)
  union all
  select closed.opportunity_id, 'competitor', coalesce(competitors.competitor, '(no competitor)'),
    coalesce(competitors.competitor, '(no competitor)'), null
  from closed
  left join int_opportunity_competitors as competitors using (opportunity_id)
  where (select competitor from available)
  union all
  select opportunity_id, 'tier', tier, tier, null from closed where (select tier from available)
  union all
  select opportunity_id, 'channel', channel, channel, null from closed where (select channel from available)
  union all
  select opportunity_id, 'source', coalesce(lead_source, '(none)'), coalesce(lead_source, '(none)'), null
  from closed where (select source from available)
  union all
  select opportunity_id, 'region', coalesce(region, '(none)'), coalesce(region, '(none)'), null
  from closed where (select region from available)
  union all
  select opportunity_id, 'segment', coalesce(segment, '(none)'), coalesce(segment, '(none)'), null
  from closed where (select segment from available)
  union all
  select opportunity_id, 'pipeline', coalesce(pipeline, '(none)'), coalesce(pipeline, '(none)'), null
  from closed where (select pipeline from available)
),

counted as (
  select
    closed_in_period.period_type,
    closed_in_period.period_key,
    closed_in_period.period_start,
    deal_values.dimension,
    deal_values.value_key,
    any_value(deal_values.value) as value,
    any_value(deal_values.owner_team) as owner_team,
    count(*) as n_closed,
    count(*) filter (where closed.outcome = 'won') as won,
    count(*) filter (where closed.outcome = 'lost') as lost,
    sum(closed.amount) as amount_closed,
    sum(closed.amount) filter (where closed.outcome = 'won') as amount_won_or_null
  from closed_in_period
  join deal_values using (opportunity_id)
  join closed using (opportunity_id)
  group by all
),

rated as (
  select
    counted.*,
    won / n_closed as win_rate,
    n_closed < settings.minimum_sample as low_sample,
    -- No won deal among closed deals with amounts: amount won is 0, not unknown.
    case when amount_closed is not null then coalesce(amount_won_or_null, 0) end as amount_won,
    case when available.lost_amounts then amount_closed end as amount_closed_known
  from counted
  cross join settings
  cross join available
),

final as (
  select
    period_type,
    period_key,
    period_start,
    dimension,
    value,
    case when dimension = 'rep' and value_key <> '(none)' then value_key end as owner_id,
    owner_team,
    n_closed::integer as n_closed,
    won::integer as won,
    lost::integer as lost,
    win_rate,
    wilson_low(won, n_closed) as win_rate_low,
    wilson_high(won, n_closed) as win_rate_high,
    low_sample,
    amount_won,
    amount_closed_known as amount_closed,
    amount_won / nullif(amount_closed_known, 0) as win_rate_amount,
    rank() over (
      partition by period_type, period_key, dimension
      order by low_sample, win_rate desc, n_closed desc
    )::integer as rank,
    value_key
  from rated
),

-- The same row one period back, and whether the two may be compared.
with_previous as (
  select
    final.*,
    previous.win_rate as previous_win_rate,
    previous.win_rate_amount as previous_win_rate_amount,
    previous.n_closed as previous_n_closed,
    current_period.is_complete and not current_period.is_partial
      and previous_period.is_complete and not previous_period.is_partial
      and not final.low_sample and previous.low_sample = false as change_comparable,
    case
      when final.period_type = 'all' then null
      -- change_note() gives each of these reasons in the site's language (its arguments pick the reason).
      when not current_period.is_complete then change_note(false, null, null)
      when current_period.is_partial then change_note(true, true, null)
      when previous.win_rate is null then change_note(true, false, false)
      when previous_period.is_partial then change_note(true, false, true)
      when final.low_sample or previous.low_sample then say('too few closed deals to compare', '표본 부족: 종료된 영업기회가 적어 비교할 수 없습니다')
    end as change_note
  from final
  left join periods as current_period on current_period.period_type = final.period_type and current_period.period_key = final.period_key
  left join periods as previous_period on previous_period.period_type = final.period_type and previous_period.period_key = current_period.previous_key
  left join final as previous
    on previous.period_type = final.period_type
    and previous.period_key = current_period.previous_key
    and previous.dimension = final.dimension
    and previous.value_key = final.value_key
)

select
  * exclude (value_key, change_comparable, change_note, previous_win_rate, previous_win_rate_amount, previous_n_closed),
  previous_win_rate,
  case when coalesce(change_comparable, false) then win_rate - previous_win_rate end as win_rate_change_points,
  case when coalesce(change_comparable, false) then win_rate_amount - previous_win_rate_amount end as win_rate_amount_change_points,
  previous_n_closed,
  case when coalesce(change_comparable, false) then n_closed / nullif(previous_n_closed, 0) - 1 end as n_closed_change_rate,
  coalesce(change_comparable, false) as change_comparable,
  change_note
from with_previous
order by period_type, period_start nulls first, dimension, rank, value
