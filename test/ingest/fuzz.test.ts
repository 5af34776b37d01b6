// Property-based fuzzing of ingest (fast-check): the files of a small Salesforce export, mutated the ways
// exports really break and the ways nobody thought of — truncated, bytes spliced in, delimiters and quotes
// added or dropped, re-encoded, columns shuffled or renamed, NULs and huge fields injected. Every build
// must either stop with a clear message naming a file (never a stack trace) or reconcile (rows read =
// loaded + quarantined, which the build itself checks), within a time limit; a failed full build must leave
// no warehouse, whole or half. A fixed seed in CI; FUZZ_RUNS=10000 FUZZ_SEED=… for a longer run, and
// FUZZ_SEED=… FUZZ_PATH=… (from a failure's report) to replay one case.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildWarehouse } from "../../data-loaders/warehouse/build.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const BASE_DIR = join(FIXTURES, "salesforce-funnel");
const FILES = readdirSync(BASE_DIR).filter((f) => f.endsWith(".csv")).sort();
const BASE = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(BASE_DIR, f))]));
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** A case that takes longer than this has hung. */
const CASE_LIMIT_MS = 30_000;

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "splice"; at: number; bytes: Uint8Array }
  | { kind: "insert"; at: number; text: string }
  | { kind: "drop"; at: number; length: number }
  | { kind: "encode"; encoding: "utf16le" | "latin1" | "bom" }
  | { kind: "rename"; column: number; name: string }
  | { kind: "shuffle"; order: number[] }
  | { kind: "nul"; at: number }
  | { kind: "huge"; at: number; size: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(",", '"', '""', "\n", "\r", "\r\n", ";", "\t", '","', "\\") }),
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("encode" as const), encoding: fc.constantFrom("utf16le" as const, "latin1" as const, "bom" as const) }),
  fc.record({ kind: fc.constant("rename" as const), column: fc.nat(), name: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("shuffle" as const), order: fc.array(fc.nat(), { minLength: 2, maxLength: 30 }) }),
  fc.record({ kind: fc.constant("nul" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("huge" as const), at: fc.nat(), size: fc.integer({ min: 10_000, max: 3_000_000 }) }),
);

const testCase = fc.record({
  file: fc.constantFrom(...FILES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  dropFile: fc.option(fc.constantFrom(...FILES), { freq: 8 }),
});

/** A file's bytes after one mutation. */
function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length ? m.kind === "truncate" || m.kind === "splice" || m.kind === "insert" || m.kind === "drop" || m.kind === "nul" || m.kind === "huge" ? m.at % (bytes.length + 1) : 0 : 0;
  switch (m.kind) {
    case "truncate":
      return bytes.subarray(0, at);
    case "splice":
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    case "insert":
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
    case "drop":
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case "nul":
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    case "huge":
      return Buffer.concat([bytes.subarray(0, at), Buffer.alloc(m.size, "x"), bytes.subarray(at)]);
    case "encode": {
      const text = bytes.toString("utf8");
      if (m.encoding === "bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      return Buffer.from(m.encoding === "utf16le" ? `\uFEFF${text}` : text, m.encoding);
    }
    case "rename":
    case "shuffle": {
      const lines = bytes.toString("utf8").split("\n");
      const rows = lines.map(splitRecord);
      const width = rows[0]!.length;
      if (m.kind === "rename") {
        rows[0]![m.column % width] = m.name;
      } else {
        const order = [...Array(width).keys()].sort((a, b) => (m.order[a % m.order.length]! - m.order[b % m.order.length]!) || a - b);
        for (const [i, row] of rows.entries()) if (row.length === width) rows[i] = order.map((j) => row[j]!);
      }
      return Buffer.from(rows.map((row) => row.map(quote).join(",")).join("\n"));
    }
  }
}

/** Fields of one CSV line (quotes honoured), as the fixture writes them. */
function splitRecord(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") fields.push(field), (field = "");
    else field += c;
  }
  fields.push(field);
  return fields;
}

function quote(field: string): string {
  return `"${field.replaceAll('"', '""')}"`;
}

/** Write the fixture with one file mutated (and perhaps another left out) into a fresh folder. */
function exportOf(c: { file: string; mutations: Mutation[]; dropFile: string | null }): string {
  const dir = tempDir("spd-fuzz-");
  for (const name of FILES) {
    if (name === c.dropFile && name !== c.file) continue;
    const bytes = name === c.file ? c.mutations.reduce(mutate, BASE[name]!) : BASE[name]!;
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

/** Stop with a clear message naming a file, or reconcile — within the time limit. */
async function judge(run: () => Promise<unknown>): Promise<"stopped" | "reconciled"> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`HUNG: no answer in ${CASE_LIMIT_MS / 1000} s`)), CASE_LIMIT_MS);
  });
  try {
    await Promise.race([run(), hang]);
    return "reconciled";
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (message.startsWith("HUNG") || message.includes("rows were lost")) throw error;
    expect(error).toBeInstanceOf(Error);
    expect(message, "a clear message, not a stack trace").not.toMatch(/\n\s+at /);
    expect(FILES.some((f) => message.includes(f)) || message.includes("exports folder"), `names the file: ${message.slice(0, 300)}`).toBe(true);
    return "stopped";
  } finally {
    clearTimeout(timer);
  }
}

describe("ingest under fuzzed exports", () => {
  it(`stops with a message naming the file, or reconciles: ${RUNS} cases, seed ${SEED}`, async () => {
    const outcomes = { stopped: 0, reconciled: 0 };
    await fc.assert(
      fc.asyncProperty(testCase, async (c) => {
        const dir = exportOf(c);
        outcomes[await judge(() => buildWarehouse({ exportsDir: dir, check: true }))]++;
        rmSync(dir, { recursive: true, force: true });
        // A long run says how far it got (FUZZ_PROGRESS=file), every 100 cases.
        const done = outcomes.stopped + outcomes.reconciled;
        if (process.env.FUZZ_PROGRESS && done % 100 === 0) writeFileSync(process.env.FUZZ_PROGRESS, `${done} cases: ${JSON.stringify(outcomes)}\n`);
      }),
      // FUZZ_PATH replays one failing case from its report ({ seed, path }).
      { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}) },
    );
    // Both outcomes occur: the mutations are neither all harmless nor all fatal (not said of one replayed case).
    if (!process.env.FUZZ_PATH) {
      expect(outcomes.stopped).toBeGreaterThan(0);
      expect(outcomes.reconciled).toBeGreaterThan(0);
    }
    console.info(`fuzz: ${RUNS} cases, seed ${SEED}: ${outcomes.reconciled} reconciled, ${outcomes.stopped} stopped with a message`);
  // A long run (FUZZ_RUNS) gets the time it needs: about a second a case, with room to spare.
  }, Math.max(600_000, RUNS * 2_000));

  it("never leaves a half warehouse: a failed build writes nothing, a good one the whole file", async () => {
    await fc.assert(
      fc.asyncProperty(testCase, async (c) => {
        const dir = exportOf(c);
        const outDir = tempDir("spd-fuzz-out-");
        const out = join(outDir, "warehouse.duckdb");
        const outcome = await judge(() => buildWarehouse({ exportsDir: dir, out }));
        expect(existsSync(out)).toBe(outcome === "reconciled");
        expect(readdirSync(outDir).filter((f) => f.includes(".tmp"))).toEqual([]);
      }),
      { numRuns: Math.max(4, Math.round(RUNS / 8)), seed: SEED + 1, endOnFailure: true },
    );
  }, Math.max(600_000, RUNS * 1_000));
});
