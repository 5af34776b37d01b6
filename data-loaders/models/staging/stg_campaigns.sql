-- One row per marketing campaign.
-- @column campaign_id: CRM id of the campaign
-- @column campaign_name: campaign name
-- @column campaign_type: webinar, event, content, …
-- @column start_date: start date
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_campaigns
),

typed as (
  select
    crm_id(campaign_id) as campaign_id,
    campaign_name,
    campaign_type,
    parse_timestamp(start_date)::date as start_date,
    _source_file,
    _source_row,
    row_hash,
    start_date as start_date_text,
    parse_bool(is_deleted) as is_deleted
  from source
),

final as (
  select
    * exclude (row_hash, start_date_text, is_deleted),
    case
      when campaign_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(campaign_id, row_hash, _source_row) is not null then duplicate_reason(campaign_id, row_hash, _source_row)
      when unparsed(start_date_text, start_date) then 'unparseable date in start_date'
    end as quarantine_reason
  from typed
)

select * from final
