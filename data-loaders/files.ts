import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * Every file under `dir`, recursively, in name order (so that a hash over them does not depend on the
 * file system's order); none when `dir` does not exist. Folders named in `skip` are not entered.
 */
export function listFiles(dir: string, { skip = [] as string[] } = {}): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .filter((name) => !skip.includes(name))
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path, { skip }) : [path];
    });
}
