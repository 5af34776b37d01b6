-- One row per opportunity (deal): new business, renewal or expansion. Won/lost/open is decided here,
-- once, for every model downstream.
-- @column opportunity_id: CRM id of the opportunity
-- @column account_id: account of the deal
-- @column stage_name: current stage as the CRM has it
-- @column stage_step: funnel step the stage maps to, or lost (config `funnel.opportunityStages`)
-- @column outcome: won, lost or open
-- @column amount: deal amount in the reporting currency (config `currency`), converted with config `exchangeRates`
-- @column amount_original: deal amount as exported, in its own currency
-- @column currency: ISO currency of the amount as exported (the reporting currency when the export has none)
-- @column close_date: actual close date when closed, expected close date when open
-- @column created_at: when the opportunity was created
-- @column owner_id: user id of the owner (the rep at close)
-- @column created_by_id: user id of who created it (inside sales' handoff)
-- @column lead_source: lead source as the CRM has it
-- @column channel: inbound, outbound or unknown (config `channels`)
-- @column opportunity_type: type as the CRM has it
-- @column motion: new_business, renewal or expansion (config `opportunityTypes`; no type means new business)
-- @column loss_reason: why the deal was lost
-- @column campaign_id: primary campaign
-- @column competitors_field: competitors kept in one comma-joined field, where the CRM does so
-- @column segment: product line or segment
-- @column region: sales region kept on the deal
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_opportunities
),

typed as (
  select
    crm_id(source.opportunity_id) as opportunity_id,
    crm_id(source.account_id) as account_id,
    source.stage_name,
    stage.step as stage_step,
    case
      when stage.step = 'won' or parse_bool(source.is_won) then 'won'
      when stage.step = 'lost' or parse_bool(source.is_closed) then 'lost'
      else 'open'
    end as outcome,
    parse_amount(source.amount) * rate.rate as amount,
    parse_amount(source.amount) as amount_original,
    coalesce(upper(source.currency), (select value from config_setting where name = 'currency')) as currency,
    rate.rate as exchange_rate,
    parse_timestamp(source.close_date)::date as close_date,
    parse_timestamp(source.created_at) as created_at,
    crm_id(source.owner_id) as owner_id,
    crm_id(source.created_by_id) as created_by_id,
    source.lead_source,
    coalesce(channel.channel, 'unknown') as channel,
    source.opportunity_type,
    coalesce(opportunity_type.motion, 'new_business') as motion,
    source.loss_reason,
    crm_id(source.campaign_id) as campaign_id,
    source.competitors as competitors_field,
    source.segment,
    source.region,
    source._source_file,
    source._source_row,
    source.row_hash,
    source.amount as amount_text,
    source.close_date as close_date_text,
    source.created_at as created_at_text,
    parse_bool(source.is_deleted) as is_deleted
  from source
  left join config_opportunity_stage as stage on stage.match_key = match_key(source.stage_name)
  left join config_channel as channel on channel.match_key = match_key(source.lead_source)
  left join config_opportunity_type as opportunity_type on opportunity_type.match_key = match_key(source.opportunity_type)
  left join config_exchange_rate as rate
    on rate.currency = coalesce(upper(trim(source.currency)), (select value from config_setting where name = 'currency'))
),

final as (
  select
    * exclude (row_hash, amount_text, close_date_text, created_at_text, is_deleted, exchange_rate),
    case
      when opportunity_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(opportunity_id, row_hash, _source_row) is not null then duplicate_reason(opportunity_id, row_hash, _source_row)
      when unparsed(created_at_text, created_at) then 'unparseable date in created_at'
      when unparsed(amount_text, amount_original) then 'unparseable amount in amount'
      when amount_original < 0 then 'negative amount'
      when implausible_amount(amount) then 'implausible amount (over 100,000,000,000 in the reporting currency)'
      when implausible_date(created_at) then 'implausible date in created_at (before 1970 or in the future)'
      when close_date < date '1970-01-01' then 'implausible date in close_date (before 1970)'
      when outcome <> 'open' and implausible_date(close_date) then 'closed with a close date in the future'
      when exchange_rate is null then 'no exchange rate for currency ' || currency || ' (add it to config exchangeRates)'
      when unparsed(close_date_text, close_date) then 'unparseable date in close_date'
      when stage_step is null then 'unknown stage (add it to config funnel.opportunityStages)'
      when account_id is not null
        and exists (select 1 from stg_accounts)
        and account_id not in (select account_id from stg_accounts) then 'references a missing account'
    end as quarantine_reason
  from typed
)

select * from final
