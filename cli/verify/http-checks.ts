import { Check } from "./check";
import { HttpClient, HttpRequest } from "./http-client";
import { PlatformOutputs, RouteCheck, WafMode } from "./outputs";

/**
 * Where HTTP checks send requests: base URLs (scheme, host, optional port) for plain and TLS traffic.
 * Normally the Application Gateway's public IP on ports 80 and 443; tests point both at 127.0.0.1.
 */
export interface Endpoint {
  readonly httpBaseUrl: string;
  readonly httpsBaseUrl: string;
}

/** `http://<ip>` and `https://<ip>` (IPv6 in brackets). */
export function publicEndpoint(publicIp: string): Endpoint {
  const host = publicIp.includes(":") ? `[${publicIp}]` : publicIp;
  return { httpBaseUrl: `http://${host}`, httpsBaseUrl: `https://${host}` };
}

/** Path the Application Gateway probes; the health route answers it. */
export const HEALTH_PATH = "/healthz/ready";
/** A classic SQL injection in a query string (`id=1' OR '1'='1`); DRS 2.1 scores it well above the block threshold. */
export const SQL_INJECTION_PATH = "/?id=1%27%20OR%20%271%27=%271";

export interface HttpCheckContext {
  readonly platform: PlatformOutputs;
  readonly http: HttpClient;
  readonly endpoint: Endpoint;
}

interface Expectation {
  readonly status: readonly number[];
  readonly bodyContains?: string;
  /** What the Location header must match, and how to say it. */
  readonly location?: { readonly pattern: RegExp; readonly description: string };
}

/**
 * The readiness path answers 200 through the whole chain (WAF, gateway, health route, responder), with the
 * probe's Host when the platform outputs one (re-encrypting, the gateway IP would fail the backend certificate check).
 */
export function healthzCheck(ctx: HttpCheckContext): Check {
  const request: HttpRequest = { url: mainUrl(ctx, HEALTH_PATH), host: ctx.platform.probeHost };
  return {
    name: "healthz-ready",
    attempt: () => expectResponse(ctx.http, request, { status: [200] }),
  };
}

/** One route the traffic stack declared: status and, if given, a body substring. */
export function routeCheck(ctx: HttpCheckContext, route: RouteCheck): Check {
  const request: HttpRequest = { url: mainUrl(ctx, route.path), host: route.host || undefined };
  return {
    name: `route ${route.name}`,
    attempt: () => expectResponse(ctx.http, request, { status: [route.expectStatus], bodyContains: route.expectBodyContains }),
  };
}

/** In Prevention mode the WAF answers a SQL injection with 403 before it reaches the cluster. */
export function wafCheck(ctx: HttpCheckContext): Check {
  return {
    name: "waf-blocks-sql-injection",
    skipReason:
      ctx.platform.wafMode === WafMode.DETECTION ? "waf_mode is Detection: the WAF logs attacks but does not block them" : undefined,
    attempt: () => expectResponse(ctx.http, { url: mainUrl(ctx, SQL_INJECTION_PATH) }, { status: [403] }),
  };
}

/** With HTTPS on, plain HTTP answers a permanent redirect to https://. */
export function httpsRedirectCheck(ctx: HttpCheckContext): Check {
  const location = { pattern: /^https:\/\//, description: "a Location starting with https://" };
  return {
    name: "http-redirects-to-https",
    skipReason: ctx.platform.httpsEnabled ? undefined : "https_enabled is false",
    attempt: () => expectResponse(ctx.http, { url: join(ctx.endpoint.httpBaseUrl, "/") }, { status: [301, 308], location }),
  };
}

/**
 * `http-redirects-to-https <hostname>`: with HTTPS on, `http://<public IP>/` sent with `Host: <hostname>`
 * answers 301 or 308 to `https://<hostname>/…` (the same host, default port), so the redirect keeps the tenant.
 */
export function hostRedirectCheck(ctx: HttpCheckContext, hostname: string): Check {
  const escaped = hostname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const location = { pattern: new RegExp(`^https://${escaped}(?::443)?(?:/|$)`, "i"), description: `a Location starting with https://${hostname}/` };
  return {
    name: `http-redirects-to-https ${hostname}`,
    skipReason: ctx.platform.httpsEnabled ? undefined : "https_enabled is false",
    attempt: () => expectResponse(ctx.http, { url: join(ctx.endpoint.httpBaseUrl, "/"), host: hostname }, { status: [301, 308], location }),
  };
}

/** With HTTPS on, the service checks go over TLS (plain HTTP only redirects). */
function mainUrl(ctx: HttpCheckContext, requestPath: string): string {
  return join(ctx.platform.httpsEnabled ? ctx.endpoint.httpsBaseUrl : ctx.endpoint.httpBaseUrl, requestPath);
}

function join(baseUrl: string, requestPath: string): string {
  return baseUrl.replace(/\/+$/, "") + requestPath;
}

async function expectResponse(http: HttpClient, request: HttpRequest, expected: Expectation): Promise<string | undefined> {
  const what = `GET ${request.url}${request.host ? ` (Host: ${request.host})` : ""}`;
  let response;
  try {
    response = await http.get(request);
  } catch (error) {
    return `${what}: ${(error as Error).message}`;
  }
  if (!expected.status.includes(response.status)) {
    const wanted = expected.status.join(" or ");
    return `${what} returned ${response.status}, expected ${wanted}; body: ${snippet(response.body)}`;
  }
  if (expected.bodyContains !== undefined && !response.body.includes(expected.bodyContains)) {
    return `${what} returned a body without ${JSON.stringify(expected.bodyContains)}; body: ${snippet(response.body)}`;
  }
  if (expected.location !== undefined) {
    const location = response.headers.location;
    if (typeof location !== "string" || !expected.location.pattern.test(location)) {
      return `${what} redirected to ${JSON.stringify(location ?? null)}, expected ${expected.location.description}`;
    }
  }
  return undefined;
}

function snippet(body: string, maxChars = 120): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > maxChars ? `${flat.slice(0, maxChars)}…` : flat);
}
