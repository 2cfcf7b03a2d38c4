/**
 * The per-Ingress state of a conversion: what the annotations asked for (settings the route builder applies) and
 * the finding of each annotation, which later steps may only make more severe.
 */
import { GatewayApiBundle } from "../../private/gateway-api/bundles";
import { CorsOptions, HeaderModifierOptions, RequestMirrorOptions } from "../../tenancy/route-filter";
import { MigrationFinding, MigrationVerdict, NGINX_ANNOTATION_PREFIX, VERDICT_SEVERITY } from "../finding";
import { KubeObject, namespaceOf, objectKey } from "./objects";
import { HostFacts } from "./host-facts";

/** A redirect the Ingress answers every request with. */
export interface RedirectSetting {
  readonly url: URL;
  readonly statusCode: number;
  /** The target ends in `$request_uri`: the request's path (and query) is kept. */
  readonly keepPath: boolean;
}

/** How a canary Ingress takes traffic from the main Ingress of the same host and path. */
export interface CanarySetting {
  readonly weight?: number;
  readonly weightTotal: number;
  readonly header?: string;
  readonly headerValue?: string;
}

/** A request the edge should enforce for the Ingress's hostnames. */
export type EdgeRequest =
  | { readonly kind: "allow" | "deny"; readonly cidrs: readonly string[]; readonly annotation: string }
  | { readonly kind: "rate"; readonly perMinute: number; readonly exempt: readonly string[]; readonly annotation: string }
  | { readonly kind: "body"; readonly bytes: number; readonly annotation: string };

/** What the annotations of one Ingress ask for. */
export interface IngressSettings {
  /** The Ingress itself asks for regular expressions (use-regex, or rewrite-target). */
  regex: boolean;
  rewriteTarget?: string;
  /** `ssl-redirect: "false"`: nginx served HTTP on the Ingress's TLS hosts. */
  sslRedirectOff: boolean;
  appRoot?: string;
  redirect?: RedirectSetting;
  fromToWww: boolean;
  cors?: CorsOptions;
  /** CORS as response headers, where the bundle has no CORS filter. */
  corsHeaders?: { readonly [name: string]: string };
  requestHeaders: HeaderModifierOptions & { set: { [name: string]: string } };
  responseHeaders: { [name: string]: string };
  hostRewrite?: string;
  requestTimeout?: string;
  grpc: boolean;
  mirror?: RequestMirrorOptions;
  canary?: CanarySetting;
  aliases: string[];
  edge: EdgeRequest[];
  /** Blockers that make the Ingress unsafe to expose without them: its routes are withheld. */
  withheld: string[];
}

/** Everything a handler may read about the Ingress and the input around it. */
export interface IngressContext {
  readonly ingress: KubeObject;
  /** `<namespace>/<name>`. */
  readonly key: string;
  readonly namespace: string;
  readonly bundle: GatewayApiBundle;
  /** Annotation values by suffix (`rewrite-target`), for `nginx.ingress.kubernetes.io/*` only. */
  readonly annotations: ReadonlyMap<string, string>;
  /** Services and ConfigMaps of the input, by `<namespace>/<name>`. */
  readonly services: ReadonlyMap<string, KubeObject>;
  readonly configMaps: ReadonlyMap<string, KubeObject>;
  readonly settings: IngressSettings;
  readonly findings: Map<string, MigrationFinding>;
  /** What ingress-nginx decided per host, over every Ingress converted (regex hosts, certificates, server creators). */
  readonly hosts: HostFacts;
  /** Hostnames that stand for ingress-nginx's catch-all server (rules without a host), from `defaultHostnames`. */
  readonly defaultHosts: readonly string[];
}

/** A fresh context for an Ingress. */
export function newContext(
  ingress: KubeObject,
  bundle: GatewayApiBundle,
  services: ReadonlyMap<string, KubeObject>,
  configMaps: ReadonlyMap<string, KubeObject>,
  hosts: HostFacts,
  defaultHosts: readonly string[] = [],
): IngressContext {
  const annotations = new Map<string, string>();
  for (const [k, v] of Object.entries(ingress.metadata?.annotations ?? {})) {
    if (k.startsWith(NGINX_ANNOTATION_PREFIX)) annotations.set(k.slice(NGINX_ANNOTATION_PREFIX.length), String(v));
  }
  return {
    ingress,
    key: objectKey(ingress),
    namespace: namespaceOf(ingress),
    bundle,
    annotations,
    services,
    configMaps,
    hosts,
    defaultHosts,
    findings: new Map(),
    settings: { regex: false, sslRedirectOff: false, fromToWww: false, requestHeaders: { set: {} }, responseHeaders: {}, grpc: false, aliases: [], edge: [], withheld: [] },
  };
}

/**
 * Records the finding for `annotation` (a suffix of an nginx annotation, or a spec part starting with `spec.`),
 * or makes an existing one more severe; a milder verdict never replaces a more severe one.
 */
export function note(ctx: IngressContext, annotation: string, verdict: MigrationVerdict, detail: string): void {
  const key = annotation.startsWith("spec.") ? annotation : NGINX_ANNOTATION_PREFIX + annotation;
  const existing = ctx.findings.get(key);
  if (existing && VERDICT_SEVERITY.indexOf(existing.verdict) > VERDICT_SEVERITY.indexOf(verdict)) return;
  if (existing && existing.verdict === verdict && existing.detail !== detail && verdict !== MigrationVerdict.CONVERTED) {
    if (!existing.detail.includes(detail)) ctx.findings.set(key, { ...existing, detail: `${existing.detail} ${detail}` });
    return;
  }
  ctx.findings.set(key, { ingress: ctx.key, annotation: key, verdict, detail });
}

/** Whether an annotation is set to "true" (ingress-nginx parses booleans leniently). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === "true";
}

/** What withheld routes add to a blocker's detail. */
export const WITHHELD = "The Ingress's routes are withheld until this is resolved, so nothing is exposed without it.";

/**
 * Records a blocker that makes the Ingress unsafe to expose as it is (authentication, access rules in snippets,
 * backend TLS): its routes are not emitted, so deploying the output never weakens what nginx enforced.
 */
export function withhold(ctx: IngressContext, annotation: string, reason: string): void {
  ctx.settings.withheld.push(annotation);
  note(ctx, annotation, MigrationVerdict.UNSUPPORTED, `${reason} ${WITHHELD}`);
}
