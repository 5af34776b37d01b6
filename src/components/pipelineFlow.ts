/**
 * Pipeline flow between two snapshots as a waterfall (mart_pipeline_flow): the open pipeline at the
 * earlier snapshot, what came in and went out, and the open pipeline at the later one. The arithmetic
 * is kept apart from the drawing so that it can be tested.
 */

/** One row of mart_pipeline_flow. */
export interface FlowRow {
  snapshot_date: string;
  previous_snapshot_date: string;
  movement: string;
  opportunities: number;
  amount: number;
}

export type WaterfallKey = "open_start" | "created" | "won" | "lost" | "other" | "open_end";

export interface WaterfallStep {
  key: WaterfallKey;
  /** total: a bar from 0; increase / decrease: a bar floating from the running total. */
  kind: "total" | "increase" | "decrease";
  /** The running total before and after this step (equal to 0 → amount for totals). */
  from: number;
  to: number;
  /** The signed change (the total itself for totals). */
  amount: number;
  /** Opportunities behind the step; for "other", the count left over (may be negative). */
  opportunities: number;
}

/** Movements inside the open pipeline: they change a deal's stage or close date, not the total. */
export const WITHIN_MOVEMENTS = ["advanced", "moved_back", "pushed_out", "pulled_in"] as const;

export interface PipelineFlow {
  snapshotDate: string;
  previousSnapshotDate: string;
  steps: WaterfallStep[];
  within: Array<{ movement: (typeof WITHIN_MOVEMENTS)[number]; opportunities: number; amount: number }>;
}

/**
 * The waterfall of one snapshot pair: open at the previous snapshot + created − won − lost ± other =
 * open at this snapshot. Every figure is a mart_pipeline_flow row, "other" included (what the movements
 * leave unexplained, so that the bars always add up: the mart computes it); only the bars' running
 * positions are worked out here, for drawing.
 * @example pipelineFlowSteps(rows, "2026-11-09").steps.map((s) => s.amount) // [2100, 700, -250, -300, 50, 2300]
 */
export function pipelineFlowSteps(rows: FlowRow[], snapshotDate: string): PipelineFlow | null {
  const pair = rows.filter((r) => r.snapshot_date === snapshotDate);
  if (!pair.length) return null;
  const get = (movement: string) => {
    const row = pair.find((r) => r.movement === movement);
    return { amount: Number(row?.amount ?? 0), opportunities: Number(row?.opportunities ?? 0) };
  };
  const start = get("open_start");
  const end = get("open_end");
  const created = get("created");
  const won = get("won");
  const lost = get("lost");
  const other = get("other");
  const steps: WaterfallStep[] = [];
  let running = 0;
  const push = (key: WaterfallKey, change: { amount: number; opportunities: number }, sign: 1 | -1 | 0) => {
    if (sign === 0) {
      steps.push({ key, kind: "total", from: 0, to: change.amount, amount: change.amount, opportunities: change.opportunities });
      running = change.amount;
      return;
    }
    const amount = sign * change.amount || 0; // never -0
    steps.push({
      key,
      kind: amount < 0 || (amount === 0 && sign < 0) ? "decrease" : "increase",
      from: running,
      to: running + amount,
      amount,
      opportunities: change.opportunities,
    });
    running += amount;
  };
  push("open_start", start, 0);
  push("created", created, 1);
  push("won", won, -1);
  push("lost", lost, -1);
  push("other", other, 1);
  push("open_end", end, 0);
  return {
    snapshotDate,
    previousSnapshotDate: pair[0]!.previous_snapshot_date,
    steps,
    within: WITHIN_MOVEMENTS.map((movement) => ({ movement, ...get(movement) })),
  };
}

/** The snapshot dates that have a previous snapshot, latest first (the choices of the pair select). */
export function snapshotPairs(rows: FlowRow[]): Array<{ snapshotDate: string; previousSnapshotDate: string }> {
  const pairs = new Map<string, string>();
  for (const row of rows) pairs.set(row.snapshot_date, row.previous_snapshot_date);
  return [...pairs]
    .map(([snapshotDate, previousSnapshotDate]) => ({ snapshotDate, previousSnapshotDate }))
    .sort((a, b) => b.snapshotDate.localeCompare(a.snapshotDate));
}
