-- One row per metric area: whether this export lets us compute it, and if only in part, what is missing.
-- Pages show the note instead of a chart of zeros when an export lacks what a metric needs (leads, stage
-- history, competitors, tiers, reps, activities, snapshots).
-- @column area: funnel, stages, amounts, stage_history, win_rate_by_competitor, tiers, reps, ramp, activities, recycling, team_kpis, pipeline_flow, renewals
-- @column status: ok, partial or unavailable
-- @column note: what the page should say when the status is not ok
with counts as (
  select
    (select count(*) from stg_leads) as leads,
    (select count(*) from stg_opportunities) as opportunities,
    (select count(*) from stg_opportunity_history) as history,
    (select count(*) from int_opportunity_competitors) as competitors,
    (select count(*) from int_account_tiers where tier <> 'unknown') as tiered_accounts,
    (select count(*) from int_account_tiers where tier_source = 'export') as export_tiers,
    (select count(*) from int_account_tiers) as accounts,
    (select count(*) from stg_users) as users,
    (select count(*) from int_opportunities where owner_id is not null) as owned_deals,
    (select count(*) from int_opportunities where owner_id is not null and owner_team = 'unknown') as deals_without_team,
    (select count(*) from stg_users where start_date is not null and team_role(team) = 'field_sales') as reps_with_start,
    (select count(*) from stg_tasks) as tasks,
    (select count(*) from stg_leads where mql_at is not null) as mql_dates,
    (select count(distinct snapshot_date) from stg_opportunity_snapshots) as snapshots,
    (select count(*) from stg_opportunities where motion = 'renewal') as renewals,
    (select count(*) from stg_opportunities where created_at is null) as undated_opportunities,
    (select count(*) from stg_opportunities where stage_step is null) as unmapped_stage_deals,
    (select count(*) from stg_leads where status_step is null) as unmapped_status_leads,
    (select count(*) from stg_opportunities where amount is null and amount_original is not null) as unrated_deals,
    (select string_agg(distinct currency, ', ' order by currency) from stg_opportunities where amount is null and amount_original is not null) as unrated_currencies
),

areas as (
  select 'funnel' as area,
    case when opportunities = 0 and leads = 0 then 'unavailable' when leads = 0 or undated_opportunities > 0 then 'partial' else 'ok' end as status,
    case
      when opportunities = 0 and leads = 0 then 'This export has no leads and no opportunities.'
      when leads = 0 then 'This export has no leads: the funnel starts at the opportunity step.'
      when undated_opportunities > 0 then undated_opportunities || ' opportunities have no creation date and belong to no cohort.'
    end as note
  from counts
  union all
  select 'stages', case when unmapped_stage_deals + unmapped_status_leads > 0 then 'partial' else 'ok' end,
    case when unmapped_stage_deals + unmapped_status_leads > 0 then
      concat_ws(' ',
        case when unmapped_stage_deals > 0 then unmapped_stage_deals || case when unmapped_stage_deals = 1 then ' deal is' else ' deals are' end || ' in stages the config does not map: they count with their outcome and amount, but an open or lost one counts only up to the opportunity step.' end,
        case when unmapped_status_leads > 0 then unmapped_status_leads || case when unmapped_status_leads = 1 then ' lead has a status' else ' leads have statuses' end || ' the config does not map: they reach the funnel by their conversion and dates only.' end,
        'The data-quality page lists the config lines that map them.')
    end
  from counts
  union all
  select 'amounts', case when unrated_deals > 0 then 'partial' else 'ok' end,
    case when unrated_deals > 0 then
      unrated_deals || case when unrated_deals = 1 then ' deal' else ' deals' end || ' in ' || unrated_currencies || case when unrated_deals = 1 then ' has' else ' have' end || ' no exchange rate: ' || case when unrated_deals = 1 then 'it counts' else 'they count' end || ' in every count, but amount figures (bookings, pipeline, win rate by amount) leave ' || case when unrated_deals = 1 then 'it' else 'them' end || ' out.'
    end
  from counts
  union all
  select 'stage_history', case when history = 0 then 'partial' else 'ok' end,
    case when history = 0 then 'No stage history: a lost deal cannot be placed among the stages, so the funnel goes from opportunity straight to won, stage conversions are not judged, and time in stage cannot be measured.' end
  from counts
  union all
  select 'win_rate_by_competitor', case when competitors = 0 then 'unavailable' else 'ok' end,
    case when competitors = 0 then 'This export names no competitors.' end
  from counts
  union all
  select 'tiers',
    case
      when tiered_accounts < 10 then 'unavailable'
      when export_tiers = 0 or tiered_accounts < accounts then 'partial'
      else 'ok'
    end,
    case
      when tiered_accounts = 0 then 'No account tiers and no revenue or employee counts to rank accounts by.'
      when tiered_accounts < 10 then 'Only ' || tiered_accounts || ' accounts have a tier, revenue or employee count: too few to tier.'
      else concat_ws(' ',
        case when export_tiers = 0 then 'The CRM keeps no tier: accounts with a revenue or employee count are tiered by it: A = their top '
          || round(100 * (select value::double from config_setting where name = 'tier_share_a'))::integer || '%, B = the next '
          || round(100 * (select value::double from config_setting where name = 'tier_share_b'))::integer || '%, C = the rest.' end,
        case when tiered_accounts < accounts then
          (accounts - tiered_accounts) || ' of ' || accounts || ' accounts (' || round(100 * (accounts - tiered_accounts) / accounts)::integer
          || '%) have no tier, revenue or employee count: they are "unknown", not ranked.' end)
    end
  from counts
  union all
  select 'reps',
    case when users = 0 or deals_without_team > 0.2 * owned_deals then 'partial' else 'ok' end,
    case
      when users = 0 then 'No user export: reps are shown by owner id, without team.'
      when deals_without_team > 0.2 * owned_deals then
        round(100 * deals_without_team / owned_deals)::integer || '% of deals have an owner in no team (no department, role or title that says one): team figures leave them out. The data-quality page lists the owners.'
    end
  from counts
  union all
  select 'ramp', case when reps_with_start = 0 then 'unavailable' else 'ok' end,
    case when reps_with_start = 0 then 'No start dates for field sales reps: ramp curves cannot be drawn.' end
  from counts
  union all
  select 'activities', case when tasks = 0 then 'unavailable' else 'ok' end,
    case when tasks = 0 then 'This export has no activities (tasks).' end
  from counts
  union all
  select 'recycling', case when leads = 0 and opportunities = 0 then 'unavailable' when leads = 0 then 'partial' else 'ok' end,
    case when leads = 0 then 'No leads: only lost deals form the recycle pool, and returns are new opportunities only.' end
  from counts
  union all
  select 'team_kpis', case when leads = 0 then 'partial' when mql_dates = 0 then 'partial' else 'ok' end,
    case
      when leads = 0 then 'No leads: marketing and inside sales KPIs cannot be computed.'
      when mql_dates = 0 then 'No MQL dates: MQLs are dated by lead creation.'
    end
  from counts
  union all
  select 'pipeline_flow', case when snapshots < 2 then 'unavailable' else 'ok' end,
    case when snapshots < 2 then 'Pipeline flow needs at least two dated snapshots (exports in folders named like 2026-11-02/).' end
  from counts
  union all
  select 'renewals', case when renewals = 0 then 'unavailable' else 'ok' end,
    case when renewals = 0 then 'No renewal opportunities: customer success KPIs cannot be computed.' end
  from counts
),

final as (
  select area, status, note from areas
)

select * from final
