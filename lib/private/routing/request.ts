/**
 * An HTTP request as the evaluator sees it, and how Envoy (behind Istio's Gateway API implementation) reads its
 * host, path, headers and query before matching routes. Pure functions, no I/O; not part of the public API.
 */

/** A request sent to the platform (or, after the edge, to the Gateway). */
export interface HttpRequest {
  /** Upper case, e.g. `"GET"`. */
  readonly method: string;
  readonly scheme: "http" | "https";
  /** The Host header as the client sends it; the evaluator lower-cases it and strips `:port`. */
  readonly host: string;
  /** The port the client connects to; default 80 / 443 by scheme. */
  readonly port?: number;
  /** Path only, as sent, starting with `/` (no query, no fragment). */
  readonly path: string;
  /** The query string without `?`, `""` when none. */
  readonly query: string;
  /** Request headers; names are matched case-insensitively. */
  readonly headers: { readonly [name: string]: string };
}

/** A URL, method or header the evaluator cannot turn into a request; the message says what and why. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestError";
  }
}

/** An HTTP token (RFC 9110 §5.6.2): what method and header names may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const AUTHORITY = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]@\s]+)(?::(\d{1,5}))?$/;

/**
 * The request a client sends for `url` (`http://host[:port]/path[?query]`). The path is kept as written (no
 * dot-segment resolution: that is the proxy's job, see {@link normalizedPath}); a fragment is dropped, as
 * clients never send it. Throws {@link RequestError} for anything that is not an absolute http(s) URL, a method
 * that is not an HTTP token, or a header name that is not one.
 */
export function requestFromUrl(url: string, options: { method?: string; headers?: { [name: string]: string } } = {}): HttpRequest {
  const shape = URL_SHAPE.exec(url.trim());
  if (!shape) throw new RequestError(`${JSON.stringify(url)} is not an absolute URL; write it as http://host/path or https://host/path`);
  const scheme = shape[1].toLowerCase();
  if (scheme !== "http" && scheme !== "https") {
    throw new RequestError(`${JSON.stringify(url)} uses scheme ${JSON.stringify(scheme)}; only http and https reach the platform`);
  }
  const authority = AUTHORITY.exec(shape[2]);
  if (!authority)
    throw new RequestError(`${JSON.stringify(url)} has no usable host (got ${JSON.stringify(shape[2])}); write http://host/path, without user info`);
  const port = authority[2] === undefined ? defaultPort(scheme) : Number(authority[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new RequestError(`${JSON.stringify(url)} has port ${authority[2]}, expected 1-65535`);
  const method = (options.method ?? "GET").toUpperCase();
  if (!TOKEN.test(method)) throw new RequestError(`method ${JSON.stringify(options.method)} is not an HTTP method token (e.g. GET, POST)`);
  for (const name of Object.keys(options.headers ?? {})) {
    if (!TOKEN.test(name)) throw new RequestError(`header name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+.^_\`|~-)`);
  }
  const hostname = authority[1].toLowerCase();
  return {
    method,
    scheme,
    // Clients send the port in Host only when it is not the scheme's default (RFC 9110 §7.2).
    host: port === defaultPort(scheme) ? hostname : `${hostname}:${port}`,
    port,
    path: shape[3] === "" ? "/" : shape[3],
    query: shape[4] ?? "",
    headers: { ...(options.headers ?? {}) },
  };
}

/** 80 for http, 443 for https. */
export function defaultPort(scheme: string): number {
  return scheme === "https" ? 443 : 80;
}

/** The port the request is sent to. */
export function requestPort(request: HttpRequest): number {
  return request.port ?? defaultPort(request.scheme);
}

/**
 * The Host as routes match it: lower case, without `:port`. Gateway API: "Implementations MUST ignore any port
 * value specified in the HTTP Host header while performing a match" (kubernetes-sigs/gateway-api
 * apis/v1/httproute_types.go, HTTPRouteSpec.Hostnames); Istio adds `host:*` domains to each virtual host for the
 * same effect. A trailing dot is kept: Envoy does not strip it by default (`strip_trailing_host_dot` is false).
 */
export function matchHost(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  const colon = lower.lastIndexOf(":");
  return colon === -1 ? lower : lower.slice(0, colon);
}

/** The value of header `name` (case-insensitive, RFC 9110 §5.1), or undefined when the request lacks it. */
export function headerValue(headers: { readonly [name: string]: string }, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : headers[key];
}

/**
 * The first value of query parameter `name` (names are case-sensitive: the conformance case `?ANIMAL=Whale`
 * does not match a rule on `animal`, kubernetes-sigs/gateway-api conformance/tests/httproute-query-param-matching).
 * Values are percent-decoded before comparison (inference: Envoy decodes query parameters for route matching).
 */
export function queryValue(query: string, name: string): string | undefined {
  for (const pair of query.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (decode(key) === name) return decode(eq === -1 ? "" : pair.slice(eq + 1));
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const UNRESERVED = /%([0-9A-Fa-f]{2})/g;

/**
 * The path Envoy routes on (and forwards) after Istio's default path normalization. Istio's mesh default
 * (`pathNormalization: DEFAULT`, same as `BASE`) turns on the HTTP connection manager's `normalize_path`
 * (istio/istio pilot/pkg/networking/core: `NormalizePath = true` for BASE/DEFAULT), which per RFC 3986 §6.2.2
 * decodes percent-encoded unreserved characters, turns `\` into `/` and removes dot segments (§5.2.4); `//` is
 * kept (`merge_slashes` stays off) and `%2F` is not decoded. The expected values in test/routing/request.test.ts
 * are Istio's own for BASE (istio/istio tests/integration/security: path normalization table).
 */
export function normalizedPath(path: string): string {
  const noFragment = path.split("#")[0];
  const decoded = noFragment.replace(UNRESERVED, (whole, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : whole;
  });
  return removeDotSegments(decoded.replace(/\\/g, "/"));
}

/** RFC 3986 §5.2.4 on an absolute path, segment by segment. */
function removeDotSegments(path: string): string {
  const input = path.split("/").slice(1);
  const output: string[] = [];
  input.forEach((segment, i) => {
    const last = i === input.length - 1;
    if (segment === ".") {
      if (last) output.push("");
    } else if (segment === "..") {
      output.pop();
      if (last) output.push("");
    } else {
      output.push(segment);
    }
  });
  return "/" + output.join("/");
}
