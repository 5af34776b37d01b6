/**
 * The business settings (data/config.json, documented in docs/config.md): how stages map to funnel
 * steps, sources to channels, departments to teams. They reach SQL only as small tables filled with
 * bound values (`config_*`), never as text spliced into a query.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "./config-types.ts";
import { validateConfig } from "./config-validation.ts";

export * from "./config-types.ts";
export { validateConfig } from "./config-validation.ts";
export { writeConfigTables } from "./config-tables.ts";

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
