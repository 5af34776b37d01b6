-- One row per opportunity per dated snapshot (weekly exports kept in dated folders): the opportunity as
-- it stood that day. Only snapshot series have rows; a single export leaves this table empty.
-- @column opportunity_id: the opportunity
-- @column snapshot_date: the date of the snapshot
-- @column stage_name: stage at the snapshot
-- @column stage_step: funnel step of that stage, or lost; null when unmapped
-- @column stage_order: position of the step (null for lost or unmapped)
-- @column outcome: won, lost or open at the snapshot
-- @column amount: amount in the reporting currency (config rate, else the rate stg_opportunities used for the deal's currency); null when no rate is known
-- @column close_date: expected or actual close date at the snapshot
-- @column motion: new_business, renewal or expansion
-- @column owner_id: owner at the snapshot
with source as (
  select *, _row_hash as row_hash from src_opportunity_snapshots
),

typed as (
  select
    crm_id(source.opportunity_id) as opportunity_id,
    parse_timestamp(source.snapshot_date)::date as snapshot_date,
    source.stage_name,
    stage_step(source.stage_name, source.pipeline) as stage_step,
    steps.step_order as stage_order,
    opportunity_outcome(parse_bool(source.is_closed), parse_bool(source.is_won), stage_step(source.stage_name, source.pipeline)) as outcome,
    parse_amount(source.amount) * coalesce(rate.rate, deal_rate.exchange_rate) as amount,
    parse_timestamp(source.close_date)::date as close_date,
    deal_motion(pipeline.motion, source.pipeline, opportunity_type.motion) as motion,
    crm_id(source.owner_id) as owner_id,
    source._source_file,
    source._source_row,
    source.row_hash,
    source.amount as amount_text,
    source.close_date as close_date_text,
    coalesce(rate.rate, deal_rate.exchange_rate) as exchange_rate,
    parse_bool(source.is_deleted) as is_deleted
  from source
  left join config_funnel_step as steps on steps.step = stage_step(source.stage_name, source.pipeline)
  left join config_pipeline as pipeline on pipeline.match_key = match_key(source.pipeline)
  left join config_opportunity_type as opportunity_type on opportunity_type.match_key = match_key(source.opportunity_type)
  left join config_exchange_rate as rate
    on rate.currency = coalesce(upper(trim(source.currency)), (select value from config_setting where name = 'currency'))
  left join (select distinct currency, exchange_rate from stg_opportunities where exchange_rate_source in ('export', 'reporting currency')) as deal_rate
    on deal_rate.currency = coalesce(upper(trim(source.currency)), (select value from config_setting where name = 'currency'))
),

final as (
  select
    * exclude (row_hash, amount_text, close_date_text, exchange_rate, is_deleted),
    case
      when opportunity_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when row_number() over (partition by snapshot_date, opportunity_id order by _source_row) > 1 then 'duplicate id in the snapshot'
      when unparsed(amount_text, parse_amount(amount_text)) then 'unparseable amount in amount'
      when unparsed(close_date_text, close_date) then 'unparseable date in close_date'
    end as quarantine_reason
  from typed
)

select * from final
