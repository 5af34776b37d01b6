/**
 * Charts of the lead-recycling page (mart_recycled_leads, mart_recycle_queue): the recycle pool by reason
 * group and how much of it came back and was won; the recycled-lead yield with its 95% interval against
 * labelled reference lines (the benchmarks of METRICS.md and this export's own inbound and outbound
 * lead → won rates); the queue of records due for another approach, by owner. Pure functions of
 * (rows, {width, locale, …}); CRM text (rep names) goes in as Plot text only.
 *
 * recycleYieldChart(byReason, {width, locale, references: yieldReferences(channelRows, locale, settings.rules.referenceYields)})
 */
import * as Plot from "@observablehq/plot";
import { formatCount, formatPercent } from "./format.js";
import { MUTED, seriesInk } from "./ink.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { translator } from "./words.js";

/** The charts' words in both languages (read through t()), in our users' terms (GLOSSARY.md). */
const WORDS = {
  group: {
    all: ["All reasons", "전체 사유"],
    unreachable: ["Unreachable", "연락 불가"],
    revisit_later: ["Revisit later", "N개월 뒤 도입 고려"],
    no_budget: ["No budget", "예산 없음"],
    no_need: ["No need", "니즈 없음"],
    competitor: ["Lost to competitor", "경쟁사 선택"],
    other: ["Other", "기타"],
    unknown: ["No reason recorded", "사유 기록 없음"],
  },
  anyTime: ["Any time", "전체 기간"],
  months: [(range: string) => `${range} months`, (range: string) => `${range}개월`],
  recycled: ["Recycled", "재활용 리드"],
  benchmark: ["(benchmark)", "(기준값)"],
  here: ["here", "이 데이터"],
  thisExport: ["(benchmark) · this export", "(기준값) · 이 데이터"],
  notMeasured: ["not measured", "측정 불가"],
  noneBack: [(compact: boolean) => (compact ? "–" : "none came back"), () => "재유입 없음"],
  yield: ["Recycled-lead yield", "재활용 리드 수주율"],
  yieldOf: [(won: string, back: string) => `(${won} won / ${back} came back)`, (won: string, back: string) => `(수주 ${won} / 재유입 ${back})`],
  interval: ["95% interval", "95% 신뢰구간"],
  stillOpen: ["Still open", "아직 진행 중"],
  leadsMature: ["leads (mature cohorts)", "리드 (성숙 코호트)"],
  yieldAxis: ["Recycled-lead yield (won ÷ came back) →", "재활용 리드 수주율 (수주 ÷ 재유입) →"],
  pool: ["Pool", "재활용 대상"],
  untracked: ["untracked", "추적 불가"],
  cameBack: ["Came back", "재유입"],
  reEngagement: ["re-engagement", "재유입률"],
  cameBackWon: ["Came back and won", "재유입 후 수주"],
  overallYield: ["overall yield", "전체 수주율"],
  poolEnd: [
    (back: string, won: string) => `${back} came back · ${won} won`,
    (back: string, won: string) => `재유입 ${back} · 수주 ${won}`,
  ],
  recordsAxis: ["Records →", "건수 →"],
  records: [(n: number, text: string) => `${text} ${n === 1 ? "record" : "records"}`, (_n: number, text: string) => `${text}건`],
  dueAxis: ["Records due →", "재접근 대상 건수 →"],
} as const;

/** Reason groups in the order the page lists them (mart_recycled_leads.reason_group). */
export const REASON_GROUPS = ["unreachable", "revisit_later", "no_budget", "no_need", "competitor", "other", "unknown"] as const;

export const REASON_COLORS: Record<string, string> = {
  unreachable: "#4e79a7",
  revisit_later: "#59a14f",
  no_budget: "#f28e2b",
  no_need: "#b07aa1",
  competitor: "#e15759",
  other: "#9c755f",
  unknown: "#9c9c9c",
  all: "currentColor",
};

/** The loss-reason groups in our users' words (GLOSSARY.md "lost reason"). */
export function reasonGroupLabel(group: string, locale: Locale): string {
  return group in WORDS.group ? translator(WORDS, locale)(`group.${group}`) : label(group, locale);
}

/** "0-2 months", "0–2개월"; the 'all' bucket as "any time". */
export function bucketLabel(bucket: string, locale: Locale): string {
  const t = translator(WORDS, locale);
  return bucket === "all" ? t("anyTime") : t("months", bucket.replace("-", "–"));
}

export function reasonOrder(group: string): number {
  if (group === "all") return -1;
  const i = (REASON_GROUPS as readonly string[]).indexOf(group);
  return i < 0 ? REASON_GROUPS.length : i;
}

/** A reference line of the yield chart: a benchmark from METRICS.md and, beside it, this export's figure. */
export interface YieldReference {
  key: string;
  name: string;
  color: string;
  benchmark: number;
  measured: number | null;
  measuredLow?: number | null;
  measuredHigh?: number | null;
  measuredN?: number | null;
  measuredWon?: number | null;
}

/**
 * The reference points (config `referenceYields`, METRICS.md: inbound leads convert to won deals at about
 * 14.6%, outbound at about 1.7%, recycled leads at about 5%), each with this export's own lead → won rate
 * of mature inbound and outbound cohorts (mart_channel, period 'mature', cut 'channel', entry step 'lead').
 */
export function yieldReferences(
  channelRows: Row[],
  locale: Locale,
  benchmarks: { inbound: number; outbound: number; recycled: number },
): YieldReference[] {
  const measured = (channel: string) =>
    channelRows.find((d) => d.period_type === "mature" && d.cut === "channel" && d.entry_step === "lead" && d.channel === channel) ?? null;
  const inbound = measured("inbound");
  const outbound = measured("outbound");
  return [
    {
      key: "outbound",
      name: label("outbound", locale),
      color: "#e15759",
      benchmark: benchmarks.outbound,
      measured: outbound?.lead_to_won_rate ?? null,
      measuredLow: outbound?.lead_to_won_rate_low ?? null,
      measuredHigh: outbound?.lead_to_won_rate_high ?? null,
      measuredN: outbound?.leads ?? null,
      measuredWon: outbound?.won ?? null,
    },
    { key: "recycled", name: translator(WORDS, locale)("recycled"), color: "#59a14f", benchmark: benchmarks.recycled, measured: null },
    {
      key: "inbound",
      name: label("inbound", locale),
      color: "#4e79a7",
      benchmark: benchmarks.inbound,
      measured: inbound?.lead_to_won_rate ?? null,
      measuredLow: inbound?.lead_to_won_rate_low ?? null,
      measuredHigh: inbound?.lead_to_won_rate_high ?? null,
      measuredN: inbound?.leads ?? null,
      measuredWon: inbound?.won ?? null,
    },
  ];
}

/** The text of a reference line: "Inbound ≈14.6% (benchmark) · this export 15.1%". */
export function referenceText(r: YieldReference, locale: Locale, compact = false): string {
  const t = translator(WORDS, locale);
  const bench = `${r.name} ≈${formatPercent(r.benchmark)}`;
  if (r.key === "recycled") return compact ? bench : `${bench} ${t("benchmark")}`;
  const here = r.measured === null ? t("notMeasured") : formatPercent(r.measured);
  if (compact) return `${bench} · ${t("here")} ${here}`;
  return `${bench} ${t("thisExport")} ${here}`;
}

export interface YieldChartOptions {
  width?: number;
  locale?: Locale;
  /** Which column names the rows: reason_group or months_to_return. */
  category?: "reason_group" | "months_to_return";
  references?: YieldReference[];
  /** A reason group to highlight (the others are drawn lighter); "all" highlights nothing. */
  highlight?: string;
  minimumSample?: number;
}

/**
 * Recycled-lead yield (recycled_won ÷ recycled) per row: a dot with its 95% Wilson interval, n at the end;
 * low-sample rows lighter and labelled. Behind them, one dashed line per benchmark and a solid line at
 * this export's own rate, each labelled in its own lane at the top so labels never overlap.
 */
export function recycleYieldChart(rows: Row[], options: YieldChartOptions = {}): SVGSVGElement {
  const { width: requestedWidth = 640, locale = "en", category = "reason_group", references = [], highlight = "all", minimumSample = 10 } = options;
  const width = chartWidth(requestedWidth);
  const t = translator(WORDS, locale);
  const ko = locale === "ko";
  const compact = width < 560;
  const nameOf = (d: Row) => (category === "reason_group" ? reasonGroupLabel(d.reason_group, locale) : bucketLabel(d.months_to_return, locale));
  const keyOf = (d: Row) => String(d[category]);
  const keys = rows.map(keyOf);
  const lanes = references.map((_, i) => `__ref${i}`);
  const lowText = label("low_sample", locale);
  const faded = (d: Row) => category === "reason_group" && highlight !== "all" && d.reason_group !== highlight && d.reason_group !== "all";
  const opacity = (d: Row) => (d.low_sample ? 0.35 : faded(d) ? 0.3 : 1);
  // On a phone the row ends with the yield itself (n is in the tooltip and the table); wider, with won / came back.
  const endText = (d: Row) =>
    d.yield_rate === null
      ? t("noneBack", compact)
      : compact
        ? `${formatPercent(d.yield_rate)}${d.low_sample ? "*" : ""}`
        : `${formatCount(d.recycled_won, locale)}/${formatCount(d.recycled, locale)}${d.low_sample ? ` · ${lowText}` : ""}`;
  const title = (d: Row) =>
    [
      nameOf(d),
      `${t("yield")}: ${formatPercent(d.yield_rate)} ${t("yieldOf", formatCount(d.recycled_won, locale), formatCount(d.recycled, locale))}`,
      d.yield_rate_low !== null ? `${t("interval")}: ${formatPercent(d.yield_rate_low)}–${formatPercent(d.yield_rate_high)}` : null,
      `${t("stillOpen")}: ${formatCount(d.recycled_open, locale)}`,
      d.low_sample ? `${lowText} (n < ${minimumSample})` : null,
    ]
      .filter(Boolean)
      .join("\n");
  const refTitle = (r: YieldReference) =>
    [
      referenceText(r, locale),
      r.measured !== null && r.measuredLow !== null && r.measuredLow !== undefined
        ? `95% ${formatPercent(r.measuredLow)}–${formatPercent(r.measuredHigh)} · n=${formatCount(r.measuredN, locale)} ${t("leadsMature")}`
        : null,
    ]
      .filter(Boolean)
      .join("\n");
  const shown = rows.filter((d) => d.yield_rate !== null);
  const max = Math.max(
    0.05,
    ...shown.map((d) => Number(d.yield_rate_high ?? d.yield_rate)),
    ...references.flatMap((r) => [r.benchmark, r.measured ?? 0]),
  );
  const domain: [number, number] = [0, Math.min(1, max * 1.08)];
  const marginLeft = Math.min(width * 0.34, category === "reason_group" ? (ko ? 120 : 130) : 84);
  const marginRight = compact ? 48 : 110;
  const inner = width - marginLeft - marginRight;
  // Each reference's label sits in its own lane, anchored so that it stays inside the frame.
  const labelData = references.map((r, i) => {
    const at = Math.max(r.benchmark, r.measured ?? 0);
    const from = Math.min(r.benchmark, r.measured ?? r.benchmark);
    const right = at / domain[1] > 0.55;
    return { ...r, lane: lanes[i]!, x: right ? at : from, anchor: right ? "end" : "start" };
  });
  const measuredLines = references.filter((r) => r.measured !== null);

  return Plot.plot({
    width,
    height: 44 + lanes.length * 20 + keys.length * 30,
    marginLeft,
    marginRight,
    marginTop: 6,
    marginBottom: 36,
    x: { domain, tickFormat: "%", grid: true, label: t("yieldAxis"), ticks: inner < 260 ? 3 : 6 },
    y: { domain: [...lanes, ...keys], label: null, axis: null, padding: 0.2 },
    marks: [
      Plot.axisY(keys, {
        tickFormat: (k: string) => {
          const d = rows.find((r) => keyOf(r) === k);
          return d ? nameOf(d) : k;
        },
        fill: (k: string) => {
          const d = rows.find((r) => keyOf(r) === k);
          return d && (d.low_sample || faded(d)) ? MUTED : "currentColor";
        },
        tickSize: 0,
      }),
      // Benchmarks dashed, this export's rates solid, in the reference's colour.
      Plot.ruleX(references, { x: "benchmark", stroke: "color", strokeDasharray: "5 4", strokeWidth: 1.5, strokeOpacity: 0.9, title: refTitle }),
      Plot.ruleX(measuredLines, { x: "measured", stroke: "color", strokeWidth: 1.5, strokeOpacity: 0.55, title: refTitle }),
      ...(["start", "end"] as const).map((anchor) =>
        Plot.text(
          labelData.filter((r) => r.anchor === anchor),
          {
            x: "x",
            y: "lane",
            text: (r: YieldReference) => referenceText(r, locale, compact),
            textAnchor: anchor,
            dx: anchor === "start" ? 4 : -4,
            fill: (r: YieldReference) => seriesInk(r.color),
            fontWeight: 600,
            stroke: "var(--theme-background, white)",
            strokeWidth: 4,
            paintOrder: "stroke",
            title: refTitle,
          },
        ),
      ),
      Plot.ruleY(keys, { y: (k: string) => k, stroke: "currentColor", strokeOpacity: 0.06 }),
      Plot.ruleY(shown.filter((d) => d.yield_rate_low !== null), {
        y: keyOf,
        x1: "yield_rate_low",
        x2: "yield_rate_high",
        stroke: (d: Row) => (category === "reason_group" ? REASON_COLORS[d.reason_group] ?? "gray" : "currentColor"),
        strokeWidth: 3,
        strokeOpacity: (d: Row) => 0.5 * opacity(d),
        title,
      }),
      Plot.dot(shown, {
        y: keyOf,
        x: "yield_rate",
        r: (d: Row) => (keyOf(d) === "all" ? 7 : 5.5),
        fill: (d: Row) => (category === "reason_group" ? REASON_COLORS[d.reason_group] ?? "gray" : "currentColor"),
        fillOpacity: opacity,
        stroke: "var(--theme-background, white)",
        title,
        tip: true,
      }),
      Plot.text(compact ? [] : shown, {
        y: keyOf,
        x: "yield_rate",
        text: (d: Row) => formatPercent(d.yield_rate),
        dy: -10,
        fill: (d: Row) => (opacity(d) < 1 ? MUTED : "currentColor"),
      }),
      Plot.text(rows, {
        y: keyOf,
        x: domain[1],
        dx: 8,
        text: endText,
        textAnchor: "start",
        fill: (d: Row) => (d.low_sample || faded(d) ? MUTED : "currentColor"),
      }),
    ],
  }) as SVGSVGElement;
}

/**
 * The recycle pool per reason group as nested bars: the pool (faint), the records that came back
 * (re-engagement), and those whose return was won; the two rates written at the end of the row.
 */
export function recyclePoolChart(rows: Row[], { width: requestedWidth = 640, locale = "en" as Locale, highlight = "all" } = {}): SVGSVGElement {
  const width = chartWidth(requestedWidth);
  const t = translator(WORDS, locale);
  const ko = locale === "ko";
  const sorted = [...rows].sort((a, b) => reasonOrder(a.reason_group) - reasonOrder(b.reason_group));
  const keys = sorted.map((d) => d.reason_group);
  const faded = (d: Row) => highlight !== "all" && d.reason_group !== highlight;
  const compact = width < 560;
  const endText = (d: Row) =>
    compact
      ? `${formatPercent(d.re_engagement_rate, 0)} · ${formatPercent(d.overall_yield_rate)}`
      : t("poolEnd", formatPercent(d.re_engagement_rate, 0), formatPercent(d.overall_yield_rate));
  const title = (d: Row) =>
    [
      reasonGroupLabel(d.reason_group, locale),
      `${t("pool")}: ${formatCount(d.pool, locale)}${d.pool_untracked ? ` (+${formatCount(d.pool_untracked, locale)} ${t("untracked")})` : ""}`,
      `${t("cameBack")}: ${formatCount(d.recycled, locale)} · ${t("reEngagement")} ${formatPercent(d.re_engagement_rate)} (95% ${formatPercent(d.re_engagement_rate_low)}–${formatPercent(d.re_engagement_rate_high)})`,
      `${t("cameBackWon")}: ${formatCount(d.recycled_won, locale)} · ${t("overallYield")} ${formatPercent(d.overall_yield_rate)} (95% ${formatPercent(d.overall_yield_rate_low)}–${formatPercent(d.overall_yield_rate_high)})`,
    ].join("\n");
  const max = Math.max(1, ...sorted.map((d) => Number(d.pool ?? 0)));
  const layer = (value: string, fillOpacity: number) =>
    Plot.barX(sorted, {
      y: "reason_group",
      x: value,
      fill: (d: Row) => REASON_COLORS[d.reason_group] ?? "gray",
      fillOpacity: (d: Row) => fillOpacity * (faded(d) ? 0.35 : 1),
      title,
      tip: value === "pool",
    });
  return Plot.plot({
    width,
    height: 44 + keys.length * 32,
    marginLeft: Math.min(width * 0.34, ko ? 120 : 130),
    marginRight: compact ? 84 : 170,
    marginBottom: 36,
    x: { domain: [0, max], label: t("recordsAxis"), grid: true, ticks: Math.min(compact ? 2 : 6, max), tickFormat: (v: number) => (Number.isInteger(v) ? formatCount(v, locale) : "") },
    y: { domain: keys, label: null, tickFormat: (k: string) => reasonGroupLabel(k, locale), padding: 0.2 },
    marks: [
      layer("pool", 0.2),
      layer("recycled", 0.55),
      layer("recycled_won", 1),
      Plot.ruleX([0]),
      Plot.text(sorted, {
        y: "reason_group",
        x: "pool",
        dx: 6,
        text: endText,
        textAnchor: "start",
        fill: (d: Row) => (faded(d) ? MUTED : "currentColor"),
      }),
    ],
  }) as SVGSVGElement;
}

/**
 * Records due for another approach per owner, stacked by reason group, most first: `rows` are
 * mart_act_on_summary's recycle-queue owner rows per reason group (`items`), `totals` each owner's row for
 * the reason picked (reason_group 'all' for every group): the length and figure at the end of each bar.
 * At most `top` owners, so the chart stays readable with hundreds of reps; the page's table and CSV have
 * every one.
 */
export function recycleQueueChart(
  rows: Row[],
  { totals, width: requestedWidth = 640, locale = "en" as Locale, top = 15 }: { totals: Row[]; width?: number; locale?: Locale; top?: number },
): SVGSVGElement {
  const width = chartWidth(requestedWidth);
  const t = translator(WORDS, locale);
  const ownerOf = (d: Row) => String(d.owner_name ?? d.owner_id ?? label("none", locale));
  const counts = new Map<string, number>(totals.map((d) => [ownerOf(d), Number(d.items)]));
  const owners = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([o]) => o);
  const shown = rows.filter((d) => owners.includes(ownerOf(d)));
  const groups = REASON_GROUPS.filter((g) => shown.some((d) => d.reason_group === g));
  const ends = owners.map((o) => ({ owner: o, n: counts.get(o)! }));
  const records = (n: number) => t("records", n, formatCount(n, locale));
  return Plot.plot({
    width,
    height: 56 + Math.max(1, owners.length) * 22,
    marginLeft: Math.min(width * 0.36, 130),
    marginRight: 40,
    marginBottom: 36,
    x: { label: t("dueAxis"), grid: true, ticks: width < 480 ? 3 : 6, tickFormat: "d" },
    y: { domain: owners, label: null, tickFormat: (o: string) => o, padding: 0.2 },
    color: {
      domain: groups,
      range: groups.map((g) => REASON_COLORS[g] ?? "gray"),
      legend: true,
      tickFormat: (g: string) => reasonGroupLabel(g, locale),
    },
    marks: [
      Plot.barX(
        shown,
        Plot.stackX({
          y: ownerOf,
          x: "items",
          fill: "reason_group",
          order: groups,
          title: (d: Row) => `${ownerOf(d)} · ${reasonGroupLabel(d.reason_group, locale)}: ${records(Number(d.items))}`,
          tip: true,
        }),
      ),
      Plot.ruleX([0]),
      Plot.text(ends, { y: "owner", x: "n", text: (d: Row) => formatCount(d.n, locale), dx: 5, textAnchor: "start", fill: "currentColor" }),
    ],
  }) as SVGSVGElement;
}

/** Never narrower than a phone's card: a container measured mid-layout (width near 0) would give a negative frame. */
function chartWidth(width: number): number {
  return Math.max(280, Number.isFinite(width) ? width : 640);
}
