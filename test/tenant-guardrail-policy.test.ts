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
            { key: "app.kubernetes.io/managed-by", operator: "In", values: ["cdktf-aks-gateway"] },
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
