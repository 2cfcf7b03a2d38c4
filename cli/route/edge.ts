/**
 * The edge step of `route`: what the Application Gateway (as synthesized, `azurerm_application_gateway`) does with
 * a client request: which listener and certificate take it, which rule, the WAF policy in force, an HTTP→HTTPS
 * redirect, or the backend settings that forward it to the Gateway's private IP, with which Host.
 */
import { defaultPort, HttpRequest, matchHost } from "../../lib/private/routing";
import type { StackResource } from "./app";

/** The Application Gateway's part of the answer. */
export interface EdgeAnswer {
  readonly applicationGateway: string;
  readonly listener?: {
    readonly name: string;
    readonly protocol: string;
    readonly port: number;
    /** Empty: a basic listener, any host. */
    readonly hostNames: readonly string[];
    readonly certificate?: { readonly name: string; readonly keyVaultSecretId?: string };
    readonly sslPolicy?: string;
  };
  readonly rule?: { readonly name: string; readonly priority?: number };
  readonly waf: {
    readonly policy: string;
    readonly mode: string;
    readonly enabled: boolean;
    readonly ruleSets: readonly string[];
    readonly customRules: readonly string[];
  } | null;
  /** Set when the edge answers itself: a redirect, or 404 when no listener takes the host. */
  readonly status?: number;
  readonly redirect?: string;
  /** Set when the connection fails at the edge (no listener on the port, or the wrong protocol). */
  readonly refused?: string;
  readonly backend?: {
    readonly pool: string;
    readonly addresses: readonly string[];
    readonly settings: string;
    readonly protocol: string;
    readonly port: number;
    /** The Host the Gateway sees. */
    readonly host: string;
  };
  readonly probe?: { readonly protocol: string; readonly host?: string; readonly path: string; readonly port?: number };
}

/** Azure's redirect types (application-gateway/redirect-overview.md): Permanent 301, Found 302, SeeOther 303, Temporary 307. */
const REDIRECT_STATUS: { readonly [type: string]: number } = { Permanent: 301, Found: 302, SeeOther: 303, Temporary: 307 };

const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** Whether a listener's host name (Application Gateway wildcards: `*` any characters, `?` one) takes `host`. */
export function listenerHostMatches(pattern: string, host: string): boolean {
  const regex = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(host);
}

function hostNamesOf(listener: any): string[] {
  const names = list(listener?.host_names).map(String);
  return names.length > 0 ? names : typeof listener?.host_name === "string" ? [listener.host_name] : [];
}

/**
 * What the Application Gateway does with `request`, and the request it forwards to the Gateway (undefined when the
 * edge answers itself). Rules are tried by priority, lowest first, each through its listener: a multi-site listener
 * takes its host names, a basic one every host (application-gateway/configuration-listeners.md, "Order of
 * processing listeners"); the listener's protocol must match the client's.
 */
export function evaluateEdge(
  agw: StackResource,
  policies: readonly StackResource[],
  request: HttpRequest,
  steps: string[]
): { edge: EdgeAnswer; forward?: HttpRequest } {
  const a = agw.value;
  const name = String(a?.name ?? agw.id);
  const port = request.port ?? defaultPort(request.scheme);
  const host = matchHost(request.host);
  const ports = new Map(list(a?.frontend_port).map((p) => [p?.name, Number(p?.port)]));
  const onPort = list(a?.http_listener).filter((l) => ports.get(l?.frontend_port_name) === port);
  const base = { applicationGateway: name, waf: null };
  if (onPort.length === 0) {
    const open = [...new Set(ports.values())].join(", ");
    return { edge: { ...base, refused: `Application Gateway ${name} has no listener on port ${port} (open: ${open}); the connection fails.` } };
  }
  const protocol = request.scheme === "https" ? "Https" : "Http";
  const rule = [...list(a?.request_routing_rule)]
    .sort((x, y) => Number(x?.priority ?? 0) - Number(y?.priority ?? 0))
    .find((r) => {
      const l = onPort.find((x) => x?.name === r?.http_listener_name);
      return l && l.protocol === protocol && (hostNamesOf(l).length === 0 || hostNamesOf(l).some((h) => listenerHostMatches(h, host)));
    });
  if (!rule) {
    if (!onPort.some((l) => l?.protocol === protocol)) {
      return {
        edge: {
          ...base,
          refused: `Application Gateway ${name}: port ${port} has no ${protocol} listener (it speaks ${onPort[0].protocol}); the connection fails.`,
        },
      };
    }
    steps.push(`Edge: no listener of Application Gateway ${name} on port ${port} takes host ${host}; it answers 404.`);
    return { edge: { ...base, status: 404 } };
  }
  const listener = onPort.find((l) => l.name === rule.http_listener_name);
  const edge = {
    ...base,
    listener: listenerOf(a, listener, port),
    rule: { name: String(rule.name), priority: rule.priority },
    waf: wafOf(agw, listener, policies),
    probe: probeOf(a),
  };
  steps.push(listenerStep(name, edge.listener, edge.rule));
  steps.push(wafStep(edge.waf));
  if (rule.redirect_configuration_name !== undefined)
    return { edge: { ...edge, ...redirectOf(a, rule.redirect_configuration_name, request, ports, steps) } };
  if (rule.url_path_map_name !== undefined)
    steps.push(`Edge: rule ${rule.name} is path-based (url_path_map ${rule.url_path_map_name}): not modelled; its default backend is assumed.`);
  return forwardOf(a, rule, edge, request, steps);
}

function listenerOf(a: any, listener: any, port: number): NonNullable<EdgeAnswer["listener"]> {
  const cert = list(a?.ssl_certificate).find((c) => c?.name === listener?.ssl_certificate_name);
  const profile = list(a?.ssl_profile).find((p) => p?.name === listener?.ssl_profile_name);
  const policy = profile?.ssl_policy ?? a?.ssl_policy;
  return {
    name: String(listener.name),
    protocol: String(listener.protocol),
    port,
    hostNames: hostNamesOf(listener),
    certificate: cert ? { name: String(cert.name), keyVaultSecretId: cert.key_vault_secret_id } : undefined,
    sslPolicy:
      listener.protocol === "Https"
        ? (policy?.policy_name ?? policy?.policy_type ?? "Azure's default") + (profile ? ` (ssl profile ${profile.name})` : "")
        : undefined,
  };
}

function listenerStep(name: string, l: NonNullable<EdgeAnswer["listener"]>, rule: { name: string; priority?: number }): string {
  const hosts = l.hostNames.length > 0 ? `host names ${l.hostNames.join(", ")}` : "any host";
  const tls = l.certificate
    ? `, certificate ${l.certificate.name}${l.certificate.keyVaultSecretId ? ` (${l.certificate.keyVaultSecretId})` : ""}, TLS policy ${l.sslPolicy}`
    : "";
  return `Edge: Application Gateway ${name}, listener ${l.name} (${l.protocol.toUpperCase()} :${l.port}, ${hosts}${tls}) -> rule ${rule.name}${
    rule.priority !== undefined ? ` (priority ${rule.priority})` : ""
  }.`;
}

/** The WAF policy in force for the listener: its own `firewall_policy_id`, else the gateway's. */
function wafOf(agw: StackResource, listener: any, policies: readonly StackResource[]): EdgeAnswer["waf"] {
  const ref = String(listener?.firewall_policy_id ?? agw.value?.firewall_policy_id ?? "");
  if (ref === "") return null;
  const policy = policies.find((p) => p.stack === agw.stack && ref.includes(`azurerm_web_application_firewall_policy.${p.id}.`));
  if (!policy) return { policy: ref, mode: "unknown (policy not in this app)", enabled: true, ruleSets: [], customRules: [] };
  const v = policy.value;
  return {
    policy: String(v?.name ?? policy.id),
    mode: String(v?.policy_settings?.mode ?? "Prevention"),
    enabled: v?.policy_settings?.enabled !== false,
    ruleSets: list(v?.managed_rules?.managed_rule_set).map((s) => `${s?.type ?? "OWASP"} ${s?.version}`),
    customRules: list(v?.custom_rules).map((r) => String(r?.name)),
  };
}

function wafStep(waf: EdgeAnswer["waf"]): string {
  if (!waf) return "Edge: no WAF policy: requests are not inspected.";
  const rules = `${waf.ruleSets.join(", ") || "no managed rule sets"}${
    waf.customRules.length > 0 ? `, custom rules ${waf.customRules.join(", ")}` : ""
  }`;
  const effect = !waf.enabled
    ? "disabled"
    : waf.mode === "Prevention"
    ? "blocks with 403 what its rules flag"
    : "logs what its rules flag without blocking";
  return `Edge: WAF policy ${waf.policy} in ${waf.mode} mode (${rules}) ${effect}; this tool does not evaluate WAF rules.`;
}

/** The Location of a redirect configuration: the target listener's scheme and port, the host, path and query if included. */
function redirectOf(a: any, configName: string, request: HttpRequest, ports: Map<any, number>, steps: string[]): Partial<EdgeAnswer> {
  const config = list(a?.redirect_configuration).find((c) => c?.name === configName) ?? {};
  const status = REDIRECT_STATUS[config.redirect_type] ?? 302;
  const tail = `${config.include_path === false ? "/" : request.path}${
    config.include_query_string === true && request.query ? `?${request.query}` : ""
  }`;
  let location: string;
  if (config.target_listener_name !== undefined) {
    const target = list(a?.http_listener).find((l) => l?.name === config.target_listener_name);
    const scheme = target?.protocol === "Https" ? "https" : "http";
    const port = ports.get(target?.frontend_port_name);
    location = `${scheme}://${matchHost(request.host)}${port !== undefined && port !== defaultPort(scheme) ? `:${port}` : ""}${tail}`;
  } else {
    location = `${String(config.target_url ?? "").replace(/\/$/, "")}${config.include_path === true ? tail : ""}`;
  }
  steps.push(`Edge: redirect configuration ${configName}: ${status} to ${location} (${config.redirect_type}); the request goes no further.`);
  return { status, redirect: location };
}

/** The request the Application Gateway sends to its backend pool, with the Host its backend settings choose. */
function forwardOf(a: any, rule: any, edge: EdgeAnswer, request: HttpRequest, steps: string[]): { edge: EdgeAnswer; forward?: HttpRequest } {
  const pool = list(a?.backend_address_pool).find((p) => p?.name === rule.backend_address_pool_name);
  const settings = list(a?.backend_http_settings).find((s) => s?.name === rule.backend_http_settings_name);
  const addresses = [...list(pool?.ip_addresses), ...list(pool?.fqdns)].map(String);
  const protocol = String(settings?.protocol ?? "Http");
  const port = Number(settings?.port ?? 80);
  const host =
    typeof settings?.host_name === "string"
      ? settings.host_name
      : settings?.pick_host_name_from_backend_address === true && addresses.length > 0
      ? addresses[0]
      : request.host;
  const hostFrom = host === request.host ? "the client's Host passed through" : `Host overridden to ${host}`;
  steps.push(
    `Edge: backend pool ${pool?.name} (${addresses.join(", ") || "no addresses"}) via settings ${settings?.name}: ${protocol.toUpperCase()}:${port}${
      protocol === "Https" ? " (re-encrypted)" : ""
    }, ${hostFrom}.`
  );
  const forward: HttpRequest = { ...request, scheme: protocol === "Https" ? "https" : "http", port, host };
  return { edge: { ...edge, backend: { pool: String(pool?.name), addresses, settings: String(settings?.name), protocol, port, host } }, forward };
}

function probeOf(a: any): EdgeAnswer["probe"] {
  const probe = list(a?.probe)[0];
  return probe ? { protocol: String(probe.protocol), host: probe.host, path: String(probe.path), port: probe.port } : undefined;
}
