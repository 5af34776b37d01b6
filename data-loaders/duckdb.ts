/**
 * Thin helpers over @duckdb/node-api: open a database, run SQL with bound values, read rows as plain
 * JSON. Values are always bound (`$name`), never spliced into SQL text; the only text we ever build is
 * identifiers, and those go through `quoteIdentifier`.
 */
import { DuckDBConnection, DuckDBInstance, DuckDBTypeId, type DuckDBValue } from "@duckdb/node-api";

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** Numeric types that getRowObjectsJson serialises as strings (to survive JSON); we want numbers. */
const WIDE_NUMERIC = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

/**
 * Open a DuckDB database file (or ":memory:"). Read-only for loaders, so they can never change the
 * warehouse and can run while another process reads it. The time zone is pinned to UTC so that dates
 * do not depend on the machine that builds the site.
 */
export async function openDatabase(path: string, { readOnly = false } = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
  const connection = await instance.connect();
  instances.set(connection, instance);
  // icu is built in but not loaded until asked; the time zone cannot be set before it is.
  await connection.run("load icu; set TimeZone = 'UTC'");
  return connection;
}

const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

/**
 * Close a connection and its database. Closing the database matters: until it is closed the process
 * keeps its lock on the file, and another process (a loader) cannot open it.
 */
export function closeDatabase(connection: DuckDBConnection): void {
  connection.closeSync();
  instances.get(connection)?.closeSync();
  instances.delete(connection);
}

/** Run `fn` with a connection to `path`, closing the database afterwards whatever happens. */
export async function withConnection<T>(
  path: string,
  fn: (connection: DuckDBConnection) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const connection = await openDatabase(path, options);
  try {
    return await fn(connection);
  } finally {
    closeDatabase(connection);
  }
}

/**
 * Query rows as JSON-safe objects: integers and decimals become numbers, dates become ISO strings.
 * @example await queryRows(db, "select count(*) as n from stg_leads where channel = $channel", {channel: "inbound"})
 */
export async function queryRows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: Params,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  const rows = reader.getRowObjectsJson() as Row[];
  const names = reader.columnNames();
  const wide = names.filter((_, i) => WIDE_NUMERIC.has(reader.columnTypeId(i)));
  if (wide.length) {
    for (const row of rows) {
      for (const name of wide) if (row[name] != null) row[name] = Number(row[name]);
    }
  }
  return rows as T[];
}

/**
 * Query results as columns (name → values), JSON-safe like queryRows: what marts are published as, read
 * without building an object per row (a third faster on the largest marts).
 */
export async function queryColumns(connection: DuckDBConnection, sql: string, params?: Params): Promise<Record<string, unknown[]>> {
  const reader = await connection.runAndReadAll(sql, params);
  const columns = reader.getColumnsObjectJson() as Record<string, unknown[]>;
  reader.columnNames().forEach((name, i) => {
    if (WIDE_NUMERIC.has(reader.columnTypeId(i))) columns[name] = columns[name]!.map((v) => (v == null ? null : Number(v)));
  });
  return columns;
}

/** The single value of a one-row, one-column query. */
export async function queryValue<T = unknown>(connection: DuckDBConnection, sql: string, params?: Params): Promise<T> {
  const [row] = await queryRows(connection, sql, params);
  if (!row) throw new Error(`query returned no row: ${sql.slice(0, 80)}`);
  return Object.values(row)[0] as T;
}

/** Quote an SQL identifier (a table or column name): the only way text other than SQL we wrote gets into SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
