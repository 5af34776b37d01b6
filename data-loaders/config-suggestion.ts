/**
 * The config lines an export still needs, as one object to paste into a config.json beside the exports:
 * every row of mart_unmapped_values that has a place in the config, set to its suggestion (a guess from
 * the CRM's own flags or the value's words) or "?" where nobody can guess. The data-quality page shows
 * it; `npm run warehouse -- --suggest-mapping` prints it.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "./duckdb.ts";

export interface SettingToDecide {
  /** Where the value goes, as a JSON list of keys: ["funnel", "opportunityStages"]. Null when the config has no place for it. */
  config_path: string | null;
  value: string;
  suggestion: string | null;
}

export type ConfigObject = { [key: string]: string | ConfigObject };

/** Nest the settings into one config object. */
export function suggestedConfig(rows: SettingToDecide[]): ConfigObject {
  const config: ConfigObject = {};
  for (const row of rows) {
    if (!row.config_path) continue;
    let node = config;
    for (const key of JSON.parse(row.config_path) as string[]) {
      const next = node[key];
      node = typeof next === "object" ? next : (node[key] = {});
    }
    node[row.value] = row.suggestion ?? "?";
  }
  return config;
}

/** The suggestion for a built warehouse. */
export async function readSuggestedConfig(db: DuckDBConnection): Promise<ConfigObject> {
  return suggestedConfig(await queryRows<SettingToDecide & Record<string, unknown>>(db, "select config_path, value, suggestion from mart_unmapped_values"));
}
