import { WafCustomRule } from "../edge/waf-custom-rule";
import { WafPolicyOptions } from "../edge/waf-policy";
import { gatewayApiBundleForKubernetes } from "../private/gateway-api/bundles";
import { hostnameCovers } from "../private/route-ownership";
import { GrpcRoute, GrpcRouteOptions } from "../tenancy/grpc-route";
import { HttpRoute, HttpRouteOptions } from "../tenancy/http-route";
import { Tenant, TenantProps } from "../tenancy/tenant";
import { MigrationFinding, MigrationVerdict } from "./finding";
import { readAnnotations } from "./private/annotations";
import { planEdge } from "./private/edge-plan";
import { collectEntries, collectRawEntries, noteTls, rootEntries } from "./private/entries";
import { HostFacts } from "./private/host-facts";
import { nginxConfig } from "./private/nginx/config";
import { KubeObject, flatten, isIngress, objectKey, readObjects } from "./private/objects";
import { selectByClass } from "./private/classes";
import { GuardrailRollout, TenantNamespace } from "../tenancy/tenant-namespace";
import { PlatformPolicy } from "../policy/platform-policy";
import { IngressRoutes, TenantPlan, tenantsOf } from "./private/plan";
import { Canary, rulesByHost } from "./private/rules";
import { IngressContext, newContext, note } from "./private/settings";

export { UnreadableInputError } from "./private/objects";

/** Options of an {@link IngressMigration}. */
export interface IngressMigrationOptions {
  /**
   * Tenant names by Ingress namespace.
   *
   * @default - each tenant is named after its namespace
   */
  readonly tenantNames?: { readonly [namespace: string]: string };
  /**
   * Kubernetes version of the target cluster (`1.34`, `1.36.2`): it decides the Gateway API bundle, and so which
   * features convert exactly (the CORS filter and 303/307/308 redirects need v1.5.1, AKS Kubernetes 1.36).
   *
   * @default - unknown: the oldest bundle AKS installs (v1.2.1, Kubernetes 1.26–1.33)
   */
  readonly kubernetesVersion?: string;
  /**
   * The Ingress classes to convert (those ingress-nginx serves); every Ingress of another class gets a `skipped`
   * finding naming its class. An Ingress without a class is converted, unless the input holds a default
   * IngressClass (`ingressclass.kubernetes.io/is-default-class: "true"`) that is not one of these.
   *
   * @default - IngressMigration.DEFAULT_INGRESS_CLASSES, plus every IngressClass of the input whose controller is
   * ingress-nginx (`k8s.io/ingress-nginx`, or the AKS app-routing add-on's `approuting.kubernetes.azure.com/...`)
   */
  readonly ingressClasses?: string[];
  /**
   * The hostnames clients use for the rules without a host. ingress-nginx answered such rules for every Host no
   * Ingress names (its default server); on the shared Gateway a route must name its hostnames, so the rules are
   * converted onto these names (a request with any other Host gets 404), or refused when none is given. None of
   * them may be the host of an Ingress rule.
   *
   * @default - rules without a host are refused (a blocker naming this option)
   */
  readonly defaultHostnames?: string[];
  /**
   * Whether the tenants create their namespaces, for a new cluster where the apps are deployed after the platform.
   * By default they adopt the Ingresses' namespaces (`TenantNamespace.adopt`), which exist already with the Services
   * the routes point to, `default` included: the tenants never create nor delete them.
   *
   * @default false
   */
  readonly createNamespaces?: boolean;
  /**
   * Hostnames the Application Gateway's listener certificate covers (wildcards allowed). When given, each `tls`
   * host must be covered, or its finding is a blocker.
   *
   * @default - not checked: each `tls` section's finding says which hosts the certificate must cover
   */
  readonly edgeCertificateHostnames?: string[];
}

/** What {@link IngressMigration.addTo} adds tenants to: a `TrafficStack`, or anything with the same method. */
export interface ITenantFactory {
  /** Adds a tenant attached to the shared Gateway. */
  addTenant(options: Omit<TenantProps, "gateway">): Tenant;
}

/** The kind of a migrated route. */
export enum MigratedRouteKind {
  /** An HTTPRoute, added with `tenant.addRoute`. */
  HTTP = "http",
  /** A GRPCRoute (backend-protocol GRPC), added with `tenant.addGrpcRoute`. */
  GRPC = "grpc",
}

/** An HTTPRoute or GRPCRoute the migration adds to a tenant. */
export interface MigratedRoute {
  /** HTTPRoute or GRPCRoute. */
  readonly kind: MigratedRouteKind;
  /** Construct id under the tenant's `Routes`. */
  readonly id: string;
  /** The Ingress it comes from, `<namespace>/<name>`. */
  readonly ingress: string;
  /** Options for `tenant.addRoute` (kind HTTP) or `tenant.addGrpcRoute` (kind GRPC). */
  readonly options: HttpRouteOptions | GrpcRouteOptions;
}

/** A tenant the migration adds: one per Ingress namespace. */
export interface MigratedTenant {
  /** Tenant name. */
  readonly name: string;
  /** The Ingress namespace, which becomes the tenant's namespace. */
  readonly namespace: string;
  /**
   * Whether the tenant adopts the namespace (it exists) rather than creating it; see `createNamespaces`. An adopted
   * namespace gets its network policy deferred (`GuardrailRollout.DEFER`, with AKSGW-4 suppressed and
   * {@link IngressMigration.DEFERRED_ISOLATION_REASON}): the tenant's policy admits only the shared Gateway, so
   * enforcing it before cut-over would cut ingress-nginx off the pods it still serves.
   */
  readonly adoptNamespace: boolean;
  /** Hostnames of its Ingresses (and their aliases and www twins). */
  readonly hostnames: readonly string[];
  /** The path prefixes its routes use (`/` where a rule covers everything). */
  readonly pathPrefixes: readonly string[];
  /** Its routes. */
  readonly routes: readonly MigratedRoute[];
}

/**
 * Ingress-NGINX objects converted into tenant routes on the shared Gateway, with a verdict for every
 * `nginx.ingress.kubernetes.io/*` annotation, `tls` section and refused rule.
 *
 * Reads `networking.k8s.io/v1` Ingresses (multi-document YAML, `List` kinds, Helm output) of the ingress-nginx
 * classes (Ingresses of other classes get a `skipped` finding), plus the IngressClasses, Services and ConfigMaps
 * beside them (to find the classes ingress-nginx serves, resolve named ports and `custom-headers`). Each namespace
 * becomes a tenant that adopts it (unless `createNamespaces`), owning its Ingresses' hosts and the path prefixes
 * their rules use; rules without a host go to `defaultHostnames`, or are refused. Paths, redirects and rewrites
 * answer requests as ingress-nginx did, decided host by host from a model of how the controller configures nginx;
 * where Gateway API cannot, the finding is `approximated` and names the requests that differ.
 * {@link IngressMigration.addTo} creates the tenants and routes with the library's constructs, so every ownership
 * and Gateway API check applies as for hand-written routes.
 */
export class IngressMigration {
  /** The classes converted unless `ingressClasses` says otherwise: ingress-nginx's and the AKS app-routing NGINX. */
  public static readonly DEFAULT_INGRESS_CLASSES: readonly string[] = ["nginx", "webapprouting.kubernetes.azure.com"];

  /**
   * Converts the objects of a YAML (or JSON) text.
   *
   * @throws UnreadableInputError when the text is not YAML or holds something other than Kubernetes objects
   */
  public static fromYaml(text: string, options: IngressMigrationOptions = {}, source = "input"): IngressMigration {
    return new IngressMigration(readObjects(text, source), options);
  }

  /** Converts Kubernetes objects already parsed (`List` kinds are flattened). */
  public static fromObjects(objects: readonly unknown[], options: IngressMigrationOptions = {}): IngressMigration {
    return new IngressMigration(objects.flatMap((o, i) => flatten(o, `object ${i + 1}`)), options);
  }

  /** The tenants to create, with their routes. */
  public readonly tenants: readonly MigratedTenant[];
  /** Every verdict, by Ingress in input order. */
  public readonly findings: readonly MigrationFinding[];
  /** Custom rules the WAF policy gets (IP lists and rate limits, scoped to the Ingresses' hostnames). */
  public readonly wafCustomRules: readonly WafCustomRule[];
  /**
   * The policy's largest request body, in KB: the largest `proxy-body-size` of all Ingresses, and at least
   * nginx's default of 1m (1024 KB), more than the WAF's default of 128 KB.
   *
   * @default - no Ingress was converted
   */
  public readonly maxRequestBodySizeKb?: number;
  /**
   * The policy's largest file upload, in MB, from `proxy-body-size` (at least the WAF's default, 100 MB).
   *
   * @default - no Ingress was converted
   */
  public readonly fileUploadLimitMb?: number;
  /** The Ingresses converted, as `<namespace>/<name>`, in input order. */
  public readonly ingresses: readonly string[];
  /**
   * Ingresses not converted because another controller serves their class (`<namespace>/<name> (class)`); each
   * also has a `skipped` finding.
   */
  public readonly skipped: readonly string[];
  /** The Ingress classes converted. */
  public readonly ingressClasses: readonly string[];
  /** The Gateway API bundle the conversion targeted. */
  public readonly gatewayApiVersion: string;

  private constructor(objects: readonly KubeObject[], options: IngressMigrationOptions) {
    const bundle = gatewayApiBundleForKubernetes(options.kubernetesVersion);
    this.gatewayApiVersion = bundle.version;
    const index = (kind: string) => new Map(objects.filter((o) => o.kind === kind).map((o) => [objectKey(o), o] as const));
    const selection = selectByClass(objects.filter(isIngress), objects, options.ingressClasses, IngressMigration.DEFAULT_INGRESS_CLASSES);
    this.ingressClasses = selection.classes;
    this.skipped = selection.skippedNames;
    const services = index("Service");
    const hosts = new HostFacts(nginxConfig(selection.converted, services), (options.defaultHostnames ?? []).map((h) => h.toLowerCase()));
    const defaultHosts = (options.defaultHostnames ?? []).map((h) => h.toLowerCase());
    const contexts = selection.converted.map((i) => newContext(i, bundle, services, index("ConfigMap"), hosts, defaultHosts));
    this.ingresses = contexts.map((c) => c.key);
    contexts.forEach(readAnnotations);
    const routes = convertAll(contexts, options.edgeCertificateHostnames);
    const edge = planEdge(routes.map((r) => ({ ctx: r.ctx, hostnames: [...new Set([...r.ruleHosts, ...r.ctx.settings.aliases])] })));
    this.wafCustomRules = edge.customRules;
    this.maxRequestBodySizeKb = edge.maxRequestBodySizeKb;
    this.fileUploadLimitMb = edge.fileUploadLimitMb;
    const adopt = !(options.createNamespaces ?? false);
    this.tenants = tenantsOf(routes, options.tenantNames ?? {}).map((plan) => migratedTenant(plan, adopt));
    this.findings = [...contexts.flatMap((c) => [...c.findings.values()]), ...selection.skipped];
  }

  /** Whether some finding is a blocker (`unsupported`). */
  public get hasBlockers(): boolean {
    return this.findings.some((f) => f.verdict === MigrationVerdict.UNSUPPORTED);
  }

  /**
   * The WAF settings to merge into the Application Gateway's `waf` options (PlatformStack `edge.waf`):
   * `customRules` and the body limits.
   */
  public wafOptions(): WafPolicyOptions {
    return {
      customRules: [...this.wafCustomRules],
      ...(this.maxRequestBodySizeKb !== undefined ? { maxRequestBodySizeKb: this.maxRequestBodySizeKb } : {}),
      ...(this.fileUploadLimitMb !== undefined ? { fileUploadLimitMb: this.fileUploadLimitMb } : {}),
    };
  }

  /**
   * Creates the tenants (`factory.addTenant`) and their routes. Ownership, hostname and Gateway API checks apply
   * as for any tenant and route, and fail with their usual messages.
   */
  public addTo(factory: ITenantFactory): Tenant[] {
    return this.tenants.map((plan) => {
      const tenant = IngressMigration.addTenant(factory, plan);
      plan.routes.forEach((route) => IngressMigration.addRoute(tenant, route));
      return tenant;
    });
  }

  /** Creates one migrated tenant, without its routes. */
  public static addTenant(factory: ITenantFactory, plan: MigratedTenant): Tenant {
    const namespace = plan.adoptNamespace ? TenantNamespace.adopt(plan.namespace, { networkPolicy: GuardrailRollout.DEFER }) : plan.namespace;
    const tenant = factory.addTenant({ name: plan.name, namespace, hostnames: [...plan.hostnames], pathPrefixes: [...plan.pathPrefixes] });
    if (plan.adoptNamespace) PlatformPolicy.suppress(tenant, "AKSGW-4", IngressMigration.DEFERRED_ISOLATION_REASON);
    return tenant;
  }

  /** Why a migrated tenant's network policy waits for the cut-over (the AKSGW-4 suppression reason). */
  public static readonly DEFERRED_ISOLATION_REASON =
    "ingress-nginx still serves this namespace until cut-over, and tenant-isolation admits only the shared Gateway: " +
    "enforce it (remove the DEFER) once NGINX is removed";

  /** Adds one migrated route to its tenant. */
  public static addRoute(tenant: Tenant, route: MigratedRoute): HttpRoute | GrpcRoute {
    return route.kind === MigratedRouteKind.GRPC
      ? tenant.addGrpcRoute(route.id, route.options as GrpcRouteOptions)
      : tenant.addRoute(route.id, route.options as HttpRouteOptions);
  }
}

function migratedTenant(plan: TenantPlan, adoptNamespace: boolean): MigratedTenant {
  return {
    name: plan.name,
    namespace: plan.namespace,
    adoptNamespace,
    hostnames: plan.hostnames,
    pathPrefixes: plan.pathPrefixes,
    routes: plan.routes.map((r) => ({
      kind: r.kind === "grpc" ? MigratedRouteKind.GRPC : MigratedRouteKind.HTTP,
      id: r.id,
      ingress: r.ingress,
      options: { name: r.name, hostnames: r.hostnames, rules: r.rules } as HttpRouteOptions | GrpcRouteOptions,
    })),
  };
}

/** Rules of every main Ingress, with canaries merged in; canaries without a main Ingress are noted. */
function convertAll(contexts: readonly IngressContext[], certificateHostnames: readonly string[] | undefined): IngressRoutes[] {
  const canaries: Canary[] = [];
  for (const ctx of contexts.filter((c) => c.settings.canary)) {
    canaries.push({ ctx, setting: ctx.settings.canary!, entries: collectRawEntries(ctx), matched: false });
  }
  const out: IngressRoutes[] = [];
  const mains = contexts.filter((c) => !c.settings.canary);
  const allHosts = new Set(mains.flatMap((c) => (c.ingress.spec?.rules ?? []).map((r: any) => String(r?.host ?? "").toLowerCase())));
  for (const ctx of mains) {
    noteTls(ctx, certificateHostnames, hostnameCovers);
    const entries = collectEntries(ctx);
    const all = [...entries, ...rootEntries(ctx, entries)];
    const sameNamespace = canaries.filter((c) => c.ctx.namespace === ctx.namespace);
    const hosts = rulesByHost(ctx, all, sameNamespace, allHosts);
    out.push({ ctx, hosts: ctx.settings.withheld.length > 0 ? [] : hosts, ruleHosts: new Set(all.map((e) => e.host)) });
  }
  for (const c of canaries.filter((x) => !x.matched)) {
    note(c.ctx, "canary", MigrationVerdict.UNSUPPORTED, "no main Ingress with the same host, path and pathType in this namespace is in the input; pass it too.");
  }
  return out;
}
