/** The config in the warehouse: small `config_*` tables filled with bound values, which models join to. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { configuredTeams, returnBands, type Config } from "./config-types.ts";
import { createMacros } from "./warehouse/models.ts";

/**
 * Write the config into the warehouse as tables, so SQL models join to settings instead of having them
 * spliced in. Names are matched case-, accent- and space-insensitively (the `match_key` macro) because
 * exports differ. The macros are created here, between the tables (which some macros read) and their rows
 * (whose keys a macro computes).
 */
export async function writeConfigTables(connection: DuckDBConnection, config: Config): Promise<void> {
  await connection.run(`
    create or replace table config_funnel_step (step varchar primary key, step_order integer, team varchar, label_en varchar, label_ko varchar, target_conversion double);
    create or replace table config_lead_status (match_key varchar primary key, status varchar, step varchar);
    create or replace table config_opportunity_stage (match_key varchar primary key, stage varchar, step varchar);
    create or replace table config_channel (match_key varchar primary key, source varchar, channel varchar);
    create or replace table config_team (match_key varchar primary key, department varchar, team varchar);
    create or replace table config_opportunity_type (match_key varchar primary key, opportunity_type varchar, motion varchar);
    create or replace table config_setting (name varchar primary key, value varchar);
    create or replace table config_recycle_band (band_order integer primary key, months_to_return varchar, min_months integer, max_months integer);
    create or replace table config_exchange_rate (currency varchar primary key, rate double);
    create or replace table config_loss_reason (match_key varchar primary key, reason varchar, reason_group varchar);
    create or replace table config_target (team varchar, kpi varchar, monthly_target double);
    create or replace table config_excluded_loss_reason (word varchar primary key);
    create or replace table config_excluded_account (kind varchar, value varchar, primary key (kind, value));
    create or replace table config_team_pattern (team varchar primary key, pattern varchar, team_order integer);
    create or replace table config_team_role (team varchar primary key, role varchar, team_order integer, label_en varchar, label_ko varchar, is_role_default boolean);
    create or replace table config_owner_team (match_key varchar primary key, owner varchar, team varchar);
    create or replace table config_pipeline (match_key varchar primary key, pipeline varchar, motion varchar, team varchar, exclude boolean);
    create or replace table config_pipeline_stage (pipeline_key varchar, match_key varchar, stage varchar, step varchar, primary key (pipeline_key, match_key));
  `);
  await createMacros(connection);
  for (const [i, step] of config.funnel.steps.entries()) {
    await connection.run("insert into config_funnel_step values ($step, $order, $team, $en, $ko, $target)", {
      step: step.key,
      order: i + 1,
      team: step.team,
      en: step.label.en,
      ko: step.label.ko,
      target: step.targetConversion ?? null,
    });
  }
  const maps: Array<[string, Record<string, string>]> = [
    ["config_lead_status", config.funnel.leadStatuses],
    ["config_opportunity_stage", config.funnel.opportunityStages],
    ["config_channel", config.channels],
    ["config_team", config.teams],
    ["config_opportunity_type", config.opportunityTypes],
    ["config_loss_reason", config.lossReasons],
  ];
  for (const [table, map] of maps) {
    for (const [name, value] of Object.entries(map)) {
      // `table` comes from the list above, never from the config file.
      await connection.run(`insert into ${table} values (match_key($name), $name, $value) on conflict do nothing`, {
        name,
        value,
      });
    }
  }
  const teams = configuredTeams(config);
  for (const [order, { team, role, label }] of teams.entries()) {
    // A role's first team takes the role's work that no team of the role owns (see int_team_attribution).
    const isRoleDefault = teams.find((t) => t.role === role)!.team === team;
    await connection.run("insert into config_team_role values ($team, $role, $order, $en, $ko, $isRoleDefault)", {
      team, role, order, en: label.en, ko: label.ko, isRoleDefault,
    });
  }
  for (const [team, pattern] of Object.entries(config.teamPatterns ?? {})) {
    await connection.run("insert into config_team_pattern values ($team, $pattern, $order)", {
      team,
      pattern: pattern as string,
      order: teams.findIndex((t) => t.team === team),
    });
  }
  for (const [owner, team] of Object.entries(config.ownerTeams ?? {})) {
    await connection.run("insert into config_owner_team values (match_key($owner), $owner, $team) on conflict do nothing", { owner, team });
  }
  for (const band of returnBands(config.recycling.returnBands)) {
    await connection.run("insert into config_recycle_band values ($order, $label, $min, $max)", band);
  }
  for (const id of config.excludedAccounts?.ids ?? []) {
    await connection.run("insert into config_excluded_account values ('id', trim($id)) on conflict do nothing", { id });
  }
  for (const kind of ["names", "types"] as const) {
    for (const pattern of config.excludedAccounts?.[kind] ?? []) {
      await connection.run("insert into config_excluded_account values ($kind, lower(trim($pattern))) on conflict do nothing", {
        kind: kind === "names" ? "name" : "type",
        pattern,
      });
    }
  }
  for (const word of config.excludedLossReasons ?? []) {
    await connection.run("insert into config_excluded_loss_reason values (lower(trim($word))) on conflict do nothing", { word });
  }
  for (const [name, pipeline] of Object.entries(config.pipelines ?? {})) {
    await connection.run("insert into config_pipeline values (match_key($name), $name, $motion, $team, $exclude) on conflict do nothing", {
      name,
      motion: pipeline.motion ?? null,
      team: pipeline.team ?? null,
      exclude: pipeline.exclude ?? false,
    });
    for (const [stage, step] of Object.entries(pipeline.stages ?? {})) {
      await connection.run("insert into config_pipeline_stage values (match_key($name), match_key($stage), $stage, $step) on conflict do nothing", {
        name,
        stage,
        step,
      });
    }
  }
  const rates = { ...config.exchangeRates, [config.currency]: 1 };
  for (const [currency, rate] of Object.entries(rates)) {
    await connection.run("insert into config_exchange_rate values ($currency, $rate)", { currency, rate });
  }
  for (const [team, kpis] of Object.entries(config.targets)) {
    if (team === "$comment") continue;
    for (const [kpi, value] of Object.entries(kpis as Record<string, number>)) {
      await connection.run("insert into config_target values ($team, $kpi, $value)", { team, kpi, value });
    }
  }
  const settings: Record<string, string> = {
    locale: config.locale,
    currency: config.currency,
    fiscal_year_start_month: String(config.fiscalYearStartMonth),
    minimum_sample: String(config.minimumSample),
    bottleneck_baseline_quarters: String(config.bottleneck.baselineQuarters),
    bottleneck_window_days: String(config.bottleneck.windowDays),
    recycle_revisit_default_months: String(config.recycling.revisitDefaultMonths),
    recycle_unreachable_months: String(config.recycling.unreachableMonths),
    cohort_maturity_days: String(config.cohortMaturityDays),
    tier_share_a: String(config.tierShares.A),
    tier_share_b: String(config.tierShares.B),
    renewal_window_days: String(config.renewalWindowDays),
    coverage_threshold: String(config.coverageThreshold),
    reference_yield_inbound: String(config.referenceYields.inbound),
    reference_yield_outbound: String(config.referenceYields.outbound),
    reference_yield_recycled: String(config.referenceYields.recycled),
    ...(config.asOf ? { as_of: config.asOf } : {}),
  };
  for (const [name, value] of Object.entries(settings)) {
    await connection.run("insert into config_setting values ($name, $value)", { name, value });
  }
}
