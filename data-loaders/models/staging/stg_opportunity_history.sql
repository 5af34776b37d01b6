-- One row per recorded change of an opportunity: a stage entered, an amount or a close date changed.
-- A stage the config does not map keeps its row (stage_step null): the change happened, only its funnel
-- step is unknown until mapped. A row whose opportunity was itself quarantined says so.
-- @column history_id: CRM id of the history row, where the export has one
-- @column opportunity_id: the opportunity
-- @column stage_name: stage after the change
-- @column pipeline: pipeline of that stage (the row's own, else the deal's)
-- @column stage_step: funnel step of that stage, or lost; null when unmapped
-- @column entered_at: when the change happened
-- @column amount: amount after the change
-- @column close_date: close date after the change
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_opportunity_history
),

typed as (
  select
    crm_id(source.history_id) as history_id,
    crm_id(source.opportunity_id) as opportunity_id,
    source.stage_name,
    coalesce(nullif(trim(source.pipeline), ''), opportunity.pipeline) as pipeline,
    stage_step(source.stage_name, coalesce(nullif(trim(source.pipeline), ''), opportunity.pipeline)) as stage_step,
    parse_timestamp(source.entered_at) as entered_at,
    parse_amount(source.amount) as amount,
    parse_timestamp(source.close_date)::date as close_date,
    source._source_file,
    source._source_row,
    source.row_hash,
    source.amount as amount_text,
    source.close_date as close_date_text,
    parse_bool(source.is_deleted) as is_deleted
  from source
  left join stg_opportunities as opportunity on opportunity.opportunity_id = crm_id(source.opportunity_id)
),

-- Why an opportunity that history refers to is not in stg_opportunities, when it was quarantined.
quarantined_opportunities as (
  select record_id as opportunity_id, min(reason) as reason
  from dq_quarantine
  where model = 'stg_opportunities' and record_id is not null
  group by record_id
),

final as (
  select
    typed.* exclude (row_hash, amount_text, close_date_text, is_deleted),
    case
      when opportunity_id is null then 'missing opportunity id'
      when is_deleted then 'deleted in the CRM'
      -- A history row without an id of its own is never a duplicate: nothing says two such rows are one.
      when history_id is not null and duplicate_reason(history_id, row_hash, _source_row) is not null
        then duplicate_reason(history_id, row_hash, _source_row)
      when entered_at is null then 'missing or unparseable date in entered_at'
      when unparsed(amount_text, amount) then 'unparseable amount in amount'
      when unparsed(close_date_text, close_date) then 'unparseable date in close_date'
      when opportunity_id not in (select opportunity_id from stg_opportunities) then
        coalesce('its opportunity was quarantined: ' || quarantined.reason, 'references a missing opportunity')
    end as quarantine_reason
  from typed
  left join quarantined_opportunities as quarantined using (opportunity_id)
)

select * from final
