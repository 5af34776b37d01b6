-- One row per lead's membership of a campaign.
-- @column campaign_id: the campaign
-- @column lead_id: the lead (null for contacts, which we do not load)
-- @column created_at: when the lead joined the campaign
with source as (
  select * from src_campaign_members
),

typed as (
  select
    crm_id(campaign_id) as campaign_id,
    crm_id(lead_id) as lead_id,
    parse_timestamp(created_at) as created_at,
    _source_file,
    _source_row,
    created_at as created_at_text,
    parse_bool(is_deleted) as is_deleted
  from source
),

final as (
  select
    * exclude (created_at_text, is_deleted),
    case
      when campaign_id is null then 'missing campaign id'
      when is_deleted then 'deleted in the CRM'
      when unparsed(created_at_text, created_at) then 'unparseable date in created_at'
      when exists (select 1 from stg_campaigns)
        and campaign_id not in (select campaign_id from stg_campaigns) then 'references a missing campaign'
    end as quarantine_reason
  from typed
)

select * from final
