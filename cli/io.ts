/** Where a command writes, one line per call, and the exit codes every command shares. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Everything passed (or was printed). */
export const EXIT_OK = 0;
/** A check failed. */
export const EXIT_FAILED = 1;
/** Bad command line, or input that cannot be read. */
export const EXIT_USAGE = 2;

/** Writes to the process's stdout and stderr. */
export const PROCESS_IO: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Bad command line; the message says which argument or flag and what to pass instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Splits a `--name` or `--name=value` argument. A switch (a flag that takes no value) given with `=` is
 * refused: `--insecure=false` would otherwise read as on.
 */
export function splitFlag<Name extends string>(arg: string, switches: readonly Name[]): { name: Name; inline?: string } {
  const eq = arg.indexOf("=");
  const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) as Name;
  const inline = eq === -1 ? undefined : arg.slice(eq + 1);
  if (inline !== undefined && switches.includes(name)) {
    throw new UsageError(`--${name} takes no value, got ${JSON.stringify(arg)}`);
  }
  return { name, inline };
}
