// The build lock shared by scripts/build.ts and scripts/bench.ts: a dead holder's lock is taken over, a
// live holder's is waited for, release removes only our own lock, and a child build runs under its
// parent's lock (BUILD_LOCK_HELD_BY) without taking or releasing it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireBuildLock, EMPTY_LOCK_STALE_MS, heldByEnv, HELD_BY_ENV, isAlive } from "../../scripts/build-lock.ts";
import { tempDir } from "../helpers.ts";

const lockFile = () => join(tempDir("lock-"), "nested", "build.lock");
const children: Array<ReturnType<typeof spawn>> = [];

/** A process that stays alive until killed, to hold a lock. */
function liveProcess(): number {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
  children.push(child);
  return child.pid as number;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
  return Number(pid);
}

const settled = async (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => true), new Promise((done) => setTimeout(() => done(false), ms))]);

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe("the build lock", () => {
  it("is taken when free (creating its folder) and released", async () => {
    const file = lockFile();
    const lock = await acquireBuildLock({ file });
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    expect(lock.owned).toBe(true);
    lock.release();
    expect(existsSync(file)).toBe(false);
    lock.release(); // twice is harmless
  });

  it("takes over a lock whose process is dead", async () => {
    const file = lockFile();
    await acquireBuildLock({ file }).then((lock) => lock.release()); // makes the folder
    const dead = deadPid();
    expect(isAlive(dead)).toBe(false);
    writeFileSync(file, String(dead));
    const lock = await acquireBuildLock({ file, pollMs: 10, timeoutMs: 5000 });
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    lock.release();
  });

  it("waits for a live holder, then takes the lock when it is gone", async () => {
    const file = lockFile();
    await acquireBuildLock({ file }).then((lock) => lock.release());
    const holder = liveProcess();
    writeFileSync(file, String(holder));
    const waitedFor: number[] = [];
    const acquiring = acquireBuildLock({ file, pollMs: 20, onWait: (pid) => waitedFor.push(pid) });
    expect(await settled(acquiring, 400)).toBe(false);
    expect(waitedFor).toEqual([holder]);
    expect(readFileSync(file, "utf8")).toBe(String(holder));
    children[0]?.kill();
    const lock = await acquiring;
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    expect(lock.waitedSeconds).toBeGreaterThan(0.3);
    lock.release();
  });

  it("counts a process it may not signal (EPERM) as alive, and gives up after timeoutMs", async () => {
    // pid 1 always exists; as another user, kill(1, 0) fails with EPERM.
    expect(isAlive(1)).toBe(true);
    const file = lockFile();
    await acquireBuildLock({ file }).then((lock) => lock.release());
    writeFileSync(file, "1");
    await expect(acquireBuildLock({ file, pollMs: 10, timeoutMs: 100 })).rejects.toThrow(/process 1/);
    expect(readFileSync(file, "utf8")).toBe("1");
  });

  it("waits for an empty lock (being written), and takes it over once it has stayed empty too long", async () => {
    const file = lockFile();
    await acquireBuildLock({ file }).then((lock) => lock.release());
    writeFileSync(file, "");
    await expect(acquireBuildLock({ file, pollMs: 10, timeoutMs: 100 })).rejects.toThrow(/held/);
    const old = (Date.now() - EMPTY_LOCK_STALE_MS - 1000) / 1000;
    utimesSync(file, old, old);
    const lock = await acquireBuildLock({ file, pollMs: 10, timeoutMs: 1000 });
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    lock.release();
  });

  it("release leaves a lock that another process has taken over", async () => {
    const file = lockFile();
    const lock = await acquireBuildLock({ file });
    writeFileSync(file, "1");
    lock.release();
    expect(readFileSync(file, "utf8")).toBe("1");
  });

  it("lets a child run under its parent's lock, and ignores a stale hand-down", async () => {
    const file = lockFile();
    const parent = await acquireBuildLock({ file });
    const env = heldByEnv(parent);
    expect(env[HELD_BY_ENV]).toBe(String(process.pid));
    const child = await acquireBuildLock({ file, env, timeoutMs: 100 });
    expect(child.owned).toBe(false);
    child.release();
    expect(readFileSync(file, "utf8")).toBe(String(process.pid)); // still the parent's
    parent.release();
    // The parent let go: a process that inherited the variable takes the lock as usual.
    const later = await acquireBuildLock({ file, env: { [HELD_BY_ENV]: String(deadPid()) }, timeoutMs: 100 });
    expect(later.owned).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(String(process.pid));
    later.release();
    expect(existsSync(file)).toBe(false);
  });
});
