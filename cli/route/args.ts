/**
 * The command line of `cdktf-aks-gateway route`.
 */
import { splitFlag, UsageError } from "../io";

/** What the command line asks for. */
export interface RouteOptions {
  readonly url: string;
  readonly method?: string;
  /** Header names and values as given, in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly dir: string;
  readonly json: boolean;
}

export const ROUTE_HELP = `Usage: cdktf-aks-gateway route URL [--method M] [--header NAME:VALUE]... [--dir cdktf.out] [--json]

Answers, offline, where a request goes on the synthesized platform, as the deployed one would: the
Application Gateway (listener, certificate, WAF policy, HTTP-to-HTTPS redirect, backend settings and the
Host it passes on), the Gateway listener and virtual host, the route rule that wins (and the rules that
lost, with why: Gateway API precedence as Istio implements it), the filters it applies, and the
backends with their weights, or the 404, redirect or 500 the client gets. Reads every stack of
<dir>/manifest.json; nothing is deployed or contacted.

Arguments:
  URL                      http:// or https:// URL the client requests, e.g. http://apps.contoso.example/app1/x

Options:
  --method <M>             HTTP method (default: GET)
  --header <NAME:VALUE>    a request header; repeat for more (e.g. --header "version: two")
  --dir <dir>              the cdktf output directory (default: cdktf.out)
  --json                   print one JSON object: status, tenant, namespace, route, backends,
                           redirect, edge, gateway, losers, steps
  -h, --help               show this text

Exit code: 0 answered (whatever the status: forwarded, 404, redirect, 500), 2 bad command line or no
synthesized app in <dir>.`;

type Flag = "method" | "header" | "dir" | "json" | "help";
const VALUE_FLAGS: readonly Flag[] = ["method", "header", "dir"];
const SWITCHES: readonly Flag[] = ["json", "help"];

/** Parses the arguments after `route`; `help` when asked for. Throws `UsageError` with the fix. */
export function parseRouteArgs(argv: readonly string[]): RouteOptions | "help" {
  if (argv.includes("-h") || argv.includes("--help")) return "help";
  const urls: string[] = [];
  const headers: Array<[string, string]> = [];
  let method: string | undefined;
  let dir: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-")) {
      urls.push(arg);
      continue;
    }
    const { name, inline } = splitFlag<Flag>(arg, SWITCHES);
    if (!arg.startsWith("--") || ![...VALUE_FLAGS, ...SWITCHES].includes(name)) {
      throw new UsageError(`unknown option ${JSON.stringify(arg)}; route takes --method, --header, --dir and --json`);
    }
    if (name === "json") {
      json = true;
      continue;
    }
    const next = argv[i + 1];
    const value = inline ?? (next !== undefined && !next.startsWith("--") ? argv[++i] : undefined);
    if (value === undefined) throw new UsageError(`--${name} needs a value, e.g. ${example(name)}`);
    if (name === "method") method = value;
    else if (name === "dir") dir = value;
    else headers.push(parseHeader(value));
  }
  if (urls.length !== 1) {
    throw new UsageError(
      urls.length === 0
        ? "route needs the URL to explain, e.g. cdktf-aks-gateway route http://apps.contoso.example/app1/x"
        : `route takes one URL, got ${urls.length}: ${urls.map((u) => JSON.stringify(u)).join(" ")}`
    );
  }
  return { url: urls[0], method, headers, dir: dir ?? "cdktf.out", json };
}

function example(flag: Flag): string {
  return flag === "method" ? "--method POST" : flag === "dir" ? "--dir cdktf.out" : '--header "version: two"';
}

/** `NAME:VALUE` (spaces around the value trimmed); the name must not be empty. */
function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(":");
  const name = colon === -1 ? "" : text.slice(0, colon).trim();
  if (colon === -1 || name === "") {
    throw new UsageError(`--header ${JSON.stringify(text)} is not NAME:VALUE; write it as --header "version: two"`);
  }
  return [name, text.slice(colon + 1).trim()];
}
