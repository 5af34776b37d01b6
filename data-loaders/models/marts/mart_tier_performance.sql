-- One row per period (quarter, year, all) × account tier (A, B, C, unknown): how each tier is worked and
-- what it brings (METRICS.md "Tier performance"). Tiers are int_account_tiers' (the export's tier, else
-- the fit-score rank); deals of an account that is not in the export, or of no account, are tier unknown.
-- Every tier that has accounts or deals gets a row in every period, so a 0 is a fact, not a gap.
--
-- Definitions, written once here:
--   * accounts: every account of the tier, whatever the period (the same on every row of the tier);
--     share_of_accounts is its share of all accounts.
--   * accounts_engaged: accounts of the tier with a lead, an opportunity (any motion) or an activity
--     created or dated in the period. A lead counts for the account it converted into or whose name its
--     company matches (int_funnel_records); an activity for its account, else its opportunity's, else its
--     lead's. Activities dated after the as-of date are scheduled, not done, and never count.
--   * opportunities: new-business opportunities created in the period; open_opportunities and pipeline:
--     those of them still open at the as-of date and their amount (so on the 'all' row: the whole open
--     new-business pipeline now; open deals with no creation date count only there). Pipeline is null,
--     not 0, when open deals exist but none has an amount.
--   * won_deals, lost_deals, win_rate, avg_deal_size, median_cycle_days: new-business deals closed in the
--     period (win rate = won ÷ (won + lost); cycle = created → closed, for won deals).
--   * bookings_new / _expansion / _renewal: won amount closed in the period by motion; bookings_total is
--     their sum, and share_of_bookings is the tier's share of the period's bookings_total (what the tier
--     brings, customers included, against its share of accounts).
--   * activities_per_account: activities of the period ÷ accounts of the tier; null when the export has
--     no activities at all (not 0: unknown is not none), or when the tier has no accounts.
-- @column period_type: quarter, year or all
-- @column period_key: the period label (int_periods), or all
-- @column period_start: first day of the period (null for all)
-- @column period_end: first day after the period (null for all)
-- @column is_complete: the period ended on or before the as-of date (false for all)
-- @column tier: A, B, C or unknown
-- @column tier_source: how the tier's accounts were tiered: export, fit_score, none, or mixed
-- @column accounts: accounts of the tier (the same in every period)
-- @column accounts_engaged: accounts of the tier with a lead, opportunity or activity in the period
-- @column opportunities: new-business opportunities created in the period
-- @column open_opportunities: of those, the ones still open at the as-of date
-- @column pipeline: amount of those open opportunities (null when none of them has an amount)
-- @column won_deals: new-business deals won, closed in the period
-- @column lost_deals: new-business deals lost, closed in the period
-- @column win_rate: won_deals ÷ (won_deals + lost_deals); null when none closed
-- @column win_rate_low: 95% Wilson interval, lower bound of win_rate
-- @column win_rate_high: 95% Wilson interval, upper bound of win_rate
-- @column low_sample: fewer closed deals (the win rate's n) than config minimumSample
-- @column bookings_new: won new-business amount closed in the period
-- @column bookings_expansion: won expansion amount closed in the period
-- @column bookings_renewal: won renewal amount closed in the period
-- @column bookings_total: bookings_new + bookings_expansion + bookings_renewal
-- @column avg_deal_size: bookings_new ÷ won_deals; null when nothing was won
-- @column median_cycle_days: median days from creation to close of the new-business deals won in the period
-- @column activities: activities on the tier's accounts dated in the period; null when the export has no activities
-- @column activities_per_account: activities ÷ accounts; null when the export has no activities or the tier no accounts
-- @column share_of_accounts: accounts ÷ all accounts; null when the export has no accounts
-- @column share_of_bookings: bookings_total ÷ the period's bookings_total over all tiers; null when the period booked nothing
-- @column bookings_share_ratio: share_of_bookings ÷ share_of_accounts ("A is 15% of the accounts and 3.4× its share of the bookings"); null when either is unknown or the tier has no accounts
-- @column note: what the row cannot say (no accounts in the export, no activities), in the site's language; null otherwise
with opportunities as (
  select * from int_opportunities
),

tiers as (
  select * from int_account_tiers
),

as_of as (
  select as_of from int_as_of
),

minimum_sample as (
  select value::integer as n from config_setting where name = 'minimum_sample'
),

has_tasks as (
  select exists (select 1 from stg_tasks) as has_tasks
),

periods as (
  select period_type, period_key, period_start, period_end, is_complete
  from int_periods
  where period_type in ('quarter', 'year')
  union all
  select 'all', 'all', null, null, false
),

tier_accounts as (
  select
    tier,
    count(*) as accounts,
    case when count(distinct tier_source) = 1 then min(tier_source) else 'mixed' end as tier_source
  from tiers
  group by tier
),

tier_list as (
  -- tiers that have accounts or deals; tier unknown also when only untiered deals exist
  select tier from tier_accounts
  union
  select tier from opportunities
),

frame as (
  select periods.*, tier_list.tier
  from periods
  cross join tier_list
),

activities as (
  -- an activity belongs to its account, else its opportunity's, else its lead's
  select
    coalesce(tasks.account_id, task_opportunity.account_id, task_lead.account_id) as account_id,
    tasks.activity_date as day
  from stg_tasks as tasks
  cross join as_of
  left join opportunities as task_opportunity on task_opportunity.opportunity_id = tasks.opportunity_id
  left join int_funnel_records as task_lead on task_lead.record_type = 'lead' and task_lead.record_id = tasks.lead_id
  where coalesce(tasks.activity_date <= as_of.as_of, true)
),

engagements as (
  select account_id, created_at::date as day from int_funnel_records where record_type = 'lead'
  union all
  select account_id, created_at::date from opportunities
  union all
  select account_id, day from activities
),

tiered_engagements as (
  -- each engaged account's days, once (a lead and an activity the same day are one engagement day)
  select distinct engagements.account_id, tiers.tier, engagements.day
  from engagements
  join tiers on tiers.account_id = engagements.account_id
  cross join as_of
  where coalesce(engagements.day <= as_of.as_of, true)
),

tiered_activities as (
  select tiers.tier, activities.day
  from activities
  join tiers on tiers.account_id = activities.account_id
),

-- Records are matched to their periods by a range join, and to 'all' apart: a join condition with
-- "or period_type = 'all'" paired every record with every period before filtering (25M pairs at 1M leads).
engaged as (
  select periods.period_type, periods.period_key, tiered_engagements.tier, count(distinct tiered_engagements.account_id) as accounts_engaged
  from tiered_engagements
  join periods on tiered_engagements.day >= periods.period_start and tiered_engagements.day < periods.period_end
  group by all
  union all
  select 'all', 'all', tier, count(distinct account_id)
  from tiered_engagements
  group by all
),

activity_counts as (
  select periods.period_type, periods.period_key, tiered_activities.tier, count(*) as activities
  from tiered_activities
  join periods on tiered_activities.day >= periods.period_start and tiered_activities.day < periods.period_end
  group by all
  union all
  select 'all', 'all', tier, count(*)
  from tiered_activities
  group by all
),

created as (
  select
    frame.period_type, frame.period_key, frame.tier,
    count(*) as opportunities,
    count(*) filter (where opportunities.outcome = 'open') as open_opportunities,
    -- open deals whose amount is unknown add nothing; when every one of them lacks it the pipeline is unknown
    case when count(*) filter (where opportunities.outcome = 'open') = 0 then 0
      else sum(opportunities.amount) filter (where opportunities.outcome = 'open') end as pipeline
  from frame
  join opportunities
    on opportunities.tier = frame.tier
    and opportunities.motion = 'new_business'
    and (frame.period_type = 'all'
      or (opportunities.created_at::date >= frame.period_start and opportunities.created_at::date < frame.period_end))
  group by all
),

closed as (
  select
    frame.period_type, frame.period_key, frame.tier,
    count(*) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'won') as won_deals,
    count(*) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'lost') as lost_deals,
    amount_total(
      sum(opportunities.amount) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'won'),
      count(opportunities.amount) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'won'),
      count(*) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'won')
    ) as bookings_new,
    amount_total(
      sum(opportunities.amount) filter (where opportunities.motion = 'expansion' and opportunities.outcome = 'won'),
      count(opportunities.amount) filter (where opportunities.motion = 'expansion' and opportunities.outcome = 'won'),
      count(*) filter (where opportunities.motion = 'expansion' and opportunities.outcome = 'won')
    ) as bookings_expansion,
    amount_total(
      sum(opportunities.amount) filter (where opportunities.motion = 'renewal' and opportunities.outcome = 'won'),
      count(opportunities.amount) filter (where opportunities.motion = 'renewal' and opportunities.outcome = 'won'),
      count(*) filter (where opportunities.motion = 'renewal' and opportunities.outcome = 'won')
    ) as bookings_renewal,
    median(opportunities.cycle_days) filter (where opportunities.motion = 'new_business' and opportunities.outcome = 'won') as median_cycle_days
  from frame
  join opportunities
    on opportunities.tier = frame.tier
    and opportunities.outcome <> 'open'
    and (frame.period_type = 'all'
      or (opportunities.close_date >= frame.period_start and opportunities.close_date < frame.period_end))
  group by all
),

counted as (
  select
    frame.*,
    coalesce(tier_accounts.accounts, 0) as accounts,
    coalesce(tier_accounts.tier_source, 'none') as tier_source,
    coalesce(engaged.accounts_engaged, 0) as accounts_engaged,
    coalesce(created.opportunities, 0) as opportunities,
    coalesce(created.open_opportunities, 0) as open_opportunities,
    case when created.opportunities is null then 0 else created.pipeline end as pipeline,
    coalesce(closed.won_deals, 0) as won_deals,
    coalesce(closed.lost_deals, 0) as lost_deals,
    coalesce(closed.bookings_new, 0) as bookings_new,
    coalesce(closed.bookings_expansion, 0) as bookings_expansion,
    coalesce(closed.bookings_renewal, 0) as bookings_renewal,
    closed.median_cycle_days,
    case when has_tasks.has_tasks then coalesce(activity_counts.activities, 0) end as activities,
    has_tasks.has_tasks
  from frame
  cross join has_tasks
  left join tier_accounts using (tier)
  left join engaged using (period_type, period_key, tier)
  left join activity_counts using (period_type, period_key, tier)
  left join created using (period_type, period_key, tier)
  left join closed using (period_type, period_key, tier)
),

final as (
  select
    period_type,
    period_key,
    period_start,
    period_end,
    is_complete,
    tier,
    tier_source,
    accounts::integer as accounts,
    accounts_engaged::integer as accounts_engaged,
    opportunities::integer as opportunities,
    open_opportunities::integer as open_opportunities,
    pipeline::double as pipeline,
    won_deals::integer as won_deals,
    lost_deals::integer as lost_deals,
    won_deals / nullif(won_deals + lost_deals, 0) as win_rate,
    wilson_low(won_deals, won_deals + lost_deals) as win_rate_low,
    wilson_high(won_deals, won_deals + lost_deals) as win_rate_high,
    won_deals + lost_deals < (select n from minimum_sample) as low_sample,
    bookings_new::double as bookings_new,
    bookings_expansion::double as bookings_expansion,
    bookings_renewal::double as bookings_renewal,
    (bookings_new + bookings_expansion + bookings_renewal)::double as bookings_total,
    bookings_new / nullif(won_deals, 0) as avg_deal_size,
    median_cycle_days::double as median_cycle_days,
    activities::integer as activities,
    activities / nullif(accounts, 0) as activities_per_account,
    accounts / nullif(sum(accounts) over (partition by period_type, period_key), 0) as share_of_accounts,
    (bookings_new + bookings_expansion + bookings_renewal)
      / nullif(sum(bookings_new + bookings_expansion + bookings_renewal) over (partition by period_type, period_key), 0) as share_of_bookings,
    share_of_bookings / nullif(share_of_accounts, 0) as bookings_share_ratio,
    case
      when sum(accounts) over (partition by period_type, period_key) = 0 then say('no accounts in the export: every deal is tier unknown', '내보낸 데이터에 고객사가 없습니다: 모든 영업기회의 티어는 "미분류"입니다')
      when not has_tasks then say('no activities in the export', '내보낸 데이터에 활동 기록이 없습니다')
    end as note
  from counted
)

select * from final
order by case period_type when 'quarter' then 1 when 'year' then 2 else 3 end, period_start, tier
