import { Lazy, Testing, TerraformStack, TerraformOutput, Token } from "cdktf";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { ManagedRuleSet, ManagedRuleSetType, WafMode, WafPolicy, WafPolicyProps } from "../lib/edge/waf-policy";
import { WafCustomRule, WafMatchCondition } from "../lib/edge/waf-custom-rule";
import { synthJson, testResourceGroup, testStack } from "./util";

function policy(stack: TerraformStack, props: Partial<WafPolicyProps> = {}): WafPolicy {
  return new WafPolicy(stack, "Waf", { resourceGroup: testResourceGroup(), name: "waf-test", ...props });
}

function warnings(waf: WafPolicy): string[] {
  return waf.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}


/** What a token attribute renders to in Terraform JSON (through a test-only output). */
function rendered(stack: TerraformStack, value: string): string {
  const id = `Out${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}

describe("WafPolicy", () => {
  test("defaults to Prevention with DRS 2.1 and Bot Manager 1.1, body check on, 128 KB, 100 MB", () => {
    const stack = testStack();
    const waf = policy(stack);
    expect(waf.mode).toBe(WafMode.PREVENTION);
    expect(waf.managedRuleSets.map((r) => [r.type, r.version])).toEqual([
      [ManagedRuleSetType.MICROSOFT_DEFAULT_RULE_SET, "2.1"],
      [ManagedRuleSetType.MICROSOFT_BOT_MANAGER_RULE_SET, "1.1"],
    ]);
    expect(warnings(waf)).toEqual([]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      name: "waf-test",
      resource_group_name: "rg-test",
      location: "swedencentral",
      policy_settings: {
        enabled: true,
        mode: "Prevention",
        request_body_check: true,
        max_request_body_size_in_kb: 128,
        file_upload_limit_in_mb: 100,
        request_body_enforcement: true,
        file_upload_enforcement: true,
      },
      managed_rules: {
        managed_rule_set: [
          { type: "Microsoft_DefaultRuleSet", version: "2.1" },
          { type: "Microsoft_BotManagerRuleSet", version: "1.1" },
        ],
      },
    });
  });

  test("exposes the azurerm resource as Resource with its id and name", () => {
    const stack = testStack();
    const waf = policy(stack);
    expect(waf.resource).toBeInstanceOf(WebApplicationFirewallPolicy);
    expect(waf.resource.node.id).toBe("Resource");
    expect(rendered(stack, waf.wafPolicyId)).toMatch(/^\$\{azurerm_web_application_firewall_policy\.Waf_[A-F0-9]+\.id\}$/);
    expect(rendered(stack, waf.wafPolicyName)).toMatch(/^\$\{azurerm_web_application_firewall_policy\.Waf_[A-F0-9]+\.name\}$/);
  });

  test("Detection mode", () => {
    const stack = testStack();
    expect(policy(stack, { mode: WafMode.DETECTION }).mode).toBe(WafMode.DETECTION);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({ mode: "Detection" }),
    });
  });

  test("a Default Rule Set alone is enough", () => {
    const stack = testStack();
    policy(stack, { managedRuleSets: [ManagedRuleSet.defaultRuleSet()] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      managed_rules: { managed_rule_set: [{ type: "Microsoft_DefaultRuleSet", version: "2.1" }] },
    });
  });

  test("older Bot Manager versions are accepted", () => {
    const stack = testStack();
    policy(stack, { managedRuleSets: [ManagedRuleSet.botManager("0.1"), ManagedRuleSet.defaultRuleSet()] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      managed_rules: {
        managed_rule_set: [
          { type: "Microsoft_BotManagerRuleSet", version: "0.1" },
          { type: "Microsoft_DefaultRuleSet", version: "2.1" },
        ],
      },
    });
  });

  test("body and upload limits at their documented maxima", () => {
    const stack = testStack();
    policy(stack, { maxRequestBodySizeKb: 2000, fileUploadLimitMb: 4000 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({ max_request_body_size_in_kb: 2000, file_upload_limit_in_mb: 4000 }),
    });
  });

  test("requestBodyCheck false is honoured (PlatformPolicy AKSGW-6 then fails synth unless suppressed)", () => {
    const stack = testStack();
    const waf = policy(stack, { requestBodyCheck: false });
    expect(warnings(waf)).toEqual([]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({ request_body_check: false }),
    });
  });

  test("throws when the Default Rule Set version is 2.2, which azurerm 4.55.0 rejects", () => {
    expect(() => policy(testStack(), { managedRuleSets: [ManagedRuleSet.defaultRuleSet("2.2")] })).toThrow(
      /Microsoft_DefaultRuleSet "2.2" is not accepted by azurerm 4.55.0 .*Use ManagedRuleSet.defaultRuleSet\("2.1"\)/,
    );
  });

  test("throws when the Default Rule Set version is unknown", () => {
    expect(() => policy(testStack(), { managedRuleSets: [ManagedRuleSet.defaultRuleSet("3.2")] })).toThrow(
      /Microsoft_DefaultRuleSet version "3.2" is not supported; use one of \["2.1"\]/,
    );
  });

  test("throws when the Bot Manager version is unknown", () => {
    expect(() =>
      policy(testStack(), { managedRuleSets: [ManagedRuleSet.defaultRuleSet(), ManagedRuleSet.botManager("1.2")] }),
    ).toThrow(/Microsoft_BotManagerRuleSet version "1.2" is not supported; use one of \["0.1","1.0","1.1"\]/);
  });

  test("throws when a rule set family is listed twice", () => {
    expect(() =>
      policy(testStack(), {
        managedRuleSets: [ManagedRuleSet.defaultRuleSet(), ManagedRuleSet.botManager("1.0"), ManagedRuleSet.botManager("1.1")],
      }),
    ).toThrow(
      /managedRuleSets lists Microsoft_BotManagerRuleSet more than once \(got \["Microsoft_DefaultRuleSet 2\.1","Microsoft_BotManagerRuleSet 1\.0","Microsoft_BotManagerRuleSet 1\.1"\]\); keep one version of each rule set\./,
    );
  });

  test("throws when managedRuleSets is empty", () => {
    expect(() => policy(testStack(), { managedRuleSets: [] })).toThrow(/test\/Waf: managedRuleSets is empty/);
  });

  test("throws when there is no Default Rule Set", () => {
    expect(() => policy(testStack(), { managedRuleSets: [ManagedRuleSet.botManager()] })).toThrow(
      /managedRuleSets has no Default Rule Set \(got \["Microsoft_BotManagerRuleSet 1\.1"\]\); without it the WAF does not block OWASP Top 10 attacks\. Add ManagedRuleSet.defaultRuleSet\(\)\./,
    );
  });

  test("throws when maxRequestBodySizeKb is outside 8–2000", () => {
    expect(() => policy(testStack(), { maxRequestBodySizeKb: 4 })).toThrow(
      /maxRequestBodySizeKb must be an integer from 8 to 2000, got 4/,
    );
    expect(() => policy(testStack(), { maxRequestBodySizeKb: 2001 })).toThrow(/got 2001/);
  });

  test("throws when fileUploadLimitMb is outside 1–4000", () => {
    expect(() => policy(testStack(), { fileUploadLimitMb: 0 })).toThrow(/fileUploadLimitMb must be an integer from 1 to 4000, got 0/);
    expect(() => policy(testStack(), { fileUploadLimitMb: 4001 })).toThrow(/got 4001/);
  });
});

describe("WafPolicy input Stryker found unguarded", () => {
  test("every custom-rule problem is reported at once, one sentence after another", () => {
    const bad = (name: string) => WafCustomRule.match({ name, priority: 0, conditions: [WafMatchCondition.hostIs(["a.example.com"])] });
    expect(() => policy(testStack(), { customRules: [bad("A"), bad("B")] })).toThrow(
      /custom rule "A": priority 0 must be a whole number from 1 to 100 \(lower runs first\)\. custom rule "B": priority 0 /,
    );
  });

  test("a body size given as a token is left to the apply", () => {
    const stack = testStack();
    policy(stack, { maxRequestBodySizeKb: Token.asNumber(Lazy.numberValue({ produce: () => 128 })) });
    expect(Object.values(synthJson(stack).resource.azurerm_web_application_firewall_policy)[0]).toMatchObject({
      policy_settings: expect.objectContaining({ max_request_body_size_in_kb: 128 }),
    });
  });
});
