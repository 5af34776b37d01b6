/** Run the real build script (warehouse + site) as a user would, with its output somewhere of our choosing. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const PROJECT_ROOT = join(import.meta.dirname, "..");

export interface SiteBuild {
  status: number;
  output: string;
}

export function runBuild(env: { SITE_OUTPUT: string; WAREHOUSE: string; CRM_EXPORTS?: string; CRM_MAPPING?: string; CRM_CONFIG?: string }): SiteBuild {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? 1, output: `${result.stdout}\n${result.stderr}` };
}
