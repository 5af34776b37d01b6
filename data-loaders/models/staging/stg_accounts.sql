-- One row per account (a company, prospect or customer).
-- @column account_id: CRM id of the account
-- @column account_name: company name
-- @column industry: industry
-- @column account_type: the CRM's type of account (customer, partner, competitor, test …), as written
-- @column annual_revenue: annual revenue, in the export's units
-- @column employees: number of employees
-- @column region: sales region
-- @column country: billing country
-- @column export_tier: A, B or C when the CRM keeps a tier; null otherwise
-- @column created_at: when the account was created
-- @column owner_id: user id of the account owner
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_accounts
),

typed as (
  select
    crm_id(account_id) as account_id,
    account_name,
    industry,
    nullif(trim(account_type), '') as account_type,
    parse_amount(annual_revenue) as annual_revenue,
    try_cast(parse_amount(employees) as integer) as employees,
    region,
    country,
    case when upper(trim(tier)) in ('A', 'B', 'C') then upper(trim(tier)) end as export_tier,
    parse_timestamp(created_at) as created_at,
    crm_id(owner_id) as owner_id,
    _source_file,
    _source_row,
    row_hash,
    annual_revenue as annual_revenue_text,
    employees as employees_text,
    created_at as created_at_text,
    parse_bool(is_deleted) as is_deleted
  from source
),

final as (
  select
    * exclude (row_hash, annual_revenue_text, employees_text, created_at_text, is_deleted),
    case
      when account_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(account_id, row_hash, _source_row) is not null then duplicate_reason(account_id, row_hash, _source_row)
      when unparsed(annual_revenue_text, annual_revenue) then 'unparseable amount in annual_revenue'
      when unparsed(employees_text, employees) then 'unparseable number in employees'
      when unparsed(created_at_text, created_at) then 'unparseable date in created_at'
      when account_id in (select account_id from stg_excluded_accounts) then 'excluded account (config excludedAccounts)'
    end as quarantine_reason
  from typed
)

select * from final
