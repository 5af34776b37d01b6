-- One row per snapshot date (but the first) × movement: how the pipeline moved since the previous
-- snapshot (METRICS.md "pipeline flow over time"), and the open pipeline at both ends. Movements of an
-- opportunity between two snapshots, each counted once, in this order of precedence:
--   created     — not in the previous snapshot (open now, or created and closed in between)
--   won / lost  — open (or absent) before, won / lost now
--   advanced    — open in both, at a later funnel step now
--   moved_back  — open in both, at an earlier step now
--   pushed_out  — open in both, same step, close date later now
--   pulled_in   — open in both, same step, close date earlier now
-- plus open_start (open pipeline at the previous snapshot) and open_end (at this one).
-- Amounts are those of the later snapshot (of the earlier one for open_start).
-- @column snapshot_date: the later snapshot's date
-- @column previous_snapshot_date: the earlier snapshot's date
-- @column movement: created, won, lost, advanced, moved_back, pushed_out, pulled_in, open_start or open_end
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

final as (
  select snapshot_date, previous_snapshot_date, movement, count(*)::integer as opportunities, amount_total(sum(amount), count(amount), count(*)) as amount
  from (
    select snapshot_date, previous_snapshot_date, movement, amount from movements where movement is not null
    union all
    select * from open_ends
  )
  group by all
)

select * from final
order by snapshot_date, movement
