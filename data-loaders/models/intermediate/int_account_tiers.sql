-- One row per account with its A/B/C tier: the CRM's own tier where the export has one, otherwise a fit
-- score rank (annual revenue, then employees) among the accounts that have a size: A = their top config
-- `tierShares.A` (15%), B = the next `tierShares.B` (25%), C = the rest. Accounts with neither a CRM tier nor any size to rank by have no tier
-- ('unknown'), never a guessed one — and they are not ranked at the bottom: with 146 of 3,052 accounts
-- sized, the 146 are tiered among themselves, not all made A.
-- @column account_id: the account
-- @column tier: A, B, C or unknown
-- @column tier_source: export, fit_score or none
with accounts as (
  select * from stg_accounts
),

ranked as (
  select
    account_id,
    export_tier,
    annual_revenue is not null or employees is not null as has_size,
    cume_dist() over (
      partition by annual_revenue is not null or employees is not null
      order by annual_revenue desc nulls last, employees desc nulls last, account_id
    ) as size_rank
  from accounts
),

final as (
  select
    account_id,
    case
      when export_tier is not null then export_tier
      when not has_size then 'unknown'
      when size_rank <= (select value::double from config_setting where name = 'tier_share_a') then 'A'
      when size_rank <= (select value::double from config_setting where name = 'tier_share_a')
        + (select value::double from config_setting where name = 'tier_share_b') then 'B'
      else 'C'
    end as tier,
    case when export_tier is not null then 'export' when has_size then 'fit_score' else 'none' end as tier_source
  from ranked
)

select * from final
