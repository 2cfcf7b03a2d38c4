/**
 * Edge limits at the boundary (issue 12 item 3): the WAF policy's body and upload limits and custom rules, the
 * Application Gateway's backend port, request timeout, autoscale bounds and subnet size, and the probe timings.
 * Each is accepted exactly at the limit (the value reaches the synthesized resource) and refused one past it.
 * Sides already tested elsewhere are named in the test titles and not repeated: test/waf-policy.test.ts (2000 KB,
 * 4000 MB, 2001, 4001, 0 MB), test/waf-custom-rule.test.ts (priorities 1–100, 100 rules, priority 0 and 101, 101
 * rules, threshold 0), test/application-gateway.test.ts (ports 0 and 65536, timeout 0, capacities 0–125, 101, 1,
 * 126), test/health-probe.test.ts, test/dns-records.test.ts (TTL 1, 2147483647, 0, 2147483648) and
 * test/edge-limits.test.ts (the Application Gateway v2 resource counts).
 *
 * Sources: Azure WAF request size limits (DRS/CRS 3.2+ on WAF_v2: body 8–2000 KB, upload 1–4000 MB); custom rules
 * (custom-waf-rules-overview.md: name 1–128, priority 1–100); azurerm v4.55.0 application_gateway_resource.go
 * (min_capacity 0–100, max_capacity 2–125, request_timeout 1–86400, port 1–65535, probe interval and timeout
 * 1–86400, unhealthy_threshold 1–20 — the last as Azure documents it).
 */
import { Construct } from "constructs";
import { TerraformStack, Testing } from "cdktf";
import { ApplicationGateway, ApplicationGatewayProps } from "../lib/edge/application-gateway";
import { HealthProbe } from "../lib/edge/health-probe";
import { WafCustomRule, WafMatchCondition } from "../lib/edge/waf-custom-rule";
import { WafPolicy, WafPolicyProps } from "../lib/edge/waf-policy";
import { ISubnet } from "../lib/network/network-ref";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

const only = (json: any, type: string): any => {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe("WAF policy", () => {
  function policy(props: Partial<WafPolicyProps>) {
    const stack = testStack();
    new WafPolicy(stack, "Waf", { resourceGroup: testResourceGroup(), name: "waf-test", ...props });
    return only(synthJson(stack, true), "azurerm_web_application_firewall_policy");
  }
  const refused = (props: Partial<WafPolicyProps>) => () => new WafPolicy(testStack(), "Waf", { resourceGroup: testResourceGroup(), name: "waf-test", ...props });

  test("a request body limit of 8 KB and an upload limit of 1 MB are accepted", () => {
    expect(policy({ maxRequestBodySizeKb: 8, fileUploadLimitMb: 1 }).policy_settings).toMatchObject({
      max_request_body_size_in_kb: 8,
      file_upload_limit_in_mb: 1,
    });
  });

  test("a request body limit of 7 KB is refused", () => {
    expect(refused({ maxRequestBodySizeKb: 7 })).toThrow(/test\/Waf: maxRequestBodySizeKb must be an integer from 8 to 2000, got 7\./);
  });

  const HOST = WafMatchCondition.hostIs(["admin.example.com"]);

  test("a custom rule name of 128 characters and a rate limit threshold of 1 are accepted", () => {
    const name = `R${"_".repeat(127)}`;
    const rules = [
      WafCustomRule.match({ name, priority: 1, conditions: [HOST] }),
      WafCustomRule.rateLimit({ name: "Limit", priority: 2, threshold: 1, conditions: [HOST] }),
    ];
    expect(policy({ customRules: rules }).custom_rules).toEqual([
      expect.objectContaining({ name, priority: 1, rule_type: "MatchRule" }),
      expect.objectContaining({ name: "Limit", priority: 2, rule_type: "RateLimitRule", rate_limit_threshold: 1 }),
    ]);
  });

  test.each([
    ["of 129 characters", `R${"_".repeat(128)}`],
    ["that is empty", ""],
  ])("a custom rule name %s is refused", (_what, name) => {
    expect(refused({ customRules: [WafCustomRule.match({ name, priority: 1, conditions: [HOST] })] })).toThrow(
      new RegExp(`custom rule "${name}": the name must be 1 to 128 letters, digits or "_"\\. Rename it, e\\.g\\. "AllowOffice"\\.`),
    );
  });
});

describe("Application Gateway", () => {
  const SUBNET: ISubnet = {
    subnetId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-agw",
    subnetName: "snet-agw",
    cidr: "10.240.5.0/24",
  };

  function create(scope: Construct, props: Partial<ApplicationGatewayProps>): ApplicationGateway {
    return new ApplicationGateway(scope, "Edge", { resourceGroup: testResourceGroup(), subnet: SUBNET, backendAddress: "10.240.4.4", ...props });
  }
  /** The synthesized azurerm_application_gateway. */
  function accepted(props: Partial<ApplicationGatewayProps>): any {
    const stack = testStack();
    create(stack, props);
    return only(synthJson(stack, true), "azurerm_application_gateway");
  }
  const refused = (props: Partial<ApplicationGatewayProps>) => () => create(new TerraformStack(Testing.app(), "test"), props);

  test.each([1, 65535])("a backend port of %d is accepted", (backendPort) => {
    const gw = accepted({ backendPort });
    expect(gw.backend_http_settings.map((s: any) => s.port)).toEqual([backendPort]);
  });

  test.each([1, 86400])("a request timeout of %d s is accepted", (requestTimeout) => {
    expect(accepted({ requestTimeout }).backend_http_settings.map((s: any) => s.request_timeout)).toEqual([requestTimeout]);
  });

  test("a request timeout of 86401 s is refused (0 in application-gateway.test.ts)", () => {
    expect(refused({ requestTimeout: 86401 })).toThrow(/test\/Edge: requestTimeout must be an integer from 1 to 86400, got 86401\./);
  });

  test.each([
    [100, 125],
    [2, 2],
    [0, 2],
  ])("autoscale %d–%d is accepted", (minCapacity, maxCapacity) => {
    expect(accepted({ autoscale: { minCapacity, maxCapacity } }).autoscale_configuration).toEqual({ min_capacity: minCapacity, max_capacity: maxCapacity });
  });

  test("an autoscale minimum of -1 is refused (101 in application-gateway.test.ts)", () => {
    expect(refused({ autoscale: { minCapacity: -1 } })).toThrow(/autoscale\.minCapacity must be an integer from 0 to 100, got -1\./);
  });

  test("an autoscale minimum one above the maximum is refused", () => {
    expect(refused({ autoscale: { minCapacity: 3, maxCapacity: 2 } })).toThrow(
      /autoscale\.minCapacity \(3\) is greater than autoscale\.maxCapacity \(2\); raise maxCapacity or lower minCapacity\./,
    );
  });

  test("a /26 subnet fits 59 instances (64 addresses, 5 reserved) and refuses 60", () => {
    const subnet = { ...SUBNET, cidr: "10.240.5.0/26" };
    expect(accepted({ subnet, autoscale: { maxCapacity: 59 } }).autoscale_configuration).toEqual({ min_capacity: 2, max_capacity: 59 });
    expect(refused({ subnet, autoscale: { maxCapacity: 60 } })).toThrow(
      /subnet "10\.240\.5\.0\/26" has 64 addresses but 60 instances need 65 \(one per instance \+ 5 reserved\); use a larger subnet \(\/24 is recommended\) or lower autoscale\.maxCapacity\./,
    );
  });

  test("probe timings at their bounds reach the probe: interval 86400, timeout 1, unhealthy threshold 1", () => {
    const gw = accepted({ probe: HealthProbe.gatewayRoute({ interval: 86400, timeout: 1, unhealthyThreshold: 1 }) });
    expect(gw.probe).toEqual([expect.objectContaining({ interval: 86400, timeout: 1, unhealthy_threshold: 1 })]);
  });

  test.each<[string, Parameters<typeof HealthProbe.gatewayRoute>[0], RegExp]>([
    ["a timeout of 0", { timeout: 0 }, /probe timeout must be an integer from 1 to 86400, got 0\./],
    ["a timeout of 86401", { timeout: 86401 }, /probe timeout must be an integer from 1 to 86400, got 86401\./],
    ["an unhealthy threshold of 0", { unhealthyThreshold: 0 }, /probe unhealthyThreshold must be an integer from 1 to 20, got 0\./],
  ])("a probe with %s is refused (interval 0 and 86401, threshold 21 in health-probe.test.ts)", (_what, options, message) => {
    expect(refused({ probe: HealthProbe.gatewayRoute(options) })).toThrow(new RegExp(`test/Edge: ${message.source}`));
  });
});
