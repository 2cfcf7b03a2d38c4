import { Testing } from "cdktf";
import { Tenant } from "../lib/tenancy/tenant";
import { TenantGuardrailPolicy } from "../lib/tenancy/tenant-guardrail-policy";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";
import { Policy, evaluatePolicy, namespaceObject } from "./cel";

const OWNERS = "11111111-2222-3333-4444-555555555555";
const NETWORK_POLICY = { group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", resource: "networkpolicies" };
const QUOTA = { group: "", version: "v1", kind: "ResourceQuota", resource: "resourcequotas" };

function synth(withOwners = true) {
  const { stack, gateway } = tenancyStack();
  new Tenant(stack, "App1", {
    gateway,
    name: "app1",
    hostnames: ["app1.example.com"],
    owners: withOwners ? { groupObjectIds: [OWNERS] } : undefined,
  });
  const policy = new TenantGuardrailPolicy(stack, "Guardrails", { gateway });
  const json = JSON.parse(Testing.synth(stack));
  const manifests = Object.values(resourcesOf(json, "kubernetes_manifest")).map((r: any) => r.manifest);
  const ns = (Object.values(resourcesOf(json, "kubernetes_namespace_v1")) as any[]).find((n) => n.metadata.name === "app1");
  return {
    policy: manifests.find((m) => m.kind === "ValidatingAdmissionPolicy" && m.metadata.name === policy.policyName) as Policy,
    binding: manifests.find((m) => m.kind === "ValidatingAdmissionPolicyBinding" && m.metadata.name === policy.policyName),
    namespace: namespaceObject(ns.metadata),
  };
}

const networkPolicy = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "allow-all", namespace: "app1" }, spec: { podSelector: {}, ingress: [{}] } };

describe("TenantGuardrailPolicy", () => {
  test("the tenant namespace records its owner groups", () => {
    expect(synth().namespace.metadata.annotations?.["cdktf-aks-gateway/owner-groups"]).toBe(OWNERS);
    expect(synth(false).namespace.metadata.annotations?.["cdktf-aks-gateway/owner-groups"]).toBeUndefined();
  });

  test.each(["CREATE", "UPDATE", "DELETE"] as const)("denies owners %s of a NetworkPolicy", (operation) => {
    const { policy, namespace } = synth();
    const verdict = evaluatePolicy(policy, {
      object: networkPolicy,
      namespaceObject: namespace,
      operation,
      resource: NETWORK_POLICY,
      userGroups: ["system:authenticated", OWNERS],
    });
    expect(verdict.admitted).toBe(false);
    expect(verdict.messages).toEqual([expect.stringMatching(/^Tenant owners cannot change the NetworkPolicies/)]);
  });

  test("denies owners changes to the quota", () => {
    const { policy, namespace } = synth();
    const quota = { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "tenant-quota", namespace: "app1" } };
    expect(evaluatePolicy(policy, { object: quota, namespaceObject: namespace, operation: "DELETE", resource: QUOTA, userGroups: [OWNERS] }).admitted).toBe(false);
  });

  test("denies the namespace's own ServiceAccounts, even when not in an owner group", () => {
    const { policy, namespace } = synth();
    const verdict = evaluatePolicy(policy, {
      object: networkPolicy,
      namespaceObject: namespace,
      operation: "DELETE",
      resource: NETWORK_POLICY,
      userGroups: ["system:serviceaccounts", "system:serviceaccounts:app1"],
      username: "system:serviceaccount:app1:helper",
    });
    expect(verdict.admitted).toBe(false);
    expect(verdict.messages).toEqual([expect.stringMatching(/^ServiceAccounts of a tenant namespace cannot change/)]);
    const other = evaluatePolicy(policy, {
      object: networkPolicy,
      namespaceObject: namespace,
      resource: NETWORK_POLICY,
      userGroups: ["system:serviceaccounts"],
      username: "system:serviceaccount:app10:helper",
    });
    expect(other.admitted).toBe(true);
  });

  test("admits everyone else, e.g. the platform team running Terraform", () => {
    const { policy, namespace } = synth();
    const verdict = evaluatePolicy(policy, { object: networkPolicy, namespaceObject: namespace, resource: NETWORK_POLICY, userGroups: ["platform-admins"] });
    expect(verdict).toMatchObject({ admitted: true, messages: [] });
  });

  test("admits a requester without groups, and anyone in a namespace without owners", () => {
    const withOwners = synth();
    expect(evaluatePolicy(withOwners.policy, { object: networkPolicy, namespaceObject: { ...withOwners.namespace }, resource: NETWORK_POLICY, userGroups: undefined as any }).admitted).toBe(true);
    const noOwners = synth(false);
    expect(evaluatePolicy(noOwners.policy, { object: networkPolicy, namespaceObject: noOwners.namespace, resource: NETWORK_POLICY, userGroups: [OWNERS] }).admitted).toBe(true);
  });

  test("matches NetworkPolicies, ResourceQuotas and LimitRanges in tenant namespaces only", () => {
    const { policy, binding } = synth();
    expect(policy.spec.failurePolicy).toBe("Fail");
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      expect.objectContaining({ apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], operations: ["CREATE", "UPDATE", "DELETE"] }),
      expect.objectContaining({ apiGroups: [""], resources: ["resourcequotas", "limitranges"], operations: ["CREATE", "UPDATE", "DELETE"] }),
    ]);
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ["Deny"],
      matchResources: {
        namespaceSelector: {
          matchExpressions: [
            // Only the tenant label: adopted namespaces keep their own app.kubernetes.io/managed-by.
            { key: "cdktf-aks-gateway/tenant", operator: "Exists" },
          ],
        },
      },
    });
  });

  test("throws when a gateway gets a second guardrail policy", () => {
    const { stack, gateway } = tenancyStack();
    new TenantGuardrailPolicy(stack, "One", { gateway });
    expect(() => new TenantGuardrailPolicy(stack, "Two", { gateway })).toThrow(/Two: gateway "shared" already has a TenantGuardrailPolicy \(at test\/One\)/);
  });
});

describe("TenantGuardrailPolicy: the Gateway admission label", () => {
  const NAMESPACE = { group: "", version: "v1", kind: "Namespace", resource: "namespaces" };
  const LABEL = "cdktf-aks-gateway/gateway";

  function labelGuard(platformPrincipals?: { users?: string[]; groups?: string[] }) {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "App1", { gateway, name: "app1", hostnames: ["app1.example.com"], owners: { groupObjectIds: [OWNERS] } });
    new TenantGuardrailPolicy(stack, "Guardrails", { gateway, platformPrincipals });
    const json = JSON.parse(Testing.synth(stack));
    const manifests = Object.values(resourcesOf(json, "kubernetes_manifest")).map((r: any) => r.manifest);
    const policy = manifests.find((m) => m.kind === "ValidatingAdmissionPolicy" && m.metadata.name.startsWith("tenant-admission-label.")) as Policy;
    const binding = manifests.find((m) => m.kind === "ValidatingAdmissionPolicyBinding" && m.metadata.name === policy.metadata.name);
    const ns = (Object.values(resourcesOf(json, "kubernetes_namespace_v1")) as any[]).find((n) => n.metadata.name === "app1");
    return { policy, binding, tenantNamespace: namespaceObject(ns.metadata) };
  }

  /** A namespace update from `before` to `after` by `who`. */
  function update(policy: Policy, before: any, after: any, who: { username?: string; userGroups?: string[] }) {
    return evaluatePolicy(policy, { object: after, oldObject: before, namespaceObject: after, operation: "UPDATE", resource: NAMESPACE, ...who });
  }

  const withLabel = (ns: any, value: string | undefined) => {
    const copy = JSON.parse(JSON.stringify(ns));
    if (value === undefined) delete copy.metadata.labels[LABEL];
    else copy.metadata.labels[LABEL] = value;
    return copy;
  };

  test("tenant namespaces carry the label; the binding covers every namespace, on create and update", () => {
    const { policy, binding, tenantNamespace } = labelGuard();
    expect((tenantNamespace.metadata.labels as Record<string, string>)[LABEL]).toBe("gateway-system.shared");
    expect(binding.spec).toEqual({ policyName: policy.metadata.name, validationActions: ["Deny"] });
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["namespaces"] },
    ]);
  });

  test.each([
    ["adding it to another namespace", (_ns: any) => withLabel(namespaceObject({ name: "rogue" }), undefined), (_ns: any) => withLabel(namespaceObject({ name: "rogue" }), "gateway-system.shared")],
    ["changing it", (ns: any) => ns, (ns: any) => withLabel(ns, "gateway-system.other")],
    ["removing it", (ns: any) => ns, (ns: any) => withLabel(ns, undefined)],
  ])("ServiceAccounts are denied %s", (_what, before, after) => {
    const { policy, tenantNamespace } = labelGuard();
    const verdict = update(policy, before(tenantNamespace), after(tenantNamespace), { username: "system:serviceaccount:argocd:argocd-application-controller" });
    expect(verdict.admitted).toBe(false);
    expect(verdict.messages).toEqual([`ServiceAccounts cannot add, change or remove the ${LABEL} label.`]);
  });

  test("the namespace's own owners are denied removing it; a cluster administrator may; other changes pass", () => {
    const { policy, tenantNamespace } = labelGuard();
    const removed = withLabel(tenantNamespace, undefined);
    expect(update(policy, tenantNamespace, removed, { userGroups: [OWNERS] }).messages).toEqual([
      `Tenant owners cannot add, change or remove the ${LABEL} label of their namespace.`,
    ]);
    expect(update(policy, tenantNamespace, removed, { username: "platform-admin@contoso.com", userGroups: ["admins"] }).admitted).toBe(true);
    // Updates that leave the label alone are never judged, whoever makes them.
    const relabelled = JSON.parse(JSON.stringify(tenantNamespace));
    relabelled.metadata.labels["team"] = "blue";
    expect(update(policy, tenantNamespace, relabelled, { username: "system:serviceaccount:app1:deployer", userGroups: [OWNERS] }).admitted).toBe(true);
  });

  test("creating a namespace with the label is judged too (oldObject is null on CREATE)", () => {
    const { policy } = labelGuard();
    const created = withLabel(namespaceObject({ name: "rogue" }), "gateway-system.shared");
    const verdict = evaluatePolicy(policy, { object: created, namespaceObject: created, operation: "CREATE", resource: NAMESPACE, username: "system:serviceaccount:x:y" });
    expect(verdict.admitted).toBe(false);
    const plain = namespaceObject({ name: "plain" });
    expect(evaluatePolicy(policy, { object: plain, namespaceObject: plain, operation: "CREATE", resource: NAMESPACE, username: "system:serviceaccount:x:y" }).admitted).toBe(true);
  });

  test("with platformPrincipals, only they may touch the label", () => {
    const { policy, tenantNamespace } = labelGuard({ users: ["00000000-aaaa-bbbb-cccc-000000000001"], groups: ["platform-team"] });
    const removed = withLabel(tenantNamespace, undefined);
    expect(update(policy, tenantNamespace, removed, { username: "00000000-aaaa-bbbb-cccc-000000000001" }).admitted).toBe(true);
    expect(update(policy, tenantNamespace, removed, { username: "bob@contoso.com", userGroups: ["platform-team"] }).admitted).toBe(true);
    const denied = update(policy, tenantNamespace, removed, { username: "admin@contoso.com", userGroups: ["cluster-admins"] });
    expect(denied.admitted).toBe(false);
    expect(denied.messages).toEqual([`Only the platform may add, change or remove the ${LABEL} label.`]);
  });
});
