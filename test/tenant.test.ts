import { TerraformStack, Testing, Token } from "cdktf";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { TenantEgress } from "../lib/tenancy/tenant-egress";
import { TenantRole } from "../lib/tenancy/tenant-owners";
import { resourcesOf, synthJson } from "./util";
import { FakeGateway, ownershipOf, tenancyStack } from "./tenancy-fixtures";

const GROUP = "11111111-2222-3333-4444-555555555555";

function tenant(props: Partial<TenantProps> = {}) {
  const { stack, gateway } = tenancyStack();
  const t = new Tenant(stack, "App1", { gateway, name: "app1", hostnames: ["app1.example.com"], ...props });
  return { stack, gateway, tenant: t, synth: () => Testing.synth(stack) };
}

function only(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
}

/** The one resource of a type (and Kubernetes name, if given) in a synth output. */
function find(synth: string, ctor: { tfResourceType: string }, name?: string): any {
  const all = (Object.values(resourcesOf(JSON.parse(synth), ctor.tfResourceType)) as any[]).filter(
    (r) => name === undefined || r.metadata?.name === name,
  );
  expect(all).toHaveLength(1);
  return all[0];
}

describe("Tenant defaults", () => {
  test("creates a namespace named after the tenant, labelled and annotated for the admission policy", () => {
    const { synth } = tenant({ hostnames: ["app1.example.com", "*.app1.example.com"] });
    expect(find(synth(), NamespaceV1)).toMatchObject({
      metadata: {
        name: "app1",
        labels: {
          "app.kubernetes.io/managed-by": "cdktf-aks-gateway",
          "cdktf-aks-gateway/tenant": "app1",
          "pod-security.kubernetes.io/enforce": "baseline",
        },
        annotations: {
          "cdktf-aks-gateway/owned-hostnames": "app1.example.com,*.app1.example.com",
          "cdktf-aks-gateway/owned-path-prefixes": "/",
        },
      },
    });
  });

  test("does not opt the namespace into the ambient mesh", () => {
    const ns = only(JSON.parse(tenant().synth()), "kubernetes_namespace_v1");
    expect(ns.metadata.labels).not.toHaveProperty("istio.io/dataplane-mode");
  });

  test("applies DEFAULT_QUOTA, with no load balancers or node ports", () => {
    expect(Tenant.DEFAULT_QUOTA).toEqual({
      requestsCpu: "4",
      requestsMemory: "8Gi",
      limitsCpu: "8",
      limitsMemory: "16Gi",
      pods: 50,
      servicesLoadBalancers: 0,
      servicesNodePorts: 0,
    });
    expect(find(tenant().synth(), ResourceQuotaV1)).toMatchObject({
      metadata: { name: "tenant-quota", namespace: "app1" },
      spec: {
        hard: {
          "requests.cpu": "4",
          "requests.memory": "8Gi",
          "limits.cpu": "8",
          "limits.memory": "16Gi",
          pods: "50",
          "services.loadbalancers": "0",
          "services.nodeports": "0",
        },
      },
    });
  });

  test("applies DEFAULT_LIMITS as container defaults", () => {
    expect(Tenant.DEFAULT_LIMITS).toEqual({
      defaultRequestCpu: "100m",
      defaultRequestMemory: "128Mi",
      defaultLimitCpu: "500m",
      defaultLimitMemory: "512Mi",
    });
    expect(find(tenant().synth(), LimitRangeV1)).toMatchObject({
      metadata: { name: "tenant-limits", namespace: "app1" },
      spec: {
        limit: [
          {
            type: "Container",
            default: { cpu: "500m", memory: "512Mi" },
            default_request: { cpu: "100m", memory: "128Mi" },
          },
        ],
      },
    });
  });

  test("admits ingress only from the gateway's Envoy pods and the tenant's own namespace", () => {
    const json = JSON.parse(tenant().synth());
    const policies = Object.values(resourcesOf(json, "kubernetes_network_policy_v1")) as any[];
    expect(policies).toHaveLength(1);
    const ingress = policies[0];
    expect(ingress.metadata).toMatchObject({ name: "tenant-isolation", namespace: "app1" });
    expect(ingress.spec.pod_selector).toEqual({});
    expect(ingress.spec.policy_types).toEqual(["Ingress", "Egress"]);
    expect(ingress.spec.ingress).toEqual([
      {
        from: [
          {
            namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "gateway-system" } },
            pod_selector: { match_labels: { "gateway.networking.k8s.io/gateway-name": "shared" } },
          },
          { namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "app1" } } },
        ],
      },
    ]);
  });

  test("restricts egress to the own namespace and kube-dns on port 53", () => {
    expect(find(tenant().synth(), NetworkPolicyV1, "tenant-isolation")).toMatchObject({
      metadata: { name: "tenant-isolation", namespace: "app1" },
      spec: {
        pod_selector: {},
        policy_types: ["Ingress", "Egress"],
        egress: [
          { to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "app1" } } }] },
          {
            to: [
              {
                namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } },
                pod_selector: { match_labels: { "k8s-app": "kube-dns" } },
              },
            ],
            ports: [
              { port: "53", protocol: "UDP" },
              { port: "53", protocol: "TCP" },
            ],
          },
        ],
      },
    });
  });

  test("without owners: the route-management Role exists, but nobody is bound to anything", () => {
    const json = JSON.parse(tenant().synth());
    expect(resourcesOf(json, "kubernetes_role_binding_v1")).toEqual({});
    const roles = Object.values(resourcesOf(json, "kubernetes_role_v1")) as any[];
    expect(roles).toHaveLength(1);
    expect(roles[0].metadata.name).toBe("tenant-httproutes");
    expect(roles[0].rule).toEqual([
      expect.objectContaining({ api_groups: ["gateway.networking.k8s.io"], resources: ["httproutes", "grpcroutes"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] }),
    ]);
  });

  test("namespaced objects depend on the namespace", () => {
    const json = JSON.parse(tenant().synth());
    const nsId = Object.keys(resourcesOf(json, "kubernetes_namespace_v1"))[0];
    for (const type of ["kubernetes_resource_quota_v1", "kubernetes_limit_range_v1", "kubernetes_network_policy_v1"]) {
      for (const r of Object.values(resourcesOf(json, type)) as any[]) {
        expect(r.depends_on).toEqual([`kubernetes_namespace_v1.${nsId}`]);
      }
    }
  });

  test("claims its hostnames on every prefix and admits its namespace on the gateway", () => {
    const { gateway, tenant: t, synth } = tenant({ hostnames: ["a.example.com", "b.example.com"] });
    expect(ownershipOf(gateway).claims).toEqual([
      { owner: "tenant app1", hostname: "a.example.com", pathPrefix: "/" },
      { owner: "tenant app1", hostname: "b.example.com", pathPrefix: "/" },
    ]);
    expect(find(synth(), NamespaceV1)).toMatchObject({ metadata: { labels: { "cdktf-aks-gateway/gateway": "gateway-system.shared" } } });
    expect(t.namespaceName).toBe("app1");
    expect(t.tenantName).toBe("app1");
    expect(t.pathPrefixes).toEqual(["/"]);
    expect(t.networkPolicy).toBeInstanceOf(NetworkPolicyV1);
    expect(t.ownersBinding).toBeUndefined();
  });
});

describe("Tenant options", () => {
  test("namespace overrides the namespace name everywhere", () => {
    const { synth } = tenant({ namespace: "team-app1" });
    const json = JSON.parse(synth());
    expect(only(json, "kubernetes_namespace_v1").metadata.name).toBe("team-app1");
    expect(only(json, "kubernetes_resource_quota_v1").metadata.namespace).toBe("team-app1");
    expect(only(json, "kubernetes_limit_range_v1").metadata.namespace).toBe("team-app1");
    expect(find(synth(), NamespaceV1)).toMatchObject({ metadata: { labels: { "cdktf-aks-gateway/gateway": "gateway-system.shared" } } });
    expect(find(synth(), NamespaceV1)).toMatchObject({
      metadata: { labels: { "cdktf-aks-gateway/tenant": "app1" } },
    });
  });

  test("pathPrefixes are normalised, claimed and annotated", () => {
    const { gateway, synth, tenant: t } = tenant({ pathPrefixes: ["/app1/", "/api"] });
    expect(t.pathPrefixes).toEqual(["/app1", "/api"]);
    expect(ownershipOf(gateway).claims.map((c) => c.pathPrefix)).toEqual(["/app1", "/api"]);
    expect(find(synth(), NamespaceV1)).toMatchObject({
      metadata: { annotations: { "cdktf-aks-gateway/owned-path-prefixes": "/app1,/api" } },
    });
  });

  test("tenants may share a hostname with disjoint prefixes", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "a", hostnames: ["apps.example.com"], pathPrefixes: ["/a"] });
    new Tenant(stack, "B", { gateway, name: "b", hostnames: ["apps.example.com"], pathPrefixes: ["/b"] });
    expect(ownershipOf(gateway).claims).toHaveLength(2);
  });

  test("quota overrides single fields and keeps the other defaults", () => {
    const { synth } = tenant({ quota: { requestsCpu: "2", pods: 10, servicesLoadBalancers: 1 } });
    expect(find(synth(), ResourceQuotaV1)).toMatchObject({
      spec: {
        hard: {
          "requests.cpu": "2",
          "requests.memory": "8Gi",
          "limits.cpu": "8",
          "limits.memory": "16Gi",
          pods: "10",
          "services.loadbalancers": "1",
          "services.nodeports": "0",
        },
      },
    });
  });

  test("limits override the container defaults", () => {
    const { synth } = tenant({ limits: { defaultRequestCpu: "50m", defaultLimitMemory: "1Gi" } });
    expect(find(synth(), LimitRangeV1)).toMatchObject({
      spec: {
        limit: [
          {
            default: { cpu: "500m", memory: "1Gi" },
            default_request: { cpu: "50m", memory: "128Mi" },
          },
        ],
      },
    });
  });

  test("owners get the edit ClusterRole and read/write on HTTPRoutes and GRPCRoutes by default", () => {
    const { synth, tenant: t } = tenant({ owners: { groupObjectIds: [GROUP] } });
    const json = JSON.parse(synth());
    const bindings = Object.values(resourcesOf(json, "kubernetes_role_binding_v1")) as any[];
    const subject = [{ kind: "Group", api_group: "rbac.authorization.k8s.io", name: GROUP }];
    expect(bindings.find((b) => b.metadata.name === "tenant-owners")).toMatchObject({
      metadata: { namespace: "app1" },
      role_ref: { api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subject,
    });
    expect(bindings.find((b) => b.metadata.name === "tenant-httproutes")).toMatchObject({
      metadata: { namespace: "app1" },
      role_ref: { api_group: "rbac.authorization.k8s.io", kind: "Role", name: "tenant-httproutes" },
      subject,
    });
    expect(find(synth(), RoleV1)).toMatchObject({
      metadata: { name: "tenant-httproutes", namespace: "app1" },
      rule: [
        {
          api_groups: ["gateway.networking.k8s.io"],
          resources: ["httproutes", "grpcroutes"],
          verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
        },
      ],
    });
    expect(t.ownersBinding).toBeInstanceOf(RoleBindingV1);
  });

  test("owners with VIEW get the view ClusterRole and read-only HTTPRoutes", () => {
    const { synth } = tenant({ owners: { groupObjectIds: [GROUP], role: TenantRole.VIEW } });
    expect(find(synth(), RoleBindingV1, "tenant-owners")).toMatchObject({ role_ref: { kind: "ClusterRole", name: "view" } });
    expect(find(synth(), RoleV1)).toMatchObject({ rule: [{ verbs: ["get", "list", "watch"] }] });
  });

  test("owners get the edit ClusterRole by default, one subject per group", () => {
    const other = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    const { synth } = tenant({ owners: { groupObjectIds: [GROUP, other] } });
    expect(find(synth(), RoleBindingV1, "tenant-owners")).toMatchObject({
      role_ref: { kind: "ClusterRole", name: "edit" },
      subject: [
        { kind: "Group", name: GROUP },
        { kind: "Group", name: other },
      ],
    });
  });

  test("owners given as unresolved tokens are not checked", () => {
    expect(() => tenant({ owners: { groupObjectIds: [Token.asString({ ref: "group" })] } })).not.toThrow();
  });

  test("unrestricted egress leaves egress out of the policy", () => {
    const { synth } = tenant({ egress: TenantEgress.unrestricted() });
    const policies = Object.values(resourcesOf(JSON.parse(synth()), "kubernetes_network_policy_v1")) as any[];
    expect(policies).toHaveLength(1);
    expect(policies[0].spec.policy_types).toEqual(["Ingress"]);
    expect(policies[0].spec.egress).toBeUndefined();
  });

  test("restricted egress allows extra CIDR blocks", () => {
    const { synth } = tenant({ egress: TenantEgress.restricted({ allowCidrs: ["10.20.0.0/16", "fd00::/8"] }) });
    const egress = (Object.values(resourcesOf(JSON.parse(synth()), "kubernetes_network_policy_v1")) as any[]).find(
      (p) => p.metadata.name === "tenant-isolation",
    );
    expect(egress.spec.egress).toHaveLength(3);
    expect(egress.spec.egress[2]).toEqual({
      to: [{ ip_block: { cidr: "10.20.0.0/16" } }, { ip_block: { cidr: "fd00::/8" } }],
    });
  });

  test("labels are added to the namespace and may override Pod Security", () => {
    const { synth } = tenant({
      labels: { "cost-center": "cc-42", "pod-security.kubernetes.io/enforce": "restricted" },
    });
    expect(find(synth(), NamespaceV1)).toMatchObject({
      metadata: {
        labels: {
          "cost-center": "cc-42",
          "pod-security.kubernetes.io/enforce": "restricted",
          "app.kubernetes.io/managed-by": "cdktf-aks-gateway",
        },
      },
    });
  });

  test("ambient labels the namespace and admits ambient kubelet probes", () => {
    const { synth } = tenant({ ambient: true });
    expect(find(synth(), NamespaceV1)).toMatchObject({
      metadata: { labels: { "istio.io/dataplane-mode": "ambient" } },
    });
    const ingress = (Object.values(resourcesOf(JSON.parse(synth()), "kubernetes_network_policy_v1")) as any[]).find(
      (p) => p.metadata.name === "tenant-isolation",
    );
    expect(ingress.spec.ingress[0].from).toContainEqual({ ip_block: { cidr: "169.254.7.127/32" } });
  });

  test("a tenant name may repeat on another gateway", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "app1", hostnames: ["a.example.com"] });
    const other = new FakeGateway(stack, "other", "gateway-other");
    expect(
      () => new Tenant(stack, "B", { gateway: other, name: "app1", namespace: "app1-other", hostnames: ["a.example.com"] }),
    ).not.toThrow();
  });

  test("addRoute places routes under Routes/<id>", () => {
    const { tenant: t } = tenant();
    const route = t.addRoute("Web", { rules: [{ backends: [{ serviceName: "web", port: 80 }] }] });
    expect(route.node.path).toBe("test/App1/Routes/Web");
    const second = t.addRoute("Api", { rules: [{ backends: [{ serviceName: "api", port: 80 }] }] });
    expect(second.node.path).toBe("test/App1/Routes/Api");
  });
});

describe("Tenant validation", () => {
  test("throws when the name is not a DNS-1123 label", () => {
    expect(() => tenant({ name: "App_1" })).toThrow(/tenant name "App_1" is not a DNS-1123 label/);
  });

  test("throws when the name is longer than 63 characters", () => {
    expect(() => tenant({ name: "a".repeat(64) })).toThrow(/64 characters long/);
  });

  test("throws when the name is an unresolved token", () => {
    expect(() => tenant({ name: Token.asString({ ref: "x" }) })).toThrow(/must be concrete strings/);
  });

  test("throws when the namespace is not a DNS-1123 label", () => {
    expect(() => tenant({ namespace: "team.a" })).toThrow(/namespace "team.a" is not a DNS-1123 label/);
  });

  test("throws when the namespace is a system namespace", () => {
    expect(() => tenant({ namespace: "kube-system" })).toThrow(/"kube-system" is a system namespace/);
    expect(() => tenant({ namespace: "default" })).toThrow(/"default" is a system namespace/);
  });

  test("throws when the namespace is the gateway's namespace", () => {
    expect(() => tenant({ namespace: "gateway-system" })).toThrow(/is the gateway's namespace/);
  });

  test("throws when hostnames is empty", () => {
    expect(() => tenant({ hostnames: [] })).toThrow(/owns no hostnames, got \[\]. List at least one hostname/);
  });

  test("throws when a hostname is not an RFC 1123 hostname", () => {
    expect(() => tenant({ hostnames: ["App.Example.com"] })).toThrow(/hostname "App.Example.com" is not an RFC 1123 hostname/);
    expect(() => tenant({ hostnames: ["a.*.example.com"] })).toThrow(/not an RFC 1123 hostname/);
  });

  test("throws when a hostname is an IP address", () => {
    expect(() => tenant({ hostnames: ["10.0.0.1"] })).toThrow(/"10.0.0.1" is an IP address/);
  });

  test("throws when a hostname is an unresolved token", () => {
    expect(() => tenant({ hostnames: [Token.asString({ ref: "h" })] })).toThrow(/is an unresolved token; ownership is checked at synth/);
  });

  test("throws when pathPrefixes is empty", () => {
    expect(() => tenant({ pathPrefixes: [] })).toThrow(/owns no path prefixes/);
  });

  test("throws when a path prefix is not an absolute path", () => {
    expect(() => tenant({ pathPrefixes: ["app1"] })).toThrow(/path prefix "app1" must start with '\/'/);
    expect(() => tenant({ pathPrefixes: ["/a//b"] })).toThrow(/must not contain "\/\/"/);
  });

  test("throws when a path prefix is an unresolved token", () => {
    expect(() => tenant({ pathPrefixes: [Token.asString({ ref: "p" })] })).toThrow(/path prefix .* is an unresolved token/);
  });

  test("throws when a quota quantity is not a Kubernetes quantity", () => {
    expect(() => tenant({ quota: { limitsMemory: "16 GB" } })).toThrow(/quota.limitsMemory "16 GB" is not a Kubernetes quantity/);
  });

  test("throws when a quota count is negative or fractional", () => {
    expect(() => tenant({ quota: { pods: -1 } })).toThrow(/quota.pods must be a whole number ≥ 0, got -1/);
    expect(() => tenant({ quota: { servicesNodePorts: 1.5 } })).toThrow(/quota.servicesNodePorts must be a whole number/);
  });

  test("throws when a default request is above the default limit", () => {
    expect(() => tenant({ limits: { defaultRequestMemory: "1Gi", defaultLimitMemory: "512Mi" } })).toThrow(
      /limits.defaultRequestMemory "1Gi" is above limits.defaultLimitMemory "512Mi"/,
    );
  });

  test("throws when a container default does not fit the quota", () => {
    expect(() => tenant({ quota: { limitsCpu: "250m", requestsCpu: "100m" } })).toThrow(
      /limits.defaultLimitCpu "500m" is above quota.limitsCpu "250m".*Lower limits.defaultLimitCpu or raise quota.limitsCpu/,
    );
  });

  test("throws when owners lists no group", () => {
    expect(() => tenant({ owners: { groupObjectIds: [] } })).toThrow(/owners.groupObjectIds is empty/);
  });

  test("throws when an owner group id is not a GUID", () => {
    expect(() => tenant({ owners: { groupObjectIds: ["team-app1-admins"] } })).toThrow(
      /entry "team-app1-admins" is not an Entra ID object id.*Use the group's object id/,
    );
  });

  test("throws when the owner role is not a TenantRole", () => {
    expect(() => tenant({ owners: { groupObjectIds: [GROUP], role: "cluster-admin" as TenantRole } })).toThrow(
      /owners.role "cluster-admin" is not a TenantRole/,
    );
  });

  test("throws when an egress CIDR is invalid", () => {
    expect(() => tenant({ egress: TenantEgress.restricted({ allowCidrs: ["10.0.0.0/33"] }) })).toThrow(
      /egress CIDR "10.0.0.0\/33" has a prefix length above 32/,
    );
    expect(() => tenant({ egress: TenantEgress.restricted({ allowCidrs: ["database"] }) })).toThrow(
      /egress CIDR "database" is not a CIDR block/,
    );
  });

  test("throws when labels override a label the library relies on", () => {
    expect(() => tenant({ labels: { "app.kubernetes.io/managed-by": "helm" } })).toThrow(
      /label "app.kubernetes.io\/managed-by" is set by the library/,
    );
    expect(() => tenant({ labels: { "istio.io/dataplane-mode": "ambient" } })).toThrow(/use the ambient prop instead/);
  });

  test("throws when a label key is invalid", () => {
    expect(() => tenant({ labels: { "bad key": "x" } })).toThrow(/label key "bad key" has a name part/);
  });

  test("throws when a label value is invalid", () => {
    expect(() => tenant({ labels: { team: "a b" } })).toThrow(/label "team" value "a b" is not 0 to 63/);
  });

  test("throws when a tenant of the same name exists on the gateway", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "app1", hostnames: ["a.example.com"] });
    expect(() => new Tenant(stack, "B", { gateway, name: "app1", namespace: "other", hostnames: ["b.example.com"] })).toThrow(
      /tenant "app1" already exists on gateway "shared" \(at test\/A\)/,
    );
  });

  test("throws when another tenant owns the namespace", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "app1", hostnames: ["a.example.com"] });
    expect(() => new Tenant(stack, "B", { gateway, name: "app2", namespace: "app1", hostnames: ["b.example.com"] })).toThrow(
      /test\/B: tenant "app2" creates namespace "app1", which test\/A already creates in the same cluster/,
    );
  });

  test("throws when the hostname space overlaps another tenant's", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "a", hostnames: ["*.example.com"] });
    expect(() => new Tenant(stack, "B", { gateway, name: "b", hostnames: ["shop.example.com"] })).toThrow(
      /test\/B: tenant "b": tenant b claims path prefix "\/" on hostname "shop.example.com", which overlaps .* of tenant a/,
    );
    // Nothing of the failed tenant is registered: the name and namespace stay free.
    expect(() => new Tenant(stack, "C", { gateway, name: "b", hostnames: ["shop.example.org"] })).not.toThrow();
  });

  test("throws when a path prefix lies inside a platform reservation", () => {
    const { stack, gateway } = tenancyStack();
    ownershipOf(gateway).reserve("health responder", "/healthz");
    expect(
      () => new Tenant(stack, "A", { gateway, name: "a", hostnames: ["a.example.com"], pathPrefixes: ["/healthz/app"] }),
    ).toThrow(/tenant "a": .*health responder/);
  });
});

test("the synthesized stack passes validation with a kubernetes provider", () => {
  const { stack } = tenant({ owners: { groupObjectIds: [GROUP] } });
  expect(() => synthJson(stack as TerraformStack, true)).not.toThrow();
});
