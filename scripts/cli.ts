/**
 * The command line every script shares: `--help` prints the usage and exits 0; an unknown option or a
 * missing value prints what was wrong and the usage and exits 2 — never a stack trace.
 * @example const { values } = cli(USAGE, () => parseArgs({ options: { out: { type: "string" }, ...HELP } }));
 */

/** The --help option, to spread into parseArgs' options. */
export const HELP = { help: { type: "boolean", short: "h" } } as const;

/** Run `parse` (a parseArgs call); on --help print the usage and exit 0, on a bad option exit 2. */
export function cli<T extends { values: { help?: boolean } }>(usage: string, parse: () => T): T {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    usageError((error as Error).message, usage);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return parsed;
}

/** Say what was wrong with the command line, then the usage, and exit 2. */
export function usageError(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage.trim()}\n`);
  process.exit(2);
}
