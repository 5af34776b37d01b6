-- One row per team × KPI × period (week, month, quarter, year): the KPI each team of The Model owns,
-- its change against the previous period, attainment against target, and the team's handoff into the
-- next team (METRICS.md "Team KPIs and meetings").
--
-- Teams are config `teamRoles` (The Model's four by default): each team plays a role, and the role
-- gives its KPIs and handoff. When a role has several teams (enterprise and mid-market field sales), a
-- KPI's record counts for its owner's team (a deal's pipeline team first, config `pipelines`), and for
-- the role's first team when its owner is on none of the role's teams (a lead owned by an SDR counts
-- for marketing's first team): every record counts once per KPI, none is dropped.
-- The KPI names are those of config.ts ROLE_KPIS:
--   marketing         leads (created in the period), mqls (leads reaching the MQL step in the period, by
--                     int_funnel_reach.reached_at: a lead that skipped MQL reached it when it reached SQL)
--   inside_sales      sqls (reaching the SQL step in the period), opportunities_created (new-business
--                     opportunities created in the period, whoever created them: exports rarely say)
--   field_sales       won_deals and bookings: new-business AND expansion deals won, by close date (the
--                     date the deal was booked; creation dates would credit a quarter with deals it did
--                     not close). Expansion also counts in customer success' expansion_bookings, so team
--                     totals overlap and must not be added up across teams.
--   customer_success  renewals (renewal deals won, by close date), renewal_bookings (their amount),
--                     expansion_bookings (expansion deals won), and net_revenue_retention =
--                     (renewal_bookings + expansion_bookings) ÷ amount of the renewal deals closed in the
--                     period, won or lost. An approximation: exports carry no contract values, so the
--                     renewal opportunity's amount stands in for the recurring revenue up for renewal.
-- Targets are monthly (config `targets`): a quarter's is ×3, a year's ×12, a week's ×12/52. A period
-- not yet complete is measured to date against its whole target (see is_complete).
-- The handoff columns repeat the same value on every KPI row of a team and period, so a page reads a
-- team's card from any one row and never has to tell a rate row from a count row:
--   marketing → inside sales: of the MQLs reached in the period, the share that has reached SQL (ever,
--                  as of now, so the latest periods are still maturing)
--   inside sales → field sales: of the new-business opportunities created in the period, the share
--                  accepted = reached the first field_sales step after 'opportunity' (config funnel);
--                  lost deals without stage history count only up to the stage known
--   field sales → customer success: win rate of new business closed in the period (won ÷ won + lost)
--   customer success (last team; handoff_to is null): renewal rate = renewals won ÷ renewals closed
-- A KPI the export cannot support (no leads, no close dates, no renewal deals, …) has a null value and a
-- note saying why, never a zero.
-- @column team: the team (config teamRoles; marketing, inside_sales, field_sales or customer_success by default)
-- @column role: the team's role in The Model: marketing, inside_sales, field_sales or customer_success
-- @column kpi: leads, mqls, sqls, opportunities_created, won_deals, bookings, renewals, renewal_bookings, expansion_bookings or net_revenue_retention
-- @column unit: count, amount (reporting currency) or ratio
-- @column period_type: week, month, quarter or year
-- @column period_key: period label (int_periods)
-- @column period_start: first day of the period
-- @column is_complete: the period ended on or before the as-of date; an incomplete period is measured to date
-- @column value: the KPI in the period; null when the export cannot support it (see note)
-- @column previous_value: the KPI in the previous period of the same type; null for the first period
-- @column change: value − previous_value, when the two periods are comparable (change_comparable); null otherwise
-- @column change_rate: change ÷ previous_value (a relative change, may be negative or above 1), for counts and amounts; null when not comparable or previous_value is 0
-- @column change_points: for a ratio KPI, the change in percentage points as a share (−0.021 = 2.1 points down); null otherwise
-- @column change_comparable: both periods are complete, wholly in the export, and hold a value: a change is shown only then
-- @column change_note: why no change is shown: period in progress, previous period partial, no previous value (in the site's language, config `locale`)
-- @column change_rank: 1 = the largest relative change among this period's comparable count and amount KPIs ("what changed most"); null when not comparable
-- @column target: target for the period (monthly target × 3 for a quarter, × 12 for a year, × 12/52 for a week); null when none is set
-- @column attainment: value ÷ target; null without a target
-- @column handoff_metric: which conversion the handoff columns hold: mql_to_sql, opportunity_accepted, new_business_win_rate or renewal_rate
-- @column handoff_to: the role the handoff leads into (null for customer success, the last role)
-- @column handoff_n: records the handoff conversion is taken over (MQLs, opportunities created, deals closed, renewals closed in the period)
-- @column handoff_converted: of those, how many went on (reached SQL, were accepted, were won, renewed)
-- @column handoff_conversion: handoff_converted ÷ handoff_n; null when handoff_n is 0 or the export cannot support it
-- @column handoff_conversion_low: 95% Wilson interval, lower bound
-- @column handoff_conversion_high: 95% Wilson interval, upper bound
-- @column low_sample: handoff_n is below config `minimumSample`
-- @column previous_handoff_conversion: handoff_conversion in the previous period of the same type
-- @column handoff_change_points: handoff_conversion − previous_handoff_conversion in points as a share (−0.021 = 2.1 points down), when both periods are whole and neither is low sample; null otherwise
-- @column handoff_change_note: why no handoff change is shown (period in progress, previous period partial, too few records to compare), in the site's language
-- @column note: why value is null, or a caveat about it (dates standing in for missing ones, amounts unknown for want of an exchange rate), in the site's language
with periods as (
  select * from int_periods
),

reach as (
  select * from int_funnel_reach
),

opportunities as (
  select * from int_opportunities
),

records as (
  select * from int_funnel_records
),

steps as (
  select * from config_funnel_step
),

targets as (
  select * from config_target
),

teams as (
  select * from config_team_role
),

users as (
  select * from stg_users
),

record_teams as (
  -- The team of each funnel record's owner: a lead's owner, a deal's (its pipeline's team first).
  select 'lead' as record_type, leads.lead_id as record_id, users.team as owner_team
  from stg_leads as leads
  left join users on users.user_id = leads.owner_id
  union all
  select 'opportunity', opportunity_id, owner_team from opportunities
),

minimum_sample as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

role_kpis as (
  -- The KPIs of config.ts ROLE_KPIS (plus net revenue retention), with their handoff.
  select * from (values
    ('marketing', 1, 'leads', 1, 'count', 'mql_to_sql', 'inside_sales'),
    ('marketing', 1, 'mqls', 2, 'count', 'mql_to_sql', 'inside_sales'),
    ('inside_sales', 2, 'sqls', 1, 'count', 'opportunity_accepted', 'field_sales'),
    ('inside_sales', 2, 'opportunities_created', 2, 'count', 'opportunity_accepted', 'field_sales'),
    ('field_sales', 3, 'won_deals', 1, 'count', 'new_business_win_rate', 'customer_success'),
    ('field_sales', 3, 'bookings', 2, 'amount', 'new_business_win_rate', 'customer_success'),
    ('customer_success', 4, 'renewals', 1, 'count', 'renewal_rate', null),
    ('customer_success', 4, 'renewal_bookings', 2, 'amount', 'renewal_rate', null),
    ('customer_success', 4, 'expansion_bookings', 3, 'amount', 'renewal_rate', null),
    ('customer_success', 4, 'net_revenue_retention', 4, 'ratio', 'renewal_rate', null)
  ) as kpis (role, role_order, kpi, kpi_order, unit, handoff_metric, handoff_to)
),

kpis as (
  -- Every team gets its role's KPIs.
  select teams.team, teams.team_order, role_kpis.*
  from teams
  join role_kpis using (role)
),

availability as (
  -- What the export can support: a KPI without its source is null with a note, never a zero.
  select
    exists (select 1 from stg_leads) as has_leads,
    -- Opportunities are inside sales' work when leads lead to them or inside-sales users exist to create
    -- them; an export of field agents' deals alone (Maven) credits inside sales with nothing.
    exists (select 1 from stg_leads)
      or exists (select 1 from users join teams using (team) where teams.role = 'inside_sales') as has_inside_sales,
    exists (select 1 from opportunities where motion = 'new_business' and created_at is not null) as has_created_dates,
    exists (select 1 from opportunities where outcome <> 'open' and close_date is not null) as has_close_dates,
    (select has_renewal from int_motions) as has_renewals,
    (select has_expansion from int_motions) as has_expansion
),

kpi_notes as (
  select
    kpis.*,
    case
      when kpis.kpi in ('leads', 'mqls', 'sqls') and not has_leads then say('the export has no leads', '내보낸 데이터에 리드가 없습니다')
      when kpis.kpi = 'opportunities_created' and not has_inside_sales
        then say('the export has no leads and no inside-sales user: its opportunities cannot be credited to inside sales',
          '내보낸 데이터에 리드도 인사이드 세일즈 사용자도 없습니다: 영업기회를 인사이드 세일즈 성과로 집계할 수 없습니다')
      when kpis.kpi = 'opportunities_created' and not has_created_dates
        then say('no new-business opportunity in the export has a creation date', '내보낸 데이터의 신규 영업기회에 생성일이 하나도 없습니다')
      when kpis.role in ('field_sales', 'customer_success') and not has_close_dates
        then say('no closed opportunity in the export has a close date', '내보낸 데이터의 종료된 영업기회에 종료일이 하나도 없습니다')
      when kpis.kpi in ('renewals', 'renewal_bookings', 'net_revenue_retention') and not has_renewals
        then say('the export has no renewal opportunities (no opportunity type maps to renewal in config opportunityTypes)',
          '내보낸 데이터에 계약 갱신 영업기회가 없습니다(설정 opportunityTypes에서 renewal로 매핑된 영업기회 유형이 없음)')
      when kpis.kpi = 'expansion_bookings' and not has_expansion
        then say('the export has no expansion opportunities (no opportunity type maps to expansion in config opportunityTypes)',
          '내보낸 데이터에 확장(업셀) 영업기회가 없습니다(설정 opportunityTypes에서 expansion으로 매핑된 영업기회 유형이 없음)')
    end as unavailable_note
  from kpis
  cross join availability
),

accepted_step as (
  -- Field sales accepts an opportunity when it reaches the first field_sales step after 'opportunity'.
  select min(step_order) as accepted_order
  from steps
  where team = 'field_sales'
    and step_order > (select step_order from steps where step = 'opportunity')
),

events as (
  -- One row per thing a KPI counts, on the day it counts; quantity is 1 for counts, the amount for money;
  -- with the role whose KPI it is and its owner's team.
  select 'marketing' as role, 'leads' as kpi, leads.created_at::date as event_day, 1.0 as quantity, true as date_known, users.team as owner_team
  from stg_leads as leads
  left join users on users.user_id = leads.owner_id
  union all
  select 'marketing', 'mqls', reached_at::date, 1.0, reached_at_known, record_teams.owner_team
  from reach left join record_teams using (record_type, record_id) where step = 'mql'
  union all
  select 'inside_sales', 'sqls', reached_at::date, 1.0, reached_at_known, record_teams.owner_team
  from reach left join record_teams using (record_type, record_id) where step = 'sql'
  union all
  select 'inside_sales', 'opportunities_created', created_at::date, 1.0, true, owner_team from opportunities where motion = 'new_business'
  union all
  select 'field_sales', 'won_deals', close_date, 1.0, true, owner_team from opportunities
  where outcome = 'won' and motion in ('new_business', 'expansion')
  union all
  select 'field_sales', 'bookings', close_date, amount, true, owner_team from opportunities
  where outcome = 'won' and motion in ('new_business', 'expansion')
  union all
  select 'customer_success', 'renewals', close_date, 1.0, true, owner_team from opportunities where outcome = 'won' and motion = 'renewal'
  union all
  select 'customer_success', 'renewal_bookings', close_date, amount, true, owner_team from opportunities where outcome = 'won' and motion = 'renewal'
  union all
  select 'customer_success', 'expansion_bookings', close_date, amount, true, owner_team from opportunities where outcome = 'won' and motion = 'expansion'
  union all
  -- NRR's denominator: the amount up for renewal in the period, whether it renewed or not.
  select 'customer_success', 'renewal_closed_amount', close_date, amount, true, owner_team from opportunities where outcome <> 'open' and motion = 'renewal'
),

-- Events and handoff trials are summed per day before they meet the periods: the range join then pairs
-- a few thousand days with their week, month, quarter and year, not millions of records.
daily_events as (
  select
    team_of_role(owner_team, role) as team, kpi, event_day, sum(quantity) as quantity,
    count(*) filter (where not date_known) as undated,
    count(*) as events,
    -- An amount is unknown for a deal whose currency has no exchange rate.
    count(quantity) as known
  from events
  group by all
),

event_totals as (
  select
    periods.period_type,
    periods.period_key,
    daily.team,
    daily.kpi,
    sum(daily.quantity) as quantity,
    sum(daily.undated)::integer as undated,
    sum(daily.events)::integer as events,
    sum(daily.known)::integer as known
  from daily_events as daily
  join periods on daily.event_day >= periods.period_start and daily.event_day < periods.period_end
  group by all
),

kpi_values as (
  select
    kpi_notes.team,
    kpi_notes.role,
    kpi_notes.team_order,
    kpi_notes.kpi,
    kpi_notes.kpi_order,
    kpi_notes.unit,
    kpi_notes.handoff_metric,
    kpi_notes.handoff_to,
    kpi_notes.unavailable_note,
    periods.period_type,
    periods.period_key,
    periods.period_start,
    periods.previous_key,
    periods.is_complete,
    case
      when kpi_notes.unavailable_note is not null then null
      when kpi_notes.kpi = 'net_revenue_retention' then
        (coalesce(renewal_bookings.quantity, 0) + coalesce(expansion_bookings.quantity, 0))
        / nullif(renewal_closed.quantity, 0)
      when kpi_notes.unit = 'amount' then amount_total(totals.quantity, totals.known, totals.events)
      else coalesce(totals.quantity, 0)
    end::double as value,
    coalesce(totals.undated, 0) as undated,
    case when kpi_notes.unit = 'amount' then coalesce(totals.events - totals.known, 0) else 0 end as unknown_amounts
  from kpi_notes
  cross join periods
  left join event_totals as totals
    on totals.team = kpi_notes.team and totals.kpi = kpi_notes.kpi
    and totals.period_type = periods.period_type and totals.period_key = periods.period_key
  left join event_totals as renewal_bookings
    on renewal_bookings.team = kpi_notes.team and renewal_bookings.kpi = 'renewal_bookings'
    and renewal_bookings.period_type = periods.period_type and renewal_bookings.period_key = periods.period_key
  left join event_totals as expansion_bookings
    on expansion_bookings.team = kpi_notes.team and expansion_bookings.kpi = 'expansion_bookings'
    and expansion_bookings.period_type = periods.period_type and expansion_bookings.period_key = periods.period_key
  left join event_totals as renewal_closed
    on renewal_closed.team = kpi_notes.team and renewal_closed.kpi = 'renewal_closed_amount'
    and renewal_closed.period_type = periods.period_type and renewal_closed.period_key = periods.period_key
  where periods.period_type in ('week', 'month', 'quarter', 'year')
),

handoff_trials as (
  -- One row per record a team's handoff conversion is taken over, dated in its period, and whether it
  -- went on, with the owner's team. Each role's rule is in the header.
  select 'marketing' as role, mql.reached_at::date as trial_day, sql_step.record_id is not null as converted, record_teams.owner_team
  from reach as mql
  left join reach as sql_step
    on sql_step.record_type = mql.record_type and sql_step.record_id = mql.record_id and sql_step.step = 'sql'
  left join record_teams on record_teams.record_type = mql.record_type and record_teams.record_id = mql.record_id
  where mql.step = 'mql'
  union all
  select 'inside_sales', opportunity.created_at::date, coalesce(reached.reached_order >= accepted_step.accepted_order, false), opportunity.owner_team
  from opportunities as opportunity
  cross join accepted_step
  left join (
    select opportunity_id, max(reached_order) as reached_order from records where opportunity_id is not null group by 1
  ) as reached using (opportunity_id)
  where opportunity.motion = 'new_business'
  union all
  select 'field_sales', close_date, outcome = 'won', owner_team
  from opportunities
  where motion = 'new_business' and outcome <> 'open'
  union all
  select 'customer_success', close_date, outcome = 'won', owner_team
  from opportunities
  where motion = 'renewal' and outcome <> 'open'
),

daily_trials as (
  select team_of_role(owner_team, role) as team, trial_day, count(*) as trials, count(*) filter (where converted) as converted
  from handoff_trials
  where trial_day is not null
  group by all
),

handoffs as (
  select
    periods.period_type,
    periods.period_key,
    teams.team,
    coalesce(sum(trials.trials), 0)::integer as handoff_n,
    coalesce(sum(trials.converted), 0)::integer as handoff_converted
  from periods
  cross join teams
  left join daily_trials as trials
    on trials.team = teams.team and trials.trial_day >= periods.period_start and trials.trial_day < periods.period_end
  group by all
),

handoff_availability as (
  -- A handoff is unavailable exactly when the KPI it shares its source with is.
  select team, unavailable_note
  from kpi_notes
  where kpi in ('mqls', 'opportunities_created', 'won_deals', 'renewals')
),

with_previous as (
  select
    current_period.*,
    previous_period.value as previous_value,
    current_bounds.is_partial,
    previous_bounds.is_complete as previous_is_complete,
    previous_bounds.is_partial as previous_is_partial,
    -- A change is made only between two whole periods: both complete, both wholly in the export.
    current_period.value is not null and previous_period.value is not null
      and current_period.is_complete and not current_bounds.is_partial
      and coalesce(previous_bounds.is_complete, false) and not coalesce(previous_bounds.is_partial, true) as change_comparable
  from kpi_values as current_period
  left join kpi_values as previous_period
    on previous_period.team = current_period.team
    and previous_period.kpi = current_period.kpi
    and previous_period.period_type = current_period.period_type
    and previous_period.period_key = current_period.previous_key
  left join periods as current_bounds
    on current_bounds.period_type = current_period.period_type and current_bounds.period_key = current_period.period_key
  left join periods as previous_bounds
    on previous_bounds.period_type = current_period.period_type and previous_bounds.period_key = current_period.previous_key
),

final as (
  select
    with_previous.team,
    with_previous.role,
    with_previous.kpi,
    with_previous.unit,
    with_previous.period_type,
    with_previous.period_key,
    with_previous.period_start,
    with_previous.is_complete,
    with_previous.value,
    with_previous.previous_value,
    case when with_previous.change_comparable then with_previous.value - with_previous.previous_value end as change,
    case when with_previous.change_comparable and with_previous.unit <> 'ratio' then
      (with_previous.value - with_previous.previous_value) / nullif(with_previous.previous_value, 0)
    end as change_rate,
    case when with_previous.change_comparable and with_previous.unit = 'ratio' then with_previous.value - with_previous.previous_value end as change_points,
    with_previous.change_comparable,
    case when not with_previous.change_comparable and with_previous.value is not null
      then change_note(with_previous.is_complete, with_previous.is_partial, with_previous.previous_value is not null)
    end as change_note,
    targets.monthly_target * case with_previous.period_type
      when 'week' then 12.0 / 52
      when 'month' then 1.0
      when 'quarter' then 3.0
      when 'year' then 12.0
    end as target,
    with_previous.value / nullif(target, 0) as attainment,
    with_previous.handoff_metric,
    with_previous.handoff_to,
    case when handoff_availability.unavailable_note is null then handoffs.handoff_n end as handoff_n,
    case when handoff_availability.unavailable_note is null then handoffs.handoff_converted end as handoff_converted,
    case when handoff_availability.unavailable_note is null then
      handoffs.handoff_converted / nullif(handoffs.handoff_n, 0)
    end as handoff_conversion,
    case when handoff_availability.unavailable_note is null then
      wilson_low(handoffs.handoff_converted, handoffs.handoff_n)
    end as handoff_conversion_low,
    case when handoff_availability.unavailable_note is null then
      wilson_high(handoffs.handoff_converted, handoffs.handoff_n)
    end as handoff_conversion_high,
    coalesce(handoffs.handoff_n, 0) < (select minimum_sample from minimum_sample) as low_sample,
    coalesce(
      with_previous.unavailable_note,
      case when with_previous.unknown_amounts > 0 then say(
        with_previous.unknown_amounts::varchar || ' of the deals have no exchange rate for their currency: '
        || case when with_previous.value is null then 'the amount is unknown' else 'the amount leaves them out' end,
        '영업기회 ' || with_previous.unknown_amounts::varchar || '건은 통화 환율이 없습니다: '
        || case when with_previous.value is null then '금액을 알 수 없습니다' else '금액에서 제외됩니다' end)
      end,
      case when with_previous.undated > 0 then say(
        upper(with_previous.kpi[1:3]) || 's dated by the lead''s creation date, for want of an '
        || upper(with_previous.kpi[1:3]) || ' date in the export: ' || with_previous.undated::varchar,
        '내보낸 데이터에 ' || upper(with_previous.kpi[1:3]) || ' 일자가 없어 리드 생성일 기준으로 집계한 '
        || upper(with_previous.kpi[1:3]) || ': ' || with_previous.undated::varchar || '건')
      end
    ) as note,
    with_previous.previous_key,
    with_previous.is_partial,
    with_previous.previous_is_complete,
    with_previous.previous_is_partial,
    with_previous.team_order,
    with_previous.kpi_order
  from with_previous
  left join targets on targets.team = with_previous.team and targets.kpi = with_previous.kpi
  left join handoffs
    on handoffs.team = with_previous.team
    and handoffs.period_type = with_previous.period_type
    and handoffs.period_key = with_previous.period_key
  left join handoff_availability on handoff_availability.team = with_previous.team
),

-- The handoff's change against the previous period, under the KPIs' rule (two whole periods), and only
-- between two rates with enough records behind them.
handoff_changes as (
  select
    final.*,
    previous_period.handoff_conversion as previous_handoff_conversion,
    final.is_complete and not final.is_partial
      and coalesce(final.previous_is_complete, false) and not coalesce(final.previous_is_partial, true)
      and previous_period.handoff_conversion is not null as whole,
    whole and not final.low_sample and not previous_period.low_sample as handoff_comparable
  from final
  left join final as previous_period
    on previous_period.team = final.team
    and previous_period.kpi = final.kpi
    and previous_period.period_type = final.period_type
    and previous_period.period_key = final.previous_key
),

ranked as (
  select
    *,
    case when handoff_comparable then handoff_conversion - previous_handoff_conversion end as handoff_change_points,
    case
      when handoff_conversion is null or handoff_comparable then null
      when not whole then change_note(is_complete, is_partial, previous_handoff_conversion is not null)
      else say('too few records to compare', '표본 부족: 비교할 수 없습니다')
    end as handoff_change_note,
    case when change_rate is not null then
      row_number() over (partition by period_type, period_key, change_rate is not null order by abs(change_rate) desc, team_order, kpi_order)
    end::integer as change_rank
  from handoff_changes
)

select * exclude (team_order, kpi_order, previous_key, is_partial, previous_is_complete, previous_is_partial, whole, handoff_comparable) from ranked
order by team_order, kpi_order, period_type, period_start
