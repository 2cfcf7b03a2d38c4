/** Annotations the Application Gateway and its WAF take over: body size, IP lists, rate limits, TLS settings. */
import { MigrationVerdict as V } from "../../finding";
import { IngressContext, note, withhold } from "../settings";
import { AnnotationHandler, HandlerTable } from "./handler";

const CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;

/** The IPv4 entries of a comma-separated list, and the rest (IPv6 or malformed). */
function cidrs(value: string): { v4: string[]; other: string[] } {
  const entries = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return { v4: entries.filter((e) => CIDR.test(e)), other: entries.filter((e) => !CIDR.test(e)) };
}

/** Bytes of an nginx size (`8m`, `512k`, `1g`, `1024`), or undefined. */
export function nginxSize(value: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(value.trim());
  if (!m) return undefined;
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Number(m[1]) * unit;
}

function sourceRange(kind: "allow" | "deny"): AnnotationHandler {
  return (value, ctx, suffix) => {
    const { v4, other } = cidrs(value);
    if (v4.length === 0) return withhold(ctx, suffix, `no IPv4 address or CIDR in ${JSON.stringify(value)}; the WAF rule needs at least one.`);
    if (other.length > 0 && kind === "deny") {
      return withhold(ctx, suffix, `${other.join(", ")} cannot be matched by the WAF rule (IPv4 only here); block them another way or remove them.`);
    }
    ctx.settings.edge.push({ kind, cidrs: v4, annotation: suffix });
    const what = kind === "allow" ? "blocks requests from addresses outside" : "blocks requests from";
    const dropped = other.length > 0 ? ` ${other.join(", ")} are dropped (IPv4 only), so those clients are blocked too.` : "";
    note(
      ctx,
      suffix,
      V.EDGE,
      `a WAF custom rule ${what} ${v4.join(", ")} on the Ingress's hostnames (every path of them, where nginx applied it to this Ingress's paths).${dropped}`,
    );
  };
}

function rateLimit(perMinute: (n: number) => number, unit: string): AnnotationHandler {
  return (value, ctx, suffix) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1) return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not a positive number; fix the annotation.`);
    const exempt = cidrs(ctx.annotations.get("limit-whitelist") ?? ctx.annotations.get("limit-allowlist") ?? "").v4;
    ctx.settings.edge.push({ kind: "rate", perMinute: perMinute(Number(value)), exempt, annotation: suffix });
    note(
      ctx,
      suffix,
      V.EDGE,
      `a WAF rate-limit rule blocks a client address over ${perMinute(Number(value))} requests per minute on the Ingress's hostnames ` +
        `(nginx allowed ${value} per ${unit} with bursts and answered 503; the WAF counts per minute and answers 403).`,
    );
  };
}

function bodySize(value: string, ctx: IngressContext, suffix: string): void {
  const bytes = nginxSize(value);
  if (bytes === undefined) return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not an nginx size such as 8m; fix the annotation.`);
  ctx.settings.edge.push({ kind: "body", bytes, annotation: suffix });
  note(
    ctx,
    suffix,
    V.EDGE,
    "the WAF policy's body limits, which apply to every hostname behind the gateway, not per host: bodies up to 2000 KB are inspected, larger ones are accepted only as multipart file uploads.",
  );
}

const AT_EDGE: { readonly [suffix: string]: string } = {
  "enable-modsecurity": "the Application Gateway WAF (Microsoft_DefaultRuleSet 2.1, Prevention) inspects every request.",
  "enable-owasp-core-rules": "the WAF's Default Rule Set includes the OWASP core rules.",
  "modsecurity-transaction-id": "the WAF logs carry their own transaction IDs.",
  "ssl-ciphers": "the Application Gateway listener's TLS policy (ApplicationGatewayTlsPolicy) chooses the ciphers for every hostname.",
  "ssl-prefer-server-ciphers": "the Application Gateway listener's TLS policy decides cipher order for every hostname.",
  "preserve-trailing-slash": "the edge's HTTP-to-HTTPS redirect keeps the path as it is.",
};

const atEdge: AnnotationHandler = (_value, ctx, suffix) => note(ctx, suffix, V.EDGE, AT_EDGE[suffix]);

export const EDGE_HANDLERS: HandlerTable = {
  ...Object.fromEntries(Object.keys(AT_EDGE).map((k) => [k, atEdge])),
  "proxy-body-size": bodySize,
  "whitelist-source-range": sourceRange("allow"),
  "allowlist-source-range": sourceRange("allow"),
  "denylist-source-range": sourceRange("deny"),
  "limit-rps": rateLimit((n) => n * 60, "second"),
  "limit-rpm": rateLimit((n) => n, "minute"),
  "limit-whitelist": (_v, ctx, suffix) => note(ctx, suffix, V.EDGE, "the listed addresses are exempt from the WAF rate-limit rules of this Ingress."),
  "limit-allowlist": (_v, ctx, suffix) => note(ctx, suffix, V.EDGE, "the listed addresses are exempt from the WAF rate-limit rules of this Ingress."),
  "limit-burst-multiplier": (_v, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, "the WAF counts requests per minute and has no burst allowance."),
  "limit-connections": (_v, ctx, suffix) =>
    note(ctx, suffix, V.UNSUPPORTED, "neither Gateway API, app-routing Istio (no local rate limiting) nor the WAF caps concurrent connections per client; use limit-rpm (a WAF rate-limit rule) instead."),
  "limit-rate": (_v, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, "responses are not throttled: there is no bandwidth limit per connection."),
  "limit-rate-after": (_v, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, "responses are not throttled: there is no bandwidth limit per connection."),
};
