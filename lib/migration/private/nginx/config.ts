/**
 * The configuration ingress-nginx builds from Ingress objects, reduced to what decides how a request is answered:
 * servers by host, their locations in the order nginx tries them, and the per-location settings of the annotations.
 *
 * Sources (kubernetes/ingress-nginx, controller v1.x):
 * - internal/ingress/controller/controller.go `createServers`: the first Ingress (oldest first) naming a host
 *   creates its server with a root location `/` (pathType Prefix) to the Ingress's `spec.defaultBackend` or the
 *   controller's default backend (404), carrying that Ingress's annotations; rules without a host go to the catch-all
 *   server `_`; an Ingress with a defaultBackend and no rules sets the catch-all's root location; canaries create
 *   nothing. The first Ingress with a TLS host gives the server its certificate.
 * - same file, `getBackendServers`: a path is added once per (path, pathType), first Ingress wins, a `/` replaces the
 *   default root location; locations are sorted by path, longest first (ties: reverse byte order); canaries become
 *   alternative backends of the location with the same host, path and pathType.
 * - internal/ingress/controller/location.go `updateServerLocations`: a Prefix path without rewrite or use-regex
 *   becomes the prefix location `<path>/` plus the exact location `<path>`.
 * - internal/ingress/controller/template/template.go `enforceRegexModifier` and `buildLocation`: when any location
 *   of a server uses use-regex or a rewrite-target different from its path, every location of the server becomes
 *   `~* "^<path>"`; otherwise Exact is `= <path>` and the rest plain prefixes.
 */
import { KubeObject, namespaceOf, objectKey } from "../objects";

const ANNOTATION_PREFIX = "nginx.ingress.kubernetes.io/";
/** The catch-all server of rules without a host. */
export const CATCH_ALL = "_";

/** The settings of one Ingress's annotations that change how a request is answered. */
export interface LocationSettings {
  readonly ingress: string;
  readonly namespace: string;
  readonly useRegex: boolean;
  readonly rewriteTarget?: string;
  readonly appRoot?: string;
  readonly redirect?: { readonly url: string; readonly code: number };
  readonly fromToWww: boolean;
  readonly sslRedirect: boolean;
  readonly forceSslRedirect: boolean;
  readonly preserveTrailingSlash: boolean;
  readonly upstreamVhost?: string;
  readonly cors: boolean;
  readonly canary?: CanarySettings;
  readonly aliases: readonly string[];
}

/** How a canary Ingress takes traffic (annotations canary-*). */
export interface CanarySettings {
  readonly header?: string;
  readonly headerValue?: string;
  readonly cookie?: string;
  readonly weight: number;
  readonly weightTotal: number;
}

/** A Service port an Ingress backend names; undefined port when a named port could not be resolved. */
export interface ServiceBackend {
  readonly namespace: string;
  readonly service: string;
  readonly port: number | string;
}

/** One nginx location. */
export interface NginxLocation {
  /** The location path (after `updateServerLocations`). */
  readonly path: string;
  readonly pathType: "Exact" | "Prefix" | "ImplementationSpecific";
  /** The default backend (404) when undefined. */
  readonly backend?: ServiceBackend;
  readonly settings?: LocationSettings;
  /** Canaries merged into this location's backend. */
  readonly canaries: Array<{ readonly settings: LocationSettings; readonly backend: ServiceBackend }>;
  /** The root location a server starts with (`IsDefBackend`), which an Ingress path `/` replaces. */
  readonly isDefaultRoot?: boolean;
}

/** One nginx server (a host, or the catch-all). */
export interface NginxServer {
  readonly hostname: string;
  aliases: readonly string[];
  locations: NginxLocation[];
  /** Whether every location is a case-insensitive regex (use-regex or a rewrite on any location). */
  enforceRegex: boolean;
  /** Whether a certificate is configured for the host (some Ingress lists it under `tls`). */
  hasCertificate: boolean;
}

/** What ingress-nginx serves for a set of Ingresses. */
export interface NginxConfig {
  readonly servers: ReadonlyMap<string, NginxServer>;
  /** from-to-www redirect servers: twin host → host. */
  readonly wwwRedirects: ReadonlyMap<string, string>;
}

const isTrue = (v: string | undefined) => v !== undefined && v.trim().toLowerCase() === "true";

/** The annotations of an Ingress that the model reads, with ingress-nginx's defaults. */
export function settingsOf(ingress: KubeObject): LocationSettings {
  const a = (k: string): string | undefined => ingress.metadata?.annotations?.[ANNOTATION_PREFIX + k];
  const code = (k: string, fallback: number) => (/^30[0-8]$/.test((a(k) ?? "").trim()) ? Number(a(k)) : fallback);
  // redirect.go: temporal-redirect is read first and wins over permanent-redirect.
  const redirect = a("temporal-redirect")
    ? { url: a("temporal-redirect")!.trim(), code: code("temporal-redirect-code", 302) }
    : a("permanent-redirect")
      ? { url: a("permanent-redirect")!.trim(), code: code("permanent-redirect-code", 301) }
      : undefined;
  const canary = isTrue(a("canary"))
    ? {
        header: a("canary-by-header"),
        headerValue: a("canary-by-header-value"),
        cookie: a("canary-by-cookie"),
        weight: Number(a("canary-weight") ?? 0) || 0,
        weightTotal: Number(a("canary-weight-total") ?? 100) || 100,
      }
    : undefined;
  return {
    ingress: objectKey(ingress),
    namespace: namespaceOf(ingress),
    useRegex: isTrue(a("use-regex")),
    rewriteTarget: a("rewrite-target"),
    appRoot: a("app-root"),
    redirect,
    fromToWww: isTrue(a("from-to-www-redirect")),
    // annotations.md "Server-side HTTPS enforcement through redirect": on by default where TLS is configured.
    sslRedirect: (a("ssl-redirect") ?? "true").trim().toLowerCase() !== "false",
    forceSslRedirect: isTrue(a("force-ssl-redirect")),
    preserveTrailingSlash: isTrue(a("preserve-trailing-slash")),
    upstreamVhost: a("upstream-vhost"),
    cors: isTrue(a("enable-cors")),
    canary,
    aliases: (a("server-alias") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== ""),
  };
}

/** Whether the location rewrites (`needsRewrite`: a target different from its path). */
export function needsRewrite(location: NginxLocation): boolean {
  const target = location.settings?.rewriteTarget;
  return target !== undefined && target !== "" && target !== location.path;
}

/** Ingresses oldest first (ingress-nginx sorts by creation timestamp, then namespace/name); input order otherwise. */
function byAge(ingresses: readonly KubeObject[]): KubeObject[] {
  const stamp = (i: KubeObject) => String((i.metadata as { creationTimestamp?: string } | undefined)?.creationTimestamp ?? "");
  return ingresses
    .map((ingress, index) => ({ ingress, index }))
    .sort((x, y) => stamp(x.ingress).localeCompare(stamp(y.ingress)) || x.index - y.index)
    .map((x) => x.ingress);
}

function backendOf(ingress: KubeObject, backend: any, services: ReadonlyMap<string, KubeObject>): ServiceBackend | undefined {
  const service = backend?.service;
  if (!service?.name) return undefined;
  const namespace = namespaceOf(ingress);
  if (typeof service.port?.number === "number") return { namespace, service: service.name, port: service.port.number };
  const ports: any[] = services.get(`${namespace}/${service.name}`)?.spec?.ports ?? [];
  const port = ports.find((p) => p?.name === service.port?.name)?.port;
  return { namespace, service: service.name, port: typeof port === "number" ? port : String(service.port?.name ?? "") };
}

function pathTypeOf(p: any): NginxLocation["pathType"] {
  return p?.pathType === "Exact" || p?.pathType === "Prefix" ? p.pathType : "ImplementationSpecific";
}

const hostOf = (rule: any): string => (typeof rule?.host === "string" && rule.host !== "" ? rule.host.toLowerCase() : CATCH_ALL);

/** Servers with their root location, certificates and aliases (createServers). */
function createServers(ingresses: readonly KubeObject[], services: ReadonlyMap<string, KubeObject>): Map<string, NginxServer> {
  const servers = new Map<string, NginxServer>();
  const root = (backend?: ServiceBackend, settings?: LocationSettings): NginxLocation => ({
    path: "/",
    pathType: "Prefix",
    backend,
    settings,
    canaries: [],
    isDefaultRoot: true,
  });
  servers.set(CATCH_ALL, { hostname: CATCH_ALL, aliases: [], locations: [root()], enforceRegex: false, hasCertificate: false });
  for (const ingress of ingresses) {
    const settings = settingsOf(ingress);
    if (settings.canary) continue;
    const defaultBackend = backendOf(ingress, ingress.spec?.defaultBackend, services);
    const rules: any[] = ingress.spec?.rules ?? [];
    const catchAll = servers.get(CATCH_ALL)!;
    if (defaultBackend && rules.length === 0 && catchAll.locations[0].settings === undefined) {
      // The catch-all takes the backend, but not the Ingress's redirect and rewrite ("skip for now" in createServers).
      catchAll.locations[0] = {
        ...root(defaultBackend, { ...settings, redirect: undefined, rewriteTarget: undefined, useRegex: false, appRoot: undefined }),
        isDefaultRoot: false,
      };
    }
    for (const rule of rules) {
      const host = hostOf(rule);
      if (!servers.has(host)) servers.set(host, { hostname: host, aliases: [], locations: [root(defaultBackend, settings)], enforceRegex: false, hasCertificate: false });
      const server = servers.get(host)!;
      if (server.aliases.length === 0) server.aliases = settings.aliases;
      const tlsHosts = (ingress.spec?.tls ?? []).flatMap((t: any) => (t?.hosts ?? []).map((h: string) => String(h).toLowerCase()));
      if (tlsHosts.some((t: string) => t === host || (t.startsWith("*.") && host.endsWith(t.slice(1)) && host.length > t.length - 1))) server.hasCertificate = true;
    }
  }
  return servers;
}

/** Adds each path as a location, first Ingress wins (getBackendServers). */
function addLocations(servers: Map<string, NginxServer>, ingresses: readonly KubeObject[], services: ReadonlyMap<string, KubeObject>): void {
  for (const ingress of ingresses) {
    const settings = settingsOf(ingress);
    if (settings.canary) continue;
    for (const rule of ingress.spec?.rules ?? []) {
      const server = servers.get(hostOf(rule)) ?? servers.get(CATCH_ALL)!;
      for (const p of rule?.http?.paths ?? []) {
        const backend = backendOf(ingress, p?.backend, services);
        if (!backend) continue;
        const path = typeof p?.path === "string" && p.path !== "" ? p.path : "/";
        const pathType = pathTypeOf(p);
        const location: NginxLocation = { path, pathType, backend, settings, canaries: [] };
        // The root location a server starts with is replaced by a path "/" (of any type: both match every request).
        const root = path === "/" ? server.locations.findIndex((l) => l.isDefaultRoot) : -1;
        if (root >= 0) server.locations[root] = location;
        else if (!server.locations.some((l) => l.path === path && l.pathType === pathType)) server.locations.push(location);
      }
    }
  }
}

/** Canary Ingresses join the location with the same host, path and pathType as alternative backends. */
function mergeCanaries(servers: Map<string, NginxServer>, ingresses: readonly KubeObject[], services: ReadonlyMap<string, KubeObject>): void {
  for (const ingress of ingresses) {
    const settings = settingsOf(ingress);
    if (!settings.canary) continue;
    for (const rule of ingress.spec?.rules ?? []) {
      const server = servers.get(hostOf(rule));
      for (const p of rule?.http?.paths ?? []) {
        const backend = backendOf(ingress, p?.backend, services);
        const path = typeof p?.path === "string" && p.path !== "" ? p.path : "/";
        const target = server?.locations.find((l) => l.path === path && l.pathType === pathTypeOf(p) && l.backend !== undefined);
        if (target && backend) target.canaries.push({ settings, backend });
      }
    }
  }
}

/** Sorts locations longest path first and splits Prefix paths into `<path>/` and `= <path>`. */
function finishServer(server: NginxServer): void {
  const sorted = [...server.locations].sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
  sorted.sort((a, b) => b.path.length - a.path.length);
  const exact = new Set(sorted.filter((l) => l.pathType === "Exact").map((l) => l.path));
  const out: NginxLocation[] = [];
  for (const l of sorted) {
    if (l.path === "/" || l.pathType !== "Prefix" || needsRewrite(l) || l.settings?.useRegex) {
      out.push(l);
      continue;
    }
    const slashed = l.path.endsWith("/") ? l.path : `${l.path}/`;
    out.push({ ...l, path: slashed });
    if (!exact.has(l.path)) out.push({ ...l, pathType: "Exact" });
  }
  server.locations = out;
  server.enforceRegex = out.some((l) => needsRewrite(l) || l.settings?.useRegex === true);
}

/** The from-to-www twins of servers that ask for them, unless a server already answers the twin. */
function wwwRedirects(servers: ReadonlyMap<string, NginxServer>): Map<string, string> {
  const out = new Map<string, string>();
  for (const server of servers.values()) {
    if (server.hostname === CATCH_ALL || !server.locations.some((l) => l.settings?.fromToWww)) continue;
    const twin = server.hostname.startsWith("www.") ? server.hostname.slice(4) : `www.${server.hostname}`;
    if (!servers.has(twin)) out.set(twin, server.hostname);
  }
  return out;
}

/** The configuration ingress-nginx builds for `ingresses` (the ones it serves), with `services` for named ports. */
export function nginxConfig(ingresses: readonly KubeObject[], services: ReadonlyMap<string, KubeObject>): NginxConfig {
  const ordered = byAge(ingresses);
  const servers = createServers(ordered, services);
  addLocations(servers, ordered, services);
  mergeCanaries(servers, ordered, services);
  servers.forEach(finishServer);
  return { servers, wwwRedirects: wwwRedirects(servers) };
}
