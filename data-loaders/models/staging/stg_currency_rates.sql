-- One row per exchange rate the export itself carries: Salesforce's CurrencyType (one rate per currency)
-- and DatedConversionRate (rates over date ranges, with advanced currency management). Salesforce's
-- direction: units of the currency per one unit of the org's corporate currency (MXN 18.2 when the
-- corporate currency is USD). stg_opportunities converts with these unless config `exchangeRates` names
-- the currency.
-- @column currency: ISO currency code, upper case
-- @column rate: units of the currency per one unit of the corporate currency
-- @column is_corporate: the org's corporate currency (its rate is 1)
-- @column valid_from: first day a dated rate applies; null for a currency's standing rate (CurrencyType)
-- @column valid_until: first day the next dated rate applies; null when open-ended or standing
with source as (
  select _source_file, _source_row, _row_hash, currency, rate, is_corporate, null::varchar as start_date, null::varchar as next_start_date
  from src_currency_rates
  union all
  select _source_file, _source_row, _row_hash, currency, rate, null, start_date, next_start_date
  from src_dated_currency_rates
),

typed as (
  select
    upper(trim(currency)) as currency,
    parse_amount(rate) as rate,
    coalesce(parse_bool(is_corporate), false) as is_corporate,
    parse_timestamp(start_date)::date as valid_from,
    parse_timestamp(next_start_date)::date as valid_until,
    _source_file,
    _source_row,
    rate as rate_text,
    start_date as start_date_text,
    next_start_date as next_start_date_text
  from source
),

final as (
  select
    * exclude (rate_text, start_date_text, next_start_date_text),
    case
      when currency is null or not regexp_full_match(currency, '[A-Z]{3}') then 'missing or invalid ISO currency code'
      when unparsed(rate_text, rate) or rate is null then 'missing or unparseable rate'
      when rate <= 0 then 'rate not positive'
      when unparsed(start_date_text, valid_from) then 'unparseable date in start_date'
      when unparsed(next_start_date_text, valid_until) then 'unparseable date in next_start_date'
      when row_number() over (partition by currency, valid_from order by _source_row) > 1 then 'duplicate rate for the currency and date'
    end as quarantine_reason
  from typed
)

select * from final
