-- One row per loss-reason group (and 'all') × band of months from loss to return (config
-- recycling.returnBands: '0-2', '3-5', '6-11', '12+' by default,
-- and 'all'): how much of the recycle pool came back and how much of that ended in a won deal
-- (METRICS.md "Recycled leads"). The pool and each record's first return are int_recycle_pool's: lost
-- new-business deals and disqualified leads, recycled when the same account enters the funnel again
-- (a new lead, or a new opportunity without a lead) after the loss.
--
-- The contract, so that rows can be read and summed safely:
--   * A recycled record counts once, at its FIRST return, in the bucket of the months to that return;
--     it "leads to a won deal" only when that first return ended in a won new-business deal. recycled,
--     recycled_won and recycled_open add up over the buckets to the 'all' row.
--   * `pool` is the reason group's whole pool on every row of that group: a record that never came back
--     has no bucket and is counted only in the pool. So re_engagement_rate and overall_yield_rate of the
--     buckets add up to the 'all' row's; never sum `pool` over buckets.
--   * Records whose account (or company) or loss date is unknown cannot be followed: they are left out
--     of `pool` and counted in `pool_untracked`.
--   * A reason group has rows when the pool holds it, always with a row for every bucket and 'all' (a 0 there is a
--     fact); 'all' has rows even when the pool is empty, with a note saying why.
--   * A disqualified lead's loss date is the last date known on it (see int_recycle_pool), so its early
--     buckets can hold leads that arrived while it was still being worked; returns still open may yet be
--     won, so recent losses understate the yield. The reference points of METRICS.md (inbound ≈ 14.6%,
--     outbound ≈ 1.7%, recycled ≈ 5%) are page text, not columns; mart_channel has the measured
--     inbound and outbound figures.
-- @column reason_group: unreachable, revisit_later, no_budget, no_need, competitor, other, unknown (no reason recorded), or all
-- @column months_to_return: complete months from the loss to the first return, in the bands of config recycling.returnBands (0-2, 3-5, 6-11, 12+ by default), or all
-- @column bucket_order: 1, 2, … for the buckets in time order, 0 for all
-- @column pool: pooled records of the reason group that can be followed (the whole group, on every bucket row)
-- @column pool_untracked: pooled records of the reason group left out because their account or loss date is unknown
-- @column recycled: pooled records whose first return fell in this bucket
-- @column recycled_won: recycled records whose first return ended in a won new-business deal
-- @column recycled_open: recycled records whose first return is still open (it may yet be won)
-- @column yield_rate: recycled-lead yield, recycled_won ÷ recycled; null when nothing came back
-- @column yield_rate_low: 95% Wilson interval, lower bound of yield_rate
-- @column yield_rate_high: 95% Wilson interval, upper bound of yield_rate
-- @column low_sample: recycled (the yield's n) is below config minimumSample
-- @column re_engagement_rate: recycled ÷ pool; null when the pool is empty
-- @column re_engagement_rate_low: 95% Wilson interval, lower bound of re_engagement_rate
-- @column re_engagement_rate_high: 95% Wilson interval, upper bound of re_engagement_rate
-- @column overall_yield_rate: recycled_won ÷ pool; null when the pool is empty
-- @column overall_yield_rate_low: 95% Wilson interval, lower bound of overall_yield_rate
-- @column overall_yield_rate_high: 95% Wilson interval, upper bound of overall_yield_rate
-- @column note: why a row has no rates (no lost records, or none that can be followed), or that the export has no loss reasons, in the site's language; null otherwise
with pool as (
  select * from int_recycle_pool
),

minimum_sample as (
  select value::integer as n from config_setting where name = 'minimum_sample'
),

buckets as (
  -- config recycling.returnBands: 0-2, 3-5, 6-11, 12+ by default.
  select band_order as bucket_order, months_to_return, min_months, max_months from config_recycle_band
),

bucketed as (
  select
    pool.*,
    buckets.bucket_order,
    buckets.months_to_return as bucket
  from pool
  left join buckets
    on pool.months_to_return >= buckets.min_months
    and (buckets.max_months is null or pool.months_to_return <= buckets.max_months)
),

-- every record counts in its own reason group and in 'all'
by_group as (
  select *, reason_group as row_group from bucketed
  union all
  select *, 'all' from bucketed
),

group_pools as (
  select
    row_group,
    count(*) filter (where is_trackable) as pool,
    count(*) filter (where not is_trackable) as pool_untracked
  from by_group
  group by row_group
  -- the 'all' row exists even when the pool is empty, to say so
  union all
  select 'all', 0, 0 where not exists (select 1 from pool)
),

frame as (
  select group_pools.*, buckets.bucket_order, buckets.months_to_return
  from group_pools
  cross join (
    select bucket_order, months_to_return from buckets
    union all
    select 0, 'all'
  ) as buckets
),

returns as (
  -- each returned record once in its bucket and once in 'all'
  select row_group, bucket as months_to_return, is_trackable, return_won, return_outcome
  from by_group where returned_record_id is not null
  union all
  select row_group, 'all', is_trackable, return_won, return_outcome
  from by_group where returned_record_id is not null
),

returns_counted as (
  select
    row_group,
    months_to_return,
    count(*) as recycled,
    count(*) filter (where return_won) as recycled_won,
    count(*) filter (where return_outcome = 'open') as recycled_open
  from returns
  where is_trackable
  group by all
),

counted as (
  select
    frame.row_group as reason_group,
    frame.months_to_return,
    frame.bucket_order,
    frame.pool,
    frame.pool_untracked,
    coalesce(returns_counted.recycled, 0) as recycled,
    coalesce(returns_counted.recycled_won, 0) as recycled_won,
    coalesce(returns_counted.recycled_open, 0) as recycled_open
  from frame
  left join returns_counted using (row_group, months_to_return)
),

final as (
  select
    reason_group,
    months_to_return,
    bucket_order::integer as bucket_order,
    pool::integer as pool,
    pool_untracked::integer as pool_untracked,
    recycled::integer as recycled,
    recycled_won::integer as recycled_won,
    recycled_open::integer as recycled_open,
    recycled_won / nullif(recycled, 0) as yield_rate,
    wilson_low(recycled_won, recycled) as yield_rate_low,
    wilson_high(recycled_won, recycled) as yield_rate_high,
    recycled < (select n from minimum_sample) as low_sample,
    recycled / nullif(pool, 0) as re_engagement_rate,
    wilson_low(recycled, pool) as re_engagement_rate_low,
    wilson_high(recycled, pool) as re_engagement_rate_high,
    recycled_won / nullif(pool, 0) as overall_yield_rate,
    wilson_low(recycled_won, pool) as overall_yield_rate_low,
    wilson_high(recycled_won, pool) as overall_yield_rate_high,
    case
      when pool = 0 and pool_untracked = 0 then say('no lost deals or disqualified leads in the export', '내보낸 데이터에 실패한 영업기회도 부적격 리드도 없습니다')
      when pool = 0 then say('no lost record has an account (or company) and a loss date, so returns cannot be followed',
        '고객사(또는 회사)와 실패일이 함께 있는 실패 기록이 없어 재유입을 추적할 수 없습니다')
      when reason_group = 'all' and (select bool_and(reason is null) from pool)
        then say('the export records no loss reasons: every pooled record is in reason group unknown',
          '내보낸 데이터에 실패 사유가 없습니다: 재활용 대상 기록은 모두 "사유 기록 없음" 그룹에 속합니다')
    end as note
  from counted
)

select * from final
order by reason_group = 'all' desc, reason_group, bucket_order
