/**
 * Ramp (러닝커브): bookings by months since each rep's start date, one thin line per rep, the team's
 * median curve bold on top, one rep highlighted. Cumulative bookings by default, or bookings in each
 * month. The month under way at the as-of date is not over: it is drawn dashed and hollow, and the mart
 * keeps it out of the median. Reps whose first months are before the data window have no cumulative
 * bookings (the mart leaves them null) and appear only in the monthly view.
 *
 * rampChart(martRows(ramp), {width, locale, currency, mode: "cumulative", highlight: ownerId})
 */
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import { formatCount, formatMoney } from "./format.js";
import { seriesInk } from "./ink.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { AMOUNT_COLOR, COUNT_COLOR } from "./winRateChart.js";
import { translator } from "./words.js";

/** The chart's words in both languages (read through t()). */
const WORDS = {
  month: [(m: number) => `month ${m}`, (m: number) => `${m}개월 차`],
  underWay: [" · month under way", " · 진행 중인 달"],
  cumulative: ["Cumulative bookings", "누적 수주 금액"],
  wonThisMonth: [(amount: string, n: string) => `Won this month: ${amount} (${n} deals)`, (amount: string, n: string) => `이번 달 수주: ${amount} (${n}건)`],
  teamMedian: ["Team median", "팀 중앙값"],
  repsIn: [(n: string) => `reps ${n}`, (n: string) => `담당자 ${n}명`],
  medianOf: [(n: string) => `median of ${n} reps`, (n: string) => `담당자 ${n}명의 중앙값`],
  fewerThan3: [" (fewer than 3)", " (3명 미만)"],
  xAxis: ["Months since start date →", "입사 후 개월 수 →"],
  yAxis: {
    cumulative: ["↑ Cumulative bookings", "↑ 누적 수주 금액"],
    monthly: ["↑ Bookings in the month", "↑ 월 수주 금액"],
  },
  legend: {
    rep: ["each rep", "담당자별"],
    median: ["team median (dashed, hollow: over fewer than 3 reps)", "팀 중앙값 (점선·빈 점: 담당자 3명 미만)"],
    notInView: ["selected rep (not in this view)", "선택한 담당자 (이 보기에 없음)"],
    underWay: ["month under way (incomplete, not in the median)", "진행 중인 달 (미완료, 중앙값 제외)"],
  },
} as const;

export type RampMode = "cumulative" | "monthly";

export interface RampChartOptions {
  width?: number;
  height?: number;
  locale?: Locale;
  currency?: string;
  mode?: RampMode;
  highlight?: string | null;
}

/** The points each line is drawn through, per mode: the rep's own curve and the team's median. */
export function rampSeries(rows: Row[], mode: RampMode = "cumulative") {
  const value = mode === "cumulative" ? "cumulative_bookings" : "bookings";
  const median = mode === "cumulative" ? "team_median_cumulative_bookings" : "team_median_bookings";
  const count = mode === "cumulative" ? "reps_in_cumulative_median" : "reps_in_median";
  const reps = rows
    .filter((d) => d[value] !== null && d[value] !== undefined)
    .map((d): Row => ({ ...d, y: d[value] as number }))
    .sort((a, b) => String(a.owner_id).localeCompare(String(b.owner_id)) || a.tenure_month - b.tenure_month);
  const medians = d3
    .groups(rows, (d) => d.team, (d) => d.tenure_month)
    .flatMap(([team, months]) => months.map(([month, [d]]) => ({ team, tenure_month: month, y: d![median] as number | null, reps: (d![count] ?? 0) as number })))
    .filter((d) => d.y !== null && d.y !== undefined && d.reps > 0)
    .sort((a, b) => String(a.team).localeCompare(String(b.team)) || a.tenure_month - b.tenure_month);
  return { reps, medians };
}

export function rampChart(rows: Row[], options: RampChartOptions = {}): HTMLElement {
  const { width = 640, height = 380, locale = "en", currency = "USD", mode = "cumulative", highlight = null } = options;
  const t = translator(WORDS, locale);
  const { reps, medians } = rampSeries(rows, mode);
  const money = (v: number | null) => formatMoney(v, currency, locale);
  const monthLabel = (m: number) => t("month", m);
  const teams = new Set(medians.map((d) => d.team));

  // Solid through complete months; the month under way joins on with a dashed segment.
  const complete = reps.filter((d) => d.is_complete);
  const tails = d3.groups(reps, (d) => d.owner_id).flatMap(([, points]) => {
    const i = points.findIndex((d) => !d.is_complete);
    return i > 0 ? [points[i - 1]!, points[i]!] : i === 0 ? [points[0]!] : [];
  });
  const selected = reps.filter((d) => String(d.owner_id) === highlight);
  const selectedComplete = selected.filter((d) => d.is_complete);
  const selectedTail = tails.filter((d) => String(d.owner_id) === highlight);
  const underway = reps.filter((d) => !d.is_complete);

  const repTitle = (d: Row) =>
    [
      `${d.rep_name} · ${monthLabel(d.tenure_month)} (${d.month_start})${d.is_complete ? "" : t("underWay")}`,
      `${mode === "cumulative" ? t("cumulative") : label("bookings", locale)}: ${money(d.y)}`,
      t("wonThisMonth", money(d.bookings), formatCount(d.won_deals, locale)),
      `${t("teamMedian")}: ${money(mode === "cumulative" ? d.team_median_cumulative_bookings : d.team_median_bookings)} (${t("repsIn", formatCount(mode === "cumulative" ? d.reps_in_cumulative_median : d.reps_in_median, locale))})`,
    ].join("\n");
  const medianTitle = (d: { team: string; tenure_month: number; y: number | null; reps: number }) =>
    `${t("teamMedian")}${teams.size > 1 ? ` · ${label(d.team, locale)}` : ""} · ${monthLabel(d.tenure_month)}\n${money(d.y)}\n${t("medianOf", formatCount(d.reps, locale))}${d.reps < 3 ? t("fewerThan3") : ""}`;
  // The label sits at the end of the bold part (the median over 3 or more reps).
  const lastMedian = d3.groups(medians, (d) => d.team).map(([, points]) => points.filter((d) => d.reps >= 3).at(-1) ?? points.at(-1)!);
  const lastSelected = selected.at(-1);

  const plot = Plot.plot({
    width,
    height,
    marginLeft: 56,
    marginRight: width < 500 ? 16 : 90,
    marginTop: 16,
    x: { label: t("xAxis"), domain: [0, Math.max(6, d3.max(reps, (d) => d.tenure_month) ?? 0)], ticks: width < 500 ? 4 : 8 },
    y: { label: t(`yAxis.${mode}`), tickFormat: (v: number) => money(v), grid: true, nice: true, zero: true },
    marks: [
      Plot.line(complete, { x: "tenure_month", y: "y", z: "owner_id", stroke: "currentColor", strokeOpacity: 0.28, strokeWidth: 1 }),
      Plot.line(tails, { x: "tenure_month", y: "y", z: "owner_id", stroke: "currentColor", strokeOpacity: 0.35, strokeWidth: 1, strokeDasharray: "3 3" }),
      Plot.dot(underway, { x: "tenure_month", y: "y", r: 2.5, stroke: "currentColor", strokeOpacity: 0.5, fill: "var(--theme-background, white)" }),
      // The median over fewer than 3 reps is thin and dashed: one or two reps' luck, not a team's curve.
      Plot.line(medians, { x: "tenure_month", y: "y", z: "team", stroke: COUNT_COLOR, strokeWidth: 1.5, strokeOpacity: 0.7, strokeDasharray: "5 3" }),
      Plot.line(medians, { x: "tenure_month", y: (d: { y: number | null; reps: number }) => (d.reps >= 3 ? d.y : NaN), z: "team", stroke: COUNT_COLOR, strokeWidth: 3.5 }),
      Plot.dot(medians, { x: "tenure_month", y: "y", r: 3, fill: (d: { reps: number }) => (d.reps < 3 ? "var(--theme-background, white)" : COUNT_COLOR), stroke: COUNT_COLOR, strokeWidth: 1.5, title: medianTitle, tip: true }),
      Plot.line(selectedComplete, { x: "tenure_month", y: "y", stroke: AMOUNT_COLOR, strokeWidth: 2.5 }),
      Plot.line(selectedTail, { x: "tenure_month", y: "y", stroke: AMOUNT_COLOR, strokeWidth: 2.5, strokeDasharray: "4 3" }),
      Plot.dot(selected, { x: "tenure_month", y: "y", r: 3.5, fill: (d: Row) => (d.is_complete ? AMOUNT_COLOR : "var(--theme-background, white)"), stroke: AMOUNT_COLOR, strokeWidth: 1.5, title: repTitle, tip: true }),
      width >= 500
        ? Plot.text(lastMedian, { x: "tenure_month", y: "y", dx: -6, dy: -12, textAnchor: "end", fill: seriesInk(COUNT_COLOR), fontWeight: 700, text: (d: { team: string }) => t("teamMedian") + (teams.size > 1 ? ` (${label(d.team, locale)})` : "") })
        : null,
      lastSelected && width >= 500 ? Plot.text([lastSelected], { x: "tenure_month", y: "y", dx: 8, dy: 12, textAnchor: "start", fill: seriesInk(AMOUNT_COLOR), fontWeight: 700, text: "rep_name", lineWidth: 8, textOverflow: "ellipsis" }) : null,
      // Any rep's point, on hover (the highlighted rep's own dots carry their tips).
      Plot.tip(reps.filter((d) => String(d.owner_id) !== highlight), Plot.pointer({ x: "tenure_month", y: "y", title: repTitle, maxRadius: 12 })),
      Plot.ruleY([0]),
    ],
  });

  const figure = document.createElement("div");
  figure.className = "ramp-chart";
  const legend = document.createElement("div");
  legend.style.cssText = "display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:0.8rem;color:var(--theme-foreground-muted);margin:0 0 0.25rem";
  const item = (swatch: string, color: string, text: string) => {
    const span = document.createElement("span");
    const mark = document.createElement("span");
    mark.style.color = color;
    mark.style.fontWeight = "700";
    mark.textContent = swatch;
    span.append(mark, document.createTextNode(` ${text}`));
    legend.append(span);
  };
  item("—", "currentColor", t("legend.rep"));
  item("━", COUNT_COLOR, t("legend.median"));
  if (highlight) item("━", AMOUNT_COLOR, selected.length ? shorten(String(selected[0]!.rep_name)) : t("legend.notInView"));
  item("┄○", "currentColor", t("legend.underWay"));
  figure.append(legend, plot);
  return figure;
}

/** A CRM name cut to a legend's length. */
function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
