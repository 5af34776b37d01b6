/**
 * The build lock: one build at a time in this project. Two builds at once would share Framework's loader
 * cache (src/.observablehq/cache/data) and could publish each other's numbers, so scripts/build.ts and
 * scripts/bench.ts (which clears that cache) both take this lock first.
 *
 * The lock is a file holding its holder's process id, created exclusively (`wx`):
 * - a lock whose process is gone (crashed, killed) is taken over;
 * - process.kill(pid, 0) failing with EPERM means the process exists but belongs to another user: it is
 *   alive, and its lock is respected;
 * - an empty lock file is one being written this instant (between the exclusive create and the write):
 *   it is waited for, and taken over only when it has stayed empty for EMPTY_LOCK_STALE_MS (its writer
 *   died in between).
 *
 * Handing the lock to a child. The benchmark must keep other builds out between its own builds, so it
 * holds the lock across them and runs scripts/build.ts with BUILD_LOCK_HELD_BY=<its pid> (heldByEnv). A
 * build that finds that variable, and finds the lock held by that very pid, runs under its parent's lock
 * without taking or releasing it. The check of the file keeps a stale variable (a process that inherited
 * it after the holder let go) from skipping the lock: then the lock is taken as usual.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Where the lock lives, relative to the project root (build.ts runs there). */
export const BUILD_LOCK_FILE = "src/.observablehq/build.lock";
/** The variable through which a lock holder lets its child build run under its lock. */
export const HELD_BY_ENV = "BUILD_LOCK_HELD_BY";
/** An empty lock this old was abandoned by a writer that died between creating and writing it. */
export const EMPTY_LOCK_STALE_MS = 10_000;

export interface BuildLock {
  readonly file: string;
  /** The process whose id the lock file holds: this one, or the parent that handed it down. */
  readonly holder: number;
  /** False when the lock is the parent's (HELD_BY_ENV): release then leaves it alone. */
  readonly owned: boolean;
  /** Seconds spent waiting for another holder (0 when the lock was free). */
  readonly waitedSeconds: number;
  /** Let the lock go (only if this process still holds it); safe to call more than once. */
  release(): void;
}

export interface AcquireOptions {
  /** The lock file; default BUILD_LOCK_FILE relative to the working directory. */
  file?: string;
  /** How often to look again while another process holds the lock. */
  pollMs?: number;
  /** Give up (throw) after waiting this long; default never. */
  timeoutMs?: number;
  /** Called once, when the lock is found held by a live process (to say that we wait). */
  onWait?: (holder: number) => void;
  /** Checked while waiting: when it returns true, stop waiting and throw (Ctrl-C). */
  shouldStop?: () => boolean;
  /** Where HELD_BY_ENV is read; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Wait until no other live process holds the lock, then hold it. */
export async function acquireBuildLock(options: AcquireOptions = {}): Promise<BuildLock> {
  const file = options.file ?? BUILD_LOCK_FILE;
  const pollMs = options.pollMs ?? 200;
  const parent = Number((options.env ?? process.env)[HELD_BY_ENV]);
  if (Number.isInteger(parent) && parent > 0 && readHolder(file)?.pid === parent) {
    return { file, holder: parent, owned: false, waitedSeconds: 0, release: () => {} };
  }
  mkdirSync(dirname(file), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    if (options.shouldStop?.()) throw new Error("interrupted while waiting for the build lock");
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return ownedLock(file, (Date.now() - started) / 1000);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (holder === null) continue; // released this instant: try again at once
    if (isStale(holder)) {
      takeOver(file, holder.text);
      continue;
    }
    if (!told) options.onWait?.(holder.pid);
    told = true;
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      throw new Error(`another build (process ${holder.pid || "?"}) has held ${file} for over ${Math.round(options.timeoutMs / 1000)} s`);
    }
    await new Promise((done) => setTimeout(done, pollMs));
  }
}

/** The environment that lets a child build run under `lock` (see the file's comment). */
export function heldByEnv(lock: BuildLock): NodeJS.ProcessEnv {
  return { [HELD_BY_ENV]: String(lock.holder) };
}

/** Whether a process exists: kill(pid, 0) sends nothing; EPERM means it exists but is not ours to signal. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface Holder {
  text: string;
  pid: number;
  modifiedMs: number;
}

/** What the lock holds, or null when there is no lock. */
function readHolder(file: string): Holder | null {
  try {
    const text = readFileSync(file, "utf8");
    return { text, pid: Number(text.trim()), modifiedMs: statSync(file).mtimeMs };
  } catch {
    return null;
  }
}

function isStale(holder: Holder): boolean {
  if (holder.text === "") return Date.now() - holder.modifiedMs > EMPTY_LOCK_STALE_MS;
  return !isAlive(holder.pid);
}

/**
 * Remove a stale lock, unless it changed since it was read: another waiter may have taken it over and
 * written its own pid meanwhile, and that lock must stay. (Between this re-read and the removal there is
 * still a window of microseconds; two waiters would both have to find the same dead holder within it.)
 */
function takeOver(file: string, staleText: string): void {
  if (readHolder(file)?.text === staleText) rmSync(file, { force: true });
}

function ownedLock(file: string, waitedSeconds: number): BuildLock {
  let held = true;
  return {
    file,
    holder: process.pid,
    owned: true,
    waitedSeconds,
    release() {
      if (!held) return;
      held = false;
      // Only our own lock: should ours have been taken over (we were thought dead), the new holder's stays.
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
