import { Token } from "cdktf";
import { Construct } from "constructs";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { ISharedGateway } from "../gateway/gateway-ref";
import { normalizePath } from "../private/route-ownership";
import { AppRegistry, Taken } from "../private/app-registry";
import { checkNamespaceFree, claimNamespace, reservedNamespaceProblem } from "../private/namespaces";
import { ValidationError, show } from "../private/errors";
import { HttpRoute, HttpRouteOptions } from "./http-route";
import {
  cidrProblem,
  dnsLabelProblem,
  hostnameProblem,
  isGuid,
  labelKeyProblem,
  labelValueProblem,
  parseQuantity,
  pathProblem,
} from "../private/validation";
import { TenantEgress } from "./tenant-egress";
import {
  AMBIENT_LABEL,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  OWNED_HOSTNAMES_ANNOTATION,
  OWNER_GROUPS_ANNOTATION,
  OWNED_PATH_PREFIXES_ANNOTATION,
  TENANT_LABEL,
} from "../core/tenant-metadata";
import { TenantOwners, TenantRole } from "./tenant-owners";
import { TenantLimits, TenantQuota } from "./tenant-quota";

/** Properties of a {@link Tenant}. */
export interface TenantProps {
  /** The shared Gateway the tenant's routes attach to. */
  readonly gateway: ISharedGateway;
  /** Name of the tenant: a DNS-1123 label (lower case, at most 63 characters), unique on the gateway. */
  readonly name: string;
  /**
   * Name of the tenant's namespace (a DNS-1123 label), unique on the gateway.
   *
   * @default - the tenant name
   */
  readonly namespace?: string;
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
   * here. Pod Security Admission labels (`pod-security.kubernetes.io/*`) override the default.
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
const POD_SECURITY_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
const RESERVED_LABELS = [MANAGED_BY_LABEL, TENANT_LABEL, AMBIENT_LABEL, METADATA_NAME_LABEL];

/**
 * A tenant of the shared Gateway: a namespace it owns, with a ResourceQuota, a LimitRange, a NetworkPolicy
 * (ingress only from the gateway's Envoy pods and its own namespace; egress restricted by default), an
 * HTTPRoute Role bound to its owners when given, and the (hostname, path prefix) space its HTTPRoutes may use.
 *
 * Children: `Resource` (the namespace), `Quota`, `LimitRange`, `NetworkPolicy`, `RouteRole`, `OwnersBinding`
 * and `RouteRoleBinding` (with owners), and `Routes/<id>` for {@link Tenant.addRoute}. The Kubernetes objects in
 * the namespace are named `tenant-quota`, `tenant-limits`, `tenant-isolation`, `tenant-httproutes` and
 * `tenant-owners`.
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
  /** The namespace. */
  public readonly resource: NamespaceV1;
  /** The ResourceQuota. */
  public readonly quota: ResourceQuotaV1;
  /** The LimitRange. */
  public readonly limitRange: LimitRangeV1;
  /** The NetworkPolicy: ingress deny-by-default, and egress when restricted. */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The RoleBinding of the owners to their ClusterRole, if owners are given. */
  public readonly ownersBinding?: RoleBindingV1;

  private routes?: Construct;

  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    const name = props.name;
    const namespace = props.namespace ?? name;
    const hostnames = [...new Set(props.hostnames ?? [])];
    const pathPrefixes = [...new Set((props.pathPrefixes ?? ["/"]).map((p) => (pathProblem(p) ? p : normalizePath(p))))];
    const quota = { ...Tenant.DEFAULT_QUOTA, ...definedOnly(props.quota) };
    const limits = { ...Tenant.DEFAULT_LIMITS, ...definedOnly(props.limits) };
    const egress = props.egress ?? TenantEgress.restricted();
    const ambient = props.ambient ?? false;

    this.validateIdentity(name, namespace);
    this.validateSpace(name, hostnames, pathPrefixes);
    this.validateQuota(name, quota, limits);
    this.validateOwners(name, props.owners);
    this.validateEgress(name, egress);
    this.validateLabels(name, props.labels ?? {});

    const gateway = props.gateway;
    if (namespace === gateway.gatewayNamespace) {
      throw new ValidationError(
        this,
        `tenant ${show(name)}: namespace ${show(namespace)} is the gateway's namespace. Give the tenant its own namespace.`,
      );
    }
    const registry = AppRegistry.of(gateway);
    const sameName = registry.holderOf(Taken.TENANT, gateway, name);
    if (sameName) {
      throw new ValidationError(
        this,
        `tenant ${show(name)} already exists on gateway ${show(gateway.gatewayName)} (at ${sameName}). ` +
          `Give each tenant a unique name.`,
      );
    }
    checkNamespaceFree(this, gateway, namespace, `tenant ${show(name)}`);
    try {
      registry.ownership(gateway).claim(`tenant ${name}`, hostnames, pathPrefixes);
    } catch (e) {
      throw new ValidationError(this, `tenant ${show(name)}: ${(e as Error).message}`);
    }
    // Recorded only once every check passed, so a failed tenant leaves its name and namespace free.
    registry.take(Taken.TENANT, gateway, name, this);
    claimNamespace(this, gateway, namespace, `tenant ${show(name)}`);
    gateway.admitNamespace(namespace);

    this.gateway = gateway;
    this.tenantName = name;
    this.namespaceName = namespace;
    this.hostnames = hostnames;
    this.pathPrefixes = pathPrefixes;

    this.resource = new NamespaceV1(this, "Resource", {
      metadata: {
        name: namespace,
        labels: {
          [POD_SECURITY_ENFORCE_LABEL]: Tenant.DEFAULT_POD_SECURITY,
          ...props.labels,
          [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
          [TENANT_LABEL]: name,
          ...(ambient ? { [AMBIENT_LABEL]: "ambient" } : {}),
        },
        annotations: {
          [OWNED_HOSTNAMES_ANNOTATION]: hostnames.join(","),
          [OWNED_PATH_PREFIXES_ANNOTATION]: pathPrefixes.join(","),
          ...(props.owners ? { [OWNER_GROUPS_ANNOTATION]: props.owners.groupObjectIds.join(",") } : {}),
        },
      },
    });
    const dependsOn = [this.resource];
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

    this.quota = new ResourceQuotaV1(this, "Quota", {
      dependsOn,
      metadata: { name: "tenant-quota", namespace, labels },
      spec: {
        hard: {
          "requests.cpu": quota.requestsCpu,
          "requests.memory": quota.requestsMemory,
          "limits.cpu": quota.limitsCpu,
          "limits.memory": quota.limitsMemory,
          pods: String(quota.pods),
          "services.loadbalancers": String(quota.servicesLoadBalancers),
          "services.nodeports": String(quota.servicesNodePorts),
        },
      },
    });

    this.limitRange = new LimitRangeV1(this, "LimitRange", {
      dependsOn,
      metadata: { name: "tenant-limits", namespace, labels },
      spec: {
        limit: [
          {
            type: "Container",
            default: { cpu: limits.defaultLimitCpu, memory: limits.defaultLimitMemory },
            defaultRequest: { cpu: limits.defaultRequestCpu, memory: limits.defaultRequestMemory },
          },
        ],
      },
    });

    const ingress = [
      {
        from: [
          // Only the gateway's Envoy pods, not everything else that may run in its namespace.
          {
            namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: gateway.gatewayNamespace } },
            podSelector: { matchLabels: { [GATEWAY_NAME_LABEL]: gateway.gatewayName } },
          },
          { namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: namespace } } },
          ...(ambient ? [{ ipBlock: { cidr: AMBIENT_PROBE_CIDR } }] : []),
        ],
      },
    ];
    const egressRules: NetworkPolicyV1SpecEgress[] = [
      { to: [{ namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: namespace } } }] },
      {
        to: [
          {
            namespaceSelector: { matchLabels: { [METADATA_NAME_LABEL]: "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { port: "53", protocol: "UDP" },
          { port: "53", protocol: "TCP" },
        ],
      },
    ];
    if (egress.allowCidrs.length > 0) egressRules.push({ to: egress.allowCidrs.map((cidr) => ({ ipBlock: { cidr } })) });
    // One policy for both directions: ingress always deny-by-default, egress when restricted.
    this.networkPolicy = new NetworkPolicyV1(this, "NetworkPolicy", {
      dependsOn,
      metadata: { name: "tenant-isolation", namespace, labels },
      spec: egress.isRestricted
        ? { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress, egress: egressRules }
        : { podSelector: {}, policyTypes: ["Ingress"], ingress },
    });

    // The namespace's route-management Role exists even without owners, so the platform team can bind
    // groups to it later; owners are bound to it (and to their ClusterRole) when given.
    const role = props.owners?.role ?? Tenant.DEFAULT_OWNER_ROLE;
    const routeRole = new RoleV1(this, "RouteRole", {
      dependsOn,
      metadata: { name: "tenant-httproutes", namespace, labels },
      rule: [
        {
          apiGroups: ["gateway.networking.k8s.io"],
          resources: ["httproutes"],
          verbs:
            role === TenantRole.VIEW
              ? ["get", "list", "watch"]
              : ["get", "list", "watch", "create", "update", "patch", "delete"],
        },
      ],
    });
    if (props.owners) {
      const subject = props.owners.groupObjectIds.map((groupId) => ({
        kind: "Group",
        apiGroup: "rbac.authorization.k8s.io",
        name: groupId,
      }));
      this.ownersBinding = new RoleBindingV1(this, "OwnersBinding", {
        dependsOn,
        metadata: { name: "tenant-owners", namespace, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
        subject,
      });
      new RoleBindingV1(this, "RouteRoleBinding", {
        dependsOn: [routeRole],
        metadata: { name: "tenant-httproutes", namespace, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "tenant-httproutes" },
        subject,
      });
    }
  }

  /**
   * Adds an HTTPRoute in the tenant's namespace, attached to every listener of the gateway. Its construct
   * id is `Routes/<id>`; its Kubernetes name defaults to the id in kebab case.
   */
  public addRoute(id: string, options: HttpRouteOptions): HttpRoute {
    this.routes ??= new Construct(this, "Routes");
    return new HttpRoute(this.routes, id, { ...options, tenant: this });
  }

  private validateIdentity(name: string, namespace: string): void {
    if (Token.isUnresolved(name) || Token.isUnresolved(namespace)) {
      throw new ValidationError(
        this,
        `tenant name and namespace must be concrete strings, got ${show(name)} / ${show(namespace)}: ` +
          `they key the tenant's ownership checks at synth.`,
      );
    }
    const nameProblem = dnsLabelProblem(name);
    if (nameProblem) {
      throw new ValidationError(this, `tenant name ${show(name)} ${nameProblem}. Use a name such as "team-a".`);
    }
    const nsProblem = dnsLabelProblem(namespace);
    if (nsProblem) {
      throw new ValidationError(
        this,
        `tenant ${show(name)}: namespace ${show(namespace)} ${nsProblem}. Use a name such as "team-a".`,
      );
    }
    const reserved = reservedNamespaceProblem(namespace);
    if (reserved) {
      throw new ValidationError(this, `tenant ${show(name)}: namespace ${reserved}. Give the tenant its own namespace.`);
    }
  }

  private validateSpace(name: string, hostnames: string[], pathPrefixes: string[]): void {
    if (hostnames.length === 0) {
      throw new ValidationError(
        this,
        `tenant ${show(name)} owns no hostnames, got ${show(hostnames)}. ` +
          `List at least one hostname, such as ["app.example.com"].`,
      );
    }
    for (const hostname of hostnames) {
      if (Token.isUnresolved(hostname)) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: hostname ${show(hostname)} is an unresolved token; ownership is checked at synth, ` +
            `so hostnames must be concrete strings.`,
        );
      }
      const problem = hostnameProblem(hostname);
      if (problem) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: hostname ${show(hostname)} ${problem}. Use a name such as "app.example.com" ` +
            `or "*.apps.example.com".`,
        );
      }
    }
    if (pathPrefixes.length === 0) {
      throw new ValidationError(
        this,
        `tenant ${show(name)} owns no path prefixes, got []. Leave pathPrefixes out to own "/", or list prefixes.`,
      );
    }
    for (const prefix of pathPrefixes) {
      if (Token.isUnresolved(prefix)) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: path prefix ${show(prefix)} is an unresolved token; use a concrete path.`,
        );
      }
      const problem = pathProblem(prefix);
      if (problem) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: path prefix ${show(prefix)} ${problem}. Use a path such as "/app1".`,
        );
      }
    }
  }

  private validateQuota(name: string, quota: Required<TenantQuota>, limits: Required<TenantLimits>): void {
    const quantities: [string, string][] = [
      ["quota.requestsCpu", quota.requestsCpu],
      ["quota.requestsMemory", quota.requestsMemory],
      ["quota.limitsCpu", quota.limitsCpu],
      ["quota.limitsMemory", quota.limitsMemory],
      ["limits.defaultRequestCpu", limits.defaultRequestCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory],
      ["limits.defaultLimitCpu", limits.defaultLimitCpu],
      ["limits.defaultLimitMemory", limits.defaultLimitMemory],
    ];
    for (const [field, value] of quantities) {
      if (!Token.isUnresolved(value) && parseQuantity(value) === undefined) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: ${field} ${show(value)} is not a Kubernetes quantity. Use a value such as "500m", "2" or "4Gi".`,
        );
      }
    }
    const counts: [string, number][] = [
      ["quota.pods", quota.pods],
      ["quota.servicesLoadBalancers", quota.servicesLoadBalancers],
      ["quota.servicesNodePorts", quota.servicesNodePorts],
    ];
    for (const [field, value] of counts) {
      if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 0)) {
        throw new ValidationError(this, `tenant ${show(name)}: ${field} must be a whole number ≥ 0, got ${show(value)}.`);
      }
    }
    const notAbove: [string, string, string, string][] = [
      ["limits.defaultRequestCpu", limits.defaultRequestCpu, "limits.defaultLimitCpu", limits.defaultLimitCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory, "limits.defaultLimitMemory", limits.defaultLimitMemory],
      ["limits.defaultRequestCpu", limits.defaultRequestCpu, "quota.requestsCpu", quota.requestsCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory, "quota.requestsMemory", quota.requestsMemory],
      ["limits.defaultLimitCpu", limits.defaultLimitCpu, "quota.limitsCpu", quota.limitsCpu],
      ["limits.defaultLimitMemory", limits.defaultLimitMemory, "quota.limitsMemory", quota.limitsMemory],
    ];
    for (const [smallField, small, bigField, big] of notAbove) {
      if (Token.isUnresolved(small) || Token.isUnresolved(big)) continue;
      if (parseQuantity(small)! > parseQuantity(big)!) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: ${smallField} ${show(small)} is above ${bigField} ${show(big)}, so a container ` +
            `using the defaults could never be admitted. Lower ${smallField} or raise ${bigField}.`,
        );
      }
    }
  }

  private validateOwners(name: string, owners: TenantOwners | undefined): void {
    if (!owners) return;
    if (owners.groupObjectIds.length === 0) {
      throw new ValidationError(
        this,
        `tenant ${show(name)}: owners.groupObjectIds is empty. List at least one Entra ID group object id, or leave owners out.`,
      );
    }
    for (const id of owners.groupObjectIds) {
      if (!Token.isUnresolved(id) && !isGuid(id)) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: owners.groupObjectIds entry ${show(id)} is not an Entra ID object id (a GUID such as ` +
            `"00000000-0000-0000-0000-000000000000"). Use the group's object id, not its name.`,
        );
      }
    }
    if (owners.role !== undefined && !Object.values(TenantRole).includes(owners.role)) {
      throw new ValidationError(this, `tenant ${show(name)}: owners.role ${show(owners.role)} is not a TenantRole.`);
    }
  }

  private validateEgress(name: string, egress: TenantEgress): void {
    for (const cidr of egress.allowCidrs) {
      if (Token.isUnresolved(cidr)) continue;
      const problem = cidrProblem(cidr);
      if (problem) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: egress CIDR ${show(cidr)} ${problem}. Pass blocks such as "10.20.0.0/16".`,
        );
      }
    }
  }

  private validateLabels(name: string, labels: { readonly [key: string]: string }): void {
    for (const [key, value] of Object.entries(labels)) {
      if (RESERVED_LABELS.includes(key)) {
        throw new ValidationError(
          this,
          `tenant ${show(name)}: label ${show(key)} is set by the library and cannot be overridden` +
            (key === AMBIENT_LABEL ? "; use the ambient prop instead." : "; remove it from labels."),
        );
      }
      if (Token.isUnresolved(key) || Token.isUnresolved(value)) continue;
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) throw new ValidationError(this, `tenant ${show(name)}: label key ${show(key)} ${keyProblem}.`);
      const valueProblem = labelValueProblem(value);
      if (valueProblem) {
        throw new ValidationError(this, `tenant ${show(name)}: label ${show(key)} value ${show(value)} ${valueProblem}.`);
      }
    }
  }
}

/** The fields of `value` that are not `undefined`, so spreading it over defaults keeps them. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
