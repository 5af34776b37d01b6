-- One row per account config `excludedAccounts` leaves out of every metric (test, demo, internal or
-- partner accounts): listed by id, named like one of its name patterns, or of a type (the CRM's account
-- type) like one of its type patterns (* and ? wildcards, in any case; the first that matches names it). The
-- account, its deals and the leads converted into it or naming it as their company are set aside in
-- staging, each with the reason, so the data-quality page counts them and rows still reconcile.
-- @column account_id: the account's id
-- @column account_name: its name, where the export has the account
-- @column matched: what excluded it: its id, the name pattern or the type pattern it matched
with patterns as (
  select kind, value as pattern from config_excluded_account where kind in ('name', 'type')
),

accounts as (
  select crm_id(account_id) as account_id, account_name, nullif(trim(account_type), '') as account_type from src_accounts
),

by_id as (
  select config.value as account_id, any_value(accounts.account_name) as account_name, 'id ' || config.value as matched
  from config_excluded_account as config
  left join accounts on accounts.account_id = config.value
  where config.kind = 'id'
  group by config.value
),

by_pattern as (
  -- A name pattern is reported before a type pattern when both match.
  select
    accounts.account_id,
    any_value(accounts.account_name) as account_name,
    min(patterns.kind || ' "' || patterns.pattern || '"') as matched
  from accounts
  join patterns
    on (patterns.kind = 'name' and lower(accounts.account_name) glob patterns.pattern)
    or (patterns.kind = 'type' and lower(accounts.account_type) glob patterns.pattern)
  where accounts.account_id is not null and accounts.account_id not in (select account_id from by_id)
  group by accounts.account_id
)

select * from by_id
union all
select * from by_pattern
order by account_id
