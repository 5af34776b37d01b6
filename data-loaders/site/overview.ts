/**
 * Data for the overview page: the lead → won funnel by cohort month, channel and tier (counts only,
 * so the page can re-aggregate any cut), the funnel's steps and labels, and what the data cannot say.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, queryValue } from "../duckdb.ts";

export interface FunnelStepInfo {
  step: string;
  step_order: number;
  team: string;
  label_en: string;
  label_ko: string;
}

export interface FunnelCount {
  cohort_month: string;
  channel: string;
  tier: string;
  step: string;
  reached: number;
  advanced: number | null;
}

export interface OverviewData {
  dataAsOf: string | null;
  locale: string;
  currency: string;
  steps: FunnelStepInfo[];
  funnel: FunnelCount[];
  notes: string[];
}

export async function overviewData(db: DuckDBConnection): Promise<OverviewData> {
  const steps = await queryRows<FunnelStepInfo & Record<string, unknown>>(
    db,
    "select step, step_order, team, label_en, label_ko from config_funnel_step order by step_order",
  );
  const funnel = await queryRows<FunnelCount & Record<string, unknown>>(
    db,
    `select strftime(cohort_month, '%Y-%m') as cohort_month, channel, tier, step,
            sum(reached)::integer as reached, sum(advanced)::integer as advanced
     from mart_funnel
     group by all
     having sum(reached) > 0 or step = 'lead'
     order by cohort_month, channel, tier, min(step_order)`,
  );
  return {
    dataAsOf: await queryValue<string | null>(db, "select strftime(data_as_of, '%Y-%m-%d') from warehouse_meta"),
    locale: await setting(db, "locale"),
    currency: await setting(db, "currency"),
    steps,
    funnel,
    notes: await funnelNotes(db),
  };
}

/** What a reader must know to trust the funnel: the limits of this export, said on the page. */
async function funnelNotes(db: DuckDBConnection): Promise<string[]> {
  const notes: string[] = [];
  const leads = await queryValue<number>(db, "select count(*) from stg_leads");
  const history = await queryValue<number>(db, "select count(*) from stg_opportunity_history");
  const withoutHistory = await queryValue<number>(
    db,
    "select count(*) from int_funnel_records where outcome = 'lost' and not has_stage_history",
  );
  if (leads === 0) notes.push("This export has no leads: the funnel starts at the opportunity step.");
  if (history === 0) {
    notes.push("This export has no stage history: lost deals are counted only up to the stage known (the opportunity step).");
  } else if (withoutHistory > 0) {
    notes.push(`${withoutHistory} lost deals have no stage history and are counted only up to the opportunity step.`);
  }
  return notes;
}

async function setting(db: DuckDBConnection, name: string): Promise<string> {
  return queryValue<string>(db, "select value from config_setting where name = $name", { name });
}
