-- One row per cohort period × entry step × cut (total, channel, lead source or campaign) × value: how the
-- records created in that period went on to won deals (METRICS.md "Channel"). Cohort = the period the
-- record entered the funnel (int_funnel_records.created_at); periods are quarters, years, 'all' (every
-- cohort) and 'mature' (every cohort whose quarter is mature, see is_mature).
--
-- Decisions, written once here:
--   * Lead → won conversion is about leads: entry_step = 'lead' rows count every lead record. Opportunities
--     that no lead was converted into enter the funnel at the opportunity step; they get their own rows
--     (entry_step = 'opportunity') with their own lead source and channel, no lead counts (null, not 0)
--     and an opportunity → won rate, so they are visible without diluting the leads' conversion.
--   * Channel comes from the lead source (config `channels`); an unmapped or empty source is 'unknown',
--     never guessed. An empty lead source is shown as '(none)'.
--   * A lead's campaign is its first campaign membership (earliest joined, stg_campaign_members); an
--     opportunity without a lead takes its primary campaign; '(no campaign)' otherwise. Campaign rows
--     appear only for an entry step whose export links at least one record to a campaign, so an export
--     without campaign members shows no campaign cut rather than everything as '(no campaign)'.
--   * Reached counts follow METRICS.md (a record reached a step if it entered it or any later one):
--     mqls, sqls, opportunities and won are counts of the cohort that got that far, whenever they did.
--     bookings = amount of the won new-business deals those records became.
--   * Recent cohorts are immature (their leads have not had time to close): is_mature = the cohort
--     period ended at least config `cohortMaturityDays` days before the as-of date.
--     'all' is never mature; 'mature' collects the mature quarters. Records with no creation date belong
--     to no period and are counted only in 'all'.
-- Rows add up: within one period, entry step and cut, counts sum to the 'total' row; rates never sum.
-- @column period_type: quarter, year, all (every cohort) or mature (every mature quarter's cohort)
-- @column period_key: the period label (int_periods), or all / mature
-- @column period_start: first day of the period (null for all and mature)
-- @column period_end: first day after the period (null for all; for mature, the end of the last mature quarter: every cohort before it)
-- @column is_mature: every record of the period has had at least cohort_maturity_days days since its period ended to convert
-- @column entry_step: lead (every lead) or opportunity (opportunities that no lead was converted into)
-- @column cut: total, channel, lead_source or campaign: which column splits this row
-- @column channel: inbound, outbound or unknown; 'all' when the row is not split by channel
-- @column lead_source: lead source as the CRM has it ('(none)' when empty); 'all' when not split by source
-- @column campaign_id: the campaign; null for '(no campaign)' and when not split by campaign
-- @column campaign_name: the campaign's name, '(no campaign)', or 'all' when not split by campaign
-- @column records: records of the cohort (leads, or opportunities without a lead)
-- @column leads: leads of the cohort; null for opportunities without a lead
-- @column mqls: leads that reached MQL; null for opportunities without a lead or without an MQL step in the funnel config
-- @column sqls: leads that reached SQL; null for opportunities without a lead or without an SQL step in the funnel config
-- @column opportunities: records that reached the opportunity step
-- @column won: records that ended in a won new-business deal
-- @column bookings: amount of those won deals, in the reporting currency
-- @column lead_to_won_rate: won ÷ leads; null when there are no leads
-- @column lead_to_won_rate_low: 95% Wilson interval, lower bound of lead_to_won_rate
-- @column lead_to_won_rate_high: 95% Wilson interval, upper bound of lead_to_won_rate
-- @column lead_to_mql_rate: mqls ÷ leads
-- @column lead_to_mql_rate_low: 95% Wilson interval, lower bound of lead_to_mql_rate
-- @column lead_to_mql_rate_high: 95% Wilson interval, upper bound of lead_to_mql_rate
-- @column mql_to_sql_rate: sqls ÷ mqls
-- @column mql_to_sql_rate_low: 95% Wilson interval, lower bound of mql_to_sql_rate
-- @column mql_to_sql_rate_high: 95% Wilson interval, upper bound of mql_to_sql_rate
-- @column sql_to_opportunity_rate: opportunities ÷ sqls
-- @column sql_to_opportunity_rate_low: 95% Wilson interval, lower bound of sql_to_opportunity_rate
-- @column sql_to_opportunity_rate_high: 95% Wilson interval, upper bound of sql_to_opportunity_rate
-- @column opportunity_to_won_rate: won ÷ opportunities
-- @column opportunity_to_won_rate_low: 95% Wilson interval, lower bound of opportunity_to_won_rate
-- @column opportunity_to_won_rate_high: 95% Wilson interval, upper bound of opportunity_to_won_rate
-- @column low_sample: the row's headline rate rests on fewer records than config minimumSample (leads for lead rows, opportunities for the others)
with records as (
  select * from int_funnel_records
),

as_of as (
  select as_of from int_as_of
),

settings as (
  select
    (select value::integer from config_setting where name = 'minimum_sample') as minimum_sample,
    (select value::integer from config_setting where name = 'cohort_maturity_days') as maturity_days,
    (select max(step_order) filter (where step = 'mql') from config_funnel_step) as mql_order,
    (select max(step_order) filter (where step = 'sql') from config_funnel_step) as sql_order,
    (select max(step_order) filter (where step = 'opportunity') from config_funnel_step) as opportunity_order
),

quarters as (
  select periods.*, periods.period_end + settings.maturity_days <= as_of.as_of as is_mature
  from int_periods as periods
  cross join settings
  cross join as_of
  where periods.period_type = 'quarter'
),

described as (
  select
    records.record_type as entry_step,
    records.created_at::date as cohort_date,
    records.channel,
    coalesce(records.lead_source, '(none)') as lead_source,
    coalesce(first_campaign.campaign_id, case when records.record_type = 'opportunity' then opportunity.campaign_id end) as campaign_id,
    records.reached_order,
    records.outcome,
    case when records.outcome = 'won' then opportunity.amount end as won_amount
  from records
  -- an equality on a key keeps this a hash join (a condition on the left side alone makes it a nested loop)
  left join int_lead_campaigns as first_campaign
    on first_campaign.lead_id = case when records.record_type = 'lead' then records.record_id end
  left join stg_opportunities as opportunity using (opportunity_id)
),

with_campaign as (
  select
    described.*,
    case when described.campaign_id is null then '(no campaign)'
      else coalesce(campaigns.campaign_name, described.campaign_id) end as campaign_name
  from described
  left join stg_campaigns as campaigns using (campaign_id)
),

campaign_links as (
  select entry_step, bool_or(campaign_id is not null) as has_campaigns from with_campaign group by entry_step
),

daily as (
  -- Records counted per cohort day and cut value first: the fan-out below (periods × cuts) then
  -- multiplies day rows, not every record (15M rows at a million leads).
  select
    entry_step, cohort_date, channel, lead_source, campaign_id, campaign_name,
    count(*) as records,
    count(*) filter (where reached_order >= (select mql_order from settings)) as mqls,
    count(*) filter (where reached_order >= (select sql_order from settings)) as sqls,
    count(*) filter (where reached_order >= (select opportunity_order from settings)) as opportunities,
    count(*) filter (where outcome = 'won') as won,
    sum(won_amount) as bookings
  from with_campaign
  group by all
),

record_periods as (
  -- each record in its quarter, its year, 'all', and 'mature' when its quarter is mature
  select daily.*, periods.period_type, periods.period_key, periods.period_start, periods.period_end,
    periods.period_end + settings.maturity_days <= as_of.as_of as is_mature
  from daily
  cross join settings
  cross join as_of
  join int_periods as periods
    on periods.period_type in ('quarter', 'year')
    and daily.cohort_date >= periods.period_start
    and daily.cohort_date < periods.period_end
  union all
  select daily.*, 'all', 'all', null::date, null::date, false
  from daily
  union all
  select daily.*, 'mature', 'mature', null::date, (select max(period_end) from quarters where is_mature), true
  from daily
  join quarters
    on quarters.is_mature
    and daily.cohort_date >= quarters.period_start
    and daily.cohort_date < quarters.period_end
),

cuts as (
  select * from (values ('total'), ('channel'), ('lead_source'), ('campaign')) as t(cut)
),

cut_rows as (
  select
    record_periods.* exclude (channel, lead_source, campaign_id, campaign_name),
    cuts.cut,
    case when cuts.cut in ('channel', 'lead_source') then record_periods.channel else 'all' end as channel,
    case when cuts.cut = 'lead_source' then record_periods.lead_source else 'all' end as lead_source,
    case when cuts.cut = 'campaign' then record_periods.campaign_id end as campaign_id,
    case when cuts.cut = 'campaign' then record_periods.campaign_name else 'all' end as campaign_name
  from record_periods
  cross join cuts
  join campaign_links using (entry_step)
  where cuts.cut <> 'campaign' or campaign_links.has_campaigns
),

counted as (
  select
    period_type,
    period_key,
    period_start,
    period_end,
    is_mature,
    entry_step,
    cut,
    channel,
    lead_source,
    campaign_id,
    campaign_name,
    sum(records) as records,
    case when entry_step = 'lead' then sum(records) end as leads,
    case when entry_step = 'lead' and (select mql_order from settings) is not null then sum(mqls) end as mqls,
    case when entry_step = 'lead' and (select sql_order from settings) is not null then sum(sqls) end as sqls,
    sum(opportunities) as opportunities,
    sum(won) as won,
    coalesce(sum(bookings), 0) as bookings
  from cut_rows
  group by period_type, period_key, period_start, period_end, is_mature, entry_step, cut, channel, lead_source, campaign_id, campaign_name
),

final as (
  select
    * replace (
      records::integer as records,
      leads::integer as leads,
      mqls::integer as mqls,
      sqls::integer as sqls,
      opportunities::integer as opportunities,
      won::integer as won,
      bookings::double as bookings
    ),
    won / nullif(leads, 0) as lead_to_won_rate,
    wilson_low(won, leads) as lead_to_won_rate_low,
    wilson_high(won, leads) as lead_to_won_rate_high,
    mqls / nullif(leads, 0) as lead_to_mql_rate,
    wilson_low(mqls, leads) as lead_to_mql_rate_low,
    wilson_high(mqls, leads) as lead_to_mql_rate_high,
    sqls / nullif(mqls, 0) as mql_to_sql_rate,
    wilson_low(sqls, mqls) as mql_to_sql_rate_low,
    wilson_high(sqls, mqls) as mql_to_sql_rate_high,
    opportunities / nullif(sqls, 0) as sql_to_opportunity_rate,
    wilson_low(opportunities, sqls) as sql_to_opportunity_rate_low,
    wilson_high(opportunities, sqls) as sql_to_opportunity_rate_high,
    won / nullif(opportunities, 0) as opportunity_to_won_rate,
    wilson_low(won, opportunities) as opportunity_to_won_rate_low,
    wilson_high(won, opportunities) as opportunity_to_won_rate_high,
    coalesce(leads, opportunities) < (select minimum_sample from settings) as low_sample
  from counted
)

select * from final
order by
  case period_type when 'quarter' then 1 when 'year' then 2 when 'all' then 3 else 4 end,
  period_start nulls last, entry_step, cut, channel, lead_source, campaign_name
