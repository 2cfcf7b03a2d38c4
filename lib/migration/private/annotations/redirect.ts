/** Redirect annotations: permanent and temporal redirects, HTTPS redirects (edge) and from-to-www. */
import { MigrationVerdict as V } from "../../finding";
import { REDIRECT_CODE, firstBundleWith, httpRouteHas } from "../capabilities";
import { IngressContext, isTrue, note } from "../settings";
import { HandlerTable } from "./handler";
import { GatewayApiBundle } from "../../../private/gateway-api/bundles";

/** The status code Gateway API can send for `code` on `bundle`, and what differs when it is not `code`. */
export function gatewayRedirectCode(code: number, bundle: GatewayApiBundle): { code: number; differs?: string } {
  if (httpRouteHas(bundle, REDIRECT_CODE, code)) return { code };
  const fallback = [301, 308].includes(code) ? 301 : 302;
  const why = [303, 307, 308].includes(code)
    ? `${code} is only in Gateway API ${firstBundleWith(REDIRECT_CODE, code)}`
    : `Gateway API has no ${code} redirect`;
  return { code: fallback, differs: `${why}, so clients get ${fallback}${[307, 308].includes(code) ? " and may change POST to GET" : ""}` };
}

function redirect(kind: "permanent" | "temporal", defaultCode: number) {
  return (value: string, ctx: IngressContext, suffix: string) => {
    // redirect.go Parse: "If the Ingress contains both annotations the execution order is temporal and then permanent".
    if (kind === "permanent" && (ctx.annotations.get("temporal-redirect") ?? "").trim() !== "") {
      return note(ctx, suffix, V.CONVERTED, "no effect: temporal-redirect takes precedence, as in ingress-nginx.");
    }
    const keepPath = /^https?:\/\/[^/$?#]+\$request_uri$/.test(value.trim());
    if (value.includes("$") && !keepPath) {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} uses nginx variables other than a trailing $request_uri, which a Gateway API redirect cannot evaluate; use a fixed URL.`);
    }
    let url: URL;
    try {
      url = new URL(keepPath ? value.trim().replace(/\$request_uri$/, "") : value);
    } catch {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not an absolute URL; fix the annotation and convert again.`);
    }
    if (!["http:", "https:"].includes(url.protocol)) {
      return note(ctx, suffix, V.UNSUPPORTED, `scheme ${url.protocol} cannot be a Gateway API redirect target (http or https only).`);
    }
    const codeText = ctx.annotations.get(`${kind}-redirect-code`);
    const wanted = codeText !== undefined && /^30[0-8]$/.test(codeText.trim()) ? Number(codeText) : defaultCode;
    const { code, differs } = gatewayRedirectCode(wanted, ctx.bundle);
    ctx.settings.redirect = { url, statusCode: code, keepPath };
    const query = url.search ? "; the query string of the target is dropped (Gateway API redirects cannot set one)" : "";
    // nginx `return <code> <url>` sends the URL as written; Envoy keeps the request's query (strip_query false).
    const kept = keepPath ? "" : "; a request's query string is appended to the Location, where nginx sent the URL as written";
    const verdict = differs || query || kept ? V.APPROXIMATED : V.CONVERTED;
    const target = keepPath ? `${url.origin}, keeping the request's path and query` : `${url.origin}${url.pathname}`;
    note(ctx, suffix, verdict, `every rule answers with a RequestRedirect (${code}) to ${target}${differs ? `; ${differs}` : ""}${query}${kept}.`);
  };
}

function redirectCode(kind: "permanent" | "temporal") {
  return (value: string, ctx: IngressContext, suffix: string) => {
    if (!ctx.annotations.has(`${kind}-redirect`)) return note(ctx, suffix, V.CONVERTED, `no effect without ${kind}-redirect, as in ingress-nginx.`);
    if (kind === "permanent" && (ctx.annotations.get("temporal-redirect") ?? "").trim() !== "") {
      return note(ctx, suffix, V.CONVERTED, "no effect: temporal-redirect takes precedence, as in ingress-nginx.");
    }
    if (!/^30[0-8]$/.test(value.trim())) {
      return note(ctx, suffix, V.APPROXIMATED, `${JSON.stringify(value)} is not a 30x code; the default applies, as in ingress-nginx.`);
    }
    const { code, differs } = gatewayRedirectCode(Number(value), ctx.bundle);
    note(ctx, suffix, differs ? V.APPROXIMATED : V.CONVERTED, differs ? `${differs}.` : `RequestRedirect statusCode ${code}.`);
  };
}

// lua_ingress.lua redirect_to_https: http-redirect-code (308) to https://<host><request_uri>, a trailing slash dropped.
const HTTPS_AT_EDGE =
  "the Application Gateway's HTTPS listener redirects HTTP to HTTPS for every hostname when it has a certificate (ApplicationGateway tls), " +
  "with 301 where nginx sent 308 (clients may turn a POST into a GET) and keeping a trailing slash nginx dropped.";

function sslRedirect(value: string, ctx: IngressContext, suffix: string): void {
  const tls = (ctx.ingress.spec?.tls ?? []).length > 0;
  const on = suffix === "force-ssl-redirect" ? isTrue(value) : value.trim().toLowerCase() !== "false";
  if (on) return note(ctx, suffix, V.APPROXIMATED, HTTPS_AT_EDGE);
  if (suffix === "force-ssl-redirect") return note(ctx, suffix, V.CONVERTED, "off; nothing to convert.");
  ctx.settings.sslRedirectOff = true;
  const detail = tls
    ? "HTTP is not served for these hosts any more: the edge redirects every hostname to HTTPS once it has a certificate."
    : "off; the edge serves HTTP as long as it has no certificate, and redirects every hostname once it has one.";
  note(ctx, suffix, tls ? V.APPROXIMATED : V.CONVERTED, detail);
}

export const REDIRECT_HANDLERS: HandlerTable = {
  "permanent-redirect": redirect("permanent", 301),
  "permanent-redirect-code": redirectCode("permanent"),
  "temporal-redirect": redirect("temporal", 302),
  "temporal-redirect-code": redirectCode("temporal"),
  "ssl-redirect": sslRedirect,
  "force-ssl-redirect": sslRedirect,
  "from-to-www-redirect": (value, ctx, suffix) => {
    if (!isTrue(value)) return note(ctx, suffix, V.CONVERTED, "off; nothing to convert.");
    ctx.settings.fromToWww = true;
    const { code, differs } = gatewayRedirectCode(308, ctx.bundle);
    // nginx.tmpl "Build server redirects": every path of the twin, to <host><request_uri without a trailing slash>.
    const detail =
      `a route on the www/non-www twin of each host redirects (${code}) every path to the Ingress's host, keeping path and query; ` +
      `a path ending in "/" keeps it, where nginx dropped it (www.example.com/a/ went to example.com/a)`;
    note(ctx, suffix, V.APPROXIMATED, differs ? `${detail}; ${differs}.` : `${detail}.`);
  },
};
