/**
 * KPI cards: a figure, its change against the previous period and its attainment against target, the
 * way a team lead reads them out in a meeting. Built with DOM text nodes only.
 */
import { formatCount, formatMoney, formatPercent, formatPoints, type Locale } from "./format.js";
import { label } from "./labels.js";

export interface KpiRow {
  team: string;
  kpi: string;
  unit: string;
  value: number | null;
  previous_value: number | null;
  change_rate: number | null;
  /** For a rate: the change in points, as a share (−0.021 = 2.1 points down). */
  change_points?: number | null;
  /** Why no change is shown (period in progress, previous period partial). */
  change_note?: string | null;
  target: number | null;
  attainment: number | null;
  is_complete?: boolean;
  note?: string | null;
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
export function changeBadge(row: Pick<KpiRow, "change_rate" | "change_points" | "change_note">, locale: Locale): HTMLElement {
  const span = document.createElement("span");
  span.className = "change";
  const points = row.change_points ?? null;
  const change = points ?? row.change_rate;
  if (change === null || change === undefined || !Number.isFinite(change)) {
    span.textContent = `– ${label("vs_previous", locale)}${row.change_note ? ` (${row.change_note})` : ""}`;
    return span;
  }
  span.classList.add(change > 0 ? "up" : change < 0 ? "down" : "flat");
  const size = points !== null ? formatPoints(points, locale, { signed: false }) : formatPercent(Math.abs(change));
  span.textContent = `${change > 0 ? "▲" : change < 0 ? "▼" : "■"} ${size} ${label("vs_previous", locale)}`;
  return span;
}

export function kpiCard(
  title: string,
  row: KpiRow | null | undefined,
  { currency = "USD", locale = "en" as Locale, extra = null as string | null } = {},
): HTMLElement {
  const card = document.createElement("div");
  card.className = "card kpi";
  const heading = document.createElement("h2");
  heading.textContent = title;
  const value = document.createElement("div");
  value.className = "kpi-value";
  value.textContent = row ? formatKpiValue(row.value, row.unit, currency, locale) : "–";
  card.append(heading, value);
  if (row) {
    if ((row.previous_value !== null && row.previous_value !== undefined) || row.change_note) card.append(changeBadge(row, locale));
    if (row.target !== null && row.target !== undefined) {
      const target = document.createElement("div");
      target.className = "kpi-note";
      target.textContent = `${label("target", locale)} ${formatKpiValue(row.target, row.unit, currency, locale)} · ${label("attainment", locale)} ${formatPercent(row.attainment, 0)}`;
      card.append(target, attainmentBar(row.attainment));
    }
    if (row.note) {
      const note = document.createElement("div");
      note.className = "kpi-note";
      note.textContent = row.note;
      card.append(note);
    }
  }
  if (extra) {
    const note = document.createElement("div");
    note.className = "kpi-note";
    note.textContent = extra;
    card.append(note);
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
