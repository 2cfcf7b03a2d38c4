/**
 * What a matched rule's filters do, as Istio programs them into Envoy: redirects, URL rewrites, header changes,
 * mirrors and CORS. Pure functions; not part of the public API.
 */
import type { CompiledMatch } from "./matches";
import { headerValue } from "./request";

/** The parts of the request the filters read. */
export interface FilterInput {
  /** The Host as sent, lower case, possibly with `:port`. */
  readonly host: string;
  /** The normalized path. */
  readonly path: string;
  readonly query: string;
  readonly method: string;
  readonly headers: { readonly [name: string]: string };
  /** The Gateway listener the request came in on. */
  readonly listenerProtocol: "HTTP" | "HTTPS";
  readonly listenerPort: number;
}

/** The length of the path Envoy considers matched, for `prefix_rewrite` (the whole path unless a prefix matched). */
function matchedLength(match: CompiledMatch, path: string): number {
  return match.pathKind === "separated" || match.pathKind === "prefix" ? match.pathValue.length : path.length;
}

/**
 * The path after a URLRewrite `ReplacePrefixMatch`, as Istio does it: the replacement loses a trailing `/`
 * (conversion.go createRewriteFilter); a replacement of `/` (or empty) strips the prefix with the regex
 * `^<prefix>(/?)(.*)` → `/\2` (route.go applyHTTPRouteDestination: "remove the prefix"); any other replacement
 * becomes Envoy's `prefix_rewrite`, which swaps the matched prefix. This reproduces every row of Gateway API's
 * ReplacePrefixMatch table (apis/v1/httproute_types.go, HTTPPathModifier).
 */
export function rewritePrefix(match: CompiledMatch, path: string, replacement: string): string {
  const value = replacement.replace(/\/$/, "") || "/";
  if (value === "/") {
    const prefix = match.pathKind === "separated" ? match.pathValue : "";
    const rest = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    return "/" + rest.replace(/^\//, "");
  }
  return value + path.slice(matchedLength(match, path));
}

/**
 * The path of a RequestRedirect `ReplacePrefixMatch`: Istio passes the replacement unchanged to Envoy's redirect
 * `prefix_rewrite` (route.go ApplyRedirect, `%PREFIX()%`), which swaps the matched prefix literally; unlike
 * URLRewrite, a trailing `/` is not trimmed, so `/xyz/` on `/foo/bar` gives `/xyz//bar` where the spec's table
 * says `/xyz/bar` (inference from Istio's code; the conformance suite only tests replacements without a trailing
 * `/`). An empty replacement is an unset proto field: the path is kept (inference).
 */
export function redirectPrefix(match: CompiledMatch, path: string, replacement: string): string {
  if (replacement === "") return path;
  return replacement + path.slice(matchedLength(match, path));
}

/**
 * The Location and status of a RequestRedirect filter (status default 302: the CRD default). Without `scheme`,
 * Envoy takes the request's X-Forwarded-Proto, which it overwrites with the listener's own scheme when the previous
 * hop is not trusted (envoy source/common/http/conn_manager_utility.cc; Istio gateways use the remote address with
 * no trusted hops by default): so an HTTP listener behind an HTTPS edge redirects to `http://`.
 */
export function redirectLocation(redirect: any, match: CompiledMatch, input: FilterInput): { status: number; location: string } {
  const listenerScheme = input.listenerProtocol === "HTTPS" ? "https" : "http";
  const scheme: string = redirect?.scheme ?? listenerScheme;
  const port = redirectPort(redirect, scheme, input.listenerPort);
  const host = redirectHost(redirect, input, scheme, listenerScheme, port);
  const pathSpec = redirect?.path;
  let path = input.path;
  if (pathSpec?.type === "ReplaceFullPath") path = String(pathSpec.replaceFullPath ?? "/");
  if (pathSpec?.type === "ReplacePrefixMatch") path = redirectPrefix(match, input.path, String(pathSpec.replacePrefixMatch ?? ""));
  // Envoy keeps the query (strip_query defaults to false) unless path_redirect carries its own.
  const query = path.includes("?") || input.query === "" ? "" : `?${input.query}`;
  return { status: Number(redirect?.statusCode ?? 302), location: `${scheme}://${host}${path}${query}` };
}

/**
 * The port of the Location. Istio (conversion.go createRedirectFilter, route.go ApplyRedirect): an explicit port
 * wins; without one, a set scheme means the scheme's default port and no scheme means the listener's port; 80 for
 * http and 443 for https are left out. Gateway API HTTPRequestRedirectFilter.Port says the same; the cases are
 * conformance/tests/httproute-redirect-port-and-scheme.
 */
function redirectPort(redirect: any, scheme: string, listenerPort: number): number | undefined {
  const port = redirect?.port !== undefined ? Number(redirect.port) : redirect?.scheme !== undefined ? undefined : listenerPort;
  if ((port === 80 && scheme === "http") || (port === 443 && scheme === "https")) return undefined;
  return port;
}

/**
 * The authority of the Location: the redirect's hostname, else the request's Host; with a port, the host's own
 * port is replaced. Without one, Envoy keeps the Host as sent, dropping its port only when the scheme changes and
 * the port was the old scheme's default (envoy source/common/router/config_impl.cc, processRequestHost).
 */
function redirectHost(redirect: any, input: FilterInput, scheme: string, listenerScheme: string, port: number | undefined): string {
  const bare = (h: string) => (h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d+$/, ""));
  const host: string = redirect?.hostname !== undefined ? String(redirect.hostname) : input.host;
  if (port !== undefined) return `${bare(host)}:${port}`;
  if (redirect?.hostname !== undefined) return host;
  const defaultOfOld = listenerScheme === "https" ? ":443" : ":80";
  return scheme !== listenerScheme && host.endsWith(defaultOfOld) ? bare(host) : host;
}

/** Headers after a Request- or ResponseHeaderModifier, and the Host it sets (Istio turns `host` into the authority). */
export interface ModifiedHeaders {
  readonly headers: { [name: string]: string };
  readonly host?: string;
  readonly removed: string[];
}

/**
 * A header modifier as Envoy applies it: removals first ("remove-before-add the default behavior", envoy
 * source/common/router/header_parser.cc), then `set` (overwrite) and `add` (append, shown comma-joined). Names are
 * case-insensitive and lower-cased as Istio does (conversion.go headerListToMap, which also keeps only the first of
 * equal names); `host` sets the authority instead of a header (route.go translateAppendHeaders, isAuthorityHeader).
 */
export function applyHeaderModifier(headers: { readonly [name: string]: string }, modifier: any): ModifiedHeaders {
  const out: { [name: string]: string } = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = out[k.toLowerCase()] === undefined ? v : `${out[k.toLowerCase()]},${v}`;
  const removed = (Array.isArray(modifier?.remove) ? modifier.remove : [])
    .map((n: any) => String(n).toLowerCase())
    .filter((n: string) => n !== "host");
  removed.forEach((n: string) => delete out[n]);
  let host: string | undefined;
  for (const [name, value] of firstByName(modifier?.set)) {
    if (name === "host") host = value;
    else out[name] = value;
  }
  for (const [name, value] of firstByName(modifier?.add)) {
    if (name === "host") host = host ?? value;
    else out[name] = out[name] === undefined ? value : `${out[name]},${value}`;
  }
  return { headers: out, host, removed };
}

function firstByName(list: any): Array<[string, string]> {
  const seen = new Map<string, string>();
  for (const entry of Array.isArray(list) ? list : []) {
    const name = String(entry?.name ?? "").toLowerCase();
    if (!seen.has(name)) seen.set(name, String(entry?.value ?? ""));
  }
  return [...seen.entries()];
}

/** A mirrored copy of the request (Gateway API RequestMirror; Istio `mirrors` with a percentage, default 100). */
export interface Mirror {
  readonly service: string;
  readonly namespace: string;
  readonly port: number;
  readonly percent: number;
}

/** The mirror of a RequestMirror filter, with Istio's percentage (conversion.go createMirrorFilter). */
export function mirrorOf(filter: any, routeNamespace: string): Mirror {
  const ref = filter?.backendRef ?? {};
  const fraction = filter?.fraction;
  const percent = fraction ? (100 * Number(fraction.numerator)) / Number(fraction.denominator ?? 100) : Number(filter?.percent ?? 100);
  return { service: String(ref.name ?? ""), namespace: String(ref.namespace ?? routeNamespace), port: Number(ref.port), percent };
}

/** What Envoy's CORS filter does with the request. */
export interface CorsOutcome {
  /** True when Envoy answers a preflight itself (200, no backend). */
  readonly answered: boolean;
  readonly responseHeaders: { [name: string]: string };
  readonly step: string;
}

/**
 * Envoy's CORS filter with Istio's policy (route.go TranslateCORSPolicy; conversion.go createCorsFilter): an origin
 * is allowed when an `allowOrigins` entry equals it or is `*` (envoy source/extensions/filters/http/cors/
 * cors_filter.cc, isOriginAllowed); an allowed preflight (OPTIONS with Origin and Access-Control-Request-Method) is
 * answered 200 by Envoy; other preflights are forwarded (ForwardNotMatchingPreflights); an allowed actual request
 * gets Access-Control-Allow-Origin (and -Credentials, -Expose-Headers) on the response.
 */
export function corsOutcome(cors: any, input: FilterInput): CorsOutcome {
  const origin = headerValue(input.headers, "origin");
  const origins: string[] = Array.isArray(cors?.allowOrigins) ? cors.allowOrigins.map(String) : [];
  if (origin === undefined) return { answered: false, responseHeaders: {}, step: "CORS filter: no Origin header, nothing to do." };
  if (!origins.some((o) => o === "*" || o === origin)) {
    return {
      answered: false,
      responseHeaders: {},
      step: `CORS filter: origin ${origin} is not allowed (allowOrigins: ${origins.join(", ") || "none"}); the request goes on unchanged.`,
    };
  }
  const headers: { [name: string]: string } = { "access-control-allow-origin": origin };
  if (cors?.allowCredentials === true) headers["access-control-allow-credentials"] = "true";
  const preflight = input.method === "OPTIONS" && headerValue(input.headers, "access-control-request-method") !== undefined;
  if (!preflight) {
    if (Array.isArray(cors?.exposeHeaders) && cors.exposeHeaders.length > 0) headers["access-control-expose-headers"] = cors.exposeHeaders.join(",");
    return {
      answered: false,
      responseHeaders: headers,
      step: `CORS filter: origin ${origin} allowed; the response carries Access-Control-Allow-Origin.`,
    };
  }
  if (Array.isArray(cors?.allowMethods) && cors.allowMethods.length > 0) headers["access-control-allow-methods"] = cors.allowMethods.join(",");
  if (Array.isArray(cors?.allowHeaders) && cors.allowHeaders.length > 0) headers["access-control-allow-headers"] = cors.allowHeaders.join(",");
  const maxAge = Number(cors?.maxAge ?? 5); // CRD default 5 s; Istio sets it only when > 0
  if (maxAge > 0) headers["access-control-max-age"] = String(maxAge);
  return { answered: true, responseHeaders: headers, step: `CORS filter: preflight from allowed origin ${origin}; Envoy answers 200 itself.` };
}
