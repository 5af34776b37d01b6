-- One row per loss reason × currency that config `excludedLossReasons` reads as "not a real deal" (a
-- duplicate, a test, a merge): the deals set aside for it, left out of win rates, pipeline and bookings,
-- and their amount. They are quarantined rows like any other (the reconciliation counts them); this says
-- how much they would have moved the numbers: 417 duplicates were 68% of one real org's lost amount.
-- @column loss_reason: the loss reason as the export has it
-- @column currency: the currency of their amounts as exported (the reporting currency when the export has none)
-- @column deals: deals set aside for it
-- @column amount: their amount, in that currency, as exported
with excluded as (
  select source_file, source_row
  from dq_quarantine
  where model = 'stg_opportunities' and reason like 'not a real deal:%'
),

final as (
  select
    source.loss_reason,
    coalesce(upper(trim(source.currency)), (select value from config_setting where name = 'currency')) as currency,
    count(*)::integer as deals,
    sum(parse_amount(source.amount)) as amount
  from excluded
  join src_opportunities as source
    on source._source_file = excluded.source_file and source._source_row = excluded.source_row
  group by all
)

select * from final
order by deals desc, loss_reason, currency
