/**
 * What every page needs besides marts: locale and currency, the funnel's steps and labels, the periods,
 * the data's as-of date, the export's coverage notes and targets, and the config lines the export still
 * needs. Small, read once per page.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { readSuggestedConfig } from "../config-suggestion.ts";
import { queryRows, queryValue } from "../duckdb.ts";

export async function siteSettings(db: DuckDBConnection) {
  const setting = (name: string) => queryValue<string>(db, "select value from config_setting where name = $name", { name });
  return {
    locale: (await setting("locale")) as "en" | "ko",
    currency: await setting("currency"),
    minimumSample: Number(await setting("minimum_sample")),
    asOf: await queryValue<string>(db, "select strftime(as_of, '%Y-%m-%d') from int_as_of"),
    /** Why that date: config, or which of the export's dates (the data-quality page says so). */
    asOfReason: await queryValue<string>(db, "select as_of_reason from int_as_of"),
    format: await queryValue<string>(db, "select format from warehouse_meta"),
    steps: await queryRows(db, "select step, step_order, team, label_en, label_ko from config_funnel_step order by step_order"),
    /** The organisation's teams (config teamRoles) and the role each plays in The Model. */
    teams: await queryRows(db, "select team, role, label_en, label_ko from config_team_role order by team_order"),
    periods: await queryRows(
      db,
      `select period_type, period_key, strftime(period_start, '%Y-%m-%d') as period_start,
              strftime(period_end, '%Y-%m-%d') as period_end, strftime(period_last_day, '%Y-%m-%d') as period_last_day,
              quarter_key, previous_key, is_complete, period_index,
              has_data, is_partial, is_mature
       from int_periods order by period_type, period_start`,
    ),
    coverage: await queryRows(db, "select area, status, note from mart_coverage"),
    targets: await queryRows(db, "select team, kpi, monthly_target from config_target order by team, kpi"),
    /** The business constants pages name in their text, each set once in config. */
    rules: {
      cohortMaturityDays: Number(await setting("cohort_maturity_days")),
      trailingQuarters: Number(await setting("bottleneck_baseline_quarters")),
      /** A conversion counts when the next step is reached within this many days (bottleneck, source watchlist). */
      conversionWindowDays: Number(await setting("bottleneck_window_days")),
      tierShares: { A: Number(await setting("tier_share_a")), B: Number(await setting("tier_share_b")) },
      renewalWindowDays: Number(await setting("renewal_window_days")),
      /** Pipeline coverage at or above which a period is healthy (mart_pipeline_summary.coverage_state). */
      coverageThreshold: Number(await setting("coverage_threshold")),
      referenceYields: {
        inbound: Number(await setting("reference_yield_inbound")),
        outbound: Number(await setting("reference_yield_outbound")),
        recycled: Number(await setting("reference_yield_recycled")),
      },
      recycling: {
        revisitDefaultMonths: Number(await setting("recycle_revisit_default_months")),
        unreachableMonths: Number(await setting("recycle_unreachable_months")),
      },
    },
    /** What the export still needs from the config, as one object to paste (the data-quality page). */
    configSuggestion: await readSuggestedConfig(db),
  };
}
