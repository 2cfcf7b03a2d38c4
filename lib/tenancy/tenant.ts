import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { Annotations as NamespaceAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { ISharedGateway } from "../gateway/gateway-ref";
import { hostnameCovers, normalizePath, pathCovers } from "../private/route-ownership";
import { AppRegistry, Taken } from "../private/app-registry";
import { checkNamespaceFree, claimNamespace } from "../private/namespaces";
import { TenantChecks } from "./private/tenant-checks";
import { ValidationError, checkedId, show } from "../private/errors";
import { HttpRoute, HttpRouteOptions } from "./http-route";
import { GrpcRoute, GrpcRouteOptions } from "./grpc-route";
import { dnsLabelProblem, pathProblem } from "../private/validation";
import { TenantEgress } from "./tenant-egress";
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  OWNED_HOSTNAMES_ANNOTATION,
  OWNER_GROUPS_ANNOTATION,
  OWNED_PATH_PREFIXES_ANNOTATION,
} from "../core/tenant-metadata";
import { AdoptedNamespaceOptions, GuardrailRollout, TenantNamespace } from "./tenant-namespace";
import { NamespaceMetadata, adoptedNamespace, createdNamespace } from "./private/tenant-namespace-resources";
import { TenantOwners, TenantRole } from "./tenant-owners";
import { TenantLimits, TenantQuota } from "./tenant-quota";

/** Properties of a {@link Tenant}. */
export interface TenantProps {
  /** The shared Gateway the tenant's routes attach to. */
  readonly gateway: ISharedGateway;
  /** Name of the tenant: a DNS-1123 label (lower case, at most 63 characters), unique on the gateway. */
  readonly name: string;
  /**
   * The tenant's namespace, unique on the gateway: a name (a DNS-1123 label) or `TenantNamespace.create(name)` for
   * a namespace the tenant creates, and deletes with everything in it when its stack is destroyed; or
   * `TenantNamespace.adopt(name)` for a namespace that already runs workloads (`default` included), which the tenant
   * never creates nor deletes and whose guardrails can be phased in.
   *
   * @default - a namespace named after the tenant, created by it
   */
  readonly namespace?: string | TenantNamespace;
  /**
   * Hostnames the tenant owns on the gateway (RFC 1123, lower case; `*.example.com` owns every name below
   * `example.com`; no IP addresses). No other tenant may claim an overlapping hostname on the same path
   * prefixes, and the tenant's routes may only use these hostnames (checked at synth, and in the cluster
   * by the `HostnameAdmissionPolicy`).
   */
  readonly hostnames: string[];
  /**
   * Path prefixes the tenant owns on its hostnames. Tenants may share a hostname with disjoint prefixes.
   *
   * @default ["/"] - every path, except prefixes the platform reserves (such as `/healthz`)
   */
  readonly pathPrefixes?: string[];
  /**
   * Hard limits of the namespace (ResourceQuota); fields left out keep their default.
   *
   * @default Tenant.DEFAULT_QUOTA
   * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
   */
  readonly quota?: TenantQuota;
  /**
   * Container request and limit defaults of the namespace (LimitRange); fields left out keep their default.
   *
   * @default Tenant.DEFAULT_LIMITS
   * @see https://kubernetes.io/docs/concepts/policy/limit-range/
   */
  readonly limits?: TenantLimits;
  /**
   * Entra ID groups that run the tenant, bound in its namespace to a built-in ClusterRole and to a Role
   * over HTTPRoutes.
   *
   * @default - no RoleBindings; only cluster administrators can act in the namespace
   * @see https://learn.microsoft.com/azure/aks/azure-ad-rbac
   */
  readonly owners?: TenantOwners;
  /**
   * Where the tenant's pods may connect to.
   *
   * @default TenantEgress.restricted() - own namespace and cluster DNS only
   */
  readonly egress?: TenantEgress;
  /**
   * Extra labels on the namespace. The labels this library relies on (`app.kubernetes.io/managed-by`,
   * `cdktf-aks-gateway/tenant`, `istio.io/dataplane-mode`, `kubernetes.io/metadata.name`) cannot be set
   * here. Pod Security Admission labels (`pod-security.kubernetes.io/*`) override the default; an `enforce`
   * level below `baseline` fails synth (`PlatformPolicy` rule AKSGW-7) unless suppressed with a reason.
   *
   * @default - only the labels this library sets, including `pod-security.kubernetes.io/enforce: baseline`
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Opts the namespace into the Istio ambient data plane (`istio.io/dataplane-mode: ambient`), which
   * gives its pods mTLS through ztunnel. Only for the self-managed Istio (ambient) gateway mode. The
   * ingress NetworkPolicy then also admits kubelet probes, which ambient sends from `169.254.7.127`.
   *
   * @default false
   * @see https://istio.io/latest/docs/ambient/usage/networkpolicy/
   */
  readonly ambient?: boolean;
}

/** Source address of kubelet health probes to pods in the ambient mesh (Istio ambient docs). */
const AMBIENT_PROBE_CIDR = "169.254.7.127/32";
const METADATA_NAME_LABEL = "kubernetes.io/metadata.name";
/** Label the Gateway API implementation puts on the pods of a Gateway (Istio's gateway deployment template). */
const GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";

/**
 * A tenant of the shared Gateway: a namespace it owns, with a ResourceQuota, a LimitRange, a NetworkPolicy
 * (ingress only from the gateway's Envoy pods and its own namespace; egress restricted by default), an
 * HTTPRoute Role bound to its owners when given, and the (hostname, path prefix) space its HTTPRoutes may use.
 *
 * Children: `Resource` (the namespace it creates) or, for an adopted namespace, `NamespaceLabels`,
 * `PodSecurityLabels` and `NamespaceAnnotations`; `Quota`, `LimitRange`, `NetworkPolicy`, `RouteRole`,
 * `OwnersBinding` and `RouteRoleBinding` (with owners), and `Routes/<id>` for {@link Tenant.addRoute}. The
 * Kubernetes objects in the namespace are named `tenant-quota`, `tenant-limits`, `tenant-isolation`,
 * `tenant-httproutes` and `tenant-owners`.
 *
 * Destroying the tenant's stack (or removing the tenant) deletes a namespace it created, with every workload,
 * Secret and volume claim in it; for an adopted namespace ({@link TenantNamespace.adopt}) it removes only what the
 * tenant added, and the namespace and its workloads stay.
 */
export class Tenant extends Construct {
  /** Hard limits of a tenant namespace unless `quota` overrides them. */
  public static readonly DEFAULT_QUOTA: Required<TenantQuota> = {
    requestsCpu: "4",
    requestsMemory: "8Gi",
    limitsCpu: "8",
    limitsMemory: "16Gi",
    pods: 50,
    servicesLoadBalancers: 0,
    servicesNodePorts: 0,
  };

  /** Container defaults of a tenant namespace unless `limits` overrides them. */
  public static readonly DEFAULT_LIMITS: Required<TenantLimits> = {
    defaultRequestCpu: "100m",
    defaultRequestMemory: "128Mi",
    defaultLimitCpu: "500m",
    defaultLimitMemory: "512Mi",
  };

  /** Owners' ClusterRole unless `owners.role` says otherwise. */
  public static readonly DEFAULT_OWNER_ROLE = TenantRole.EDIT;

  /** Pod Security Admission level enforced on the namespace unless `labels` overrides it. */
  public static readonly DEFAULT_POD_SECURITY = "baseline";

  /** The gateway the tenant routes through. */
  public readonly gateway: ISharedGateway;
  /** The tenant name. */
  public readonly tenantName: string;
  /** The namespace name. */
  public readonly namespaceName: string;
  /** Hostnames the tenant owns. */
  public readonly hostnames: readonly string[];
  /** Normalised path prefixes the tenant owns on its hostnames. */
  public readonly pathPrefixes: readonly string[];
  /** The namespace, when the tenant creates it; `undefined` for an adopted namespace, which it never creates. */
  public readonly resource?: NamespaceV1;
  /** Whether the namespace existed and is adopted ({@link TenantNamespace.adopt}) rather than created. */
  public readonly adopted: boolean;
  /**
   * What makes the namespace ready for the tenant's objects: the namespace it creates, or the labels it puts on an
   * adopted one. Objects you add in the namespace should depend on it.
   */
  public readonly namespaceResource: NamespaceV1 | Labels;
  /** The `kubernetes_annotations` of an adopted namespace (owned hostnames and path prefixes, owner groups). */
  public readonly namespaceAnnotations?: NamespaceAnnotations;
  /** The ResourceQuota; `undefined` while an adopted namespace defers it (`quota: GuardrailRollout.DEFER`). */
  public readonly quota?: ResourceQuotaV1;
  /** The LimitRange; `undefined` while an adopted namespace defers the quota. */
  public readonly limitRange?: LimitRangeV1;
  /**
   * The NetworkPolicy: ingress deny-by-default, and egress when restricted; `undefined` while an adopted namespace
   * defers it (`networkPolicy: GuardrailRollout.DEFER`).
   */
  public readonly networkPolicy?: NetworkPolicyV1;
  /** The RoleBinding of the owners to their ClusterRole, if owners are given. */
  public readonly ownersBinding?: RoleBindingV1;

  private routes?: Construct;

  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, Tenant.preflight(scope, id, props));
    const spec = resolveSpec(props);
    this.check(spec, props);
    this.register(spec);
    this.gateway = spec.gateway;
    this.tenantName = spec.name;
    this.namespaceName = spec.namespace;
    this.hostnames = spec.hostnames;
    this.pathPrefixes = spec.pathPrefixes;

    this.adopted = spec.adopted;
    const metadata = namespaceMetadata(spec, props);
    if (spec.adopted) {
      const adopted = adoptedNamespace(this, metadata, spec.rollout.podSecurity);
      this.namespaceResource = adopted.labels;
      this.namespaceAnnotations = adopted.annotations;
      Annotations.of(this).addInfo(adoptionNotice(spec));
    } else {
      this.resource = createdNamespace(this, metadata);
      this.namespaceResource = this.resource;
    }
    const dependsOn = [this.namespaceResource];
    if (spec.rollout.quota === GuardrailRollout.ENFORCE) {
      this.quota = new ResourceQuotaV1(this, "Quota", {
        dependsOn,
        metadata: { name: "tenant-quota", namespace: spec.namespace, labels: MANAGED },
        spec: { hard: quotaHard(spec.quota) },
      });
      this.limitRange = new LimitRangeV1(this, "LimitRange", {
        dependsOn,
        metadata: { name: "tenant-limits", namespace: spec.namespace, labels: MANAGED },
        spec: { limit: [containerDefaults(spec.limits)] },
      });
    }
    if (spec.rollout.networkPolicy === GuardrailRollout.ENFORCE) {
      this.networkPolicy = new NetworkPolicyV1(this, "NetworkPolicy", {
        dependsOn,
        metadata: { name: "tenant-isolation", namespace: spec.namespace, labels: MANAGED },
        spec: isolationPolicy(spec),
      });
    }
    this.ownersBinding = this.createRbac(spec, props.owners);
  }

  /**
   * Checks what the constructs framework would otherwise refuse with its own message, before `super` gives it
   * the id: a missing gateway or name (JavaScript callers), an empty id, a tenant name the gateway already has,
   * an id already taken in `scope`.
   */
  private static preflight(scope: Construct, id: string, props: TenantProps): string {
    const name = props.name;
    const path = typeof id === "string" && id !== "" ? `${scope.node.path}/${id}` : scope.node.path;
    if (props.gateway === undefined || props.gateway === null) {
      throw new ValidationError(path, `tenant ${show(name)}: gateway is ${show(props.gateway)}. Pass the SharedGateway the tenant routes through.`);
    }
    if (typeof name !== "string") {
      throw new ValidationError(path, `tenant name ${show(name)} is not a string. Use a name such as "team-a".`);
    }
    if (!Token.isUnresolved(name)) {
      const holder = AppRegistry.of(props.gateway).holderOf(Taken.TENANT, props.gateway, name);
      if (holder) {
        throw new ValidationError(
          path,
          `tenant ${show(name)} already exists on gateway ${show(props.gateway.gatewayName)} (at ${holder}). ` +
            `Give each tenant a unique name.`,
        );
      }
      const problem = dnsLabelProblem(name);
      if (problem) throw new ValidationError(path, `tenant name ${show(name)} ${problem}. Use a name such as "team-a".`);
    }
    return checkedId(scope, id, `tenant ${show(name)}`);
  }

  private check(spec: TenantSpec, props: TenantProps): void {
    const checks = new TenantChecks(this);
    if (typeof spec.namespace !== "string") {
      throw new ValidationError(
        this,
        `tenant ${show(spec.name)}: namespace ${show(props.namespace instanceof TenantNamespace ? spec.namespace : props.namespace)} is not a ` +
          `namespace name. Use "shop", TenantNamespace.create("shop") or TenantNamespace.adopt("shop").`,
      );
    }
    checks.checkIdentity(spec.name, spec.namespace, spec.adopted);
    checks.checkRollout(spec.name, spec.rollout, props.labels ?? {});
    checks.checkSpace(spec.name, [...spec.hostnames], [...spec.pathPrefixes]);
    checks.checkQuota(spec.name, spec.quota, spec.limits);
    checks.checkOwners(spec.name, props.owners);
    checks.checkEgress(spec.name, spec.egress);
    checks.checkLabels(spec.name, props.labels ?? {});
    if (spec.namespace === spec.gateway.gatewayNamespace) {
      throw new ValidationError(
        this,
        `tenant ${show(spec.name)}: namespace ${show(spec.namespace)} is the gateway's namespace. Give the tenant its own namespace.`,
      );
    }
  }

  /** Claims the tenant's name, namespace and routing space; nothing is recorded if any claim fails. */
  private register(spec: TenantSpec): void {
    const { gateway, name, namespace } = spec;
    const registry = AppRegistry.of(gateway);
    checkNamespaceFree(this, gateway, namespace, `tenant ${show(name)}`);
    try {
      registry.ownership(gateway).claim(`tenant ${name}`, spec.hostnames, spec.pathPrefixes);
    } catch (e) {
      throw new ValidationError(this, `tenant ${show(name)}: ${(e as Error).message}`);
    }
    registry.take(Taken.TENANT, gateway, name, this);
    claimNamespace(this, gateway, namespace, `tenant ${show(name)}`);
    registry.addMember(Taken.TENANT, gateway, this);
  }

  /**
   * The route-management Role (always, so the platform team can bind groups to it later) and, with owners, their
   * bindings to it and to their ClusterRole.
   */
  private createRbac(spec: TenantSpec, owners: TenantOwners | undefined): RoleBindingV1 | undefined {
    const role = owners?.role ?? Tenant.DEFAULT_OWNER_ROLE;
    const routeRole = new RoleV1(this, "RouteRole", {
      dependsOn: [this.namespaceResource],
      metadata: { name: "tenant-httproutes", namespace: spec.namespace, labels: MANAGED },
      rule: [
        {
          apiGroups: ["gateway.networking.k8s.io"],
          // GRPCRoutes too: the Gateway admits them, and the hostname admission policy holds them to the tenant's space.
          resources: ["httproutes", "grpcroutes"],
          verbs: role === TenantRole.VIEW ? ["get", "list", "watch"] : ["get", "list", "watch", "create", "update", "patch", "delete"],
        },
      ],
    });
    if (!owners) return undefined;
    const subject = owners.groupObjectIds.map((groupId) => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: groupId }));
    const binding = new RoleBindingV1(this, "OwnersBinding", {
      dependsOn: [this.namespaceResource],
      metadata: { name: "tenant-owners", namespace: spec.namespace, labels: MANAGED },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
      subject,
    });
    new RoleBindingV1(this, "RouteRoleBinding", {
      dependsOn: [routeRole],
      metadata: { name: "tenant-httproutes", namespace: spec.namespace, labels: MANAGED },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "tenant-httproutes" },
      subject,
    });
    return binding;
  }

  /** Every tenant on `gateway`, in creation order, across every stack of the app (tenant stacks included). */
  public static allOn(gateway: ISharedGateway): readonly Tenant[] {
    return AppRegistry.of(gateway).membersOf<Tenant>(Taken.TENANT, gateway);
  }

  /** Whether `hostname` is one of the tenant's hostnames or lies below one of its wildcards. */
  public ownsHostname(hostname: string): boolean {
    return this.hostnames.some((owned) => hostnameCovers(owned, hostname));
  }

  /** Whether a request to `hostname` and `path` falls in the (hostname, path prefix) space the tenant owns. */
  public ownsPath(hostname: string, path: string): boolean {
    return this.ownsHostname(hostname) && this.pathPrefixes.some((prefix) => pathCovers(prefix, path));
  }

  /**
   * Adds an HTTPRoute in the tenant's namespace, attached to every listener of the gateway. Its construct
   * id is `Routes/<id>`; its Kubernetes name defaults to the id in kebab case.
   */
  public addRoute(id: string, options: HttpRouteOptions): HttpRoute {
    this.routes ??= new Construct(this, "Routes");
    return new HttpRoute(this.routes, id, { ...options, tenant: this });
  }

  /**
   * Adds a GRPCRoute in the tenant's namespace, attached to every listener of the gateway, with the same
   * hostname and path ownership checks as {@link Tenant.addRoute}. Its construct id is `Routes/<id>` (shared
   * with HTTPRoutes, so ids stay unique); its Kubernetes name defaults to the id in kebab case.
   */
  public addGrpcRoute(id: string, options: GrpcRouteOptions): GrpcRoute {
    this.routes ??= new Construct(this, "Routes");
    return new GrpcRoute(this.routes, id, { ...options, tenant: this });
  }
}

/** A tenant's props with every default applied. */
interface TenantSpec {
  readonly gateway: ISharedGateway;
  readonly name: string;
  readonly namespace: string;
  readonly hostnames: readonly string[];
  readonly pathPrefixes: readonly string[];
  readonly quota: Required<TenantQuota>;
  readonly limits: Required<TenantLimits>;
  readonly egress: TenantEgress;
  readonly ambient: boolean;
  readonly adopted: boolean;
  readonly rollout: Required<AdoptedNamespaceOptions>;
}


/** Labels of every object a tenant creates in its namespace. */
const MANAGED = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

function resolveSpec(props: TenantProps): TenantSpec {
  const ns = props.namespace instanceof TenantNamespace ? props.namespace : TenantNamespace.create(props.namespace);
  return {
    gateway: props.gateway,
    name: props.name,
    // An adopted namespace is named by the caller; only a created one defaults to the tenant name.
    namespace: (ns.adopted ? ns.name : ns.name ?? props.name) as string,
    adopted: ns.adopted,
    rollout: {
      podSecurity: ns.rollout.podSecurity ?? GuardrailRollout.ENFORCE,
      networkPolicy: ns.rollout.networkPolicy ?? GuardrailRollout.ENFORCE,
      quota: ns.rollout.quota ?? GuardrailRollout.ENFORCE,
    },
    hostnames: [...new Set(props.hostnames ?? [])],
    pathPrefixes: [...new Set((props.pathPrefixes ?? ["/"]).map((p) => (pathProblem(p) ? p : normalizePath(p))))],
    quota: { ...Tenant.DEFAULT_QUOTA, ...definedOnly(props.quota) },
    limits: { ...Tenant.DEFAULT_LIMITS, ...definedOnly(props.limits) },
    egress: props.egress ?? TenantEgress.restricted(),
    ambient: props.ambient ?? false,
  };
}

/** The labels and annotations the tenant's namespace carries. */
function namespaceMetadata(spec: TenantSpec, props: TenantProps): NamespaceMetadata {
  return {
    name: spec.namespace,
    tenant: spec.name,
    labels: props.labels ?? {},
    admissionLabels: spec.gateway.admissionLabels,
    ambient: spec.ambient,
    defaultPodSecurity: Tenant.DEFAULT_POD_SECURITY,
    annotations: {
      [OWNED_HOSTNAMES_ANNOTATION]: spec.hostnames.join(","),
      [OWNED_PATH_PREFIXES_ANNOTATION]: spec.pathPrefixes.join(","),
      ...(props.owners ? { [OWNER_GROUPS_ANNOTATION]: props.owners.groupObjectIds.join(",") } : {}),
    },
  };
}

/** What adopting the namespace changes for the workloads already in it, printed at synth. */
function adoptionNotice(spec: TenantSpec): string {
  const { podSecurity, networkPolicy, quota } = spec.rollout;
  const isolation = spec.egress.isRestricted
    ? "connections from other namespaces to its pods, and from its pods to anything but the namespace, cluster DNS and allowed CIDRs, stop"
    : "connections from other namespaces to its pods stop (egress stays open)";
  const parts = [
    networkPolicy === GuardrailRollout.ENFORCE ? `network policy tenant-isolation enforced: ${isolation}` : "network policy deferred (AKSGW-4)",
    quota === GuardrailRollout.ENFORCE
      ? "quota tenant-quota and limits tenant-limits enforced: running pods stay, but while use exceeds the quota new pods and scale-ups are refused"
      : "quota and limits deferred (AKSGW-4)",
    podSecurity === GuardrailRollout.ENFORCE
      ? "Pod Security enforced: new pods breaking the level are refused (running ones stay); an existing different level fails the apply with a field manager conflict"
      : podSecurity === GuardrailRollout.AUDIT
        ? "Pod Security in warn and audit only (AKSGW-7)"
        : "Pod Security deferred (AKSGW-7)",
  ];
  return (
    `tenant ${spec.name} adopts existing namespace ${spec.namespace}: it never creates or deletes it, and destroying the ` +
    `tenant removes only what it added. Adding it changes running workloads: ${parts.join("; ")}.`
  );
}

function quotaHard(quota: Required<TenantQuota>): { [key: string]: string } {
  return {
    "requests.cpu": quota.requestsCpu,
    "requests.memory": quota.requestsMemory,
    "limits.cpu": quota.limitsCpu,
    "limits.memory": quota.limitsMemory,
    pods: String(quota.pods),
    "services.loadbalancers": String(quota.servicesLoadBalancers),
    "services.nodeports": String(quota.servicesNodePorts),
  };
}

function containerDefaults(limits: Required<TenantLimits>) {
  return {
    type: "Container",
    default: { cpu: limits.defaultLimitCpu, memory: limits.defaultLimitMemory },
    defaultRequest: { cpu: limits.defaultRequestCpu, memory: limits.defaultRequestMemory },
  };
}

/** One policy for both directions: ingress always deny-by-default, egress when restricted. */
function isolationPolicy(spec: TenantSpec) {
  const ingress = [
    {
      from: [
        // Only the gateway's Envoy pods, not everything else that may run in its namespace.
        {
          namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: spec.gateway.gatewayNamespace } },
          podSelector: { matchLabels: { [GATEWAY_NAME_LABEL]: spec.gateway.gatewayName } },
        },
        { namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: spec.namespace } } },
        ...(spec.ambient ? [{ ipBlock: { cidr: AMBIENT_PROBE_CIDR } }] : []),
      ],
    },
  ];
  if (!spec.egress.isRestricted) return { podSelector: {}, policyTypes: ["Ingress"], ingress };
  const egress: NetworkPolicyV1SpecEgress[] = [
    { to: [{ namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: spec.namespace } } }] },
    {
      to: [{ namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [
        { port: "53", protocol: "UDP" },
        { port: "53", protocol: "TCP" },
      ],
    },
  ];
  if (spec.egress.allowCidrs.length > 0) egress.push({ to: spec.egress.allowCidrs.map((cidr) => ({ ipBlock: { cidr } })) });
  return { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress, egress };
}

/** The fields of `value` that are not `undefined`, so spreading it over defaults keeps them. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
