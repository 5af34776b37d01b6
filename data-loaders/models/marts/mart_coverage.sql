-- One row per metric area: whether this export lets us compute it, and if only in part, what is missing.
-- Pages show the note instead of a chart of zeros when an export lacks what a metric needs (leads, stage
-- history, competitors, tiers, reps, activities, snapshots).
-- @column area: funnel, stages, amounts, stage_history, win_rate_by_competitor, tiers, reps, ramp, activities, recycling, team_kpis, pipeline_flow, renewals
-- @column status: ok, partial or unavailable
-- @column note: what the page should say when the status is not ok, in the site's language (config `locale`)
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
      when opportunities = 0 and leads = 0 then say('This export has no leads and no opportunities.', '내보낸 데이터에 리드도 영업기회도 없습니다.')
      when leads = 0 then say('This export has no leads: the funnel starts at the opportunity step.', '내보낸 데이터에 리드가 없습니다: 퍼널은 영업기회 단계부터 시작합니다.')
      when undated_opportunities > 0 then say(
        undated_opportunities || ' opportunities have no creation date and belong to no cohort.',
        '영업기회 ' || undated_opportunities || '건은 생성일이 없어 어느 코호트에도 속하지 않습니다.')
    end as note
  from counts
  union all
  select 'stages', case when unmapped_stage_deals + unmapped_status_leads > 0 then 'partial' else 'ok' end,
    case when unmapped_stage_deals + unmapped_status_leads > 0 then
      concat_ws(' ',
        case when unmapped_stage_deals > 0 then say(
          unmapped_stage_deals || case when unmapped_stage_deals = 1 then ' deal is' else ' deals are' end || ' in stages the config does not map: they count with their outcome and amount, but an open or lost one counts only up to the opportunity step.',
          '영업기회 ' || unmapped_stage_deals || '건이 설정에 매핑되지 않은 단계에 있습니다: 결과와 금액은 집계되지만, 진행 중이거나 실패한 건은 영업기회 단계까지만 집계됩니다.') end,
        case when unmapped_status_leads > 0 then say(
          unmapped_status_leads || case when unmapped_status_leads = 1 then ' lead has a status' else ' leads have statuses' end || ' the config does not map: they reach the funnel by their conversion and dates only.',
          '리드 ' || unmapped_status_leads || '건의 상태가 설정에 매핑되지 않았습니다: 퍼널에는 전환 여부와 날짜로만 반영됩니다.') end,
        say('The data-quality page lists the config lines that map them.', '매핑에 필요한 설정 줄은 데이터 품질 페이지에 있습니다.'))
    end
  from counts
  union all
  select 'amounts', case when unrated_deals > 0 then 'partial' else 'ok' end,
    case when unrated_deals > 0 then
      say(
        unrated_deals || case when unrated_deals = 1 then ' deal' else ' deals' end || ' in ' || unrated_currencies || case when unrated_deals = 1 then ' has' else ' have' end || ' no exchange rate: ' || case when unrated_deals = 1 then 'it counts' else 'they count' end || ' in every count, but amount figures (bookings, pipeline, win rate by amount) leave ' || case when unrated_deals = 1 then 'it' else 'them' end || ' out.',
        unrated_currencies || ' 통화의 영업기회 ' || unrated_deals || '건은 환율이 없습니다: 건수에는 모두 포함되지만, 금액 지표(수주 금액, 파이프라인, 금액 기준 승률)에서는 빠집니다.')
    end
  from counts
  union all
  select 'stage_history', case when history = 0 then 'partial' else 'ok' end,
    case when history = 0 then say('No stage history: a lost deal cannot be placed among the stages, so the funnel goes from opportunity straight to won, stage conversions are not judged, and time in stage cannot be measured.',
      '단계 이력이 없습니다: 실패한 영업기회를 단계에 배치할 수 없어 퍼널은 영업기회에서 바로 수주로 이어지고, 단계별 전환율은 판단하지 않으며, 단계별 체류 기간은 측정할 수 없습니다.') end
  from counts
  union all
  select 'win_rate_by_competitor', case when competitors = 0 then 'unavailable' else 'ok' end,
    case when competitors = 0 then say('This export names no competitors.', '내보낸 데이터에 경쟁사 정보가 없습니다.') end
  from counts
  union all
  select 'tiers',
    case
      when tiered_accounts < 10 then 'unavailable'
      when export_tiers = 0 or tiered_accounts < accounts then 'partial'
      else 'ok'
    end,
    case
      when tiered_accounts = 0 then say('No account tiers and no revenue or employee counts to rank accounts by.', '고객사 티어도, 고객사 순위를 매길 매출액이나 직원 수도 없습니다.')
      when tiered_accounts < 10 then say(
        'Only ' || tiered_accounts || ' accounts have a tier, revenue or employee count: too few to tier.',
        '티어, 매출액 또는 직원 수가 있는 고객사가 ' || tiered_accounts || '곳뿐입니다: 티어링하기에 너무 적습니다.')
      else concat_ws(' ',
        case when export_tiers = 0 then say(
          'The CRM keeps no tier: accounts with a revenue or employee count are tiered by it: A = their top '
          || round(100 * (select value::double from config_setting where name = 'tier_share_a'))::integer || '%, B = the next '
          || round(100 * (select value::double from config_setting where name = 'tier_share_b'))::integer || '%, C = the rest.',
          'CRM에 티어 정보가 없습니다: 매출액이나 직원 수가 있는 고객사를 그 기준으로 티어링합니다: A = 상위 '
          || round(100 * (select value::double from config_setting where name = 'tier_share_a'))::integer || '%, B = 그다음 '
          || round(100 * (select value::double from config_setting where name = 'tier_share_b'))::integer || '%, C = 나머지.') end,
        case when tiered_accounts < accounts then say(
          (accounts - tiered_accounts) || ' of ' || accounts || ' accounts (' || round(100 * (accounts - tiered_accounts) / accounts)::integer
          || '%) have no tier, revenue or employee count: they are "unknown", not ranked.',
          '고객사 ' || accounts || '곳 중 ' || (accounts - tiered_accounts) || '곳(' || round(100 * (accounts - tiered_accounts) / accounts)::integer
          || '%)은 티어, 매출액, 직원 수가 모두 없습니다: 순위 없이 "미분류"로 분류됩니다.') end)
    end
  from counts
  union all
  select 'reps',
    case when users = 0 or deals_without_team > 0.2 * owned_deals then 'partial' else 'ok' end,
    case
      when users = 0 then say('No user export: reps are shown by owner id, without team.', '사용자 데이터가 없습니다: 영업 담당자는 팀 없이 담당자 ID로 표시됩니다.')
      when deals_without_team > 0.2 * owned_deals then say(
        round(100 * deals_without_team / owned_deals)::integer || '% of deals have an owner in no team (no department, role or title that says one): team figures leave them out. The data-quality page lists the owners.',
        '영업기회의 ' || round(100 * deals_without_team / owned_deals)::integer || '%는 담당자가 어느 팀에도 속하지 않습니다(팀을 알려주는 부서, 역할, 직함이 없음): 팀 지표에서 빠집니다. 해당 담당자는 데이터 품질 페이지에 있습니다.')
    end
  from counts
  union all
  select 'ramp', case when reps_with_start = 0 then 'unavailable' else 'ok' end,
    case when reps_with_start = 0 then say('No start dates for field sales reps: ramp curves cannot be drawn.', '필드 세일즈 담당자의 입사일이 없습니다: 러닝커브를 그릴 수 없습니다.') end
  from counts
  union all
  select 'activities', case when tasks = 0 then 'unavailable' else 'ok' end,
    case when tasks = 0 then say('This export has no activities (tasks).', '내보낸 데이터에 활동(작업) 기록이 없습니다.') end
  from counts
  union all
  select 'recycling', case when leads = 0 and opportunities = 0 then 'unavailable' when leads = 0 then 'partial' else 'ok' end,
    case when leads = 0 then say('No leads: only lost deals form the recycle pool, and returns are new opportunities only.', '리드가 없습니다: 재활용 대상은 실패한 영업기회뿐이고, 재유입은 새 영업기회로만 집계됩니다.') end
  from counts
  union all
  select 'team_kpis', case when leads = 0 then 'partial' when mql_dates = 0 then 'partial' else 'ok' end,
    case
      when leads = 0 then say('No leads: marketing and inside sales KPIs cannot be computed.', '리드가 없습니다: 마케팅과 인사이드 세일즈 KPI를 계산할 수 없습니다.')
      when mql_dates = 0 then say('No MQL dates: MQLs are dated by lead creation.', 'MQL 일자가 없습니다: MQL은 리드 생성일 기준으로 집계됩니다.')
    end
  from counts
  union all
  select 'pipeline_flow', case when snapshots < 2 then 'unavailable' else 'ok' end,
    case when snapshots < 2 then say('Pipeline flow needs at least two dated snapshots (exports in folders named like 2026-11-02/).', '파이프라인 흐름에는 날짜가 있는 스냅샷이 두 개 이상 필요합니다(2026-11-02/처럼 날짜 이름의 폴더에 넣은 내보내기).') end
  from counts
  union all
  select 'renewals', case when renewals = 0 then 'unavailable' else 'ok' end,
    case when renewals = 0 then say('No renewal opportunities: customer success KPIs cannot be computed.', '계약 갱신 영업기회가 없습니다: 고객 성공(CS) KPI를 계산할 수 없습니다.') end
  from counts
),

final as (
  select area, status, note from areas
)

select * from final
