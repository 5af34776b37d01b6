/**
 * Mapping-file adapter: any CSV export, described by a JSON mapping (docs/mapping.md) that says which
 * file feeds which entity, which column holds which canonical field, how values translate, and how dates
 * and numbers are written. The worked examples are data/mappings/maven-crm.json and ibm-win-loss.json.
 *
 * Everything from the mapping that is a *value* (value maps, constants) reaches SQL through tables
 * filled with bound parameters; the only things written into SQL text are quoted column names from the
 * file's own header and formats chosen from fixed lists below.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { mergeSettings, type Config } from "../config.ts";
import { quoteIdentifier } from "../duckdb.ts";
import { loadCsvFile } from "./csv.ts";
import { keepNamed } from "./headers.ts";
import { IngestError, type SourceFile } from "./types.ts";
import { ENTITIES, entity, type EntityName } from "./entities.ts";

/** Date orders a mapping may declare, and the strptime formats each one means. */
const DATE_FORMATS = {
  iso: null, // YYYY-MM-DD[ HH:MM:SS], ISO with zone: staging reads these as they are
  mdy: ["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m-%d-%Y"],
  dmy: ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"],
  ymd: ["%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%Y.%m.%d"],
} as const;
const DELIMITERS = [",", ";", "\t", "|"] as const;

export interface MappingFile {
  file: string;
  entity: EntityName;
  /** canonical column → column in the file */
  columns: Record<string, string>;
  /** canonical column → the same value for every row */
  constants?: Record<string, string>;
  /** canonical column → { value in the file: value to use } ("" means none) */
  values?: Record<string, Record<string, string>>;
}

export interface Mapping {
  name: string;
  description?: string;
  dates?: keyof typeof DATE_FORMATS;
  decimal?: "." | ",";
  delimiter?: (typeof DELIMITERS)[number];
  files: MappingFile[];
  /** Settings this export needs (stages, channels, targets, …), laid over the config like a config.json beside the exports. */
  config?: Record<string, unknown>;
}

/** Read and check a mapping file; every mistake names the file and the setting. */
export function loadMapping(path: string): Mapping {
  let mapping: Mapping;
  try {
    mapping = JSON.parse(readFileSync(path, "utf8")) as Mapping;
  } catch (error) {
    throw new IngestError(`${path}: cannot read the mapping file (${(error as Error).message})`, path);
  }
  const fail = (setting: string, expected: string): never => {
    throw new IngestError(`${path}: mapping setting "${setting}" is invalid: expected ${expected}`, path);
  };
  if (typeof mapping.name !== "string") fail("name", "a name for this export");
  if (mapping.dates !== undefined && !(mapping.dates in DATE_FORMATS)) fail("dates", Object.keys(DATE_FORMATS).join(", "));
  if (mapping.decimal !== undefined && mapping.decimal !== "." && mapping.decimal !== ",") fail("decimal", `"." or ","`);
  if (mapping.delimiter !== undefined && !DELIMITERS.includes(mapping.delimiter)) fail("delimiter", `one of , ; tab |`);
  if (!Array.isArray(mapping.files) || mapping.files.length === 0) fail("files", "a list of files");
  for (const [i, file] of mapping.files.entries()) {
    const at = `files[${i}]`;
    if (typeof file.file !== "string") fail(`${at}.file`, "a file name");
    if (!ENTITIES.some((e) => e.name === file.entity)) fail(`${at}.entity`, ENTITIES.map((e) => e.name).join(", "));
    const known = new Set(entity(file.entity).columns.map((c) => c.name));
    for (const section of ["columns", "constants", "values"] as const) {
      for (const [column, value] of Object.entries(file[section] ?? {})) {
        if (!known.has(column)) fail(`${at}.${section}.${column}`, `a column of ${file.entity}: ${[...known].join(", ")}`);
        const ok = section === "values" ? typeof value === "object" && value !== null : typeof value === "string";
        if (!ok) fail(`${at}.${section}.${column}`, section === "values" ? "an object of value → value" : "a string");
      }
    }
  }
  return mapping;
}

/** The config with the mapping's own settings laid over it (the mapping wins where both set a value). */
export function mergeMappingConfig(config: Config, mapping: Mapping): Config {
  return mergeSettings(config as unknown as Record<string, unknown>, (mapping.config ?? {}) as Record<string, unknown>) as unknown as Config;
}

/** Load every file the mapping names; other files in the folder are listed as unused. */
export async function loadMappedExport(connection: DuckDBConnection, dir: string, mapping: Mapping): Promise<SourceFile[]> {
  await connection.run(`
    create or replace table mapping_value (map_id integer, from_key varchar, to_value varchar);
    create or replace table mapping_constant (constant_id integer, value varchar);
  `);
  const present = readdirSync(dir);
  const files: SourceFile[] = [];
  let nextId = 1;
  for (const [i, spec] of mapping.files.entries()) {
    const fileName = present.find((name) => name.toLowerCase() === spec.file.toLowerCase());
    if (!fileName) {
      throw new IngestError(`${join(dir, spec.file)}: the mapping names this file but the exports folder has no such file`, spec.file);
    }
    if (mapping.files.some((other, j) => j < i && other.entity === spec.entity)) {
      throw new IngestError(`${spec.file}: a second file for ${spec.entity} in the mapping; keep one file per entity`, spec.file);
    }
    const rawTable = `raw_mapped__${spec.entity}`;
    const loaded = await loadCsvFile(connection, rawTable, join(dir, fileName), fileName, {
      delimiter: mapping.delimiter,
      keep: keepNamed(Object.values(spec.columns)),
    });
    const byLowerName = new Map(loaded.header.map((h) => [h.toLowerCase().trim(), h]));
    const selects = ["_source_file", "_source_row", "_row_hash"];
    for (const column of entity(spec.entity).columns) {
      let expression = "null";
      const sourceColumn = spec.columns[column.name];
      const constant = spec.constants?.[column.name];
      if (sourceColumn !== undefined) {
        const header = byLowerName.get(sourceColumn.toLowerCase().trim());
        if (!header) {
          throw new IngestError(
            `${fileName}: missing column "${sourceColumn}" that the mapping reads as ${column.name} (the ${column.description}). ` +
              `Columns found: ${loaded.header.join(", ")}`,
            fileName,
            sourceColumn,
          );
        }
        expression = `nullif(trim(${quoteIdentifier(header)}), '')`;
      } else if (constant !== undefined) {
        const id = nextId++;
        await connection.run("insert into mapping_constant values ($id, $value)", { id, value: constant });
        expression = `(select value from mapping_constant where constant_id = ${id})`;
      } else if (column.required) {
        throw new IngestError(
          `${fileName}: the mapping gives no column for ${column.name} (the ${column.description}), which ${spec.entity} require`,
          fileName,
          column.name,
        );
      }
      const valueMap = spec.values?.[column.name];
      if (valueMap && expression !== "null") {
        const id = nextId++;
        for (const [from, to] of Object.entries(valueMap)) {
          await connection.run("insert into mapping_value values ($id, lower(trim($from)), $to)", { id, from, to });
        }
        expression = `nullif(coalesce((select to_value from mapping_value where map_id = ${id} and from_key = lower(${expression})), ${expression}), '')`;
      }
      expression = reformat(expression, column.kind, mapping);
      selects.push(`${expression}::varchar as ${column.name}`);
    }
    await connection.run(
      `create or replace view ${quoteIdentifier(`src_${spec.entity}`)} as select ${selects.join(", ")} from ${quoteIdentifier(rawTable)}`,
    );
    files.push({ file: fileName, entity: spec.entity, rowsRead: loaded.rowsRead, note: loaded.note });
  }
  const used = new Set(files.map((f) => f.file));
  for (const name of present.filter((n) => !used.has(n) && !statSync(join(dir, n)).isDirectory()).sort()) {
    files.push({ file: name, entity: null, rowsRead: null, note: "not used: the mapping does not name it" });
  }
  return files;
}

/**
 * Rewrite dates and numbers into the form staging reads (ISO dates, "." decimals). A value that does
 * not fit the declared format is passed on unchanged, so staging quarantines it as unparseable.
 */
function reformat(expression: string, kind: string, mapping: Mapping): string {
  const formats = DATE_FORMATS[mapping.dates ?? "iso"];
  if (kind === "date" && formats) {
    const list = formats.map((f) => `'${f}'`).join(", ");
    return `coalesce(strftime(try_strptime(${expression}, [${list}]), '%Y-%m-%d %H:%M:%S'), ${expression})`;
  }
  if ((kind === "amount" || kind === "number") && mapping.decimal === ",") {
    return `replace(replace(${expression}, '.', ''), ',', '.')`;
  }
  return expression;
}
