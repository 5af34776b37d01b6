/**
 * The header row of a list mart's whole-list CSV (the act-on lists a team downloads): on a Korean site, the
 * columns in Korean, in the words the team pages use (shared/GLOSSARY.md); on an English site the columns'
 * own names, which analysts' spreadsheets and scripts key on. A column without a Korean name keeps its own.
 */
const KOREAN: Record<string, string> = {
  list_rank: "전체 순위",
  owner_rank: "담당자 내 순위",
  team_rank: "팀 내 순위",
  team: "팀",
  opportunity_id: "영업기회 ID",
  account_id: "고객사 ID",
  account_name: "고객사",
  owner_id: "담당자 ID",
  owner_name: "영업 담당자",
  motion: "유형",
  stage_name: "단계",
  amount: "금액",
  close_date: "예상 마감일",
  is_overdue: "마감일 경과",
  days_past_close: "마감 경과 일수",
  close_date_pushes: "연기 횟수",
  days_open: "진행 일수",
  days_to_close: "마감까지 일수",
  tier: "티어",
  record_type: "레코드 유형",
  record_id: "레코드 ID",
  reason: "실패·부적격 사유",
  reason_group: "사유 분류",
  revisit_months: "재접근 개월 수",
  lost_date: "실패일",
  due_date: "재접근 시점",
  days_overdue: "경과 일수",
  channel: "채널",
  period_key: "기간",
  period_start: "기간 시작일",
  previous_key: "직전 기간",
  is_complete: "기간 종료",
  cut: "구분",
  name: "소스 / 캠페인",
  leads: "리드",
  previous_leads: "직전 분기 리드",
  leads_per_day: "일 평균 리드",
  volume_change: "일 평균 리드 전기 대비",
  lead_to_mql_n: "리드 → MQL 대상",
  lead_to_mql: "리드 → MQL 전환율",
  lead_to_mql_low: "리드 → MQL 95% 하한",
  lead_to_mql_high: "리드 → MQL 95% 상한",
  previous_lead_to_mql: "직전 리드 → MQL 전환율",
  lead_to_mql_change_points: "리드 → MQL 전기 대비 (%p)",
  mql_to_sql_n: "MQL → SQL 대상",
  mql_to_sql: "MQL → SQL 전환율",
  mql_to_sql_low: "MQL → SQL 95% 하한",
  mql_to_sql_high: "MQL → SQL 95% 상한",
  previous_mql_to_sql: "직전 MQL → SQL 전환율",
  mql_to_sql_change_points: "MQL → SQL 전기 대비 (%p)",
  low_sample: "표본 부족",
  flag: "사유",
};

/** The CSV header of each column, in the site's language. */
export function listHeaders(columns: string[], locale: "en" | "ko"): string[] {
  return columns.map((column) => (locale === "ko" ? (KOREAN[column] ?? column) : column));
}
