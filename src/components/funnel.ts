/**
 * Funnel arithmetic for the browser: sum counts over whatever cut the reader chose, then divide the
 * sums. The same numerators and denominators as mart_funnel (METRICS.md), never an average of rates.
 */

export interface StepInfo {
  step: string;
  step_order: number;
  team: string;
  label_en: string;
  label_ko: string;
}

export interface StepCount {
  step: string;
  reached: number;
  advanced: number | null;
}

export interface FunnelStep extends StepInfo {
  label: string;
  reached: number;
  advanced: number | null;
  /** advanced ÷ reached: the share that went on to the next step. */
  conversionToNext: number | null;
  /** This step's reached ÷ the previous step's reached, over records that could reach both. */
  conversionFromPrevious: number | null;
  /** Product of next-step conversions from the top: the share of the top that got this far. */
  cumulative: number | null;
}

/**
 * Summarise funnel counts (any cut of mart_funnel) into one row per step, in step order.
 * @example summarizeFunnel(rows, steps, "en")[1].conversionFromPrevious // 0.4 when 40 of 100 leads became MQLs
 */
export function summarizeFunnel(rows: StepCount[], steps: StepInfo[], locale: "en" | "ko" = "en"): FunnelStep[] {
  const totals = new Map<string, { reached: number; advanced: number | null }>();
  for (const step of steps) totals.set(step.step, { reached: 0, advanced: null });
  for (const row of rows) {
    const total = totals.get(row.step);
    if (!total) continue;
    total.reached += row.reached;
    if (row.advanced !== null) total.advanced = (total.advanced ?? 0) + row.advanced;
  }
  const ordered = [...steps].sort((a, b) => a.step_order - b.step_order);
  const result: FunnelStep[] = [];
  let cumulative: number | null = 1;
  let previous: FunnelStep | null = null;
  for (const [i, info] of ordered.entries()) {
    const { reached, advanced } = totals.get(info.step)!;
    const isLast = i === ordered.length - 1;
    const conversionToNext = !isLast && reached > 0 ? (advanced ?? 0) / reached : null;
    const step: FunnelStep = {
      ...info,
      label: locale === "ko" ? info.label_ko : info.label_en,
      reached,
      advanced: isLast ? null : (advanced ?? 0),
      conversionToNext,
      conversionFromPrevious: previous ? previous.conversionToNext : null,
      cumulative: previous ? (cumulative === null || previous.conversionToNext === null ? null : cumulative * previous.conversionToNext) : 1,
    };
    cumulative = step.cumulative;
    result.push(step);
    previous = step;
  }
  return result;
}
