-- One row per opportunity, with everything the marts cut by: account, tier, owner and creator with their
-- teams, competitors, loss-reason group, the stage a lost deal was lost at, cycle length and age.
-- @column opportunity_id: the opportunity
-- @column account_id: account of the deal
-- @column account_name: account name (a company, never a person)
-- @column tier: account tier A, B, C or unknown
-- @column owner_id: owner (the rep at close)
-- @column owner_name: owner's name
-- @column owner_team: owner's team (the team config `pipelines` gives the deal's pipeline, if any, else the owner's)
-- @column creator_id: who created it
-- @column creator_team: creator's team (inside sales when it was an SDR/BDR handoff)
-- @column motion: new_business, renewal or expansion
-- @column outcome: won, lost or open
-- @column stage_name: current stage as the CRM has it
-- @column stage_step: current funnel step; null when the stage is unmapped
-- @column pipeline: the deal's pipeline, where the export has pipelines
-- @column amount: amount in the reporting currency
-- @column created_at: when it was created
-- @column close_date: actual close date (closed) or expected close date (open)
-- @column channel: inbound, outbound or unknown
-- @column lead_source: lead source as the CRM has it
-- @column region: the deal's region, else the account's, else the owner's; spellings that differ only in case, accents or spaces are one region, written as most deals write it
-- @column segment: product line or segment, its spellings grouped the same way
-- @column competitors: competitor names joined by ", " (null when none)
-- @column competitor_count: number of competitors named
-- @column loss_reason: loss reason as the CRM has it
-- @column loss_reason_group: unreachable, revisit_later, no_budget, no_need, competitor or other
-- @column lost_at_step: for a lost deal, the furthest funnel step it reached before the loss (history, else opportunity)
-- @column cycle_days: days from creation to close, for closed deals
-- @column days_open: days from creation to the as-of date, for open deals
-- @column days_past_close: days the expected close date has passed, for open deals (0 when not past)
-- @column close_date_pushes: times the close date moved later, where history shows it
with opportunities as (
  select * from stg_opportunities
),

as_of as (
  select as_of from int_as_of
),

competitors as (
  select opportunity_id, string_agg(competitor, ', ' order by competitor) as competitors, count(*) as competitor_count
  from int_opportunity_competitors
  group by opportunity_id
),

history_steps as (
  select history.opportunity_id, max(steps.step_order) as furthest_order
  from stg_opportunity_history as history
  join config_funnel_step as steps on steps.step = history.stage_step
  group by history.opportunity_id
),

pushes as (
  select opportunity_id, count(*) filter (where close_date > previous_close_date) as close_date_pushes
  from (
    select opportunity_id, close_date, lag(close_date) over (partition by opportunity_id order by entered_at, _source_row) as previous_close_date
    from stg_opportunity_history
  )
  group by opportunity_id
),

-- Picklist values typed differently ("Nacional" / "NACIONAL") are one value: the most common spelling.
spellings as (
  select kind, key, first(spelling order by n desc, spelling = upper(spelling), spelling) as spelling
  from (
    select kind, match_key(value) as key, value as spelling, count(*) as n
    from (
      select 'region' as kind, coalesce(opportunities.region, accounts.region, owner.region) as value
      from opportunities
      left join stg_accounts as accounts using (account_id)
      left join stg_users as owner on owner.user_id = opportunities.owner_id
      union all
      select 'segment', segment from opportunities
    )
    where value is not null
    group by all
  )
  group by kind, key
),

final as (
  select
    opportunities.opportunity_id,
    opportunities.account_id,
    accounts.account_name,
    coalesce(tiers.tier, 'unknown') as tier,
    opportunities.owner_id,
    coalesce(owner.user_name, opportunities.owner_id) as owner_name,
    coalesce(opportunities.pipeline_team, owner.team, 'unknown') as owner_team,
    opportunities.created_by_id as creator_id,
    coalesce(creator.team, 'unknown') as creator_team,
    opportunities.motion,
    opportunities.outcome,
    opportunities.stage_name,
    opportunities.stage_step,
    opportunities.pipeline,
    opportunities.amount,
    opportunities.created_at,
    opportunities.close_date,
    opportunities.channel,
    opportunities.lead_source,
    region_spelling.spelling as region,
    segment_spelling.spelling as segment,
    competitors.competitors,
    coalesce(competitors.competitor_count, 0)::integer as competitor_count,
    opportunities.loss_reason,
    loss_reason_group(opportunities.loss_reason) as loss_reason_group,
    case when opportunities.outcome = 'lost' then
      coalesce(
        (select step from config_funnel_step where step_order = history_steps.furthest_order),
        'opportunity'
      )
    end as lost_at_step,
    case when opportunities.outcome <> 'open' then
      datediff('day', opportunities.created_at::date, opportunities.close_date)
    end as cycle_days,
    case when opportunities.outcome = 'open' then
      datediff('day', opportunities.created_at::date, as_of.as_of)
    end as days_open,
    case when opportunities.outcome = 'open' and opportunities.close_date is not null then
      greatest(datediff('day', opportunities.close_date, as_of.as_of), 0)
    end as days_past_close,
    coalesce(pushes.close_date_pushes, 0)::integer as close_date_pushes
  from opportunities
  cross join as_of
  left join stg_accounts as accounts using (account_id)
  left join int_account_tiers as tiers using (account_id)
  left join stg_users as owner on owner.user_id = opportunities.owner_id
  left join stg_users as creator on creator.user_id = opportunities.created_by_id
  left join competitors using (opportunity_id)
  left join history_steps using (opportunity_id)
  left join pushes using (opportunity_id)
  left join spellings as region_spelling
    on region_spelling.kind = 'region' and region_spelling.key = match_key(coalesce(opportunities.region, accounts.region, owner.region))
  left join spellings as segment_spelling
    on segment_spelling.kind = 'segment' and segment_spelling.key = match_key(opportunities.segment)
)

select * from final
