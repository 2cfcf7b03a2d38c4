/**
 * WAF custom rules on the policy. The constraints come from:
 * - azurerm v4.55.0, internal/services/network/web_application_firewall_policy_resource.go (`custom_rules`):
 *   action Allow|Block|Log|JSChallenge; rule_type MatchRule|RateLimitRule; match_variables.variable_name
 *   RemoteAddr|RequestMethod|QueryString|PostArgs|RequestUri|RequestHeaders|RequestBody|RequestCookies; operator
 *   Any|IPMatch|GeoMatch|Equal|Contains|LessThan|GreaterThan|LessThanOrEqual|GreaterThanOrEqual|BeginsWith|EndsWith|Regex;
 *   rate_limit_duration OneMin|FiveMins; group_rate_limit_by ClientAddr|GeoLocation|None; rate_limit_threshold >= 1.
 * - Azure docs, web-application-firewall/ag/custom-waf-rules-overview.md: priority 1–100 and unique, at most 100
 *   custom rules, IPMatch only on RemoteAddr, match values OR-ed, conditions AND-ed.
 */
import { TerraformStack, Testing } from "cdktf";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import {
  WafCustomRule,
  WafCustomRuleAction,
  WafMatchCondition,
  WafMatchOperator,
  WafMatchVariable,
  WafRateLimitDuration,
  WafRateLimitGroupBy,
  WafTransform,
} from "../lib/edge/waf-custom-rule";
import { WafPolicy } from "../lib/edge/waf-policy";
import { testResourceGroup, testStack } from "./util";

const HOST = WafMatchCondition.hostIs(["admin.example.com"]);
const allow = (priority: number, name = `Allow${priority}`) =>
  WafCustomRule.match({ name, priority, conditions: [HOST, WafMatchCondition.remoteAddressIn(["10.0.0.0/8"], { negate: true })] });

function policy(customRules: WafCustomRule[], stack: TerraformStack = testStack()): WafPolicy {
  return new WafPolicy(stack, "Waf", { resourceGroup: testResourceGroup(), name: "waf-test", customRules });
}

test("renders match and rate-limit rules as custom_rules", () => {
  const stack = testStack();
  policy(
    [
      allow(1),
      WafCustomRule.rateLimit({ name: "Limit", priority: 2, threshold: 600, conditions: [HOST], duration: WafRateLimitDuration.FIVE_MINUTES }),
    ],
    stack,
  );
  expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
    custom_rules: [
      {
        name: "Allow1",
        priority: 1,
        rule_type: "MatchRule",
        action: "Block",
        match_conditions: [
          {
            match_variables: [{ variable_name: "RequestHeaders", selector: "Host" }],
            operator: "Equal",
            match_values: ["admin.example.com"],
            negation_condition: false,
            transforms: ["Lowercase"],
          },
          { match_variables: [{ variable_name: "RemoteAddr" }], operator: "IPMatch", match_values: ["10.0.0.0/8"], negation_condition: true },
        ],
      },
      expect.objectContaining({ name: "Limit", rule_type: "RateLimitRule", rate_limit_threshold: 600, rate_limit_duration: "FiveMins", group_rate_limit_by: "ClientAddr" }),
    ],
  });
});

test("a wildcard host condition matches the domain suffix", () => {
  expect(WafMatchCondition.hostIs(["*.example.com"]).options).toMatchObject({ operator: "EndsWith", values: [".example.com"] });
});

test("no custom rules leaves custom_rules out", () => {
  const stack = testStack();
  policy([], stack);
  const json = JSON.parse(Testing.synth(stack));
  expect(Object.values(json.resource.azurerm_web_application_firewall_policy)[0]).not.toHaveProperty("custom_rules");
});

test.each([
  [[allow(0)], /priority 0 must be a whole number from 1 to 100/],
  [[allow(101)], /priority 101 must be a whole number from 1 to 100/],
  [[allow(1.5)], /priority 1.5 must be a whole number/],
  [[allow(1, "A"), allow(1, "B")], /priority 1 is already taken by custom rule "A"; priorities are unique/],
  [[allow(1, "Same"), allow(2, "Same")], /another custom rule has this name/],
  [[allow(1, "has space")], /the name must be 1 to 128 letters, digits or "_"/],
  [Array.from({ length: 101 }, (_, i) => allow((i % 100) + 1, `R${i}`)), /customRules has 101 rules, but a WAF policy takes at most 100/],
  [[WafCustomRule.match({ name: "Empty", priority: 1, conditions: [] })], /has no conditions/],
  [
    [WafCustomRule.match({ name: "Ip", priority: 1, conditions: [WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: WafMatchOperator.IP_MATCH, values: ["10.0.0.0/8"] })] })],
    /IPMatch only works on RemoteAddr/,
  ],
  [
    [WafCustomRule.match({ name: "Any", priority: 1, conditions: [WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: WafMatchOperator.ANY, values: ["x"] })] })],
    /operator Any takes no values/,
  ],
  [
    [WafCustomRule.match({ name: "Eq", priority: 1, conditions: [WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: WafMatchOperator.EQUAL })] })],
    /operator Equal needs at least one value/,
  ],
  [
    [WafCustomRule.match({ name: "Sel", priority: 1, conditions: [WafMatchCondition.of({ variable: WafMatchVariable.REMOTE_ADDR, selector: "x", operator: WafMatchOperator.ANY })] })],
    /a selector only applies to RequestHeaders, RequestCookies, QueryString, PostArgs, not RemoteAddr/,
  ],
  [[WafCustomRule.match({ name: "Cidr", priority: 1, conditions: [WafMatchCondition.remoteAddressIn(["10.0.0.0/33"])] })], /"10.0.0.0\/33" is not an IPv4 address or CIDR/],
  [[WafCustomRule.match({ name: "Host", priority: 1, conditions: [WafMatchCondition.hostIs(["Bad_Host"])] })], /hostname "Bad_Host" is not an RFC 1123 hostname/],
  [[WafCustomRule.rateLimit({ name: "Zero", priority: 1, threshold: 0, conditions: [HOST] })], /threshold 0 must be a whole number of requests, at least 1/],
  [
    [WafCustomRule.rateLimit({ name: "Dur", priority: 1, threshold: 5, conditions: [HOST], duration: "TenMins" as WafRateLimitDuration })],
    /duration "TenMins" is not a WafRateLimitDuration/,
  ],
  [
    [WafCustomRule.rateLimit({ name: "Grp", priority: 1, threshold: 5, conditions: [HOST], groupBy: "ClientAddrXFFHeader" as WafRateLimitGroupBy })],
    /groupBy "ClientAddrXFFHeader" is not a WafRateLimitGroupBy/,
  ],
  [[WafCustomRule.match({ name: "Act", priority: 1, action: "JSChallenge" as WafCustomRuleAction, conditions: [HOST] })], /action "JSChallenge" is not a WafCustomRuleAction/],
  [
    [WafCustomRule.match({ name: "Tr", priority: 1, conditions: [WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: WafMatchOperator.CONTAINS, values: ["x"], transforms: ["Rot13" as WafTransform] })] })],
    /transform "Rot13" is not a WafTransform/,
  ],
])("throws when the custom rules break an azurerm or Azure constraint: %#", (rules, message) => {
  expect(() => policy(rules)).toThrow(message);
});

test("100 rules with priorities 1–100 are accepted", () => {
  expect(policy(Array.from({ length: 100 }, (_, i) => allow(i + 1))).customRules).toHaveLength(100);
});

describe("checks Stryker found unguarded", () => {
  test("operator Any without values is accepted on its own (no 'needs a value' or 'takes no values' problem)", () => {
    const any = WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: WafMatchOperator.ANY });
    expect(policy([WafCustomRule.match({ name: "LogAll", priority: 1, action: WafCustomRuleAction.LOG, conditions: [any] })]).customRules).toHaveLength(1);
  });

  test.each([
    [WafMatchCondition.of({ variable: "RequestPath" as WafMatchVariable, operator: WafMatchOperator.CONTAINS, values: ["x"] }), /condition 2: variable "RequestPath" is not a WafMatchVariable\./],
    [WafMatchCondition.of({ variable: WafMatchVariable.REQUEST_URI, operator: "Like" as WafMatchOperator, values: ["x"] }), /condition 2: operator "Like" is not a WafMatchOperator\./],
  ])("a condition with an unknown variable or operator is refused, naming the rule and the condition's position: %#", (bad, message) => {
    expect(() => policy([WafCustomRule.match({ name: "Odd", priority: 1, conditions: [HOST, bad] })])).toThrow(
      new RegExp(`custom rule "Odd" ${message.source}`),
    );
  });

  test("a rule whose conditions are left out is refused as having none", () => {
    const bare = WafCustomRule.match({ name: "Bare", priority: 1 } as Parameters<typeof WafCustomRule.match>[0]);
    expect(() => policy([bare])).toThrow(/custom rule "Bare": has no conditions\. Add at least one, e\.g\. WafMatchCondition\.hostIs\(\[\.\.\.\]\)\./);
  });

  test("a rule without a name is refused with the fix, not a TypeError", () => {
    const nameless = WafCustomRule.match({ name: undefined as unknown as string, priority: 1, conditions: [HOST] });
    expect(() => policy([nameless])).toThrow(/custom rule undefined: the name must be 1 to 128 letters, digits or "_"\. Rename it, e\.g\. "AllowOffice"\./);
  });
});
