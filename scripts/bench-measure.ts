/**
 * Run a command and measure it: wall time, the peak memory of its largest process (GNU time's %M, from
 * the kernel's rusage of the child and its waited-for descendants) and the peak of its whole process
 * tree (the sum of every descendant's RSS, sampled from /proc every 50 ms). Used by scripts/bench.ts.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";
const PAGE_BYTES = 4096;
const SAMPLE_MS = 50;
/** Keep at most this much of a child's stderr (the end of it), for error messages and parsing. */
const STDERR_LIMIT = 4 * 1024 * 1024;

export interface Measured {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Wall time from spawn to exit, seconds. */
  seconds: number;
  /** The command's own elapsed time as GNU time measured it (null without /usr/bin/time). */
  elapsedSeconds: number | null;
  /** Peak RSS of the largest single process of the tree, KB (null without /usr/bin/time). */
  maxRssKb: number | null;
  /** Peak of the summed RSS of the whole process tree, KB (sampled: a spike shorter than 50 ms can be missed). */
  treePeakKb: number;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command's process group after this long. */
  timeoutMs?: number;
  /** Echo the child's stderr to ours as it comes (the build's progress), besides keeping it. */
  echoStderr?: boolean;
  /** Write the child's stdout and stderr here, each line prefixed with the seconds since the start. */
  logFile?: string;
}

const running = new Set<number>();
const scratchDirs = new Set<string>();

/**
 * Kill the process groups of every command still running (on Ctrl-C) — only our own children — and
 * remove their scratch folders.
 */
export function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}

export const hasGnuTime = existsSync(GNU_TIME);

export function runMeasured(command: string, args: string[], options: RunOptions): Promise<Measured> {
  const scratch = mkdtempSync(join(tmpdir(), "bench-time-"));
  scratchDirs.add(scratch);
  const timeFile = join(scratch, "time.txt");
  const [file, argv] = hasGnuTime ? [GNU_TIME, ["-f", "%e %M", "-o", timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so that a timeout or Ctrl-C ends the whole tree it starts and nothing else.
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const stdout: Buffer[] = [];
    let stderr = "";
    const logLines: string[] = [];
    const logChunk = (chunk: Buffer | string) => {
      if (!options.logFile) return;
      const at = `+${((performance.now() - started) / 1000).toFixed(1)}s `;
      for (const line of chunk.toString().split("\n")) if (line.trim()) logLines.push(at + line);
    };
    let treePeakKb = 0;
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      logChunk(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (options.echoStderr) process.stderr.write(chunk);
      logChunk(chunk);
      stderr += chunk;
      if (stderr.length > STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const sample = () => {
      if (pid === undefined) return;
      const tree = processTree(pid);
      treePeakKb = Math.max(treePeakKb, tree.rssKb);
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            if (pid !== undefined) process.kill(-pid, "SIGKILL");
          } catch {
            // already gone
          }
        }, options.timeoutMs)
      : null;
    child.on("error", (error) => {
      clearInterval(sampler);
      if (timer) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      rmSync(scratch, { recursive: true, force: true });
      scratchDirs.delete(scratch);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    let exited: number | null = null;
    child.on("exit", () => (exited = performance.now()));
    child.on("close", (code, signal) => {
      const seconds = ((exited ?? performance.now()) - started) / 1000;
      clearInterval(sampler);
      if (timer) clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      let maxRssKb: number | null = null;
      let elapsedSeconds: number | null = null;
      let exitCode = code;
      if (hasGnuTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, "utf8");
        // GNU time writes "Command exited with non-zero status N" before the format line when the command fails.
        const match = /(\d+(?:\.\d+)?) (\d+)\s*$/.exec(text.trim());
        if (match) {
          elapsedSeconds = Number(match[1]);
          maxRssKb = Number(match[2]);
        }
        const failed = /exited with non-zero status (\d+)/.exec(text);
        if (failed && exitCode === 0) exitCode = Number(failed[1]);
      }
      rmSync(scratch, { recursive: true, force: true });
      scratchDirs.delete(scratch);
      if (options.logFile) {
        logLines.push(`+${seconds.toFixed(1)}s exited: ${signal ?? `code ${exitCode}`}`);
        writeFileSync(options.logFile, `${logLines.join("\n")}\n`);
      }
      resolve({ code: exitCode, signal, seconds, elapsedSeconds, maxRssKb, treePeakKb, stdout: Buffer.concat(stdout), stderr, timedOut });
    });
  });
}

/** The summed RSS (KB) of a process and all its descendants, and their pids, read from /proc. */
export function processTree(pid: number): { rssKb: number; pids: Set<number> } {
  let total = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    try {
      const pages = Number(readFileSync(`/proc/${current}/statm`, "utf8").split(" ")[1]);
      if (Number.isFinite(pages)) total += (pages * PAGE_BYTES) / 1024;
      for (const task of readdirSync(`/proc/${current}/task`)) {
        let children = "";
        try {
          children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8");
        } catch {
          continue;
        }
        for (const child of children.split(" ")) if (child.trim()) stack.push(Number(child));
      }
    } catch {
      // the process ended between two reads
    }
  }
  return { rssKb: total, pids: seen };
}

/** The last lines of a child's stderr, for an error message. */
export function tail(text: string, lines = 25): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
