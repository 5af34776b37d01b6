/**
 * Checking a config before anything reads it: every key one we know (else the nearest is named), every
 * value of the expected kind, every mapping pointing at something that exists.
 */
import {
  CHANNELS,
  LOSS_REASON_GROUPS,
  configuredTeams,
  OPPORTUNITY_MOTIONS,
  ROLE_KPIS,
  ROLES,
  TERMINAL_OUTCOMES,
  type Config,
  type ConfiguredTeam,
} from "./config-types.ts";

/** The keys each object of the config may have; anything else is a typo or a setting we do not have. */
const CONFIG_KEYS = {
  "": ["$comment", "asOf", "locale", "currency", "exchangeRates", "fiscalYearStartMonth", "minimumSample", "salesforce", "funnel", "channels", "teamRoles", "teams", "teamPatterns", "ownerTeams", "opportunityTypes", "pipelines", "excludedLossReasons", "excludedAccounts", "lossReasons", "targets", "bottleneck", "recycling", "cohortMaturityDays", "tierShares", "renewalWindowDays", "coverageThreshold", "referenceYields"],
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
  if (typeof config.coverageThreshold !== "number" || !(config.coverageThreshold > 0)) fail("coverageThreshold", "a pipeline coverage above 0, e.g. 3 (3×)");
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
