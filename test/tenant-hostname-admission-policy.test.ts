import { Testing } from "cdktf";
import { HostnameAdmissionPolicy } from "../lib/tenancy/hostname-admission-policy";
import { HOSTNAME_POLICY_CEL } from "../lib/tenancy/private/admission-cel";
import { hostnameCovers, pathCovers } from "../lib/private/route-ownership";
import { Tenant } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { FakeGateway, tenancyStack } from "./tenancy-fixtures";

function synthPolicy() {
  const { stack, gateway } = tenancyStack();
  const policy = new HostnameAdmissionPolicy(stack, "HostnameAdmission", { gateway });
  const json = JSON.parse(Testing.synth(stack));
  const byKind: Record<string, any> = {};
  for (const r of Object.values(resourcesOf(json, "kubernetes_manifest")) as any[]) byKind[r.manifest.kind] = r;
  return { stack, gateway, policy, json, byKind };
}

describe("HostnameAdmissionPolicy", () => {
  test("creates a policy on HTTPRoute and GRPCRoute create and update that fails closed", () => {
    const { byKind, policy } = synthPolicy();
    const vap = byKind.ValidatingAdmissionPolicy.manifest;
    expect(vap.apiVersion).toBe("admissionregistration.k8s.io/v1");
    expect(vap.metadata).toEqual({
      name: "tenant-routes.shared.gateway-system",
      labels: { "app.kubernetes.io/managed-by": "cdktf-aks-gateway" },
    });
    expect(policy.policyName).toBe("tenant-routes.shared.gateway-system");
    expect(vap.spec.failurePolicy).toBe("Fail");
    expect(vap.spec.matchConstraints).toEqual({
      resourceRules: [
        {
          apiGroups: ["gateway.networking.k8s.io"],
          apiVersions: ["*"],
          operations: ["CREATE", "UPDATE"],
          resources: ["httproutes", "grpcroutes"],
        },
      ],
    });
  });

  test("reads the owned hostnames and path prefixes from the namespace annotations", () => {
    const vap = synthPolicy().byKind.ValidatingAdmissionPolicy.manifest;
    expect(vap.spec.variables).toEqual([
      {
        name: "ownedHostnames",
        expression:
          "has(namespaceObject.metadata.annotations) && 'cdktf-aks-gateway/owned-hostnames' in namespaceObject.metadata.annotations " +
          "? namespaceObject.metadata.annotations['cdktf-aks-gateway/owned-hostnames'].split(',').filter(s, s != '') : []",
      },
      {
        name: "ownedPathPrefixes",
        expression:
          "has(namespaceObject.metadata.annotations) && 'cdktf-aks-gateway/owned-path-prefixes' in namespaceObject.metadata.annotations " +
          "? namespaceObject.metadata.annotations['cdktf-aks-gateway/owned-path-prefixes'].split(',').filter(s, s != '') : []",
      },
    ]);
  });

  test("requires hostnames, owned hostnames (wildcards as suffix) and owned paths", () => {
    const vap = synthPolicy().byKind.ValidatingAdmissionPolicy.manifest;
    const validations = vap.spec.validations;
    expect(validations.map((v: any) => v.expression)).toEqual([
      HOSTNAME_POLICY_CEL.hostnamesRequired,
      HOSTNAME_POLICY_CEL.hostnamesOwned,
      HOSTNAME_POLICY_CEL.pathsOwned,
    ]);
    expect(validations[0]).toMatchObject({ reason: "Invalid", message: expect.stringMatching(/must list spec.hostnames/) });
    expect(validations[1]).toMatchObject({ reason: "Forbidden", messageExpression: expect.stringContaining("variables.ownedHostnames.join") });
    expect(validations[2]).toMatchObject({ reason: "Forbidden", messageExpression: expect.stringContaining("variables.ownedPathPrefixes.join") });
    expect(HOSTNAME_POLICY_CEL.hostnamesRequired).toBe("has(object.spec.hostnames) && size(object.spec.hostnames) > 0");
    expect(HOSTNAME_POLICY_CEL.hostnamesOwned).toContain("o == h || (o.startsWith('*.') && h.endsWith(o.substring(1)))");
    expect(HOSTNAME_POLICY_CEL.pathsOwned).toContain("m.path.type != 'RegularExpression'");
    expect(HOSTNAME_POLICY_CEL.pathsOwned).toContain("(m.path.value == p || m.path.value.startsWith(p + '/'))");
    expect(HOSTNAME_POLICY_CEL.pathsOwned).toContain(": variables.ownedPathPrefixes.exists(p, p == '/')");
  });

  test("every CEL expression has balanced parentheses and quotes", () => {
    const vap = synthPolicy().byKind.ValidatingAdmissionPolicy.manifest;
    const expressions = [
      ...vap.spec.variables.map((v: any) => v.expression),
      ...vap.spec.validations.flatMap((v: any) => [v.expression, v.messageExpression].filter(Boolean)),
    ];
    for (const e of expressions) {
      let depth = 0;
      for (const c of e.replace(/'[^']*'/g, "''")) {
        if (c === "(") depth++;
        if (c === ")") depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
      expect((e.match(/'/g) ?? []).length % 2).toBe(0);
    }
  });

  // The per-element predicates use only CEL syntax that JavaScript shares (==, ||, &&, startsWith, endsWith,
  // substring, string literals), so they can be evaluated here and compared with the synth-time rules.
  test("the hostname predicate agrees with hostnameCovers", () => {
    const covers = new Function("o", "h", `return ${HOSTNAME_POLICY_CEL.hostnameCovers};`) as (o: string, h: string) => boolean;
    const owned = ["app.example.com", "*.example.com", "*.b.example.org"];
    const hosts = ["app.example.com", "x.example.com", "a.b.example.com", "*.b.example.com", "*.example.com", "example.com",
      "aexample.com", "b.example.org", "c.b.example.org", "*.c.b.example.org", "*.example.org", "app.example.com.evil.io"];
    for (const o of owned) for (const h of hosts) expect([o, h, covers(o, h)]).toEqual([o, h, hostnameCovers(o, h)]);
  });

  test("the path predicate agrees with pathCovers and refuses regular expressions below /", () => {
    const has = (x: unknown) => x !== undefined;
    const covers = new Function("has", "p", "m", `return ${HOSTNAME_POLICY_CEL.pathCovers};`) as (
      h: typeof has, p: string, m: any) => boolean;
    const prefixes = ["/", "/app", "/app/v2"];
    const paths = ["/", "/app", "/app/", "/app/x", "/apple", "/app/v2/x", "/other"];
    for (const p of prefixes) {
      for (const value of paths) {
        for (const type of ["PathPrefix", "Exact"]) {
          expect([p, value, covers(has, p, { path: { type, value } })]).toEqual([p, value, pathCovers(p, value)]);
        }
      }
      expect(covers(has, p, { path: { type: "RegularExpression", value: "/app/.*" } })).toBe(p === "/");
      expect(covers(has, p, {})).toBe(p === "/");
    }
  });

  test("binds the policy to tenant namespaces only, denying violations", () => {
    const { byKind, json } = synthPolicy();
    const binding = byKind.ValidatingAdmissionPolicyBinding;
    expect(binding.manifest).toEqual({
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: {
        name: "tenant-routes.shared.gateway-system",
        labels: { "app.kubernetes.io/managed-by": "cdktf-aks-gateway" },
      },
      spec: {
        policyName: "tenant-routes.shared.gateway-system",
        validationActions: ["Deny"],
        matchResources: {
          namespaceSelector: {
            matchExpressions: [
              // Only the tenant label: adopted namespaces keep their own app.kubernetes.io/managed-by.
              { key: "cdktf-aks-gateway/tenant", operator: "Exists" },
            ],
          },
        },
      },
    });
    const policyId = Object.entries(resourcesOf(json, "kubernetes_manifest")).find(
      ([, r]: [string, any]) => r.manifest.kind === "ValidatingAdmissionPolicy",
    )![0];
    expect(binding.depends_on).toEqual([`kubernetes_manifest.${policyId}`]);
  });

  test("tenant namespaces carry exactly what the policy selects and reads", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "T", { gateway, name: "t", hostnames: ["t.example.com", "*.t.example.com"], pathPrefixes: ["/a", "/b"] });
    const [ns] = Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "kubernetes_namespace_v1")) as any[];
    expect(ns.metadata.labels).toMatchObject({
      "app.kubernetes.io/managed-by": "cdktf-aks-gateway",
      "cdktf-aks-gateway/tenant": "t",
    });
    for (const key of Object.keys(ns.metadata.annotations)) {
      expect(HOSTNAME_POLICY_CEL.ownedHostnames + HOSTNAME_POLICY_CEL.ownedPathPrefixes).toContain(`'${key}'`);
    }
    expect(ns.metadata.annotations).toEqual({
      "cdktf-aks-gateway/owned-hostnames": "t.example.com,*.t.example.com",
      "cdktf-aks-gateway/owned-path-prefixes": "/a,/b",
    });
  });

  test("another gateway gets its own policy", () => {
    const { stack } = synthPolicy();
    const other = new HostnameAdmissionPolicy(stack, "Other", { gateway: new FakeGateway(stack, "edge", "gateway-edge") });
    expect(other.policyName).toBe("tenant-routes.edge.gateway-edge");
  });

  test("throws when a gateway gets a second policy", () => {
    const { stack, gateway } = synthPolicy();
    expect(() => new HostnameAdmissionPolicy(stack, "Again", { gateway })).toThrow(
      /gateway "shared" already has a HostnameAdmissionPolicy \(at test\/HostnameAdmission\)/,
    );
  });
});
