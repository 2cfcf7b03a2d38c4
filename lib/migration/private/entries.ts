/**
 * The (host, path, backend) entries of an Ingress, with the findings of its rules, TLS sections and default
 * backend: rules without a host go to the `defaultHostnames` (or are refused), wildcard hosts carry over, named
 * ports are resolved through the Services of the input, and the root location of a host the Ingress created
 * (its defaultBackend, or its redirect) answers the paths no rule names, as in ingress-nginx.
 */
import { HttpBackend } from "../../tenancy/backend";
import { MigrationVerdict as V } from "../finding";
import { ConvertedPath, convertPath } from "./paths";
import { IngressContext, note } from "./settings";

/** One Ingress path on one host. */
export interface PathEntry extends ConvertedPath {
  readonly host: string;
  /** The path and pathType as written, to pair canaries with their main Ingress. */
  readonly key: string;
  /** The backend; undefined for the root location of a host whose only answer is the Ingress's redirect. */
  readonly backend?: HttpBackend;
  readonly at: string;
}

/** The Service port an Ingress backend names (a number, or a name found on a Service of the input). */
export function backendOf(ctx: IngressContext, backend: any, at: string): HttpBackend | undefined {
  const service = backend?.service;
  if (!service?.name) {
    note(ctx, at, V.UNSUPPORTED, "a resource backend (not a Service) has no Gateway API equivalent; route to a Service.");
    return undefined;
  }
  if (typeof service.port?.number === "number") return { serviceName: service.name, port: service.port.number };
  const named = service.port?.name;
  const ports: any[] = ctx.services.get(`${ctx.namespace}/${service.name}`)?.spec?.ports ?? [];
  const port = ports.find((p) => p?.name === named)?.port;
  if (typeof port === "number") return { serviceName: service.name, port };
  note(ctx, at, V.UNSUPPORTED, `Service port ${JSON.stringify(named)} of ${service.name} needs a number in Gateway API; pass the Service's YAML too, or use port.number.`);
  return undefined;
}

const HOSTLESS =
  "ingress-nginx answered a rule without a host for every Host that no Ingress names (its default server), the load balancer's " +
  "IP included";

/** The hosts a rule stands for: its host, or for a rule without one the default hostnames (noted), else none (refused). */
function hostsOf(ctx: IngressContext, rule: any, at: string): string[] {
  const host: string | undefined = rule?.host;
  if (!host) {
    if (ctx.defaultHosts.length === 0) {
      note(
        ctx,
        at,
        V.UNSUPPORTED,
        `${HOSTLESS}; on the shared Gateway a tenant route must name its hostnames. Pass the names clients use ` +
          `(--default-host NAME, defaultHostnames in the API), or add a host to the rule.`,
      );
      return [];
    }
    const named = ctx.defaultHosts.filter((h) => ctx.hosts.isNamed(h));
    if (named.length > 0) {
      note(ctx, at, V.UNSUPPORTED, `default host ${named.join(", ")} has Ingress rules of its own, where nginx never used the rules without a host; pass another name.`);
      return [];
    }
    note(ctx, at, V.APPROXIMATED, `${HOSTLESS}; the routes answer it on ${ctx.defaultHosts.join(", ")} only, and a request with any other Host gets 404 from the Gateway.`);
    return [...ctx.defaultHosts];
  }
  if (host.startsWith("*.")) note(ctx, at, V.CONVERTED, `wildcard host ${host}: Gateway API matches every name below ${host.slice(2)}, as nginx did.`);
  return [host.toLowerCase()];
}

/** A canary's path: matched to the main Ingress's paths as written (the main Ingress decides how they convert). */
export interface RawEntry {
  readonly host: string;
  readonly key: string;
  readonly backend: HttpBackend;
}

/** The paths of a canary Ingress, unconverted. */
export function collectRawEntries(ctx: IngressContext): RawEntry[] {
  const out: RawEntry[] = [];
  (ctx.ingress.spec?.rules ?? []).forEach((rule: any, i: number) => {
    const hosts = hostsOf(ctx, rule, `spec.rules[${i}]`);
    (rule?.http?.paths ?? []).forEach((p: any, j: number) => {
      const backend = hosts.length > 0 ? backendOf(ctx, p?.backend, `spec.rules[${i}].http.paths[${j}]`) : undefined;
      if (backend) hosts.forEach((host) => out.push({ host, key: `${p?.pathType ?? ""} ${p?.path ?? "/"}`, backend }));
    });
  });
  return out;
}

/** Every path of every rule, converted per host; what cannot be converted is noted and left out. */
export function collectEntries(ctx: IngressContext): PathEntry[] {
  const entries: PathEntry[] = [];
  (ctx.ingress.spec?.rules ?? []).forEach((rule: any, i: number) => {
    const hosts = hostsOf(ctx, rule, `spec.rules[${i}]`);
    (rule?.http?.paths ?? []).forEach((p: any, j: number) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const path: string = p?.path || "/";
      const backend = hosts.length > 0 ? backendOf(ctx, p?.backend, at) : undefined;
      for (const host of backend ? hosts : []) {
        const converted = convertPath(ctx, host, path, p?.pathType, at);
        if (converted) entries.push({ ...converted, host, key: `${p?.pathType ?? ""} ${path}`, backend, at });
      }
    });
  });
  return entries;
}

/**
 * The root location of each host this Ingress created (controller.go createServers): the Ingress's defaultBackend,
 * or its redirect, answers every path no rule of the host names. Without either it answers 404, as the Gateway does.
 */
export function rootEntries(ctx: IngressContext, entries: readonly PathEntry[]): PathEntry[] {
  const spec = ctx.ingress.spec?.defaultBackend;
  const at = "spec.defaultBackend";
  const rules: any[] = ctx.ingress.spec?.rules ?? [];
  // Every host the Ingress names, with or without paths (a rule with only a host still creates the server).
  const named = rules.flatMap((r) => (r?.host ? [String(r.host).toLowerCase()] : ctx.defaultHosts));
  const hosts = rules.length === 0 && spec ? hostsOf(ctx, {}, at) : [...new Set([...entries.map((e) => e.host), ...named])];
  const created = hosts.filter((h) => ctx.hosts.rootOf(h, ctx.key) !== undefined || (rules.length === 0 && ctx.defaultHosts.includes(h)));
  const backend = spec ? backendOf(ctx, spec, at) : undefined;
  if (spec && rules.length === 0 && hosts.length === 0) return [];
  if (spec && backend) {
    const others = hosts.filter((h) => !created.includes(h));
    const where = created.length > 0 ? `on ${created.join(", ")}` : "on no host";
    const also = others.length > 0 ? `; ${others.join(", ")} were created by older Ingresses, whose root ingress-nginx used (not this one)` : "";
    note(ctx, at, V.CONVERTED, `a "/" rule ${where} sends the paths no rule matches to it, as ingress-nginx's root location of the hosts this Ingress created${also}.`);
  }
  if (!backend && !ctx.settings.redirect) return [];
  return created.flatMap((host) => {
    const converted = convertPath(ctx, host, "/", "Prefix", at);
    return converted ? [{ ...converted, host, key: "root", backend, at }] : [];
  });
}

/** TLS sections: TLS ends at the Application Gateway, whose certificate must cover the hosts. */
export function noteTls(ctx: IngressContext, certificateHostnames: readonly string[] | undefined, covers: (owned: string, h: string) => boolean): void {
  (ctx.ingress.spec?.tls ?? []).forEach((tls: any, i: number) => {
    const hosts: string[] = tls?.hosts ?? [];
    const secret = tls?.secretName ? `Secret ${tls.secretName} is not used` : "no Secret is used";
    const redirect = ctx.settings.sslRedirectOff
      ? ""
      : " HTTP requests: ingress-nginx answered 308 to https://<host><path> (a trailing slash dropped); the Application Gateway " +
        "answers 301 to the same URL with the slash kept, once its listener has a certificate, and serves HTTP until then.";
    const hsts = " HTTPS responses get Strict-Transport-Security: max-age=15724800; includeSubDomains, as ingress-nginx's hsts defaults set.";
    if (certificateHostnames === undefined) {
      return note(ctx, `spec.tls[${i}]`, V.APPROXIMATED, `TLS ends at the Application Gateway: its listener certificate must cover ${hosts.join(", ") || "the hosts"}; ${secret}.${redirect}${hsts}`);
    }
    const missing = hosts.filter((h) => !certificateHostnames.some((c) => covers(c, h.toLowerCase())));
    if (missing.length > 0) {
      return note(ctx, `spec.tls[${i}]`, V.UNSUPPORTED, `the edge certificate (${certificateHostnames.join(", ")}) does not cover ${missing.join(", ")}: add them to the Key Vault certificate.`);
    }
    note(ctx, `spec.tls[${i}]`, V.APPROXIMATED, `TLS ends at the Application Gateway, whose certificate covers ${hosts.join(", ")}; ${secret}.${redirect}${hsts}`);
  });
}
