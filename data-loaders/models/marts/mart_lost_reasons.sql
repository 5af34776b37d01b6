-- One row per period × dimension × value: new-business deals lost in the period (by close date), by count
-- and amount (METRICS.md "Lost reasons"), with each value's share of the period's losses. Periods: quarter,
-- year and 'all' (every lost deal, including deals whose export has no close date). New business only, so
-- the losses here are the `lost` of mart_win_rate; lost deals only — disqualified leads belong to the
-- recycle pool (mart_recycled_leads), not here.
--
-- Long format (dimension/value), like mart_win_rate, rather than one wide grid of reason × stage ×
-- competitor: a deal lost with two competitors sits under both, so summing a grid would count it twice,
-- and each row here already carries its share of the period's losses — a page shows rows as they are.
-- Dimensions: 'overall' (value 'all'), reason_group, reason (as the CRM has it, with its group),
-- lost_at_step (the furthest funnel step the deal reached, from stage history; deals without stage history
-- are '(not recorded)' — the stage they were lost at is unknown, not the first one), competitor (each
-- competitor named on the deal; '(no competitor)'). A dimension the export has no data for is left out:
-- reasons when no opportunity has a loss reason, lost_at_step without any stage history, competitor when
-- no competitor is named anywhere.
-- @column period_type: quarter, year or all
-- @column period_key: e.g. 2026-Q1, 2026; 'all' for every lost deal
-- @column period_start: first day of the period (null for 'all')
-- @column dimension: overall, reason_group, reason, lost_at_step or competitor
-- @column value: reason group, reason, step, competitor; 'all' for overall; '(none)' when no reason was given
-- @column reason_group: the reason's group (reason rows only): unreachable, revisit_later, no_budget, no_need, competitor or other
-- @column step_order: position of the step in the funnel (lost_at_step rows only), for ordering
-- @column lost_deals: deals lost
-- @column amount_lost: amount of the deals lost, in the reporting currency (null when unknown: no lost deal in the export has a positive amount)
-- @column period_lost_deals: all deals lost in the period (the overall row's lost_deals): the shares' denominator
-- @column share_of_lost: lost_deals ÷ period_lost_deals (competitor shares can add up to more than 1)
-- @column share_of_amount_lost: amount_lost ÷ the period's amount lost (null when either is unknown)
with opportunities as (
  select * from int_opportunities
),

lost as (
  select * from opportunities
  where motion = 'new_business' and outcome = 'lost'
),

periods as (
  select period_type, period_key, period_start, period_end
  from int_periods
  where period_type in ('quarter', 'year')
),

steps as (
  select step, step_order from config_funnel_step
),

-- Opportunities whose stage history names a funnel step: their stage at loss is known.
with_history as (
  select distinct history.opportunity_id
  from stg_opportunity_history as history
  join steps on steps.step = history.stage_step
),

available as (
  select
    (select count(*) from int_opportunity_competitors) > 0 as competitor,
    (select count(*) from with_history) > 0 as lost_at_step,
    count(loss_reason) > 0 as reason,
    -- Some exports record every lost deal's amount as 0 (Maven's close_value is revenue): then lost
    -- amounts are not recorded, and are shown as unknown rather than as 0.
    count(*) filter (where motion = 'new_business' and outcome = 'lost' and amount > 0) > 0 as lost_amounts
  from opportunities
),

lost_in_period as (
  select periods.period_type, periods.period_key, periods.period_start, lost.opportunity_id
  from lost
  join periods on lost.close_date >= periods.period_start and lost.close_date < periods.period_end
  union all
  select 'all', 'all', null::date, opportunity_id
  from lost
),

-- One row per lost deal per value it is counted under.
deal_values as (
  select opportunity_id, 'overall' as dimension, 'all' as value, null as reason_group
  from lost
  union all
  select opportunity_id, 'reason_group', coalesce(loss_reason_group, '(none)'), null
  from lost where (select reason from available)
  union all
  select opportunity_id, 'reason', coalesce(loss_reason, '(none)'), loss_reason_group
  from lost where (select reason from available)
  union all
  select lost.opportunity_id, 'lost_at_step',
    case when with_history.opportunity_id is not null then lost.lost_at_step else '(not recorded)' end, null
  from lost
  left join with_history using (opportunity_id)
  where (select lost_at_step from available)
  union all
  select lost.opportunity_id, 'competitor', coalesce(competitors.competitor, '(no competitor)'), null
  from lost
  left join int_opportunity_competitors as competitors using (opportunity_id)
  where (select competitor from available)
),

counted as (
  select
    lost_in_period.period_type,
    lost_in_period.period_key,
    lost_in_period.period_start,
    deal_values.dimension,
    deal_values.value,
    any_value(deal_values.reason_group) as reason_group,
    count(*) as lost_deals,
    case when (select lost_amounts from available) then sum(lost.amount) end as amount_lost
  from lost_in_period
  join deal_values using (opportunity_id)
  join lost using (opportunity_id)
  group by all
),

totals as (
  select period_type, period_key, lost_deals as period_lost_deals, amount_lost as period_amount_lost
  from counted
  where dimension = 'overall'
),

final as (
  select
    counted.period_type,
    counted.period_key,
    counted.period_start,
    counted.dimension,
    counted.value,
    counted.reason_group,
    case when counted.dimension = 'lost_at_step' then steps.step_order end as step_order,
    counted.lost_deals::integer as lost_deals,
    counted.amount_lost,
    totals.period_lost_deals::integer as period_lost_deals,
    counted.lost_deals / totals.period_lost_deals as share_of_lost,
    counted.amount_lost / nullif(totals.period_amount_lost, 0) as share_of_amount_lost
  from counted
  join totals using (period_type, period_key)
  left join steps on steps.step = case when counted.dimension = 'lost_at_step' then counted.value end
)

select * from final
order by period_type, period_start nulls first, dimension, lost_deals desc, value
