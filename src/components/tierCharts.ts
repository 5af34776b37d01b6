/**
 * Charts of the tiers page (mart_tier_performance rows of one period, one row per tier): what each tier
 * is of the accounts against what it brings in bookings, its win rate with the 95% interval, and one
 * figure per tier as bars. Pure functions of (rows, {width, locale, …}); every text goes in as Plot text.
 *
 * tierShareChart(rows.filter((d) => d.period_type === "all"), {width, locale})
 */
import * as Plot from "@observablehq/plot";
import { formatCount, formatPercent } from "./format.js";
import { MUTED } from "./ink.js";
import { label, type Locale } from "./labels.js";
import type { Row } from "./mart.js";
import { translator } from "./words.js";

export const TIERS = ["A", "B", "C", "unknown"] as const;

/**
 * One colour per tier, an ordered teal ramp (A darkest) so the tiers read as ranks and never as the teams
 * (blue, orange, green, purple: TEAM_COLORS) or the count/amount pair of the win-rate charts. Mid-tones
 * that hold at least 3:1 against the light and the dark background; the tier's name is always written.
 */
export const TIER_COLORS: Record<string, string> = { A: "#0b7a75", B: "#2fa39a", C: "#76c2b8", unknown: "#9c9c9c" };

/** The charts' words in both languages. */
const WORDS = {
  unknownTier: ["Tier unknown", "티어 미분류"],
  shareOfAccounts: ["Share of accounts", "고객사 비중"],
  shareOfBookings: ["Share of bookings", "수주 금액 비중"],
  accounts: [(n: string) => `${n} accounts`, (n: string) => `고객사 ${n}개`],
  ratioShort: [(r: string) => `${r}×`, (r: string) => `${r}배`],
  ratioLong: [(r: string) => `${r}× its share`, (r: string) => `고객사 비중의 ${r}배`],
  shareAxis: ["Share of the total →", "전체 대비 비중 →"],
  legendAccounts: ["share of accounts", "고객사 비중"],
  legendBookings: ["share of bookings (new, expansion, renewal)", "수주 금액 비중 (신규·확장·갱신)"],
  nothingBooked: [
    "Nothing was booked in this period: only the share of accounts is shown.",
    "이 기간에는 수주 금액이 없습니다: 고객사 비중만 표시합니다.",
  ],
  closed: [(won: string) => `${won} won`, (won: string) => `수주 ${won}건`],
  interval: ["95% interval", "95% 신뢰구간"],
  winRateAxis: ["Win rate, with 95% interval →", "승률 (95% 신뢰구간) →"],
  noneClosed: ["none closed", "종결 건 없음"],
  wonLost: [(won: string, lost: string) => `${won} won · ${lost} lost`, (won: string, lost: string) => `수주 ${won} · 실패 ${lost}`],
  noValue: ["No tier has a value in this period.", "이 기간에는 값이 없습니다."],
} as const;
const words = (locale: Locale) => translator(WORDS, locale);

/** "Tier A", "티어 A"; the unknown tier in the user's words. */
export function tierLabel(tier: string, locale: Locale): string {
  if (tier === "unknown") return words(locale)("unknownTier");
  return `${label("tier", locale)} ${tier}`;
}

/** Rows in tier order (A, B, C, unknown). */
export function sortTiers(rows: Row[]): Row[] {
  const order = (t: string) => {
    const i = (TIERS as readonly string[]).indexOf(t);
    return i < 0 ? TIERS.length : i;
  };
  return [...rows].sort((a, b) => order(a.tier) - order(b.tier));
}

/**
 * Share of accounts against share of bookings, one row per tier: a hollow dot at the share of accounts,
 * a filled dot at the share of bookings and an arrow between them, the two percentages written at the
 * dots (accounts below, bookings above) and the ratio at the end, so "A is 15% of the accounts and 77%
 * of the bookings" reads at a glance. A period that booked nothing has no bookings dot.
 */
export function tierShareChart(rows: Row[], { width: requestedWidth = 640, locale = "en" as Locale } = {}): HTMLElement {
  const width = chartWidth(requestedWidth);
  const t = words(locale);
  const sorted = sortTiers(rows).filter((d) => d.share_of_accounts !== null || d.share_of_bookings !== null);
  const tiers = sorted.map((d) => d.tier);
  const accounts = sorted.filter((d) => d.share_of_accounts !== null);
  const bookings = sorted.filter((d) => d.share_of_bookings !== null);
  const both = sorted.filter((d) => d.share_of_accounts !== null && d.share_of_bookings !== null);
  const ratio = (d: Row): number | null => d.bookings_share_ratio ?? null;
  const narrow = width < 480;
  const ratioText = (d: Row) => {
    const r = ratio(d);
    if (r === null) return "";
    return t(narrow ? "ratioShort" : "ratioLong", r.toFixed(1));
  };
  const title = (d: Row) =>
    [
      tierLabel(d.tier, locale),
      `${t("shareOfAccounts")}: ${formatPercent(d.share_of_accounts)} (${t("accounts", formatCount(d.accounts, locale))})`,
      `${t("shareOfBookings")}: ${formatPercent(d.share_of_bookings)}`,
      ratio(d) !== null ? ratioText(d) : null,
    ]
      .filter(Boolean)
      .join("\n");
  const marginRight = narrow ? 44 : 110;
  const marginLeft = axisMargin(sorted, locale, narrow);
  const rowHeight = 46;

  const plot = Plot.plot({
    width,
    height: 50 + tiers.length * rowHeight,
    marginLeft,
    marginRight,
    marginTop: 8,
    marginBottom: 36,
    x: { domain: [0, 1], tickFormat: "%", grid: true, label: t("shareAxis"), ticks: narrow ? 3 : 5 },
    // Room above the first row and below the last for the percentages written at the dots.
    y: { domain: tiers, tickFormat: (t: string) => tierLabel(t, locale), label: null, padding: 0.2, insetTop: 8, insetBottom: 12 },
    marks: [
      Plot.ruleY(tiers, { y: (t: string) => t, stroke: "currentColor", strokeOpacity: 0.08 }),
      Plot.arrow(both, {
        y: "tier",
        x1: "share_of_accounts",
        x2: "share_of_bookings",
        stroke: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        strokeWidth: 2,
        bend: 0,
        headLength: 6,
        insetEnd: 7,
        insetStart: 6,
      }),
      Plot.dot(accounts, {
        y: "tier",
        x: "share_of_accounts",
        r: 6,
        fill: "var(--theme-background, white)",
        stroke: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        strokeWidth: 2,
        title,
        tip: true,
      }),
      Plot.dot(bookings, {
        y: "tier",
        x: "share_of_bookings",
        r: 7,
        fill: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        stroke: "var(--theme-background, white)",
        title,
        tip: true,
      }),
      Plot.text(accounts, {
        y: "tier",
        x: "share_of_accounts",
        text: (d: Row) => formatPercent(d.share_of_accounts, 0),
        dy: 15,
        fill: "currentColor",
        fillOpacity: 0.75,
      }),
      Plot.text(bookings, {
        y: "tier",
        x: "share_of_bookings",
        text: (d: Row) => formatPercent(d.share_of_bookings, 0),
        dy: -15,
        fill: "currentColor",
        fontWeight: 600,
      }),
      Plot.text(sorted, {
        y: "tier",
        x: 1,
        dx: 10,
        text: ratioText,
        textAnchor: "start",
        fill: "currentColor",
        fillOpacity: 0.8,
        lineWidth: marginRight / 6.5,
      }),
    ],
  });

  const figure = document.createElement("div");
  figure.className = "tier-share-chart";
  figure.append(
    legend(
      [
        ["○", "currentColor", t("legendAccounts")],
        ["→●", "currentColor", t("legendBookings")],
      ],
    ),
    plot,
  );
  if (!bookings.length) {
    const note = document.createElement("p");
    note.className = "data-note";
    note.textContent = t("nothingBooked");
    figure.append(note);
  }
  return figure;
}

/**
 * Win rate per tier: a dot at the rate and its 95% Wilson interval as a line, n at the end of the row.
 * Low-sample tiers (n below the minimum) are drawn lighter and labelled.
 */
export function tierWinRateChart(rows: Row[], { width: requestedWidth = 640, locale = "en" as Locale, minimumSample = 10 } = {}): SVGSVGElement | HTMLElement {
  const width = chartWidth(requestedWidth);
  const t = words(locale);
  const sorted = sortTiers(rows);
  const tiers = sorted.map((d) => d.tier);
  const lowText = label("low_sample", locale);
  const narrow = width < 480;
  // The mart has no closed-deal count per tier: the row's end names what it rests on, won and lost, as they are.
  // On a phone only the low-sample mark: the counts are in the tooltip and the table below.
  const endText = (d: Row) =>
    narrow
      ? d.low_sample ? "*" : ""
      : `${t("wonLost", formatCount(d.won_deals, locale), formatCount(d.lost_deals, locale))}${d.low_sample ? ` · ${lowText}` : ""}`;
  const title = (d: Row) =>
    [
      tierLabel(d.tier, locale),
      `${label("win_rate", locale)}: ${formatPercent(d.win_rate)} (${t("closed", formatCount(d.won_deals, locale))} · ${label("lost", locale)} ${formatCount(d.lost_deals, locale)})`,
      d.win_rate_low !== null ? `${t("interval")}: ${formatPercent(d.win_rate_low)}–${formatPercent(d.win_rate_high)}` : null,
      d.low_sample ? `${lowText} (n < ${minimumSample})` : null,
    ]
      .filter(Boolean)
      .join("\n");
  const withRate = sorted.filter((d) => d.win_rate !== null);
  return Plot.plot({
    width,
    height: 50 + tiers.length * 34,
    marginLeft: axisMargin(sorted, locale, narrow),
    marginRight: narrow ? 24 : 150,
    marginBottom: 36,
    x: { domain: [0, 1], tickFormat: "%", grid: true, label: t("winRateAxis"), ticks: narrow ? 3 : 5 },
    y: { domain: tiers, label: null, axis: null },
    marks: [
      Plot.axisY({
        tickFormat: (t: string) => tierLabel(t, locale),
        fill: (t: string) => (sorted.find((d) => d.tier === t)?.low_sample ? MUTED : "currentColor"),
        tickSize: 0,
      }),
      Plot.ruleY(withRate.filter((d) => d.win_rate_low !== null), {
        y: "tier",
        x1: "win_rate_low",
        x2: "win_rate_high",
        stroke: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        strokeWidth: 3,
        strokeOpacity: (d: Row) => (d.low_sample ? 0.3 : 0.6),
        title,
      }),
      Plot.dot(withRate, {
        y: "tier",
        x: "win_rate",
        r: 6,
        fill: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        fillOpacity: (d: Row) => (d.low_sample ? 0.4 : 1),
        stroke: "var(--theme-background, white)",
        title,
        tip: true,
      }),
      Plot.text(withRate, {
        y: "tier",
        x: "win_rate",
        text: (d: Row) => formatPercent(d.win_rate, 0),
        dy: -12,
        fill: (d: Row) => (d.low_sample ? MUTED : "currentColor"),
      }),
      Plot.text(sorted, {
        y: "tier",
        x: 1,
        dx: 14,
        text: (d: Row) => (d.win_rate === null ? (narrow ? "–" : t("noneClosed")) : endText(d)),
        textAnchor: "start",
        fill: (d: Row) => (d.low_sample ? MUTED : "currentColor"),
      }),
    ],
  }) as SVGSVGElement;
}

export interface TierBarOptions {
  width?: number;
  locale?: Locale;
  /** The column to draw. */
  value: string;
  /** How the value is written at the bar's end and in the tooltip. */
  format: (value: number | null) => string;
  /** The x axis label. */
  xLabel: string;
  /** Extra tooltip lines for a row. */
  detail?: (d: Row) => string | null;
  /** Draw the row lighter and labelled when this is true (e.g. a figure resting on few deals). */
  lowSample?: (d: Row) => boolean;
  /** A second, lighter bar behind the first (e.g. all accounts behind the engaged ones). */
  behind?: string;
  height?: number;
  /** What to say instead of a chart when no tier has a value. */
  empty?: string;
}

/**
 * One figure per tier as horizontal bars with the value written at the end; a null value is written
 * "–" (unknown), never drawn as 0.
 */
export function tierBarChart(rows: Row[], options: TierBarOptions): SVGSVGElement | HTMLElement {
  const { width: requestedWidth = 320, locale = "en", value, format, xLabel, detail, lowSample = () => false, behind } = options;
  const width = chartWidth(requestedWidth);
  const t = words(locale);
  const sorted = sortTiers(rows);
  const tiers = sorted.map((d) => d.tier);
  const known = sorted.filter((d) => d[value] !== null && d[value] !== undefined);
  if (!known.length) {
    const note = document.createElement("p");
    note.className = "data-note";
    note.textContent = options.empty ?? t("noValue");
    return note;
  }
  const max = Math.max(0, ...known.map((d) => Number(d[value])), ...(behind ? sorted.map((d) => Number(d[behind] ?? 0)) : []));
  // A negative figure (a deal closed before it was created, in a messy export) still stays inside the chart.
  const min = Math.min(0, ...known.map((d) => Number(d[value])));
  const lowText = label("low_sample", locale);
  const title = (d: Row) =>
    [tierLabel(d.tier, locale), `${xLabel.replace(/ →$/, "")}: ${format(d[value])}`, detail?.(d) ?? null, lowSample(d) ? lowText : null]
      .filter(Boolean)
      .join("\n");
  return Plot.plot({
    width,
    height: options.height ?? 40 + tiers.length * 30,
    marginLeft: axisMargin(sorted, locale, width < 480),
    marginRight: 70,
    marginBottom: 36,
    // All zero: an empty axis rather than ticks of a made-up scale.
    x: { domain: [min, max || (min ? 0 : 1)], label: xLabel, grid: true, ticks: max || min ? (width < 360 ? 2 : 4) : [], tickFormat: (v: number) => format(v) },
    y: { domain: tiers, label: null, axis: null, padding: 0.25 },
    marks: [
      Plot.axisY({
        tickFormat: (t: string) => tierLabel(t, locale),
        fill: (t: string) => (lowSample(sorted.find((d) => d.tier === t) ?? {}) ? MUTED : "currentColor"),
        tickSize: 0,
      }),
      behind
        ? Plot.barX(sorted, { y: "tier", x: behind, fill: (d: Row) => TIER_COLORS[d.tier] ?? "gray", fillOpacity: 0.18, title, tip: true })
        : null,
      Plot.barX(known, {
        y: "tier",
        x: value,
        fill: (d: Row) => TIER_COLORS[d.tier] ?? "gray",
        fillOpacity: (d: Row) => (lowSample(d) ? 0.35 : 0.9),
        clip: true,
        title,
        tip: true,
      }),
      Plot.ruleX([0]),
      Plot.text(sorted, {
        y: "tier",
        x: (d: Row) => Math.max(Number(d[value] ?? 0), behind ? Number(d[behind] ?? 0) : 0, 0),
        dx: 5,
        text: (d: Row) => (d[value] === null || d[value] === undefined ? "–" : `${format(d[value])}${lowSample(d) ? "*" : ""}`),
        textAnchor: "start",
        fill: (d: Row) => (lowSample(d) ? MUTED : "currentColor"),
      }),
    ],
  }) as SVGSVGElement;
}

/** A one-line legend of [swatch, colour, text] items, built from text nodes. */
export function legend(items: Array<[string, string, string]>): HTMLElement {
  const line = document.createElement("div");
  line.className = "chart-legend";
  line.style.cssText = "display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:0.8rem;color:var(--theme-foreground-muted);margin:0 0 0.25rem";
  for (const [swatch, color, text] of items) {
    const span = document.createElement("span");
    const mark = document.createElement("span");
    mark.style.color = color;
    mark.textContent = swatch;
    span.append(mark, document.createTextNode(` ${text}`));
    line.append(span);
  }
  return line;
}

/** Room left of the rows for the longest tier name ("Tier unknown", "티어 미분류"), never cut. */
function axisMargin(rows: Row[], locale: Locale, narrow: boolean): number {
  const longest = Math.max(0, ...rows.map((d) => labelWidth(tierLabel(d.tier, locale))));
  return Math.max(narrow ? 52 : 64, longest + 12);
}

/** A rough width in pixels of a 10px sans-serif label: Hangul counts about double a Latin letter. */
function labelWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7a3]/.test(ch) ? 10.5 : ch === " " ? 3 : 6.2;
  return width;
}

/** Never narrower than a phone's card: a container measured mid-layout (width near 0) would give a negative frame. */
function chartWidth(width: number): number {
  return Math.max(280, Number.isFinite(width) ? width : 640);
}
