/**
 * Tenant checks that mutation testing of lib/tenancy/private/tenant-checks.ts showed unguarded (issue 12 item 6):
 * each refusal with its whole message (the fix it names included), every label the library reserves, and the
 * values given as tokens that the checks must leave to the apply. See bench/MUTATION.md.
 */
import { Lazy, Testing, Token } from "cdktf";
import { Construct } from "constructs";
import { TenantChecks } from "../lib/tenancy/private/tenant-checks";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { TenantEgress } from "../lib/tenancy/tenant-egress";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";

const GROUP = "11111111-2222-3333-4444-555555555555";

function refused(props: Partial<TenantProps>): () => void {
  return () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], ...props });
  };
}

/** The synthesized (validated) JSON of a tenant "shop" with these props. */
function accepted(props: Partial<TenantProps>): any {
  const { stack, gateway } = tenancyStack();
  new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], ...props });
  return JSON.parse(Testing.synth(stack, true));
}

const only = (json: any, type: string): any => Object.values(resourcesOf(json, type))[0];
const str = (value: string) => Lazy.stringValue({ produce: () => value });

describe("messages keep the fix they name", () => {
  test.each<[string, Partial<TenantProps>, RegExp]>([
    ["a token namespace", { namespace: str("shop") }, /tenant name and namespace must be concrete strings, got "shop" \/ "\$\{TfToken\[TOKEN\.\d+\]\}": they key the tenant's ownership checks at synth\./],
    ["a namespace that is no DNS label", { namespace: "Shop" }, /tenant "shop": namespace "Shop" is not a DNS-1123 label .*\. Use a name such as "team-a"\./],
    ["a system namespace", { namespace: "kube-shop" }, /tenant "shop": namespace "kube-shop" is a system namespace .*\. Give the tenant its own namespace\./],
    ["no hostnames", { hostnames: [] }, /tenant "shop" owns no hostnames, got \[\]\. List at least one hostname, such as \["app\.example\.com"\]\./],
    ["a token hostname", { hostnames: [str("shop.example.com")] }, /tenant "shop": hostname "\$\{TfToken\[TOKEN\.\d+\]\}" is an unresolved token; ownership is checked at synth, so hostnames must be concrete strings\./],
    ["an invalid hostname", { hostnames: ["Shop.example.com"] }, /tenant "shop": hostname "Shop\.example\.com" is not an RFC 1123 hostname .*\. Use a name such as "app\.example\.com" or "\*\.apps\.example\.com"\./],
    ["no path prefixes", { pathPrefixes: [] }, /tenant "shop" owns no path prefixes, got \[\]\. Leave pathPrefixes out to own "\/", or list prefixes\./],
    ["a token path prefix", { pathPrefixes: [str("/shop")] }, /tenant "shop": path prefix "\$\{TfToken\[TOKEN\.\d+\]\}" is an unresolved token; use a concrete path\./],
    ["an invalid path prefix", { pathPrefixes: ["shop"] }, /tenant "shop": path prefix "shop" must start with '\/'\. Use a path such as "\/app1"\./],
    ["a quantity that is none", { quota: { limitsMemory: "16 GB" } }, /tenant "shop": quota\.limitsMemory "16 GB" is not a Kubernetes quantity\. Use a value such as "500m", "2" or "4Gi"\./],
    ["a fractional pod count", { quota: { pods: 2.5 } }, /tenant "shop": quota\.pods must be a whole number ≥ 0, got 2\.5\./],
    ["empty owners", { owners: { groupObjectIds: [] } }, /tenant "shop": owners\.groupObjectIds is empty\. List at least one Entra ID group object id, or leave owners out\./],
    ["an owner that is no GUID", { owners: { groupObjectIds: [GROUP, "admins"] } }, /tenant "shop": owners\.groupObjectIds entry "admins" is not an Entra ID object id \(a GUID such as "00000000-0000-0000-0000-000000000000"\)\. Use the group's object id, not its name\./],
    ["an egress block that is none", { egress: TenantEgress.restricted({ allowCidrs: ["10.0.0.0/8", "db"] }) }, /tenant "shop": egress CIDR "db" is not a CIDR block such as 10\.0\.0\.0\/16 or fd00::\/8\. Pass blocks such as "10\.20\.0\.0\/16"\./],
    ["an invalid label key", { labels: { "team/a/b": "x" } }, /tenant "shop": label key "team\/a\/b" has a prefix that is not a DNS-1123 subdomain\./],
    ["an invalid label value", { labels: { team: "-a" } }, /tenant "shop": label "team" value "-a" is not 0 to 63 letters, digits, '-', '_' or '\.', starting and ending with a letter or digit\./],
  ])("%s", (_what, props, message) => {
    expect(refused(props)).toThrow(message);
  });
});

describe("labels the library sets cannot be overridden", () => {
  test.each([
    ["app.kubernetes.io/managed-by", "; remove it from labels."],
    ["cdktf-aks-gateway/tenant", "; remove it from labels."],
    ["kubernetes.io/metadata.name", "; remove it from labels."],
    ["cdktf-aks-gateway/gateway", "; remove it from labels."],
    ["istio.io/dataplane-mode", "; use the ambient prop instead."],
  ])("%s", (key, fix) => {
    const escape = (s: string) => s.replace(/[./]/g, "\\$&");
    expect(refused({ labels: { [key]: "x" } })).toThrow(new RegExp(`tenant "shop": label "${escape(key)}" is set by the library and cannot be overridden${escape(fix)}$`));
  });
});

describe("values given as tokens are left to the apply", () => {
  test("quota quantities and counts, owner ids, egress blocks and label values", () => {
    const json = accepted({
      quota: { requestsCpu: str("2"), pods: Token.asNumber(Lazy.numberValue({ produce: () => 20 })) },
      limits: { defaultLimitMemory: str("256Mi") },
      owners: { groupObjectIds: [str(GROUP)] },
      egress: TenantEgress.restricted({ allowCidrs: [str("10.20.0.0/16")] }),
      labels: { team: str("Not A Label!") },
    });
    expect(only(json, "kubernetes_resource_quota_v1").spec.hard).toMatchObject({ "requests.cpu": "2", pods: 20 });
    expect(only(json, "kubernetes_limit_range_v1").spec.limit[0].default.memory).toBe("256Mi");
    expect(only(json, "kubernetes_namespace_v1").metadata.labels.team).toBe("Not A Label!");
  });

  test("a token label key is not checked", () => {
    const json = accepted({ labels: { [str("Bad Key")]: "x" } });
    expect(only(json, "kubernetes_namespace_v1").metadata.labels["Bad Key"]).toBe("x");
  });
});

describe("TenantChecks on its own", () => {
  test("checkIdentity refuses a name that is no DNS label (Tenant refuses it earlier, before creating its scope)", () => {
    const checks = new TenantChecks(new Construct(tenancyStack().stack, "Shop"));
    expect(() => checks.checkIdentity("Shop_1", "shop")).toThrow(/^test\/Shop: tenant name "Shop_1" is not a DNS-1123 label .*\. Use a name such as "team-a"\.$/);
    expect(() => checks.checkIdentity("shop", "shop")).not.toThrow();
  });
});
