-- One row per opportunity (deal): new business, renewal or expansion. Won/lost/open is decided here,
-- once, for every model downstream: by the export's own closed/won flags when it has them, else by the
-- stage (macro opportunity_outcome). A deal is kept whenever it can be placed: a stage the config does not
-- map leaves its funnel step unknown (stage_step null) but the deal counts everywhere else; an account or
-- owner missing from the export keeps the deal (int_opportunities shows it under "unknown"); a currency
-- without a rate keeps it in every count with its amount unknown (null).
-- @column opportunity_id: CRM id of the opportunity
-- @column account_id: account of the deal (it may be missing from the account file: see account_known)
-- @column account_known: the account is in the export's account file (false: an orphan reference, kept; null: no account named, or the export has no account file)
-- @column stage_name: current stage as the CRM has it
-- @column pipeline: the pipeline the deal is in, where the export has pipelines
-- @column stage_step: funnel step the stage maps to, or lost (config `pipelines.<name>.stages`, then `funnel.opportunityStages`); null when unmapped
-- @column outcome: won, lost or open
-- @column outcome_source: flags (the export's closed/won flags decided) or stage (the stage's mapped step decided)
-- @column stage_disagrees: the flags decided an outcome that the stage's mapping contradicts (a "Closed Lost" stage on a deal the CRM keeps open); null when there are no flags or the stage is unmapped
-- @column amount: deal amount in the reporting currency (config `currency`); null when its currency has no rate
-- @column amount_original: deal amount as exported, in its own currency
-- @column currency: ISO currency of the amount as exported (the reporting currency when the export has none)
-- @column exchange_rate: value of one unit of the currency in the reporting currency, as used
-- @column exchange_rate_source: reporting currency, config, export (dated) or export; null when no rate is known
-- @column close_date: actual close date when closed, expected close date when open
-- @column created_at: when the opportunity was created
-- @column owner_id: user id of the owner (the rep at close); a name in a report export is resolved to the user's id (stg_user_references)
-- @column created_by_id: user id of who created it (inside sales' handoff), resolved the same way
-- @column lead_source: lead source as the CRM has it
-- @column channel: inbound, outbound or unknown (config `channels`)
-- @column opportunity_type: type as the CRM has it
-- @column motion: new_business, renewal or expansion (config `pipelines.<name>.motion`, then a pipeline named like "Renewals", then `opportunityTypes`; no type means new business)
-- @column pipeline_team: the team config `pipelines.<name>.team` gives the deal's pipeline, if any
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

reporting as (
  select value as currency from config_setting where name = 'currency'
),

-- The export's own rates (stg_currency_rates): a standing rate per currency, and dated ones.
export_standing as (
  select currency, rate from stg_currency_rates where valid_from is null
),

export_dated as (
  select currency, rate, valid_from, coalesce(valid_until, date '9999-12-31') as valid_until
  from stg_currency_rates where valid_from is not null
),

-- One corporate unit in the reporting currency: 1 when they are the same currency (the corporate
-- currency's rate is 1), else the reporting currency's own rate in the export, else config's rate for the
-- corporate currency.
corporate as (
  select
    coalesce(
      (select rate from export_standing where currency = (select currency from reporting)),
      (select config.rate from stg_currency_rates as rates join config_exchange_rate as config using (currency)
       where rates.is_corporate and rates.valid_from is null limit 1)
    ) as unit_in_reporting
),

typed as (
  select
    crm_id(source.opportunity_id) as opportunity_id,
    crm_id(source.account_id) as account_id,
    source.stage_name,
    nullif(trim(source.pipeline), '') as pipeline,
    stage_step(source.stage_name, source.pipeline) as stage_step,
    closed_flag(source.is_closed, source.status) as is_closed,
    won_flag(source.is_won, source.status) as is_won,
    parse_amount(source.amount) as amount_original,
    coalesce(upper(trim(source.currency)), (select currency from reporting)) as currency,
    parse_timestamp(source.close_date)::date as close_date,
    parse_timestamp(source.created_at) as created_at,
    coalesce(owner_ref.user_id, crm_id(source.owner_id)) as owner_id,
    coalesce(creator_ref.user_id, crm_id(source.created_by_id)) as created_by_id,
    source.lead_source,
    coalesce(channel.channel, 'unknown') as channel,
    source.opportunity_type,
    deal_motion(pipeline.motion, source.pipeline, opportunity_type.motion) as motion,
    pipeline.team as pipeline_team,
    coalesce(pipeline.exclude, false) as pipeline_excluded,
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
    parse_bool(source.is_deleted) or match_key(source.status) = 'deleted' as is_deleted
  from source
  left join config_channel as channel on channel.match_key = match_key(source.lead_source)
  left join config_opportunity_type as opportunity_type on opportunity_type.match_key = match_key(source.opportunity_type)
  left join config_pipeline as pipeline on pipeline.match_key = match_key(source.pipeline)
  left join stg_user_references as owner_ref on owner_ref.reference = crm_id(source.owner_id)
  left join stg_user_references as creator_ref on creator_ref.reference = crm_id(source.created_by_id)
),

rated as (
  select
    typed.*,
    -- A rate named in config wins (the reporting currency is always 1 there); then the export's dated
    -- rate at the close date, then its standing rate.
    case
      when config_rate.rate is not null then config_rate.rate
      when dated.rate is not null then (select unit_in_reporting from corporate) / dated.rate
      when standing.rate is not null then (select unit_in_reporting from corporate) / standing.rate
    end as exchange_rate,
    case
      when typed.currency = (select currency from reporting) then 'reporting currency'
      when config_rate.rate is not null then 'config'
      when (select unit_in_reporting from corporate) is null then null
      when dated.rate is not null then 'export (dated)'
      when standing.rate is not null then 'export'
    end as exchange_rate_source
  from typed
  left join config_exchange_rate as config_rate on config_rate.currency = typed.currency
  left join export_standing as standing on standing.currency = typed.currency
  left join export_dated as dated
    on dated.currency = typed.currency
    and coalesce(typed.close_date, typed.created_at::date) >= dated.valid_from
    and coalesce(typed.close_date, typed.created_at::date) < dated.valid_until
  -- Overlapping dated ranges (an export should have none) must not repeat a deal: the latest range wins.
  qualify row_number() over (partition by typed._source_row order by dated.valid_from desc nulls last) = 1
),

decided as (
  select
    * exclude (is_closed, is_won),
    opportunity_outcome(is_closed, is_won, stage_step) as outcome,
    case when is_closed is not null or is_won is not null then 'flags' else 'stage' end as outcome_source,
    case
      when (is_closed is null and is_won is null) or stage_step is null then null
      when stage_step in ('won', 'lost') then opportunity_outcome(is_closed, is_won, stage_step) <> stage_step
      else opportunity_outcome(is_closed, is_won, stage_step) <> 'open'
    end as stage_disagrees,
    amount_original * exchange_rate as amount
  from rated
),

final as (
  select
    opportunity_id,
    account_id,
    case
      when account_id is null or not exists (select 1 from stg_accounts) then null
      else account_id in (select account_id from stg_accounts)
    end as account_known,
    stage_name,
    pipeline,
    stage_step,
    outcome,
    outcome_source,
    stage_disagrees,
    amount,
    amount_original,
    currency,
    exchange_rate,
    exchange_rate_source,
    close_date,
    created_at,
    owner_id,
    created_by_id,
    lead_source,
    channel,
    opportunity_type,
    motion,
    pipeline_team,
    loss_reason,
    campaign_id,
    competitors_field,
    segment,
    region,
    _source_file,
    _source_row,
    case
      when opportunity_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(opportunity_id, row_hash, _source_row) is not null then duplicate_reason(opportunity_id, row_hash, _source_row)
      when pipeline_excluded then 'in a pipeline config excludes (pipelines.' || pipeline || '.exclude)'
      when unparsed(created_at_text, created_at) then 'unparseable date in created_at'
      when unparsed(amount_text, amount_original) then 'unparseable amount in amount'
      when amount_original < 0 then 'negative amount'
      when implausible_amount(amount) then 'implausible amount (over 100,000,000,000 in the reporting currency)'
      when implausible_date(created_at) then 'implausible date in created_at (before 1970 or in the future)'
      when close_date < date '1970-01-01' then 'implausible date in close_date (before 1970)'
      when outcome <> 'open' and close_date > (select as_of from int_as_of)
        then 'closed with a close date after the data''s as-of date (' || (select as_of from int_as_of) || ')'
      when unparsed(close_date_text, close_date) then 'unparseable date in close_date'
      when outcome = 'lost' and excluded_loss_reason(loss_reason) is not null
        then 'not a real deal: lost as "' || loss_reason || '" (config excludedLossReasons)'
      when account_id in (select account_id from stg_excluded_accounts) then 'on an excluded account (config excludedAccounts)'
    end as quarantine_reason
  from decided
)

select * from final
