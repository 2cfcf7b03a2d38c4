/**
 * The (host, path, backend) entries of an Ingress, with the findings of its rules, TLS sections and default
 * backend: rules without a host are refused, wildcard hosts carry over, named ports are resolved through the
 * Services of the input.
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
  readonly backend: HttpBackend;
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

/** The hosts of the Ingress's rules, noting rules without a host (refused) and wildcard hosts. */
function hostOf(ctx: IngressContext, rule: any, at: string): string | undefined {
  const host: string | undefined = rule?.host;
  if (!host) {
    note(
      ctx,
      at,
      V.UNSUPPORTED,
      "a rule without host would serve every hostname on the shared Gateway; a tenant route must name its hostnames. Add a host to the rule.",
    );
    return undefined;
  }
  if (host.startsWith("*.")) note(ctx, at, V.CONVERTED, `wildcard host ${host}: Gateway API matches every name below ${host.slice(2)}, as nginx did.`);
  return host.toLowerCase();
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
    const host = hostOf(ctx, rule, `spec.rules[${i}]`);
    (rule?.http?.paths ?? []).forEach((p: any, j: number) => {
      const backend = host ? backendOf(ctx, p?.backend, `spec.rules[${i}].http.paths[${j}]`) : undefined;
      if (host && backend) out.push({ host, key: `${p?.pathType ?? ""} ${p?.path ?? "/"}`, backend });
    });
  });
  return out;
}

/** Every path of every rule with a host, converted; what cannot be converted is noted and left out. */
export function collectEntries(ctx: IngressContext): PathEntry[] {
  const entries: PathEntry[] = [];
  (ctx.ingress.spec?.rules ?? []).forEach((rule: any, i: number) => {
    const host = hostOf(ctx, rule, `spec.rules[${i}]`);
    if (!host) return;
    (rule.http?.paths ?? []).forEach((p: any, j: number) => {
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const path: string = p?.path ?? "/";
      const backend = backendOf(ctx, p?.backend, at);
      const converted = backend && convertPath(ctx, path, p?.pathType, at);
      if (backend && converted) entries.push({ ...converted, host, key: `${p?.pathType ?? ""} ${path}`, backend, at });
    });
  });
  return entries;
}

/** The default backend, as a `/` rule on hosts whose paths leave `/` open; refused on an Ingress without hosts. */
export function defaultBackendEntries(ctx: IngressContext, entries: readonly PathEntry[]): PathEntry[] {
  const spec = ctx.ingress.spec?.defaultBackend;
  if (!spec) return [];
  const at = "spec.defaultBackend";
  const hosts = [...new Set(entries.map((e) => e.host))];
  if (hosts.length === 0) {
    note(ctx, at, V.UNSUPPORTED, "a default backend without hosts would catch every hostname on the shared Gateway; add a rule with a host and path / instead.");
    return [];
  }
  const backend = backendOf(ctx, spec, at);
  if (!backend) return [];
  const open = hosts.filter((h) => !entries.some((e) => e.host === h && e.ownedPrefix === "/" && e.match.type !== "Exact"));
  note(ctx, at, V.CONVERTED, `a PathPrefix / rule on ${open.join(", ") || "no host (every host has a / rule)"} sends the paths no rule matches to it, as ingress-nginx does for the Ingress's hosts.`);
  return open.map((host) => ({ ...convertPath({ ...ctx, settings: { ...ctx.settings, regex: false } }, "/", "Prefix", at)!, host, key: "default", backend, at }));
}

/** TLS sections: TLS ends at the Application Gateway, whose certificate must cover the hosts. */
export function noteTls(ctx: IngressContext, certificateHostnames: readonly string[] | undefined, covers: (owned: string, h: string) => boolean): void {
  (ctx.ingress.spec?.tls ?? []).forEach((tls: any, i: number) => {
    const hosts: string[] = tls?.hosts ?? [];
    const secret = tls?.secretName ? `Secret ${tls.secretName} is not used` : "no Secret is used";
    if (certificateHostnames === undefined) {
      return note(ctx, `spec.tls[${i}]`, V.EDGE, `TLS ends at the Application Gateway: its listener certificate must cover ${hosts.join(", ") || "the hosts"}; ${secret}.`);
    }
    const missing = hosts.filter((h) => !certificateHostnames.some((c) => covers(c, h.toLowerCase())));
    if (missing.length > 0) {
      return note(ctx, `spec.tls[${i}]`, V.UNSUPPORTED, `the edge certificate (${certificateHostnames.join(", ")}) does not cover ${missing.join(", ")}: add them to the Key Vault certificate.`);
    }
    note(ctx, `spec.tls[${i}]`, V.EDGE, `TLS ends at the Application Gateway, whose certificate covers ${hosts.join(", ")}; ${secret}.`);
  });
}
