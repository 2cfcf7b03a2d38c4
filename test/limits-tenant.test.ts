/**
 * Tenant limits at the boundary (issue 12 item 3): each length and count a Tenant checks at synth, accepted
 * exactly at the limit (it synthesizes, and the value reaches the namespace, quota or limit range) and refused
 * one past it with the check's message. Sides already tested in test/tenant.test.ts (a 64-character name,
 * pods -1) and test/unusual-inputs.test.ts (a 63-character name) are not repeated.
 *
 * Kubernetes: namespace names are DNS-1123 labels (63), label keys `[prefix/]name` with a DNS-1123 subdomain
 * prefix (253) and a name of 63, label values 0 to 63; Gateway API hostnames 253 with labels of 63, paths 1024.
 */
import { Testing } from "cdktf";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { TenantLimits, TenantQuota } from "../lib/tenancy/tenant-quota";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";
import { hostnameOf, re, subdomainOf } from "./limits-fixtures";

/** A tenant "shop" with these props; returns the synthesized (validated) JSON. */
function accepted(props: Partial<TenantProps>): any {
  const { stack, gateway } = tenancyStack();
  new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], ...props });
  return JSON.parse(Testing.synth(stack, true));
}

/** Creating the tenant "shop" with these props, as a function for `expect(...).toThrow`. */
function refused(props: Partial<TenantProps>): () => void {
  return () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], ...props });
  };
}

const only = (json: any, type: string): any => {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};
const namespaceOf = (json: any) => only(json, "kubernetes_namespace_v1").metadata;

describe("tenant names and namespaces", () => {
  test("a namespace of 63 characters is accepted, of 64 refused", () => {
    const at = `n${"s".repeat(62)}`;
    expect(namespaceOf(accepted({ namespace: at })).name).toBe(at);
    expect(refused({ namespace: `${at}s` })).toThrow(
      new RegExp(`tenant "shop": namespace "${at}s" is 64 characters long \\(at most 63\\)\\. Use a name such as "team-a"\\.`),
    );
  });
});

describe("tenant hostnames and path prefixes", () => {
  test("a hostname of 253 characters is accepted, of 254 refused", () => {
    const at = hostnameOf(253, "example.com");
    expect(namespaceOf(accepted({ hostnames: [at] })).annotations["cdktf-aks-gateway/owned-hostnames"]).toBe(at);
    const past = hostnameOf(254, "example.com");
    expect(refused({ hostnames: [past] })).toThrow(
      new RegExp(`tenant "shop": hostname "${re(past)}" must be 1 to 253 characters long\\. Use a name such as "app\\.example\\.com"`),
    );
  });

  test("a wildcard hostname of 253 characters is accepted", () => {
    const at = `*.${hostnameOf(251, "example.com")}`;
    expect(namespaceOf(accepted({ hostnames: [at] })).annotations["cdktf-aks-gateway/owned-hostnames"]).toBe(at);
  });

  test("a hostname label of 63 characters is accepted, of 64 refused", () => {
    const at = `${"l".repeat(63)}.example.com`;
    expect(namespaceOf(accepted({ hostnames: [at] })).annotations["cdktf-aks-gateway/owned-hostnames"]).toBe(at);
    expect(refused({ hostnames: [`${"l".repeat(64)}.example.com`] })).toThrow(/hostname "l{64}\.example\.com" has a label longer than 63 characters\./);
  });

  test("a path prefix of 1024 characters is accepted, of 1025 refused", () => {
    const at = `/${"p".repeat(1023)}`;
    expect(namespaceOf(accepted({ pathPrefixes: [at] })).annotations["cdktf-aks-gateway/owned-path-prefixes"]).toBe(at);
    expect(refused({ pathPrefixes: [`${at}p`] })).toThrow(
      /tenant "shop": path prefix "\/p{1024}" is 1025 characters long \(at most 1024\)\. Use a path such as "\/app1"\./,
    );
  });
});

describe("tenant labels", () => {
  test("a label name part of 63 characters is accepted, of 64 refused", () => {
    const at = `k${"x".repeat(62)}`;
    expect(namespaceOf(accepted({ labels: { [at]: "v" } })).labels[at]).toBe("v");
    expect(refused({ labels: { [`${at}x`]: "v" } })).toThrow(
      new RegExp(`tenant "shop": label key "${at}x" has a name part that is not 1 to 63 letters`),
    );
  });

  test("a label key prefix of 253 characters is accepted, of 254 refused", () => {
    const at = `${subdomainOf(253)}/team`;
    expect(namespaceOf(accepted({ labels: { [at]: "a" } })).labels[at]).toBe("a");
    const past = `${subdomainOf(254)}/team`;
    expect(refused({ labels: { [past]: "a" } })).toThrow(new RegExp(`label key "${re(past)}" has a prefix that is not a DNS-1123 subdomain\\.`));
  });

  test("a label key with an empty name part is refused", () => {
    expect(refused({ labels: { "example.com/": "a" } })).toThrow(/label key "example\.com\/" has a name part that is not 1 to 63 letters/);
  });

  test("label values of 0 and of 63 characters are accepted, of 64 refused", () => {
    const at = `v${"x".repeat(62)}`;
    const labels = namespaceOf(accepted({ labels: { team: at, empty: "" } })).labels;
    expect([labels.team, labels.empty]).toEqual([at, ""]);
    expect(refused({ labels: { team: `${at}x` } })).toThrow(
      new RegExp(`tenant "shop": label "team" value "${at}x" is not 0 to 63 letters, digits, '-', '_' or '\\.'`),
    );
  });
});

describe("tenant quota and container defaults", () => {
  const hard = (json: any) => only(json, "kubernetes_resource_quota_v1").spec.hard;

  test("counts of 0 are accepted for pods, LoadBalancer and NodePort Services", () => {
    expect(hard(accepted({ quota: { pods: 0, servicesLoadBalancers: 0, servicesNodePorts: 0 } }))).toMatchObject({
      pods: "0",
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    });
  });

  test.each(["servicesLoadBalancers", "servicesNodePorts"] as const)("a %s count of -1 is refused (pods -1 in tenant.test.ts)", (field) => {
    expect(refused({ quota: { [field]: -1 } })).toThrow(new RegExp(`tenant "shop": quota\\.${field} must be a whole number ≥ 0, got -1\\.`));
  });

  test.each(["quota.requestsCpu", "quota.requestsMemory", "quota.limitsCpu", "limits.defaultRequestCpu", "limits.defaultRequestMemory", "limits.defaultLimitCpu", "limits.defaultLimitMemory"])(
    "%s must be a Kubernetes quantity (quota.limitsMemory in tenant.test.ts)",
    (path) => {
      const [group, field] = path.split(".");
      expect(refused({ [group]: { [field]: "2 cores" } })).toThrow(
        new RegExp(`tenant "shop": ${re(path)} "2 cores" is not a Kubernetes quantity\\. Use a value such as "500m", "2" or "4Gi"\\.`),
      );
    },
  );

  /**
   * Each "not above" pair, equal (accepted) and one unit above (refused). Defaults: requests 100m/128Mi, limits
   * 500m/512Mi, quota requests 4/8Gi, quota limits 8/16Gi.
   */
  const PAIRS: Array<[string, Partial<TenantQuota>, Partial<TenantLimits>, Partial<TenantQuota>, Partial<TenantLimits>, RegExp]> = [
    [
      "defaultRequestCpu ≤ defaultLimitCpu",
      {}, { defaultRequestCpu: "0.5" },
      {}, { defaultRequestCpu: "501m" },
      /limits\.defaultRequestCpu "501m" is above limits\.defaultLimitCpu "500m", so a container using the defaults could never be admitted\. Lower limits\.defaultRequestCpu or raise limits\.defaultLimitCpu\./,
    ],
    [
      "defaultRequestMemory ≤ defaultLimitMemory",
      {}, { defaultRequestMemory: "536870912" },
      {}, { defaultRequestMemory: "536870913" },
      /limits\.defaultRequestMemory "536870913" is above limits\.defaultLimitMemory "512Mi"/,
    ],
    [
      "defaultRequestCpu ≤ quota.requestsCpu",
      { requestsCpu: "100m" }, {},
      { requestsCpu: "99m" }, {},
      /limits\.defaultRequestCpu "100m" is above quota\.requestsCpu "99m".*Lower limits\.defaultRequestCpu or raise quota\.requestsCpu\./,
    ],
    [
      "defaultRequestMemory ≤ quota.requestsMemory",
      { requestsMemory: "128Mi" }, {},
      { requestsMemory: "127Mi" }, {},
      /limits\.defaultRequestMemory "128Mi" is above quota\.requestsMemory "127Mi"/,
    ],
    [
      "defaultLimitCpu ≤ quota.limitsCpu",
      { limitsCpu: "500m", requestsCpu: "500m" }, {},
      { limitsCpu: "499m", requestsCpu: "499m" }, {},
      /limits\.defaultLimitCpu "500m" is above quota\.limitsCpu "499m"/,
    ],
    [
      "defaultLimitMemory ≤ quota.limitsMemory",
      { limitsMemory: "512Mi", requestsMemory: "512Mi" }, {},
      { limitsMemory: "511Mi", requestsMemory: "511Mi" }, {},
      /limits\.defaultLimitMemory "512Mi" is above quota\.limitsMemory "511Mi"/,
    ],
  ];

  test.each(PAIRS)("%s: equal is accepted, one unit above refused", (_what, quotaAt, limitsAt, quotaPast, limitsPast, message) => {
    const json = accepted({ quota: quotaAt, limits: limitsAt });
    expect(hard(json)).toMatchObject(Object.fromEntries(Object.entries(quotaAt).map(([k, v]) => [k.replace(/^(requests|limits)(Cpu|Memory)$/, (_m, a, b) => `${a}.${b.toLowerCase()}`), v])));
    const range = only(json, "kubernetes_limit_range_v1").spec.limit[0];
    if (limitsAt.defaultRequestCpu) expect(range.default_request.cpu).toBe(limitsAt.defaultRequestCpu);
    if (limitsAt.defaultRequestMemory) expect(range.default_request.memory).toBe(limitsAt.defaultRequestMemory);
    expect(refused({ quota: quotaPast, limits: limitsPast })).toThrow(message);
  });
});
