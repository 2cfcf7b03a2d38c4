/** Renders a WAF policy's custom rules as azurerm `custom_rules` blocks. Pure; the checks live beside it. */
import { WafCustomRule } from "../waf-custom-rule";

/** The rules as `azurerm_web_application_firewall_policy.custom_rules` blocks (cdktf binding field names). */
export function renderWafCustomRules(rules: readonly WafCustomRule[]) {
  return rules.map((rule) => ({
    name: rule.options.name,
    priority: rule.options.priority,
    ruleType: rule.type,
    action: rule.action,
    rateLimitThreshold: rule.rateLimit?.threshold,
    rateLimitDuration: rule.rateLimit?.duration,
    groupRateLimitBy: rule.rateLimit?.groupBy,
    matchConditions: rule.options.conditions.map(({ options: o }) => ({
      matchVariables: [{ variableName: o.variable, selector: o.selector }],
      operator: o.operator,
      matchValues: o.values && o.values.length > 0 ? [...o.values] : undefined,
      negationCondition: o.negate ?? false,
      transforms: o.transforms && o.transforms.length > 0 ? [...o.transforms] : undefined,
    })),
  }));
}
