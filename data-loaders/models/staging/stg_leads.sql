-- One row per lead. Personal data (names, emails, phones) is never selected from the export: it stays
-- in the raw table and cannot reach a mart or the site.
-- @column lead_id: CRM id of the lead
-- @column company: company name as typed on the lead, used to match it to an account
-- @column converted_account_id: account the lead was converted into
-- @column lead_source: lead source as the CRM has it
-- @column channel: inbound, outbound or unknown (config `channels`; an unmapped source is unknown, never guessed)
-- @column status: lead status as the CRM has it
-- @column status_step: funnel step the status maps to, or disqualified (config `funnel.leadStatuses`); null when the config does not map the status: the lead is kept and reaches the funnel by what the export does say (conversion flag, MQL/SQL/conversion dates)
-- @column created_at: when the lead was created; the lead's cohort
-- @column mql_at: when the lead became an MQL, where the export records it
-- @column sql_at: when the lead became an SQL, where the export records it
-- @column converted_at: when the lead was converted into an opportunity
-- @column is_converted: converted (the flag, the status or a converted opportunity says so)
-- @column converted_opportunity_id: opportunity the lead was converted into
-- @column owner_id: user id of the lead's owner (a name in a report export resolved to the id)
-- @column loss_reason: why the lead was disqualified
-- @column modified_at: when the lead was last changed; for a disqualified lead, when it was closed
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_leads
),

typed as (
  select
    crm_id(source.lead_id) as lead_id,
    source.company,
    crm_id(source.account_id) as converted_account_id,
    source.lead_source,
    coalesce(channel.channel, 'unknown') as channel,
    source.status,
    status.step as status_step,
    parse_timestamp(source.created_at) as created_at,
    parse_timestamp(source.mql_at) as mql_at,
    parse_timestamp(source.sql_at) as sql_at,
    parse_timestamp(source.converted_at) as converted_at,
    coalesce(parse_bool(source.is_converted), false)
      or status.step = 'opportunity'
      or crm_id(source.converted_opportunity_id) is not null as is_converted,
    crm_id(source.converted_opportunity_id) as converted_opportunity_id,
    coalesce(owner_ref.user_id, crm_id(source.owner_id)) as owner_id,
    source.loss_reason,
    parse_timestamp(source.modified_at) as modified_at,
    source._source_file,
    source._source_row,
    source.row_hash,
    source.created_at as created_at_text,
    source.mql_at as mql_at_text,
    source.sql_at as sql_at_text,
    source.converted_at as converted_at_text,
    source.modified_at as modified_at_text,
    parse_bool(source.is_deleted) as is_deleted
  from source
  left join config_lead_status as status on status.match_key = match_key(source.status)
  left join config_channel as channel on channel.match_key = match_key(source.lead_source)
  left join stg_user_references as owner_ref on owner_ref.reference = crm_id(source.owner_id)
),

final as (
  select
    * exclude (row_hash, created_at_text, mql_at_text, sql_at_text, converted_at_text, modified_at_text, is_deleted),
    case
      when lead_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(lead_id, row_hash, _source_row) is not null then duplicate_reason(lead_id, row_hash, _source_row)
      when created_at is null then 'missing or unparseable date in created_at'
      when implausible_date(created_at) then 'implausible date in created_at (before 1970 or in the future)'
      when unparsed(mql_at_text, mql_at) then 'unparseable date in mql_at'
      when unparsed(sql_at_text, sql_at) then 'unparseable date in sql_at'
      when unparsed(converted_at_text, converted_at) then 'unparseable date in converted_at'
      when unparsed(modified_at_text, modified_at) then 'unparseable date in modified_at'
      when converted_account_id in (select account_id from stg_excluded_accounts)
        or exists (select 1 from config_excluded_account where kind = 'name' and lower(company) glob value)
        then 'of an excluded account (config excludedAccounts)'
    end as quarantine_reason
  from typed
)

select * from final
