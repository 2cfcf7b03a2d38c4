#!/usr/bin/env node
/**
 * The `cdktf-aks-gateway` command: one binary, one subcommand per job. Subcommands are loaded on first use,
 * so `--help` and `summary` never load the verifier's HTTP and process code.
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import { CliIo, EXIT_OK, EXIT_USAGE, PROCESS_IO } from "./io";

/** A subcommand: its one-line description and how to run it. */
interface Command {
  readonly summary: string;
  readonly run: (argv: readonly string[], io: CliIo) => number | Promise<number>;
}

const COMMANDS: { readonly [name: string]: Command } = {
  "state-moves": {
    summary: "print the terraform state mv script that keeps tenants' objects when they move between stacks",
    run: (argv, io) => (require("./state-moves") as typeof import("./state-moves")).stateMovesCommand(argv, io),
  },
  summary: {
    summary: "print a synthesized app's stacks in deploy order, resource counts and traffic path",
    run: (argv, io) => (require("./summary") as typeof import("./summary")).summaryCommand(argv, io),
  },
  validate: {
    summary: "run terraform init -backend=false and terraform validate on every synthesized stack (for CI)",
    run: (argv, io) => (require("./validate/main") as typeof import("./validate/main")).validateCommand(argv, io),
  },
  verify: {
    summary: "check a deployed platform end to end (backend health, routes, TLS, WAF, Gateway status)",
    run: (argv, io) => (require("./verify/main") as typeof import("./verify/main")).main(argv, io),
  },
  migrate: {
    summary: "convert Ingress-NGINX objects into tenant routes, with a verdict for every annotation",
    run: (argv, io) => (require("./migrate/main") as typeof import("./migrate/main")).migrateCommand(argv, io),
  },
  route: {
    summary: "explain offline where a request goes: edge, Gateway listener, winning route, backends (or 404/redirect)",
    run: (argv, io) => (require("./route/main") as typeof import("./route/main")).routeCommand(argv, io),
  },
};

/** Help of the command itself. */
export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: cdktf-aks-gateway <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "Options:",
    "  -h, --help     show this text (or a command's: cdktf-aks-gateway <command> --help)",
    "  -v, --version  print the version",
    "",
    "Exit code: 0 success, 1 a check failed, 2 bad command line or unreadable input, 3 (migrate) a blocker was found.",
  ].join("\n");
}

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    (name === undefined ? io.err : io.out)(helpText());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "-v" || name === "--version") {
    io.out(packageVersion());
    return EXIT_OK;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(`error: unknown command ${JSON.stringify(name)}; commands are ${Object.keys(COMMANDS).join(", ")}.`);
    io.err("Run cdktf-aks-gateway --help for usage.");
    return EXIT_USAGE;
  }
  return command.run(rest, io);
}

/** The version in the package.json nearest above this file (dist/cli/ in the package, cli/ in tests). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
    if (dirname(dir) === dir) return "unknown";
  }
}

if (require.main === module) {
  run(process.argv.slice(2), PROCESS_IO).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`cdktf-aks-gateway crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
