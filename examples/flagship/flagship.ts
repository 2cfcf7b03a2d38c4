import { App } from "cdktf";
import { ApiServerAccess, ListenerCertificate, PathMatch, PlatformStack, StateBackend, TenantStack, TrafficStack } from "cdktf-aks-gateway";
import { DemoApp } from "../shared/demo-app";

/**
 * Settings of the flagship example. Everything has a default; none is a secret.
 */
export interface FlagshipConfig {
  /** Azure region. @default "swedencentral" */
  readonly location?: string;
  /**
   * Prefix of Azure names and of the stack names (`<prefix>-platform`, `<prefix>-traffic`, `<prefix>-tenant-app1`,
   * `<prefix>-tenant-app2`). @default "aksgw"
   */
  readonly namePrefix?: string;
  /** Hostname both tenants share, each owning its own path prefix. @default "apps.contoso.example" */
  readonly hostname?: string;
  /** VM size of both node pools. @default "Standard_D4ds_v5" */
  readonly nodeVmSize?: string;
  /**
   * IPv4 ranges allowed to reach the Kubernetes API server: the egress IPs of the machines that run kubectl and
   * `cdktf deploy` (the traffic and tenant stacks talk to the API server). The default is a documentation range
   * (RFC 5737) that reaches nothing: set your own before deploying.
   * @default ["203.0.113.0/24"]
   */
  readonly apiServerIpRanges?: string[];
  /**
   * HTTPS end to end with one Key Vault certificate: the Application Gateway terminates HTTPS with it (HTTP
   * redirects to HTTPS) and re-encrypts to the shared Gateway, whose `https` listener the AKS app-routing add-on
   * serves with the same certificate, synced from the vault.
   * @default - HTTP only
   */
  readonly tls?: {
    /** Key Vault secret ID of the certificate, unversioned so renewals are picked up. */
    readonly keyVaultSecretId: string;
    /** Resource ID of a user-assigned identity with "Key Vault Secrets User" on the vault (the Application Gateway's). */
    readonly identityId: string;
    /** Resource ID of the vault (Azure RBAC permission model); the Gateway's own identity is granted on it. */
    readonly keyVaultId: string;
    /**
     * DNS names the certificate covers. The Application Gateway probes `healthz.<hostname>`, so the certificate needs
     * the wildcard as well as the hostname.
     * @default - `[hostname, "*.<hostname>"]`
     */
    readonly dnsNames?: string[];
  };
  /**
   * Entra ID group object IDs that run each tenant (bound to `edit` and to the route role in its namespace),
   * by tenant name (`app1`, `app2`).
   * @default - No owners; the tenants' route Roles exist unbound
   */
  readonly tenantOwners?: { readonly [tenant: string]: string[] };
  /** Where Terraform state lives. @default StateBackend.local() */
  readonly backend?: StateBackend;
}

/** RFC 5737's TEST-NET-3: a range no real client has, so an unconfigured flagship's API server admits nobody. */
export const DOCUMENTATION_RANGES: readonly string[] = ["203.0.113.0/24"];

/** The stacks of the flagship: platform, traffic, and one stack per tenant. */
export interface Flagship {
  readonly platform: PlatformStack;
  readonly traffic: TrafficStack;
  /** `<prefix>-tenant-app1` and `<prefix>-tenant-app2`, by tenant name. */
  readonly tenants: { readonly [name: string]: TenantStack };
}

/**
 * The proof of concept, done right: two tenants (`app1`, `app2`), each in its own namespace with a web app
 * answering "Hello from App N" on `/appN`, behind one shared Gateway on a static internal IP, behind
 * Application Gateway WAF_v2 in Prevention mode; the health responder answers the probe on `/healthz`. With
 * `tls`, HTTPS end to end, tenants still routed by the client's Host.
 */
export function buildFlagship(app: App, config: FlagshipConfig = {}): Flagship {
  const prefix = config.namePrefix ?? "aksgw";
  const hostname = config.hostname ?? "apps.contoso.example";
  const pool = config.nodeVmSize ? { vmSize: config.nodeVmSize } : undefined;

  const platform = new PlatformStack(app, `${prefix}-platform`, {
    location: config.location,
    namePrefix: prefix,
    cluster: {
      systemPool: pool,
      userPool: pool,
      // Only these ranges reach the API server (PlatformPolicy AKSGW-11 refuses an API server open to the internet).
      apiServerAccess: ApiServerAccess.fromIpRanges(...(config.apiServerIpRanges ?? DOCUMENTATION_RANGES)),
    },
    edge: config.tls
      ? {
          tls: ListenerCertificate.fromKeyVault({
            secretId: config.tls.keyVaultSecretId,
            identity: { id: config.tls.identityId },
            dnsNames: config.tls.dnsNames ?? [hostname, `*.${hostname}`],
          }),
        }
      : undefined,
    // The same certificate on the Gateway, synced by the app-routing add-on; the edge re-encrypts to it.
    gatewayTls: config.tls ? { keyVaultId: config.tls.keyVaultId } : undefined,
    backend: config.backend,
  });

  const traffic = new TrafficStack(app, `${prefix}-traffic`, { platform, backend: config.backend });
  const tenants: { [name: string]: TenantStack } = {};
  for (const n of [1, 2]) {
    const name = `app${n}`;
    const owners = config.tenantOwners?.[name];
    // Each tenant in a stack of its own: adding or changing one plans only its stack.
    const stack = new TenantStack(app, `${prefix}-tenant-${name}`, { traffic, backend: config.backend });
    tenants[name] = stack;
    const tenant = stack.addTenant({
      name,
      hostnames: [hostname],
      pathPrefixes: [`/app${n}`],
      owners: owners && owners.length > 0 ? { groupObjectIds: owners } : undefined,
    });
    const web = new DemoApp(tenant, "Web", {
      namespace: tenant.namespaceName,
      name: "hello",
      image: "docker.io/hashicorp/http-echo:1.0",
      args: [`-text=Hello from App ${n}`, "-listen=:8080"],
      containerPort: 8080,
      servicePort: 80,
      dependsOn: [tenant.namespaceResource],
    });
    tenant.addRoute("Web", {
      rules: [{ matches: [{ path: PathMatch.prefix(`/app${n}`) }], backends: [{ serviceName: web.serviceName, port: web.servicePort }] }],
    });
    stack.addRouteCheck({ name: `app${n}`, host: hostname, path: `/app${n}`, expectBodyContains: `Hello from App ${n}` });
  }
  return { platform, traffic, tenants };
}

/** `AKSGW_API_SERVER_RANGES`, comma-separated; `undefined` (the documentation range) when unset or empty. */
export function apiServerRangesFromEnv(env: { readonly [name: string]: string | undefined }): string[] | undefined {
  const ranges = (env.AKSGW_API_SERVER_RANGES ?? "").split(",").map((r) => r.trim()).filter((r) => r !== "");
  return ranges.length > 0 ? ranges : undefined;
}

/** The HTTPS settings: all three or none, so a forgotten one fails here, not as a half-HTTPS platform. */
export function tlsSettingsFromEnv(env: { readonly [name: string]: string | undefined }): FlagshipConfig["tls"] {
  const names = ["AKSGW_TLS_SECRET_ID", "AKSGW_TLS_IDENTITY_ID", "AKSGW_TLS_KEY_VAULT_ID"];
  const set = names.filter((n) => (env[n] ?? "") !== "");
  if (set.length === 0) return undefined;
  if (set.length < names.length) {
    const missing = names.filter((n) => !set.includes(n));
    throw new Error(
      `HTTPS needs ${names.join(", ")}; ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing. Set ` +
        `${missing.length === 1 ? "it" : "them"} (see README, "Flagship settings"), or unset all three for HTTP only.`,
    );
  }
  const dnsNames = (env.AKSGW_TLS_DNS_NAMES ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
  return {
    keyVaultSecretId: env.AKSGW_TLS_SECRET_ID!,
    identityId: env.AKSGW_TLS_IDENTITY_ID!,
    keyVaultId: env.AKSGW_TLS_KEY_VAULT_ID!,
    dnsNames: dnsNames.length > 0 ? dnsNames : undefined,
  };
}
