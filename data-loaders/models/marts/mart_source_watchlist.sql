-- Marketing's act-on list: one row per quarter × lead source or campaign of the quarter's lead cohort,
-- each against the same source's previous quarter, ranked by the largest fall first.
-- Fair comparisons only:
-- - lead volume per day (a quarter in progress counts the days to date), and only against a previous
--   quarter wholly in the export with at least config `minimumSample` leads;
-- - conversions of the same age: the share of leads that reached MQL within config `bottleneck.windowDays`
--   of their creation, and of MQLs that reached SQL within that window of becoming MQL (the bottleneck's
--   rule), over the leads and MQLs that have had the whole window by the as-of date — so a young cohort
--   is never compared with a finished one; a change in points only when both sides have minimumSample.
-- The rank orders rows with enough leads first, then by the largest relative fall of the three.
-- @column period_key: the quarter of the lead cohort
-- @column period_start: first day of the quarter
-- @column previous_key: the quarter compared with
-- @column is_complete: the quarter ended on or before the as-of date
-- @column cut: lead_source or campaign
-- @column name: the lead source or the campaign's name
-- @column channel: the lead source's channel (inbound, outbound, unknown); null for a campaign
-- @column leads: leads created in the quarter
-- @column previous_leads: leads of the same source or campaign created in the previous quarter
-- @column leads_per_day: leads ÷ days of the quarter up to the as-of date
-- @column volume_change: leads_per_day against the previous quarter's, relative (−0.3 = 30% fewer a day); null when the previous quarter is partial or has fewer than minimumSample leads
-- @column lead_to_mql_n: leads of the quarter that have had the whole window to become MQL
-- @column lead_to_mql: of those, the share that reached MQL within the window
-- @column lead_to_mql_low: 95% Wilson interval, low end
-- @column lead_to_mql_high: 95% Wilson interval, high end
-- @column previous_lead_to_mql: the same in the previous quarter
-- @column lead_to_mql_change_points: lead_to_mql − previous_lead_to_mql in points as a share; null unless both rest on minimumSample leads
-- @column mql_to_sql_n: MQLs of the quarter's leads that have had the whole window to reach SQL
-- @column mql_to_sql: of those, the share that reached SQL within the window
-- @column mql_to_sql_low: 95% Wilson interval, low end
-- @column mql_to_sql_high: 95% Wilson interval, high end
-- @column previous_mql_to_sql: the same in the previous quarter
-- @column mql_to_sql_change_points: mql_to_sql − previous_mql_to_sql in points as a share; null unless both rest on minimumSample MQLs
-- @column low_sample: fewer than minimumSample leads in the quarter
-- @column flag: why the row is listed: volume, lead_to_mql or mql_to_sql (the largest fall), new (no previous quarter), or null
-- @column list_rank: position on the quarter's list (1 = first to look at)
-- @column owner_rank: the same (the list has no owners)
with settings as (
  select
    (select value::integer from config_setting where name = 'minimum_sample') as minimum_sample,
    (select value::integer from config_setting where name = 'bottleneck_window_days') as window_days,
    (select as_of from int_as_of) as as_of
),

quarters as (
  select
    period_key, period_start, period_end, previous_key, is_complete, is_partial,
    datediff('day', period_start, least(period_end, settings.as_of + 1)) as days
  from int_periods, settings
  where period_type = 'quarter'
),

leads as (
  select
    records.record_id,
    records.created_at::date as created_on,
    coalesce(records.lead_source, '(none)') as lead_source,
    records.channel,
    coalesce(campaigns.campaign_name, '(no campaign)') as campaign_name,
    mql.reached_at as mql_at,
    mql.reached_at_known as mql_known,
    sql_step.reached_at as sql_at,
    sql_step.reached_at_known as sql_known
  from int_funnel_records as records
  left join int_lead_campaigns as campaigns on campaigns.lead_id = records.record_id
  left join int_funnel_reach as mql
    on mql.record_type = 'lead' and mql.record_id = records.record_id and mql.step = 'mql'
  left join int_funnel_reach as sql_step
    on sql_step.record_type = 'lead' and sql_step.record_id = records.record_id and sql_step.step = 'sql'
  where records.record_type = 'lead'
),

-- Each lead's window outcomes: whether it has had the whole window, and converted within it.
judged as (
  select
    leads.*,
    created_on + to_days(settings.window_days) <= settings.as_of + 1 as mql_window_over,
    mql_known and mql_at <= created_on + to_days(settings.window_days) as mql_in_window,
    mql_known and mql_at + to_days(settings.window_days) <= settings.as_of + 1 as sql_window_over,
    sql_known and sql_at <= mql_at + to_days(settings.window_days) as sql_in_window
  from leads, settings
),

cut as (
  select 'lead_source' as cut, lead_source as name, channel, * exclude (lead_source, channel, campaign_name) from judged
  union all
  select 'campaign', campaign_name, null, * exclude (lead_source, channel, campaign_name) from judged
  where exists (select 1 from int_lead_campaigns)
),

counted as (
  select
    quarters.period_key,
    cut.cut,
    cut.name,
    any_value(cut.channel) as channel,
    count(*) as leads,
    count(*) filter (where mql_window_over) as lead_to_mql_n,
    count(*) filter (where mql_window_over and mql_in_window) as lead_to_mql_converted,
    count(*) filter (where sql_window_over) as mql_to_sql_n,
    count(*) filter (where sql_window_over and sql_in_window) as mql_to_sql_converted
  from cut
  join quarters on cut.created_on >= quarters.period_start and cut.created_on < quarters.period_end
  group by all
),

rated as (
  select
    counted.*,
    quarters.period_start,
    quarters.previous_key,
    quarters.is_complete,
    quarters.is_partial,
    counted.leads / quarters.days as leads_per_day,
    lead_to_mql_converted / nullif(lead_to_mql_n, 0) as lead_to_mql,
    mql_to_sql_converted / nullif(mql_to_sql_n, 0) as mql_to_sql
  from counted
  join quarters using (period_key)
),

compared as (
  select
    this.period_key,
    this.period_start,
    this.previous_key,
    this.is_complete,
    this.cut,
    this.name,
    this.channel,
    this.leads::integer as leads,
    previous.leads::integer as previous_leads,
    this.leads_per_day,
    case when previous.leads >= settings.minimum_sample and not previous.is_partial
      then this.leads_per_day / previous.leads_per_day - 1 end as volume_change,
    this.lead_to_mql_n::integer as lead_to_mql_n,
    this.lead_to_mql,
    wilson_low(this.lead_to_mql_converted, this.lead_to_mql_n) as lead_to_mql_low,
    wilson_high(this.lead_to_mql_converted, this.lead_to_mql_n) as lead_to_mql_high,
    previous.lead_to_mql as previous_lead_to_mql,
    case when this.lead_to_mql_n >= settings.minimum_sample and previous.lead_to_mql_n >= settings.minimum_sample
      then this.lead_to_mql - previous.lead_to_mql end as lead_to_mql_change_points,
    this.mql_to_sql_n::integer as mql_to_sql_n,
    this.mql_to_sql,
    wilson_low(this.mql_to_sql_converted, this.mql_to_sql_n) as mql_to_sql_low,
    wilson_high(this.mql_to_sql_converted, this.mql_to_sql_n) as mql_to_sql_high,
    previous.mql_to_sql as previous_mql_to_sql,
    case when this.mql_to_sql_n >= settings.minimum_sample and previous.mql_to_sql_n >= settings.minimum_sample
      then this.mql_to_sql - previous.mql_to_sql end as mql_to_sql_change_points,
    this.leads < settings.minimum_sample as low_sample,
    previous.period_key is null as is_new
  from rated as this
  cross join settings
  left join rated as previous
    on previous.period_key = this.previous_key and previous.cut = this.cut and previous.name = this.name
),

-- The largest fall of the three, relative to where each stood, orders the list (display is in points).
falls as (
  select
    compared.*,
    lead_to_mql_change_points / nullif(previous_lead_to_mql, 0) as lead_to_mql_fall,
    mql_to_sql_change_points / nullif(previous_mql_to_sql, 0) as mql_to_sql_fall,
    least(volume_change, lead_to_mql_fall, mql_to_sql_fall) as shortfall
  from compared
),

final as (
  select
    * exclude (lead_to_mql_fall, mql_to_sql_fall, shortfall, is_new),
    case
      when shortfall < 0 and shortfall = volume_change then 'volume'
      when shortfall < 0 and shortfall = lead_to_mql_fall then 'lead_to_mql'
      when shortfall < 0 then 'mql_to_sql'
      when is_new then 'new'
    end as flag,
    row_number() over (
      partition by period_key
      order by low_sample, shortfall nulls last, leads desc, cut desc, name
    )::integer as list_rank
  from falls
)

select *, list_rank as owner_rank from final
order by period_start, list_rank
