/**
 * The business settings (data/config.json, documented in docs/config.md): how stages map to funnel
 * steps, sources to channels, departments to teams. They reach SQL only as small tables filled with
 * bound values (`config_*`), never as text spliced into a query.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { createMacros } from "./warehouse/models.ts";

/**
 * The Model's four functions. Every team plays one role; a role's KPIs, its handoff into the next role
 * and its act-on list are the same for each of its teams. By default each role is one team of its name;
 * config `teamRoles` renames them, adds teams or splits a role (enterprise and mid-market field sales).
 */
export const ROLES = ["marketing", "inside_sales", "field_sales", "customer_success"] as const;
export type Role = (typeof ROLES)[number];
const ROLE_LABELS: Record<Role, { en: string; ko: string }> = {
  marketing: { en: "Marketing", ko: "마케팅" },
  inside_sales: { en: "Inside sales", ko: "인사이드 세일즈" },
  field_sales: { en: "Field sales", ko: "필드 세일즈" },
  customer_success: { en: "Customer success", ko: "고객 성공 (CS)" },
};
export const CHANNELS = ["inbound", "outbound", "unknown"] as const;
export const OPPORTUNITY_MOTIONS = ["new_business", "renewal", "expansion"] as const;
/** Outcomes that end a record's way through the funnel without reaching the next step. */
export const TERMINAL_OUTCOMES = ["lost", "disqualified"] as const;
/** The recycle pool's reason groups (METRICS.md "Recycled leads"). */
export const LOSS_REASON_GROUPS = ["unreachable", "revisit_later", "no_budget", "no_need", "competitor", "other"] as const;
/** The KPIs each role's teams own, in the units of their targets. */
export const ROLE_KPIS: Record<Role, string[]> = {
  marketing: ["leads", "mqls"],
  inside_sales: ["sqls", "opportunities_created"],
  field_sales: ["won_deals", "bookings"],
  customer_success: ["renewals", "renewal_bookings", "expansion_bookings"],
};

export interface FunnelStep {
  key: string;
  /** The role whose work the step is (marketing, inside_sales, field_sales or customer_success). */
  team: Role;
  label: { en: string; ko: string };
  /** Optional target for the conversion from this step to the next; the bottleneck is then judged against it. */
  targetConversion?: number;
}

/** A sales pipeline (HubSpot pipelines, or any export with a pipeline column) and what it means. */
export interface PipelineSetting {
  /** Every deal in it is this motion (a "Renewals" pipeline is renewal by default, by its name). */
  motion?: (typeof OPPORTUNITY_MOTIONS)[number];
  /** Its deals belong to this team, whatever their owner's department. */
  team?: string;
  /** Leave its deals out of every metric (a test or internal pipeline); they are counted on the data-quality page. */
  exclude?: boolean;
  /** Stage label → funnel step (or lost) for this pipeline's own stages; wins over `funnel.opportunityStages`. */
  stages?: Record<string, string>;
}

/** A team of the organisation: the role it plays in The Model, and its name in both languages. */
export interface TeamSetting {
  role: Role;
  /** Required for a team whose key is not a role's; a role's own team defaults to the role's name. */
  label?: { en: string; ko: string };
}

/** One configured team, in the order pages list them (by role, then as written in config). */
export interface ConfiguredTeam {
  team: string;
  role: Role;
  label: { en: string; ko: string };
}

/** The organisation's teams: config `teamRoles`, or The Model's four when it is not set. */
export function configuredTeams(config: Pick<Config, "teamRoles">): ConfiguredTeam[] {
  const entries: Array<[string, TeamSetting]> = config.teamRoles
    ? Object.entries(config.teamRoles).filter(([key]) => key !== "$comment")
    : ROLES.map((role) => [role, { role }]);
  return ROLES.flatMap((role) =>
    entries
      .filter(([, team]) => team.role === role)
      .map(([team, setting]) => ({ team, role, label: setting.label ?? ROLE_LABELS[role] })),
  );
}

export interface Config {
  /** The date the data describes (YYYY-MM-DD); by default the latest creation, change or stage date in the export. */
  asOf?: string;
  locale: "en" | "ko";
  currency: string;
  /** Currency → value of one unit in the reporting currency (USD: 1 when reporting in USD). */
  exchangeRates: Record<string, number>;
  fiscalYearStartMonth: number;
  minimumSample: number;
  salesforce: { customFields: Record<string, string> };
  funnel: {
    steps: FunnelStep[];
    leadStatuses: Record<string, string>;
    opportunityStages: Record<string, string>;
  };
  channels: Record<string, string>;
  /** The organisation's teams and the role each plays; The Model's four by default (see configuredTeams). */
  teamRoles?: Record<string, TeamSetting>;
  teams: Record<string, string>;
  /**
   * Team → a regular expression over a user's department, role, profile or title (case-insensitive), for
   * users whose department `teams` does not map: "SDR" in a title is inside sales.
   */
  teamPatterns?: Record<string, string>;
  /** Owner (user id or name) → team: for owners nothing else places. Wins over department and patterns. */
  ownerTeams?: Record<string, string>;
  opportunityTypes: Record<string, string>;
  /** Pipeline name → what it means (optional). */
  pipelines?: Record<string, PipelineSetting>;
  /**
   * Loss reasons that mean "not a real deal" (a duplicate, a test, a merge): a deal lost for one is left out
   * of win rates, pipeline and bookings, and counted on the data-quality page. Word beginnings, any case:
   * "duplicat" catches "Duplicate opportunity" and "duplicated".
   */
  excludedLossReasons?: string[];
  /** Accounts left out of every metric (test, demo or internal accounts): by id, or by name pattern (* and ?, any case). */
  excludedAccounts?: { ids?: string[]; names?: string[]; types?: string[] };
  /** Loss or disqualification reason → reason group; unlisted reasons are grouped by pattern or as other. */
  lossReasons: Record<string, string>;
  /** Monthly targets per team and KPI. */
  targets: Record<string, Record<string, number>> & { $comment?: string };
  bottleneck: { baselineQuarters: number; windowDays: number };
  /** When a lost record is due for another approach: "revisit later" without a number of months, and unreachable. */
  /**
   * Recycled leads: when a "revisit later" loss without months, and an unreachable one, are due again;
   * and the bands of months from a loss to its return (each band's first month after 0: [3, 6, 12] gives
   * 0-2, 3-5, 6-11, 12+).
   */
  recycling: { revisitDefaultMonths: number; unreachableMonths: number; returnBands: number[] };
  /** A cohort is mature (old enough to have converted) this many days after its period ended. */
  cohortMaturityDays: number;
  /** Fit-score tiers: the share of sized accounts in A, and in B (C is the rest). */
  tierShares: { A: number; B: number };
  /** Renewals due within this many days of the as-of date are customer success' list to act on. */
  renewalWindowDays: number;
  /** Lead → won conversion a B2B org can expect, drawn beside the export's own (METRICS.md). */
  referenceYields: { inbound: number; outbound: number; recycled: number };
}

/** The neutral defaults every export starts from: the usual names, no targets, no one org's settings. */
export const DEFAULT_CONFIG_PATH = "data/config.json";
/** An export's own settings (its targets, stages, fields) travel with it, in this file beside its CSVs. */
export const EXPORT_CONFIG_FILE = "config.json";

/**
 * The config for a build: the defaults, with an export's own settings (`path`: a config.json beside the
 * exports, or a file --config / CRM_CONFIG names) laid over them — objects merged key by key, anything
 * else (a list, a number) replaced, and a key set to null removed (a default mapping the export does not
 * want, such as teamPatterns.field_sales once field sales is split into teams). A bad or unknown setting stops the build naming the file and setting.
 * @example loadConfig("data/exports/sample/config.json")  // the defaults plus the sample's targets
 */
export function loadConfig(path: string | null = DEFAULT_CONFIG_PATH): Config {
  const defaults = readJson(DEFAULT_CONFIG_PATH);
  if (!path || resolve(path) === resolve(DEFAULT_CONFIG_PATH)) return validateConfig(defaults, DEFAULT_CONFIG_PATH);
  const own = readJson(path);
  if (typeof own !== "object" || own === null || Array.isArray(own)) throw new Error(`${path}: expected a JSON object of settings`);
  return validateConfig(mergeSettings(defaults as Record<string, unknown>, own as Record<string, unknown>), path);
}

/** The config file of an exports folder, if it has one. */
export function exportConfigPath(exportsDir: string): string | null {
  const path = join(exportsDir, EXPORT_CONFIG_FILE);
  return existsSync(path) ? path : null;
}

/** `over` laid on `base`: plain objects merged key by key, any other value replaced, null removing the key. */
export function mergeSettings(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    if (value === null) delete merged[key];
    else merged[key] = isPlainObject(value) && isPlainObject(under) ? mergeSettings(under, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: cannot read the config (${(error as Error).message})`);
  }
}

/** The keys each object of the config may have; anything else is a typo or a setting we do not have. */
const CONFIG_KEYS = {
  "": ["$comment", "asOf", "locale", "currency", "exchangeRates", "fiscalYearStartMonth", "minimumSample", "salesforce", "funnel", "channels", "teamRoles", "teams", "teamPatterns", "ownerTeams", "opportunityTypes", "pipelines", "excludedLossReasons", "excludedAccounts", "lossReasons", "targets", "bottleneck", "recycling", "cohortMaturityDays", "tierShares", "renewalWindowDays", "referenceYields"],
  tierShares: ["A", "B"],
  referenceYields: ["inbound", "outbound", "recycled"],
  salesforce: ["customFields"],
  "salesforce.customFields": ["Account.tier", "Account.region", "Lead.mqlDate", "Lead.sqlDate", "Lead.lossReason", "Opportunity.lossReason", "Opportunity.competitors", "User.startDate", "User.region"],
  funnel: ["steps", "leadStatuses", "opportunityStages"],
  bottleneck: ["baselineQuarters", "windowDays"],
  recycling: ["revisitDefaultMonths", "unreachableMonths", "returnBands"],
  pipeline: ["motion", "team", "exclude", "stages"],
  excludedAccounts: ["$comment", "ids", "names", "types"],
  team: ["role", "label"],
  label: ["en", "ko"],
} as const;

/** Check a parsed config: every key must be one we know, every mapping must point at something that exists. */
export function validateConfig(value: unknown, path = "config"): Config {
  const config = value as Config;
  const fail = (setting: string, expected: string): never => {
    throw new Error(`${path}: setting "${setting}" is invalid: expected ${expected}`);
  };
  if (typeof config !== "object" || config === null) fail("(root)", "a JSON object");
  checkKeys(config, "", CONFIG_KEYS[""], path);
  for (const section of ["salesforce", "funnel", "bottleneck", "recycling"] as const) {
    if (typeof config[section] === "object" && config[section] !== null) checkKeys(config[section], section, CONFIG_KEYS[section], path);
  }
  if (typeof config.salesforce?.customFields === "object" && config.salesforce.customFields !== null) {
    checkKeys(config.salesforce.customFields, "salesforce.customFields", CONFIG_KEYS["salesforce.customFields"], path);
  }
  if (config.asOf !== undefined && !(typeof config.asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(config.asOf) && !Number.isNaN(Date.parse(config.asOf)))) {
    fail("asOf", "a date YYYY-MM-DD (leave it out to take the export's latest creation, change or stage date)");
  }
  if (config.locale !== "en" && config.locale !== "ko") fail("locale", `"en" or "ko"`);
  if (!/^[A-Z]{3}$/.test(config.currency)) fail("currency", "an ISO 4217 code such as USD or KRW");
  if (typeof config.exchangeRates !== "object" || config.exchangeRates === null) fail("exchangeRates", "an object of currency → rate");
  for (const [code, rate] of Object.entries(config.exchangeRates)) {
    if (!/^[A-Z]{3}$/.test(code) || typeof rate !== "number" || !(rate > 0)) {
      fail(`exchangeRates.${code}`, "an ISO currency code with a positive number: the value of one unit in the reporting currency");
    }
  }
  if (config.exchangeRates[config.currency] !== undefined && config.exchangeRates[config.currency] !== 1) {
    fail(`exchangeRates.${config.currency}`, "1, since it is the reporting currency");
  }
  if (!Number.isInteger(config.fiscalYearStartMonth) || config.fiscalYearStartMonth < 1 || config.fiscalYearStartMonth > 12)
    fail("fiscalYearStartMonth", "a month number 1–12");
  if (!Number.isInteger(config.minimumSample) || config.minimumSample < 1) fail("minimumSample", "a positive integer");
  const steps = config.funnel?.steps;
  if (!Array.isArray(steps) || steps.length < 2) fail("funnel.steps", "a list of at least two steps");
  const stepKeys = new Set<string>();
  for (const [i, step] of steps.entries()) {
    if (!/^[a-z][a-z0-9_]*$/.test(step.key ?? "")) fail(`funnel.steps[${i}].key`, "a lower-case key such as mql");
    if (stepKeys.has(step.key)) fail(`funnel.steps[${i}].key`, `a unique key ("${step.key}" repeats)`);
    if (!ROLES.includes(step.team)) fail(`funnel.steps[${i}].team`, `the role whose step it is: one of ${ROLES.join(", ")}`);
    if (!step.label?.en || !step.label?.ko) fail(`funnel.steps[${i}].label`, "an object with en and ko labels");
    if (step.targetConversion !== undefined && !(step.targetConversion > 0 && step.targetConversion <= 1)) {
      fail(`funnel.steps[${i}].targetConversion`, "a share between 0 and 1, e.g. 0.35");
    }
    stepKeys.add(step.key);
  }
  for (const required of ["lead", "opportunity", "won"]) {
    if (!stepKeys.has(required)) fail("funnel.steps", `a step with key "${required}"`);
  }
  const outcomes = new Set<string>([...stepKeys, ...TERMINAL_OUTCOMES]);
  checkMap(config.funnel.leadStatuses, "funnel.leadStatuses", outcomes, fail);
  checkMap(config.funnel.opportunityStages, "funnel.opportunityStages", outcomes, fail);
  checkMap(config.channels, "channels", new Set(CHANNELS), fail);
  const teams = validateTeamRoles(config, path, fail);
  const teamKeys = new Set(teams.map((t) => t.team));
  // A default mapping that names a role the org split or renamed says how to mend it.
  const teamList = [...teamKeys].join(", ") + (config.teamRoles ? " (config teamRoles; set a default you do not want to null to drop it)" : "");
  checkMap(config.teams, "teams", teamKeys, fail, teamList);
  if (config.ownerTeams !== undefined) checkMap(config.ownerTeams, "ownerTeams", teamKeys, fail, teamList);
  for (const [team, pattern] of Object.entries(config.teamPatterns ?? {})) {
    if (!teamKeys.has(team)) fail(`teamPatterns.${team}`, `a team: ${teamList}`);
    try {
      new RegExp(pattern as string, "i");
    } catch {
      fail(`teamPatterns.${team}`, "a regular expression, e.g. \"\\\\bsdr\\\\b|inside sales\"");
    }
  }
  checkMap(config.opportunityTypes, "opportunityTypes", new Set(OPPORTUNITY_MOTIONS), fail);
  if (config.pipelines !== undefined && (typeof config.pipelines !== "object" || config.pipelines === null)) {
    fail("pipelines", "an object of pipeline name → {motion, team, exclude, stages}");
  }
  for (const [name, pipeline] of Object.entries(config.pipelines ?? {})) {
    const at = `pipelines.${name}`;
    if (typeof pipeline !== "object" || pipeline === null) fail(at, "an object with motion, team, exclude or stages");
    checkKeys(pipeline, at, CONFIG_KEYS.pipeline, path);
    if (pipeline.motion !== undefined && !OPPORTUNITY_MOTIONS.includes(pipeline.motion)) fail(`${at}.motion`, `one of ${OPPORTUNITY_MOTIONS.join(", ")}`);
    if (pipeline.team !== undefined && !teamKeys.has(pipeline.team)) fail(`${at}.team`, `one of ${teamList}`);
    if (pipeline.exclude !== undefined && typeof pipeline.exclude !== "boolean") fail(`${at}.exclude`, "true or false");
    if (pipeline.stages !== undefined) checkMap(pipeline.stages, `${at}.stages`, outcomes, fail);
  }
  if (typeof config.salesforce?.customFields !== "object") fail("salesforce.customFields", "an object");
  checkMap(config.lossReasons, "lossReasons", new Set(LOSS_REASON_GROUPS), fail);
  if (config.excludedLossReasons !== undefined &&
    !(Array.isArray(config.excludedLossReasons) && config.excludedLossReasons.every((w) => typeof w === "string" && w.trim() !== ""))) {
    fail("excludedLossReasons", 'a list of word beginnings, e.g. ["duplicat", "test"]');
  }
  if (config.excludedAccounts !== undefined) {
    if (typeof config.excludedAccounts !== "object" || config.excludedAccounts === null || Array.isArray(config.excludedAccounts)) {
      fail("excludedAccounts", 'an object {"ids": [...], "names": [...], "types": [...]}');
    }
    checkKeys(config.excludedAccounts, "excludedAccounts", CONFIG_KEYS.excludedAccounts, path);
    const expected = {
      ids: "a list of account ids",
      names: 'a list of name patterns, e.g. ["test *", "*(demo)"]',
      types: 'a list of account types (patterns allowed), e.g. ["Test", "Internal*"]',
    };
    for (const key of ["ids", "names", "types"] as const) {
      const list = config.excludedAccounts[key];
      if (list !== undefined && !(Array.isArray(list) && list.every((v) => typeof v === "string" && v.trim() !== ""))) {
        fail(`excludedAccounts.${key}`, expected[key]);
      }
    }
  }
  if (typeof config.targets !== "object" || config.targets === null) fail("targets", "an object of team → KPI → monthly target");
  for (const [team, kpis] of Object.entries(config.targets)) {
    if (team === "$comment") continue;
    const role = teams.find((t) => t.team === team)?.role;
    if (!role) fail(`targets.${team}`, `a team: ${teamList}`);
    for (const [kpi, value] of Object.entries(kpis as Record<string, number>)) {
      if (!ROLE_KPIS[role!].includes(kpi)) fail(`targets.${team}.${kpi}`, `a KPI of ${team} (${role}): ${ROLE_KPIS[role!].join(", ")}`);
      if (typeof value !== "number" || !(value >= 0)) fail(`targets.${team}.${kpi}`, "a number ≥ 0 (per month)");
    }
  }
  const { baselineQuarters, windowDays } = config.bottleneck ?? {};
  if (!Number.isInteger(baselineQuarters) || baselineQuarters < 1) fail("bottleneck.baselineQuarters", "a positive integer");
  if (!Number.isInteger(windowDays) || windowDays < 1) fail("bottleneck.windowDays", "a positive number of days");
  for (const key of ["revisitDefaultMonths", "unreachableMonths"] as const) {
    const months = config.recycling?.[key];
    if (!Number.isInteger(months) || months < 1) fail(`recycling.${key}`, "a positive number of months");
  }
  const bands = config.recycling?.returnBands;
  if (!Array.isArray(bands) || bands.length < 1 || bands.length > 8 ||
    !bands.every((m, i) => Number.isInteger(m) && m > (i === 0 ? 0 : bands[i - 1]!))) {
    fail("recycling.returnBands", "a rising list of 1 to 8 whole months, each band's first month after 0, e.g. [3, 6, 12]");
  }
  if (!Number.isInteger(config.cohortMaturityDays) || config.cohortMaturityDays < 0) fail("cohortMaturityDays", "a number of days ≥ 0");
  for (const tier of ["A", "B"] as const) {
    const share = config.tierShares?.[tier];
    if (typeof share !== "number" || !(share > 0 && share < 1)) fail(`tierShares.${tier}`, "a share between 0 and 1, e.g. 0.15");
  }
  if (config.tierShares.A + config.tierShares.B >= 1) fail("tierShares", "shares of A and B that leave room for C (their sum below 1)");
  if (!Number.isInteger(config.renewalWindowDays) || config.renewalWindowDays < 1) fail("renewalWindowDays", "a positive number of days");
  for (const key of ["inbound", "outbound", "recycled"] as const) {
    const share = config.referenceYields?.[key];
    if (typeof share !== "number" || !(share >= 0 && share <= 1)) fail(`referenceYields.${key}`, "a share between 0 and 1, e.g. 0.146");
  }
  return config;
}

/**
 * config `teamRoles`: each team a lower-case key (it is the team page's address), playing one of The
 * Model's roles, named in both languages unless it is a role's own team; every role has a team, since
 * the funnel hands work from each role to the next.
 */
function validateTeamRoles(config: Config, path: string, fail: (setting: string, expected: string) => never): ConfiguredTeam[] {
  if (config.teamRoles === undefined) return configuredTeams(config);
  if (typeof config.teamRoles !== "object" || config.teamRoles === null || Array.isArray(config.teamRoles)) {
    fail("teamRoles", 'an object of team → {"role": …, "label": {"en": …, "ko": …}}');
  }
  for (const [team, setting] of Object.entries(config.teamRoles)) {
    if (team === "$comment") continue;
    const at = `teamRoles.${team}`;
    if (!/^[a-z][a-z0-9_]*$/.test(team)) fail(at, "a lower-case key such as mid_market (it is the team page's address)");
    if (typeof setting !== "object" || setting === null) fail(at, 'an object {"role": …, "label": {"en": …, "ko": …}}');
    checkKeys(setting, at, CONFIG_KEYS.team, path);
    if (!ROLES.includes(setting.role)) fail(`${at}.role`, `one of The Model's roles: ${ROLES.join(", ")}`);
    if (setting.label !== undefined) {
      if (typeof setting.label !== "object" || setting.label === null) fail(`${at}.label`, 'an object {"en": …, "ko": …}');
      checkKeys(setting.label, `${at}.label`, CONFIG_KEYS.label, path);
    }
    if (setting.label === undefined ? !(ROLES as readonly string[]).includes(team) : !setting.label.en?.trim() || !setting.label.ko?.trim()) {
      fail(`${at}.label`, 'the team\'s name in both languages, e.g. {"en": "Mid-market sales", "ko": "미드마켓 영업"}');
    }
  }
  const teams = configuredTeams(config);
  for (const role of ROLES) {
    if (!teams.some((t) => t.role === role)) fail("teamRoles", `at least one team for every role: none plays ${role}`);
  }
  return teams;
}

/** An unknown key stops the build, naming the keys allowed there and the nearest one (a typo's fix). */
function checkKeys(object: object, at: string, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key) || key === "$comment") continue;
    const nearest = [...allowed].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
    const where = at ? `${at}.${key}` : key;
    const hint = nearest && editDistance(key, nearest) <= Math.max(2, Math.floor(key.length / 3)) ? ` Did you mean "${nearest}"?` : "";
    throw new Error(`${path}: unknown setting "${where}".${hint} Allowed${at ? ` in ${at}` : ""}: ${allowed.filter((k) => k !== "$comment").join(", ")} (docs/config.md)`);
  }
}

/** Levenshtein distance, case-insensitive: how many edits turn one key into the other. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[y.length]!;
}

function checkMap(
  map: Record<string, string> | undefined,
  setting: string,
  allowed: Set<string>,
  fail: (setting: string, expected: string) => never,
  allowedText = [...allowed].join(", "),
): void {
  if (typeof map !== "object" || map === null) fail(setting, "an object of name → value");
  for (const [name, value] of Object.entries(map)) {
    if (!allowed.has(value)) fail(`${setting}.${name}`, `one of ${allowedText}`);
  }
}

/**
 * The bands of months from a loss to its return, from each band's first month after 0: [3, 6, 12] →
 * 0-2, 3-5, 6-11, 12+ (a one-month band is named by its month alone).
 */
export function returnBands(starts: number[]): Array<{ order: number; label: string; min: number; max: number | null }> {
  const firsts = [0, ...starts];
  return firsts.map((min, i) => {
    const max = i + 1 < firsts.length ? firsts[i + 1]! - 1 : null;
    return { order: i + 1, label: max === null ? `${min}+` : max === min ? `${min}` : `${min}-${max}`, min, max };
  });
}

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
    reference_yield_inbound: String(config.referenceYields.inbound),
    reference_yield_outbound: String(config.referenceYields.outbound),
    reference_yield_recycled: String(config.referenceYields.recycled),
    ...(config.asOf ? { as_of: config.asOf } : {}),
  };
  for (const [name, value] of Object.entries(settings)) {
    await connection.run("insert into config_setting values ($name, $value)", { name, value });
  }
}
