/**
 * `cdktf-aks-gateway route URL`: where a request goes on the synthesized platform, explained step by step, or as
 * one JSON object with `--json`. Reads JSON only: no cdktf or provider package is loaded.
 */
import { RequestError, requestFromUrl } from "../../lib/private/routing";
import { InputError, readStacks } from "../validate/stacks";
import { CliIo, EXIT_OK, EXIT_USAGE, UsageError } from "../io";
import { routeAppOf } from "./app";
import { answerRoute, NoGatewayError, RouteAnswer } from "./answer";
import { parseRouteArgs, ROUTE_HELP } from "./args";

/** Runs `route`; returns the exit code: 0 for any answer, 2 for bad input. */
export function routeCommand(argv: readonly string[], io: CliIo): number {
  try {
    const options = parseRouteArgs(argv);
    if (options === "help") {
      io.out(ROUTE_HELP);
      return EXIT_OK;
    }
    const request = requestFromUrl(options.url, { method: options.method, headers: Object.fromEntries(options.headers) });
    const app = routeAppOf(readStacks(options.dir) as Array<{ name: string; json: any }>);
    const answer = answerRoute(app, request, options.url);
    if (options.json) io.out(JSON.stringify(answer, null, 2));
    else routeLines(answer).forEach((line) => io.out(line));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RequestError || error instanceof InputError || error instanceof NoGatewayError) {
      io.err(`error: ${error.message}`);
      if (error instanceof UsageError) io.err("Run cdktf-aks-gateway route --help for usage.");
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** The human explanation: the request, numbered steps, the rules that lost, and the answer. */
export function routeLines(answer: RouteAnswer): string[] {
  const headers = Object.entries(answer.request.headers).map(([k, v]) => `  ${k}: ${v}`);
  const losers = answer.gateway?.losers ?? [];
  return [
    `${answer.request.method} ${answer.request.url}`,
    ...headers,
    "",
    ...answer.steps.map((s, i) => `${String(i + 1).padStart(2)}. ${s}`),
    ...(losers.length > 0
      ? ["", "Rules that did not answer:", ...losers.map((l) => `  - ${l.route}${l.rule >= 0 ? ` rule ${l.rule}` : ""}: ${l.why}`)]
      : []),
    "",
    `Answer: ${summary(answer)}`,
  ];
}

function summary(a: RouteAnswer): string {
  if (a.refused) return `no HTTP answer: ${a.refused}`;
  const by = a.route
    ? ` by ${a.route.kind} ${a.route.namespace}/${a.route.name} rule ${a.route.rule}`
    : a.edge?.redirect
    ? " by the Application Gateway"
    : "";
  const owner = a.tenant ? ` (tenant ${a.tenant})` : a.namespace ? " (platform)" : "";
  if (a.redirect !== null) return `${a.status} redirect to ${a.redirect}${by}${owner}; \`route ${a.redirect}\` follows it.`;
  if (a.status === 404) return `404 Not Found${a.edge?.status === 404 ? " at the Application Gateway" : " at the Gateway"}: no route serves it.`;
  if (a.status !== null) return `${a.status}${by}${owner}.`;
  const backends = a.backends.map((b) => `${b.namespace}/${b.service}:${b.port}${a.backends.length > 1 ? ` (weight ${b.weight})` : ""}`).join(", ");
  return `forwarded to Service ${backends}${by}${owner}.`;
}
