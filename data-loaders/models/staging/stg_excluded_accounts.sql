-- One row per account config `excludedAccounts` leaves out of every metric (test, demo or internal
-- accounts): listed by id, or named like one of its patterns (* and ? wildcards, in any case). The
-- account, its deals and the leads converted into it or naming it as their company are set aside in
-- staging, each with the reason, so the data-quality page counts them and rows still reconcile.
-- @column account_id: the account's id
-- @column account_name: its name, where the export has the account
-- @column matched: what excluded it: its id, or the name pattern it matched
with patterns as (
  select value as pattern from config_excluded_account where kind = 'name'
),

accounts as (
  select crm_id(account_id) as account_id, account_name from src_accounts
),

by_id as (
  select config.value as account_id, any_value(accounts.account_name) as account_name, 'id ' || config.value as matched
  from config_excluded_account as config
  left join accounts on accounts.account_id = config.value
  where config.kind = 'id'
  group by config.value
),

by_name as (
  select accounts.account_id, any_value(accounts.account_name) as account_name, 'name "' || min(patterns.pattern) || '"' as matched
  from accounts
  join patterns on lower(accounts.account_name) glob patterns.pattern
  where accounts.account_id is not null and accounts.account_id not in (select account_id from by_id)
  group by accounts.account_id
)

select * from by_id
union all
select * from by_name
order by account_id
