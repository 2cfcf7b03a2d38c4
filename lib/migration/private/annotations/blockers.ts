/** Annotations with no equivalent that changes behaviour people rely on: each is a blocker with a way forward. */
import { MigrationVerdict as V } from "../../finding";
import { isTrue, note, withhold } from "../settings";
import { AnnotationHandler, HandlerTable } from "./handler";

const AUTH =
  "Gateway API standard has no external or basic authentication, and app-routing Istio offers none (Azure/AKS#5852): " +
  "authenticate in the application, or put an auth proxy (oauth2-proxy) as the route's backend in front of it.";
const CLIENT_TLS =
  "client certificates end at the Application Gateway, which terminates TLS: configure mutual TLS on its listener (an SSL profile), which this library does not build yet.";
const SNIPPET =
  "raw nginx configuration has no Gateway API equivalent: translate each directive by hand (headers to header filters, returns to redirects), or move the logic into the application.";
const AFFINITY =
  "cookie session affinity needs Gateway API session persistence, which is experimental and in no AKS bundle: make the application stateless (sessions in a shared store such as Redis).";
const PASSTHROUGH =
  "the Application Gateway terminates TLS, so there is no TLS to pass through; a passthrough service needs its own TCP entry point (TLSRoute is v1.5.1 and unsupported on app-routing Istio before Istio 1.30).";
const HASH = "consistent hashing needs an Istio DestinationRule, which app-routing Istio does not accept: make the application stateless.";

const blocker = (reason: string): AnnotationHandler => (_value, ctx, suffix) => note(ctx, suffix, V.UNSUPPORTED, reason);
/** A blocker without which the Ingress must not be exposed: its routes are withheld. */
const guard = (reason: string): AnnotationHandler => (_value, ctx, suffix) => withhold(ctx, suffix, reason);

export const BLOCKER_HANDLERS: HandlerTable = {
  "configuration-snippet": guard(SNIPPET),
  "server-snippet": guard(SNIPPET),
  "stream-snippet": guard(SNIPPET),
  "modsecurity-snippet": guard("ModSecurity rules become WAF custom rules by hand (WafPolicy customRules); the WAF does not read ModSecurity syntax."),
  "ssl-passthrough": (value, ctx, suffix) =>
    isTrue(value) ? withhold(ctx, suffix, PASSTHROUGH) : note(ctx, suffix, V.CONVERTED, "off; nothing to convert."),
  "auth-type": guard(AUTH),
  "auth-url": guard(AUTH),
  "enable-global-auth": (value, ctx, suffix) =>
    isTrue(value) ? note(ctx, suffix, V.CONVERTED, "no global auth is configured on the new gateway; nothing to opt out of.") : note(ctx, suffix, V.CONVERTED, "opting out of global auth: the new gateway has none."),
  affinity: (value, ctx, suffix) =>
    value.trim() === "cookie" ? note(ctx, suffix, V.UNSUPPORTED, AFFINITY) : note(ctx, suffix, V.CONVERTED, "no affinity; nothing to convert."),
  "affinity-mode": blocker(AFFINITY),
  "affinity-canary-behavior": blocker(AFFINITY),
  "upstream-hash-by": blocker(HASH),
  satisfy: guard(AUTH),
};

/** Handlers for annotation families by prefix, tried when no exact suffix matches (longest prefix first). */
export const PREFIX_HANDLERS: ReadonlyArray<readonly [string, AnnotationHandler]> = [
  ["auth-tls-", guard(CLIENT_TLS)],
  ["auth-", guard(AUTH)],
  ["session-cookie-", blocker(AFFINITY)],
  ["upstream-hash-by-", blocker(HASH)],
  ["proxy-ssl-", guard("backend TLS settings need a BackendTLSPolicy (Gateway API v1.4.1, AKS Kubernetes 1.35+), which this library does not create; serve plain HTTP to the gateway.")],
  ["global-rate-limit", blocker("global rate limits become WAF rate-limit rules by hand (limit-rpm is converted); app-routing Istio has no rate limiting.")],
  ["opentelemetry-", (_v, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, "tracing is configured for the whole gateway (Istio telemetry), not per route.")],
  ["opentracing-", (_v, ctx, suffix) => note(ctx, suffix, V.APPROXIMATED, "tracing is configured for the whole gateway (Istio telemetry), not per route.")],
];
