/**
 * The dashboard's words in English and Korean, in our users' own terms (shared/GLOSSARY.md). Pages ask
 * for a label by key; the config's locale picks the language.
 */
export type { Locale } from "./words.js";
import type { Locale } from "./words.js";

const LABELS = {
  overview: ["Overview", "개요"],
  funnel: ["Funnel", "퍼널"],
  lead: ["Lead", "리드"],
  mql: ["MQL", "MQL"],
  sql: ["SQL", "SQL"],
  opportunity: ["Opportunity", "영업기회"],
  opportunities: ["Opportunities", "영업기회"],
  won: ["Won", "계약 (수주)"],
  won_deals: ["Won deals", "계약 건수"],
  lost: ["Lost", "실패"],
  bookings: ["Bookings", "수주 금액"],
  win_rate: ["Win rate", "승률"],
  win_rate_count: ["Win rate (count)", "승률 (건수)"],
  win_rate_amount: ["Win rate (amount)", "승률 (금액)"],
  conversion: ["Conversion", "전환율"],
  bottleneck: ["Bottleneck", "병목"],
  pipeline: ["Pipeline", "파이프라인"],
  coverage: ["Coverage", "파이프라인 커버리지"],
  plan: ["Plan from target", "목표 매출 역산"],
  tier: ["Tier", "티어"],
  tiers: ["Tiers", "티어"],
  recycling: ["Lead recycling", "리드 재활용"],
  competitor: ["Competitor", "경쟁사"],
  rep: ["Rep", "영업 담당자"],
  reps: ["Reps", "영업 담당자"],
  ramp: ["Ramp", "러닝커브"],
  target: ["Target", "목표"],
  attainment: ["Attainment", "목표 달성률"],
  vs_previous: ["vs previous period", "전기 대비"],
  data_quality: ["Data quality", "데이터 품질"],
  quarantined: ["Quarantined", "격리된 행"],
  inbound: ["Inbound", "인바운드"],
  outbound: ["Outbound", "아웃바운드"],
  unknown: ["Unknown", "미분류"],
  all: ["All", "전체"],
  channel: ["Channel", "채널"],
  team: ["Team", "팀"],
  region: ["Region", "지역"],
  period: ["Period", "기간"],
  week: ["Week", "주간"],
  month: ["Month", "월간"],
  quarter: ["Quarter", "분기"],
  year: ["Year", "연간"],
  marketing: ["Marketing", "마케팅"],
  inside_sales: ["Inside sales", "인사이드 세일즈"],
  field_sales: ["Field sales", "필드 세일즈"],
  customer_success: ["Customer success", "고객 성공 (CS)"],
  sales_cycle: ["Sales cycle", "영업 사이클"],
  lost_reason: ["Lost reason", "실패 사유"],
  unreachable: ["Unreachable", "연락 불가"],
  revisit_later: ["Revisit later", "N개월 뒤 도입 고려"],
  no_budget: ["No budget", "예산 없음"],
  no_need: ["No need", "니즈 없음"],
  other: ["Other", "기타"],
  low_sample: ["low sample", "표본 부족"],
  download_csv: ["Download CSV", "CSV 다운로드"],
  data_as_of: ["Data as of", "데이터 기준일"],
  leads: ["Leads", "리드"],
  mqls: ["MQLs", "MQL"],
  sqls: ["SQLs", "SQL"],
  opportunities_created: ["Opportunities created", "상담화 (영업기회 생성)"],
  renewals: ["Renewals", "계약 갱신"],
  renewal_bookings: ["Renewal bookings", "갱신 금액"],
  expansion_bookings: ["Expansion bookings", "확장 금액"],
  net_revenue_retention: ["Net revenue retention", "순매출 유지율 (NRR)"],
  handoff: ["Handoff to the next team", "다음 팀으로의 전환"],
  act_on: ["To act on", "조치 대상"],
  none: ["(none)", "(없음)"],
} as const satisfies Record<string, readonly [string, string]>;

export type LabelKey = keyof typeof LABELS;

/** The label for a key in the locale; an unknown key (a value from the CRM) is returned as it is. */
export function label(key: string, locale: Locale = "en"): string {
  const entry = (LABELS as Record<string, readonly [string, string]>)[key];
  return entry ? entry[locale === "ko" ? 1 : 0] : key;
}

/** A configured team (settings.teams: config teamRoles), the role it plays, and its names. */
export interface TeamName {
  team: string;
  role?: string;
  label_en: string;
  label_ko: string;
}

/** A team's name as the config gives it (a renamed or added team), else the label of its key. */
export function teamName(teams: TeamName[], key: string, locale: Locale = "en"): string {
  const named = teams.find((d) => d.team === key);
  return named ? (locale === "ko" ? named.label_ko : named.label_en) : label(key, locale);
}

/**
 * What to call a role of The Model (the owner of funnel steps): the name of its team when one team plays
 * it (a renamed team keeps its name on the funnel), else the role's own label (a role split into teams).
 */
export function roleName(teams: TeamName[], role: string, locale: Locale = "en"): string {
  const playing = teams.filter((d) => d.role === role);
  return playing.length === 1 ? teamName(teams, playing[0]!.team, locale) : label(role, locale);
}

/** A funnel step's name as config funnel.steps gives it (settings.steps), else the step's key. */
export function stepName(steps: Array<{ step: string; label_en: string; label_ko: string }>, step: string, locale: Locale = "en"): string {
  const named = steps.find((d) => d.step === step);
  return named ? (locale === "ko" ? named.label_ko : named.label_en) : step;
}
