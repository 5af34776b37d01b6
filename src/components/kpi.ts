/**
 * KPI cards: a figure, its change against the previous period and its attainment against target, the
 * way a team lead reads them out in a meeting. Built with DOM text nodes only.
 */
import { formatCount, formatMoney, formatPercent, formatPoints, type Locale } from "./format.js";
import { label } from "./labels.js";

export type KpiUnit = "count" | "amount" | "ratio" | "multiple";

/** What a card shows besides its figure; every value is a mart column, passed as it is. */
export interface KpiOptions {
  unit: KpiUnit;
  currency?: string;
  locale?: Locale;
  /** The previous period's value: with it (or a reason for no change) the card shows a change line. */
  previous?: number | null;
  /** Relative change, for a count or an amount. */
  change?: number | null;
  /** For a rate: the change in points, as a share (−0.021 = 2.1 points down). */
  changePoints?: number | null;
  /** Why no change is shown (period in progress, previous period partial). */
  changeNote?: string | null;
  target?: number | null;
  attainment?: number | null;
  /** One line under the figure: what it is made of, its scope, or why it is unknown. */
  note?: string | null;
}

/** A mart_team_kpis row (or any row with its column names) as a card's options. */
export function kpiRowOptions(row: {
  unit: string;
  previous_value?: number | null;
  change_rate?: number | null;
  change_points?: number | null;
  change_note?: string | null;
  target?: number | null;
  attainment?: number | null;
  note?: string | null;
}): KpiOptions {
  return {
    unit: row.unit as KpiUnit,
    previous: row.previous_value ?? null,
    change: row.change_rate ?? null,
    changePoints: row.change_points ?? null,
    changeNote: row.change_note ?? null,
    target: row.target ?? null,
    attainment: row.attainment ?? null,
    note: row.note ?? null,
  };
}

export function formatKpiValue(value: number | null, unit: string, currency: string, locale: Locale): string {
  if (unit === "amount") return formatMoney(value, currency, locale);
  if (unit === "multiple") return value === null || !Number.isFinite(value) ? "–" : `${value.toFixed(1)}×`;
  if (unit === "ratio") return formatPercent(value);
  return formatCount(value, locale);
}

/**
 * "▲ 12.5% vs previous period" for a count or an amount, "▼ 2.1 pt" (Korean "2.1%p") for a rate, coloured by
 * direction; "– vs previous period (period in progress)" when the mart says the two are not comparable.
 */
export function changeBadge(
  { change = null, changePoints = null, changeNote = null }: Pick<KpiOptions, "change" | "changePoints" | "changeNote">,
  locale: Locale,
): HTMLElement {
  const span = document.createElement("span");
  span.className = "change";
  const shown = changePoints ?? change;
  if (shown === null || !Number.isFinite(shown)) {
    span.textContent = `– ${label("vs_previous", locale)}${changeNote ? ` (${changeNote})` : ""}`;
    return span;
  }
  span.classList.add(shown > 0 ? "up" : shown < 0 ? "down" : "flat");
  const size = changePoints !== null ? formatPoints(changePoints, locale, { signed: false }) : formatPercent(Math.abs(shown));
  span.textContent = `${shown > 0 ? "▲" : shown < 0 ? "▼" : "■"} ${size} ${label("vs_previous", locale)}`;
  return span;
}

/**
 * A card: title, the figure ("–" when it is null), its change against the previous period, its attainment
 * against target, and one note line.
 * @example kpiCard("Win rate", 0.446, {unit: "ratio", previous: 0.467, changePoints: -0.021, locale: "en"})
 */
export function kpiCard(title: string, value: number | null | undefined, options: KpiOptions): HTMLElement {
  const { unit, currency = "USD", locale = "en", previous = null, changeNote = null, target = null, attainment = null, note = null } = options;
  const card = document.createElement("div");
  card.className = "card kpi";
  const heading = document.createElement("h2");
  heading.textContent = title;
  const figure = document.createElement("div");
  figure.className = "kpi-value";
  figure.textContent = formatKpiValue(value ?? null, unit, currency, locale);
  card.append(heading, figure);
  if (previous !== null || changeNote) card.append(changeBadge(options, locale));
  if (target !== null) {
    const line = document.createElement("div");
    line.className = "kpi-note";
    line.textContent = `${label("target", locale)} ${formatKpiValue(target, unit, currency, locale)} · ${label("attainment", locale)} ${formatPercent(attainment, 0)}`;
    card.append(line, attainmentBar(attainment));
  }
  if (note) {
    const line = document.createElement("div");
    line.className = "kpi-note";
    line.textContent = note;
    card.append(line);
  }
  return card;
}
/** A thin bar filled to the attainment (capped at 100% of its width, marked when over). */
function attainmentBar(attainment: number | null): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "attainment";
  const fill = document.createElement("div");
  const share = Math.max(0, Math.min(attainment ?? 0, 1));
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  fill.className = (attainment ?? 0) >= 1 ? "fill met" : "fill";
  bar.append(fill);
  return bar;
}
