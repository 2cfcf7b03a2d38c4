/** Annotations about the backend request: protocol, Host, headers, timeouts, mirroring, and what has no equivalent. */
import { MigrationVerdict as V } from "../../finding";
import { IngressContext, note, withhold } from "../settings";
import { AnnotationHandler, HandlerTable } from "./handler";

const BACKEND_TLS =
  "backend TLS needs a BackendTLSPolicy (Gateway API v1.4.1, AKS Kubernetes 1.35+), which this library does not create; " +
  "serve plain HTTP to the gateway (the ambient mode encrypts pod traffic with mTLS), or add the policy by hand.";

function backendProtocol(value: string, ctx: IngressContext, suffix: string): void {
  switch (value.trim().toUpperCase()) {
    case "HTTP":
      return note(ctx, suffix, V.CONVERTED, "HTTP is what Gateway API backends speak by default.");
    case "GRPC":
      ctx.settings.grpc = true;
      return note(
        ctx,
        suffix,
        V.APPROXIMATED,
        "a GRPCRoute instead of an HTTPRoute; Istio speaks HTTP/2 to the backend only when its Service port has appProtocol grpc (or a name starting with grpc), which nginx did not need.",
      );
    case "H2C":
    case "AUTO_HTTP":
      return note(ctx, suffix, V.APPROXIMATED, "the protocol follows the Service port's appProtocol (kubernetes.io/h2c for HTTP/2 without TLS), not the route.");
    case "HTTPS":
    case "GRPCS":
      return withhold(ctx, suffix, BACKEND_TLS);
    case "FCGI":
      return withhold(ctx, suffix, "Gateway API and Envoy do not speak FastCGI; put an HTTP server (nginx or caddy) in front of the FastCGI process in the pod.");
    default:
      return withhold(ctx, suffix, `${JSON.stringify(value)} is not a protocol ingress-nginx knows; fix the annotation.`);
  }
}

function literal(what: string, apply: (value: string, ctx: IngressContext) => string): AnnotationHandler {
  return (value, ctx, suffix) => {
    if (value.includes("$")) {
      return note(ctx, suffix, V.UNSUPPORTED, `${what} ${JSON.stringify(value)} uses nginx variables, which Gateway API cannot evaluate; use a fixed value.`);
    }
    note(ctx, suffix, V.CONVERTED, apply(value.trim(), ctx));
  };
}

function customHeaders(value: string, ctx: IngressContext, suffix: string): void {
  const key = value.includes("/") ? value.trim() : `${ctx.namespace}/${value.trim()}`;
  const configMap = ctx.configMaps.get(key);
  if (!configMap) {
    return note(ctx, suffix, V.UNSUPPORTED, `ConfigMap ${key} with the headers is not in the input; pass its YAML too so its headers can be converted.`);
  }
  Object.assign(ctx.settings.responseHeaders, configMap.data ?? {});
  note(ctx, suffix, V.CONVERTED, `a ResponseHeaderModifier sets the ${Object.keys(configMap.data ?? {}).length} headers of ConfigMap ${key}.`);
}

function readTimeout(value: string, ctx: IngressContext, suffix: string): void {
  if (!/^\d+$/.test(value.trim())) return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not a number of seconds; fix the annotation.`);
  ctx.settings.requestTimeout = `${Number(value)}s`;
  note(ctx, suffix, V.APPROXIMATED, `timeouts.request ${Number(value)}s limits the whole request, where nginx limited the time between two reads from the backend.`);
}

/** The Service a mirror URL names in the Ingress's namespace (`http://svc[.ns[.svc[.cluster.local]]][:port]…`). */
function mirrorTarget(value: string, ctx: IngressContext): { serviceName: string; port: number } | undefined {
  let url: URL;
  try {
    url = new URL(value.replace(/\$[a-z_]+/g, ""));
  } catch {
    return undefined;
  }
  const [name, ns, svc, ...rest] = url.hostname.split(".");
  const local = (ns === undefined || ns === ctx.namespace) && (svc === undefined || svc === "svc") && [0, 2].includes(rest.length);
  if (!local || (rest.length === 2 && rest.join(".") !== "cluster.local")) return undefined;
  return { serviceName: name, port: url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80 };
}

function mirror(value: string, ctx: IngressContext, suffix: string): void {
  const target = mirrorTarget(value, ctx);
  if (!target) {
    return note(ctx, suffix, V.UNSUPPORTED, `RequestMirror only copies to a Service in namespace ${ctx.namespace}, not ${JSON.stringify(value)}; mirror to such a Service.`);
  }
  ctx.settings.mirror = target;
  note(ctx, suffix, V.CONVERTED, `a RequestMirror filter copies every request to Service ${target.serviceName}:${target.port}.`);
}

/** Settings with no Gateway API equivalent, where the gateway's own behaviour takes over; one sentence each. */
const NO_EQUIVALENT: { readonly [suffix: string]: string } = {
  "proxy-connect-timeout": "Gateway API has no connect timeout; Istio's default (10 s) applies.",
  "proxy-send-timeout": "Gateway API has no send timeout; only timeouts.request (from proxy-read-timeout) limits a request.",
  "proxy-next-upstream": "Gateway API standard has no retry policy (retries are experimental); Istio's default retries apply.",
  "proxy-next-upstream-tries": "Gateway API standard has no retry policy (retries are experimental); Istio's default retries apply.",
  "proxy-next-upstream-timeout": "Gateway API standard has no retry policy (retries are experimental); Istio's default retries apply.",
  "proxy-buffering": "Envoy streams responses; its buffers are not configurable per route.",
  "proxy-buffer-size": "Envoy's buffers are not configurable per route.",
  "proxy-buffers-number": "Envoy's buffers are not configurable per route.",
  "proxy-busy-buffers-size": "Envoy's buffers are not configurable per route.",
  "proxy-request-buffering": "Envoy streams request bodies; buffering is not configurable per route.",
  "proxy-max-temp-file-size": "Envoy does not spool responses to disk.",
  "client-body-buffer-size": "Envoy's buffers are not configurable per route.",
  "proxy-http-version": "Envoy picks the upstream HTTP version from the Service port's appProtocol.",
  "proxy-redirect-from": "Envoy does not rewrite Location headers of backend responses; the backend must send the public URL.",
  "proxy-redirect-to": "Envoy does not rewrite Location headers of backend responses; the backend must send the public URL.",
  "proxy-cookie-domain": "Envoy does not rewrite Set-Cookie domains; the backend must set the public domain.",
  "proxy-cookie-path": "Envoy does not rewrite Set-Cookie paths; the backend must set the public path.",
  "connection-proxy-header": "Envoy manages the Connection header itself.",
  "service-upstream": "Istio balances over the Service's endpoints itself; there is no ClusterIP mode.",
  "load-balance": "Istio's default load balancing (least request) applies; it is not configurable per route.",
  "http2-push-preload": "HTTP/2 server push is not supported by Envoy (browsers dropped it too).",
  "enable-access-log": "access logs are configured for the whole gateway, not per route.",
  "enable-rewrite-log": "Envoy has no rewrite log; the access log shows the rewritten path.",
  "enable-opentelemetry": "tracing is configured for the whole gateway (Istio telemetry), not per route.",
  "enable-opentracing": "tracing is configured for the whole gateway (Istio telemetry), not per route.",
  "custom-http-errors": "backend error pages reach the client unchanged; Gateway API cannot intercept them.",
  "default-backend": "when the Service has no ready endpoints Istio answers 503 instead of using this backend.",
  "mirror-request-body": "Envoy mirrors request bodies; it cannot be turned off per route.",
  "mirror-host": "the mirrored request keeps the original Host header (with -shadow appended by Envoy).",
};

const noEquivalent: AnnotationHandler = (_value, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, NO_EQUIVALENT[suffix]);

export const BACKEND_HANDLERS: HandlerTable = {
  ...Object.fromEntries(Object.keys(NO_EQUIVALENT).map((k) => [k, noEquivalent])),
  "backend-protocol": backendProtocol,
  "upstream-vhost": literal("upstream-vhost", (value, ctx) => {
    ctx.settings.hostRewrite = value;
    return `a URLRewrite filter sends Host ${value} to the backend.`;
  }),
  // template.go buildProxyPass: the X-Forwarded-Prefix header is set only with a rewrite-target.
  "x-forwarded-prefix": (value, ctx, suffix) => {
    if (!ctx.annotations.has("rewrite-target")) return note(ctx, suffix, V.CONVERTED, "no effect without rewrite-target, as in ingress-nginx.");
    return literal("x-forwarded-prefix", (v, c) => {
      c.settings.requestHeaders.set["X-Forwarded-Prefix"] = v;
      return `a RequestHeaderModifier sets X-Forwarded-Prefix: ${v} on the rewritten requests.`;
    })(value, ctx, suffix);
  },
  "custom-headers": customHeaders,
  "proxy-read-timeout": readTimeout,
  "mirror-target": mirror,
  "mirror-uri": mirror,
  "server-alias": (value, ctx, suffix) => {
    ctx.settings.aliases.push(...value.split(",").map((s) => s.trim()).filter((s) => s !== ""));
    note(ctx, suffix, V.CONVERTED, "the aliases become hostnames of the routes (and of the tenant).");
  },
};
