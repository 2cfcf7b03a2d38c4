/** CORS annotations: the HTTPRoute CORS filter where the bundle has it, response headers where it does not. */
import { MigrationVerdict as V } from "../../finding";
import { CorsOptions } from "../../../tenancy/route-filter";
import { HttpMethod } from "../../../tenancy/route-match";
import { CORS_FILTER, firstBundleWith, httpRouteHas } from "../capabilities";
import { IngressContext, isTrue, note } from "../settings";
import { HandlerTable } from "./handler";

/** ingress-nginx defaults (annotations docs, "Enable CORS"). */
const DEFAULTS = {
  origin: "*",
  methods: "GET, PUT, POST, DELETE, PATCH, OPTIONS",
  headers: "DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization",
  credentials: "true",
  maxAge: "1728000",
};

const list = (text: string) => text.split(",").map((s) => s.trim()).filter((s) => s !== "");

/** The CORS settings the annotations ask for, with ingress-nginx's defaults. */
export function corsOptions(a: ReadonlyMap<string, string>): CorsOptions {
  const methods = list(a.get("cors-allow-methods") ?? DEFAULTS.methods).map((m) => m.toUpperCase());
  return {
    allowOrigins: list(a.get("cors-allow-origin") ?? DEFAULTS.origin),
    allowMethods: methods.filter((m): m is HttpMethod => (Object.values(HttpMethod) as string[]).includes(m)),
    allowHeaders: list(a.get("cors-allow-headers") ?? DEFAULTS.headers),
    exposeHeaders: list(a.get("cors-expose-headers") ?? ""),
    allowCredentials: isTrue(a.get("cors-allow-credentials") ?? DEFAULTS.credentials),
    maxAgeSeconds: Number(a.get("cors-max-age") ?? DEFAULTS.maxAge) || Number(DEFAULTS.maxAge),
  };
}

/** The CORS response headers for a single origin, for bundles without the CORS filter. */
function corsHeaders(cors: CorsOptions): { [name: string]: string } {
  const headers: { [name: string]: string } = {
    "Access-Control-Allow-Origin": cors.allowOrigins[0],
    "Access-Control-Allow-Methods": (cors.allowMethods ?? []).join(", "),
    "Access-Control-Allow-Headers": (cors.allowHeaders ?? []).join(", "),
    "Access-Control-Max-Age": String(cors.maxAgeSeconds),
  };
  if (cors.allowCredentials) headers["Access-Control-Allow-Credentials"] = "true";
  if ((cors.exposeHeaders ?? []).length > 0) headers["Access-Control-Expose-Headers"] = cors.exposeHeaders!.join(", ");
  return headers;
}

/** How CORS can be carried over on the cluster's bundle: the filter, response headers, or not at all. */
function corsMode(ctx: IngressContext): "filter" | "headers" | "none" {
  if (httpRouteHas(ctx.bundle, CORS_FILTER)) return "filter";
  const origins = corsOptions(ctx.annotations).allowOrigins;
  return origins.length === 1 && !origins[0].includes("*.") ? "headers" : "none";
}

function enableCors(value: string, ctx: IngressContext, suffix: string): void {
  if (!isTrue(value)) return note(ctx, suffix, V.CONVERTED, "off; nothing to convert.");
  const cors = corsOptions(ctx.annotations);
  const mode = corsMode(ctx);
  if (mode === "filter") {
    ctx.settings.cors = cors;
    // nginx.tmpl template "CORS": `if ($request_method = 'OPTIONS') { ... return 204; }` for any OPTIONS request.
    return note(
      ctx,
      suffix,
      V.APPROXIMATED,
      "a CORS filter on every rule answers preflights (OPTIONS with Origin and Access-Control-Request-Method) from the allowed origins " +
        "with 200, where nginx answered every OPTIONS request with 204 whatever its Origin; other OPTIONS requests now reach the backend.",
    );
  }
  const missing = `Gateway API ${ctx.bundle.version} has no CORS filter (first in ${firstBundleWith(CORS_FILTER)})`;
  if (mode === "none") {
    return note(ctx, suffix, V.UNSUPPORTED, `${missing}, and several origins need one: upgrade the cluster to Kubernetes 1.36, or answer CORS in the application.`);
  }
  ctx.settings.corsHeaders = corsHeaders(cors);
  note(ctx, suffix, V.APPROXIMATED, `${missing}: the CORS headers are set on every response, but preflight OPTIONS requests reach the backend, which must answer them.`);
}

function corsPart(_value: string, ctx: IngressContext, suffix: string): void {
  if (!isTrue(ctx.annotations.get("enable-cors"))) return note(ctx, suffix, V.CONVERTED, "no effect without enable-cors: \"true\", as in ingress-nginx.");
  if (suffix === "cors-allow-methods") {
    const unknown = list(ctx.annotations.get(suffix) ?? "").filter((m) => !(Object.values(HttpMethod) as string[]).includes(m.toUpperCase()));
    if (unknown.length > 0) return note(ctx, suffix, V.APPROXIMATED, `${unknown.join(", ")} dropped: not HTTP methods Gateway API names.`);
  }
  const mode = corsMode(ctx);
  if (mode === "filter") return note(ctx, suffix, V.CONVERTED, "part of the CORS filter.");
  if (mode === "headers") return note(ctx, suffix, V.APPROXIMATED, "part of the CORS response headers (see enable-cors).");
  note(ctx, suffix, V.UNSUPPORTED, "part of CORS, which cannot be carried over on this cluster (see enable-cors).");
}

export const CORS_HANDLERS: HandlerTable = {
  "enable-cors": enableCors,
  "cors-allow-origin": corsPart,
  "cors-allow-methods": corsPart,
  "cors-allow-headers": corsPart,
  "cors-expose-headers": corsPart,
  "cors-allow-credentials": corsPart,
  "cors-max-age": corsPart,
};
