/**
 * Tenants that adopt a namespace that already runs workloads (TenantNamespace.adopt): what Terraform manages there
 * (only the tenant's own labels, annotations and objects), what it never does (create or delete the namespace), and
 * how the guardrails are phased in.
 *
 * Provider behaviour relied on (hashicorp/terraform-provider-kubernetes v2.38, kubernetes/resource_kubernetes_labels.go):
 * - Create/Update GETs the object first and fails with `The resource %q does not exist` when it is missing, then
 *   server-side applies `{metadata: {name, labels}}` with `field_manager` and `force`.
 * - Delete applies the same object with an empty labels map and the same field manager, which removes exactly the
 *   labels that manager owns; the labelled object itself is never deleted.
 * - A conflict with another field manager fails the apply with "Field manager conflict ... Set force to true".
 * `kubernetes_annotations` (resource_kubernetes_annotations.go) works the same way.
 */
import { Aspects, Testing } from "cdktf";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { Annotations as NamespaceAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { GuardrailRollout, TenantNamespace } from "../lib/tenancy/tenant-namespace";
import { TenantEgress } from "../lib/tenancy/tenant-egress";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { PathMatch } from "../lib/tenancy/route-match";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";

function adopt(namespace: TenantNamespace | string, props: Partial<TenantProps> = {}) {
  const { stack, gateway } = tenancyStack();
  const tenant = new Tenant(stack, "Web", { gateway, name: "web", namespace, hostnames: ["web.example.com"], ...props });
  return { stack, gateway, tenant, json: () => JSON.parse(Testing.synth(stack)) };
}

function all(json: any, type: string): any[] {
  return Object.values(resourcesOf(json, type));
}

/** PlatformPolicy errors after synth, as `<path>: <message>`. */
function policyErrors(setup: ReturnType<typeof adopt>): string[] {
  Aspects.of(setup.stack).add(new PlatformPolicy());
  Testing.synth(setup.stack);
  return setup.stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `${c.node.path}: ${m.data}`));
}

describe("adopting a namespace", () => {
  test("default can be adopted: no kubernetes_namespace_v1, only the tenant's labels and annotations on it", () => {
    const { json, tenant } = adopt(TenantNamespace.adopt("default"));
    const out = json();
    expect(all(out, NamespaceV1.tfResourceType)).toEqual([]);
    expect(tenant.adopted).toBe(true);
    expect(tenant.resource).toBeUndefined();
    expect(tenant.namespaceName).toBe("default");
    const labels = all(out, Labels.tfResourceType);
    expect(labels).toEqual([
      {
        api_version: "v1",
        kind: "Namespace",
        metadata: { name: "default" },
        labels: { "cdktf-aks-gateway/tenant": "web", "cdktf-aks-gateway/gateway": "gateway-system.shared" },
        field_manager: "cdktf-aks-gateway",
        force: true,
      },
      expect.objectContaining({
        metadata: { name: "default" },
        labels: { "pod-security.kubernetes.io/enforce": "baseline" },
        field_manager: "cdktf-aks-gateway-pod-security",
        force: false,
      }),
    ]);
    // Not managed-by this library: the namespace keeps whatever label its own tool (Helm, Argo CD) set.
    expect(labels[0].labels).not.toHaveProperty("app.kubernetes.io/managed-by");
    expect(all(out, NamespaceAnnotations.tfResourceType)).toEqual([
      expect.objectContaining({
        api_version: "v1",
        kind: "Namespace",
        metadata: { name: "default" },
        annotations: { "cdktf-aks-gateway/owned-hostnames": "web.example.com", "cdktf-aks-gateway/owned-path-prefixes": "/" },
        field_manager: "cdktf-aks-gateway",
        force: true,
      }),
    ]);
  });

  test("every object the tenant adds lives in the namespace and depends on its labels, so destroy removes only them", () => {
    const { json, tenant } = adopt(TenantNamespace.adopt("shop"), { owners: { groupObjectIds: ["11111111-2222-3333-4444-555555555555"] } });
    tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.prefix("/") }], backends: [{ serviceName: "web", port: 80 }] }] });
    const out = json();
    const labelsId = Object.keys(resourcesOf(out, Labels.tfResourceType)).find((k) => k.includes("NamespaceLabels"))!;
    const objects = Object.entries(out.resource).filter(([type]) => ![Labels.tfResourceType, NamespaceAnnotations.tfResourceType].includes(type));
    expect(objects.map(([type]) => type).sort()).toEqual([
      "kubernetes_limit_range_v1",
      "kubernetes_manifest",
      "kubernetes_network_policy_v1",
      "kubernetes_resource_quota_v1",
      "kubernetes_role_binding_v1",
      "kubernetes_role_v1",
    ]);
    for (const [type, byId] of objects) {
      for (const r of Object.values(byId as Record<string, any>)) {
        const ns = type === "kubernetes_manifest" ? r.manifest.metadata.namespace : r.metadata.namespace;
        expect(ns).toBe("shop");
        const deps: string[] = r.depends_on ?? [];
        // Each depends on the labels directly, or (the second RoleBinding) on the Role that does.
        expect(deps.some((d) => d === `kubernetes_labels.${labelsId}` || d.startsWith("kubernetes_role_v1."))).toBe(true);
      }
    }
    expect(tenant.namespaceResource).toBeInstanceOf(Labels);
  });

  test("a created namespace is still a kubernetes_namespace_v1 (destroying it deletes everything in it)", () => {
    for (const namespace of [undefined, "shop", TenantNamespace.create("shop"), TenantNamespace.create()]) {
      const { json, tenant } = adopt(namespace as any);
      expect(all(json(), NamespaceV1.tfResourceType)).toHaveLength(1);
      expect(all(json(), Labels.tfResourceType)).toEqual([]);
      expect(tenant.adopted).toBe(false);
      expect(tenant.namespaceResource).toBe(tenant.resource);
    }
    expect(adopt(TenantNamespace.create()).tenant.namespaceName).toBe("web");
  });

  test("tenant labels, ambient and the Pod Security level the tenant asks for reach the adopted namespace", () => {
    const { json } = adopt(TenantNamespace.adopt("shop"), {
      ambient: true,
      labels: { team: "checkout", "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" },
    });
    const [own, psa] = all(json(), Labels.tfResourceType);
    expect(own.labels).toEqual({
      team: "checkout",
      "cdktf-aks-gateway/tenant": "web",
      "cdktf-aks-gateway/gateway": "gateway-system.shared",
      "istio.io/dataplane-mode": "ambient",
    });
    expect(psa.labels).toEqual({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" });
  });

  test("synth states what adopting changes for the running workloads", () => {
    const { stack, tenant } = adopt(TenantNamespace.adopt("default"));
    Testing.synth(stack);
    const info = tenant.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => m.data as string);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(/^tenant web adopts existing namespace default: it never creates or deletes it/);
    expect(info[0]).toMatch(/network policy tenant-isolation enforced: connections from other namespaces to its pods, and from its pods to anything but/);
    expect(info[0]).toMatch(/while use exceeds the quota new pods and scale-ups are refused/);
    expect(info[0]).toMatch(/Pod Security enforced: new pods breaking the level are refused \(running ones stay\)/);
    const open = adopt(TenantNamespace.adopt("default"), { egress: TenantEgress.unrestricted() });
    Testing.synth(open.stack);
    expect(open.tenant.node.metadata.find((m) => m.type === "@cdktf/info")!.data).toMatch(/connections from other namespaces to its pods stop \(egress stays open\)/);
    const created = adopt("shop");
    Testing.synth(created.stack);
    expect(created.tenant.node.metadata.filter((m) => m.type === "@cdktf/info")).toEqual([]);
  });
});

describe("which namespaces can be adopted", () => {
  test.each(["kube-system", "kube-public", "kube-anything", "aks-istio-system", "app-routing-system", "gatekeeper-system", "calico-system", "tigera-operator"])(
    "system namespace %s is refused",
    (ns) => {
      expect(() => adopt(TenantNamespace.adopt(ns))).toThrow(
        new RegExp(`test/Web: tenant "web": namespace "${ns}" is a system namespace .*which this library must not create, adopt or delete\\. Give the tenant its own namespace\\.`),
      );
    },
  );

  test("default is never created: the message names adoption as the fix", () => {
    for (const ns of ["default", TenantNamespace.create("default")]) {
      expect(() => adopt(ns)).toThrow(
        'test/Web: tenant "web": namespace "default" is a system namespace (Kubernetes or an AKS-managed component), which this library must not create or delete. ' +
          'To route to the workloads already in it, adopt it: namespace: TenantNamespace.adopt("default").',
      );
    }
  });

  test("the gateway's namespace and a namespace another tenant holds are refused, adopted or not", () => {
    expect(() => adopt(TenantNamespace.adopt("gateway-system"))).toThrow(/namespace "gateway-system" is the gateway's namespace/);
    const { stack, gateway } = adopt(TenantNamespace.adopt("shop"));
    expect(() => new Tenant(stack, "Other", { gateway, name: "other", namespace: TenantNamespace.adopt("shop"), hostnames: ["o.example.com"] })).toThrow(
      /creates namespace "shop", which .*Web already creates in the same cluster/,
    );
    expect(() => new Tenant(stack, "Third", { gateway, name: "third", namespace: "shop", hostnames: ["t.example.com"] })).toThrow(/namespace "shop"/);
  });

  test("an invalid namespace name is refused as for created namespaces", () => {
    expect(() => adopt(TenantNamespace.adopt("Shop"))).toThrow(/tenant "web": namespace "Shop" /);
  });
});

describe("phasing guardrails in", () => {
  test("podSecurity AUDIT: warn and audit labels, nothing enforced, and AKSGW-7 until suppressed", () => {
    const setup = adopt(TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.AUDIT }));
    const psa = all(setup.json(), Labels.tfResourceType)[1];
    expect(psa.labels).toEqual({ "pod-security.kubernetes.io/warn": "baseline", "pod-security.kubernetes.io/audit": "baseline" });
    expect(policyErrors(setup)).toEqual([expect.stringMatching(/^test\/Web\/NamespaceLabels: \[AKSGW-7\] Tenant namespace enforces a Pod Security level below baseline/)]);
    const suppressed = adopt(TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.AUDIT }));
    PlatformPolicy.suppress(suppressed.tenant, "AKSGW-7", "privileged log agent moves out by 2026-12-20");
    expect(policyErrors(suppressed)).toEqual([]);
  });

  test("podSecurity DEFER: no Pod Security labels at all, AKSGW-7", () => {
    const setup = adopt(TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.DEFER }));
    expect(all(setup.json(), Labels.tfResourceType)).toHaveLength(1);
    expect(policyErrors(setup)).toEqual([expect.stringMatching(/\[AKSGW-7\]/)]);
  });

  test("enforced defaults pass the policy pack", () => {
    expect(policyErrors(adopt(TenantNamespace.adopt("default")))).toEqual([]);
  });

  test("networkPolicy DEFER: no NetworkPolicy, AKSGW-4 until suppressed", () => {
    const setup = adopt(TenantNamespace.adopt("default", { networkPolicy: GuardrailRollout.DEFER }));
    const out = setup.json();
    expect(resourcesOf(out, "kubernetes_network_policy_v1")).toEqual({});
    expect(Object.keys(resourcesOf(out, "kubernetes_resource_quota_v1"))).toHaveLength(1);
    expect(setup.tenant.networkPolicy).toBeUndefined();
    expect(policyErrors(setup)).toEqual([
      expect.stringMatching(/^test\/Web\/NamespaceLabels: \[AKSGW-4\] Tenant namespace has no ResourceQuota or no NetworkPolicy/),
    ]);
  });

  test("quota DEFER: no ResourceQuota nor LimitRange, AKSGW-4", () => {
    const setup = adopt(TenantNamespace.adopt("default", { quota: GuardrailRollout.DEFER }));
    const out = setup.json();
    expect(resourcesOf(out, "kubernetes_resource_quota_v1")).toEqual({});
    expect(resourcesOf(out, "kubernetes_limit_range_v1")).toEqual({});
    expect(setup.tenant.quota).toBeUndefined();
    expect(setup.tenant.limitRange).toBeUndefined();
    expect(policyErrors(setup)).toEqual([expect.stringMatching(/\[AKSGW-4\]/)]);
  });

  test.each([
    ["networkPolicy", "a Kubernetes NetworkPolicy has no audit or dry-run mode"],
    ["quota", "a ResourceQuota has no audit mode"],
  ])("%s AUDIT is refused with the reason and the fix", (key, why) => {
    expect(() => adopt(TenantNamespace.adopt("default", { [key]: GuardrailRollout.AUDIT }))).toThrow(
      `test/Web: tenant "web": ${key} rollout "audit" is not possible: ${why}. Use GuardrailRollout.DEFER (and suppress PlatformPolicy rule AKSGW-4 on the tenant with a reason) until it can be enforced.`,
    );
  });

  test.each([["podSecurity"], ["networkPolicy"], ["quota"]])("an unknown %s rollout (JavaScript callers) is refused", (key) => {
    expect(() => adopt(TenantNamespace.adopt("default", { [key]: "later" } as any))).toThrow(
      `test/Web: tenant "web": ${key} rollout "later" is not a GuardrailRollout. Use GuardrailRollout.ENFORCE, AUDIT or DEFER.`,
    );
  });

  test("an enforce label beside a rollout that enforces nothing is refused", () => {
    expect(() =>
      adopt(TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.AUDIT }), { labels: { "pod-security.kubernetes.io/enforce": "restricted" } }),
    ).toThrow(/labels set pod-security\.kubernetes\.io\/enforce="restricted" while the podSecurity rollout is "audit", which enforces nothing\. Remove the label, or use GuardrailRollout\.ENFORCE\./);
  });

  test("the synth notice names deferred and audited guardrails with their rule", () => {
    const { stack, tenant } = adopt(
      TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.AUDIT, networkPolicy: GuardrailRollout.DEFER, quota: GuardrailRollout.DEFER }),
    );
    Testing.synth(stack);
    expect(tenant.node.metadata.find((m) => m.type === "@cdktf/info")!.data).toMatch(
      /network policy deferred \(AKSGW-4\); quota and limits deferred \(AKSGW-4\); Pod Security in warn and audit only \(AKSGW-7\)\.$/,
    );
  });
});

describe("namespace values a JavaScript caller may pass", () => {
  test("null is no namespace given: the tenant creates one named after it", () => {
    expect(adopt(null as any).tenant.namespaceName).toBe("web");
  });

  test.each([
    [42, "42"],
    [TenantNamespace.adopt(undefined as any), "undefined"],
    [TenantNamespace.adopt(7 as any), "7"],
  ])("%p is refused with our message", (namespace, shown) => {
    expect(() => adopt(namespace as any)).toThrow(
      `test/Web: tenant "web": namespace ${shown} is not a namespace name. Use "shop", TenantNamespace.create("shop") or TenantNamespace.adopt("shop").`,
    );
  });
});
