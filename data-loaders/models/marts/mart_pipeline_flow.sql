-- One row per snapshot date (but the first) × movement: how the pipeline moved since the previous
-- snapshot (METRICS.md "pipeline flow over time"), and the open pipeline at both ends. Movements of an
-- opportunity between two snapshots, each counted once, in this order of precedence:
--   created     — not in the previous snapshot (open now, or created and closed in between)
--   won / lost  — open (or absent) before, won / lost now
--   advanced    — open in both, at a later funnel step now
--   moved_back  — open in both, at an earlier step now
--   pushed_out  — open in both, same step, close date later now
--   pulled_in   — open in both, same step, close date earlier now
-- plus open_start (open pipeline at the previous snapshot) and open_end (at this one), and
--   other       — what those movements leave unexplained, so that the waterfall adds up:
--                 open_end − (open_start + created − won − lost), in opportunities and in amount (amount
--                 changes of deals that stayed open, won and lost deals valued at their later amount,
--                 deals created and closed between the snapshots, deals reopened or deleted); may be
--                 negative; unknown (null) when one of those amounts is.
-- Amounts are those of the later snapshot (of the earlier one for open_start).
-- @column snapshot_date: the later snapshot's date
-- @column previous_snapshot_date: the earlier snapshot's date
-- @column movement: created, won, lost, advanced, moved_back, pushed_out, pulled_in, open_start, open_end or other
-- @column opportunities: opportunities that moved so
-- @column amount: their amount in the reporting currency
with snapshots as (
  select * from stg_opportunity_snapshots
),

dates as (
  select snapshot_date, lag(snapshot_date) over (order by snapshot_date) as previous_snapshot_date
  from (select distinct snapshot_date from snapshots)
),

pairs as (
  select
    dates.snapshot_date,
    dates.previous_snapshot_date,
    cur.opportunity_id,
    cur.outcome,
    cur.amount,
    cur.stage_order,
    cur.close_date,
    before.outcome as before_outcome,
    before.stage_order as before_stage_order,
    before.close_date as before_close_date
  from dates
  join snapshots as cur on cur.snapshot_date = dates.snapshot_date
  left join snapshots as before
    on before.snapshot_date = dates.previous_snapshot_date and before.opportunity_id = cur.opportunity_id
  where dates.previous_snapshot_date is not null
),

movements as (
  select
    snapshot_date,
    previous_snapshot_date,
    amount,
    case
      when before_outcome is null then 'created'
      when before_outcome = 'open' and outcome = 'won' then 'won'
      when before_outcome = 'open' and outcome = 'lost' then 'lost'
      when before_outcome = 'open' and outcome = 'open' and stage_order > before_stage_order then 'advanced'
      when before_outcome = 'open' and outcome = 'open' and stage_order < before_stage_order then 'moved_back'
      when before_outcome = 'open' and outcome = 'open' and close_date > before_close_date then 'pushed_out'
      when before_outcome = 'open' and outcome = 'open' and close_date < before_close_date then 'pulled_in'
    end as movement
  from pairs
),

open_ends as (
  select dates.snapshot_date, dates.previous_snapshot_date, 'open_start' as movement, before.amount
  from dates
  join snapshots as before on before.snapshot_date = dates.previous_snapshot_date and before.outcome = 'open'
  union all
  select dates.snapshot_date, dates.previous_snapshot_date, 'open_end', cur.amount
  from dates
  join snapshots as cur on cur.snapshot_date = dates.snapshot_date and cur.outcome = 'open'
  where dates.previous_snapshot_date is not null
),

counted as (
  select snapshot_date, previous_snapshot_date, movement, count(*)::integer as opportunities, amount_total(sum(amount), count(amount), count(*)) as amount
  from (
    select snapshot_date, previous_snapshot_date, movement, amount from movements where movement is not null
    union all
    select * from open_ends
  )
  group by all
),

other as (
  -- open_end − (open_start + created − won − lost): a movement the pair lacks counts 0.
  select
    dates.snapshot_date,
    dates.previous_snapshot_date,
    'other' as movement,
    coalesce(sum(counted.opportunities * signs.sign), 0)::integer as opportunities,
    case when count(*) filter (where counted.movement is not null and counted.amount is null) = 0 then
      coalesce(sum(counted.amount * signs.sign), 0)
    end as amount
  from dates
  cross join (values ('open_end', 1), ('open_start', -1), ('created', -1), ('won', 1), ('lost', 1)) as signs (movement, sign)
  left join counted on counted.snapshot_date = dates.snapshot_date and counted.movement = signs.movement
  where dates.previous_snapshot_date is not null
  group by dates.snapshot_date, dates.previous_snapshot_date
),

final as (
  select * from counted
  union all
  select * from other
)

select * from final
order by snapshot_date, movement
