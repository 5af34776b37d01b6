-- One row per input file × reference: records kept although the account or owner they point at is not in
-- the export (deleted in the CRM, outside the export's filter, or a file not exported). They count in every
-- metric — under "unknown" where the missing record would have named or tiered them — and are listed here.
-- Only references the export could check are counted: with no account file, no account is missing.
-- @column source_file: file the records come from (as in mart_data_quality)
-- @column entity: opportunities or leads
-- @column reference: account or owner
-- @column records: records whose reference is not in the export
-- @column missing_ids: distinct ids referred to but absent
-- @column amount: amount of those deals in the reporting currency (null for leads)
-- @column share_of_file: records ÷ rows loaded from the file
with has as (
  select
    exists (select 1 from stg_accounts) as accounts,
    exists (select 1 from stg_users) as users
),

references_seen as (
  select _source_file as source_file, 'opportunities' as entity, 'account' as reference, account_id as id, amount
  from stg_opportunities where account_id is not null and (select accounts from has)
    and account_id not in (select account_id from stg_accounts)
  union all
  select _source_file, 'opportunities', 'owner', owner_id, amount
  from stg_opportunities where owner_id is not null and (select users from has)
    and owner_id not in (select user_id from stg_users)
  union all
  select _source_file, 'leads', 'account', converted_account_id, null
  from stg_leads where converted_account_id is not null and (select accounts from has)
    and converted_account_id not in (select account_id from stg_accounts)
  union all
  select _source_file, 'leads', 'owner', owner_id, null
  from stg_leads where owner_id is not null and (select users from has)
    and owner_id not in (select user_id from stg_users)
),

loaded as (
  select _source_file as source_file, count(*) as rows_loaded from stg_opportunities group by 1
  union all select _source_file, count(*) from stg_leads group by 1
),

final as (
  select
    references_seen.source_file,
    entity,
    reference,
    count(*)::integer as records,
    count(distinct id)::integer as missing_ids,
    sum(amount) as amount,
    count(*) / any_value(loaded.rows_loaded) as share_of_file
  from references_seen
  join loaded using (source_file)
  group by all
)

select * from final
order by records desc, source_file, reference
