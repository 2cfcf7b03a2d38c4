/**
 * The checks of a WAF policy's custom rules, apart from rendering. The constraints come from azurerm v4.55.0
 * (internal/services/network/web_application_firewall_policy_resource.go: the enums, `rate_limit_threshold` at
 * least 1) and the Azure docs (web-application-firewall/ag/custom-waf-rules-overview.md: priority 1–100 and unique,
 * at most 100 rules, IPMatch only on RemoteAddr).
 */
import { isIpv4, parseCidr } from "../../private/cidr";
import { show } from "../../private/errors";
import { hostnameProblem } from "../../private/validation";
import {
  WafCustomRule,
  WafCustomRuleAction,
  WafMatchCondition,
  WafMatchOperator,
  WafMatchVariable,
  WafRateLimitDuration,
  WafRateLimitGroupBy,
  WafTransform,
} from "../waf-custom-rule";

/** Variables a selector applies to. */
const SELECTOR_VARIABLES: readonly WafMatchVariable[] = [
  WafMatchVariable.REQUEST_HEADERS,
  WafMatchVariable.REQUEST_COOKIES,
  WafMatchVariable.QUERY_STRING,
  WafMatchVariable.POST_ARGS,
];
const RULE_NAME = /^[A-Za-z0-9_]+$/;

/** Problems of a policy's custom rules, each naming the rule and the fix; empty when they are fine. */
export function wafCustomRuleProblems(rules: readonly WafCustomRule[]): string[] {
  const problems: string[] = [];
  if (rules.length > WafCustomRule.MAX_RULES_PER_POLICY) {
    problems.push(`customRules has ${rules.length} rules, but a WAF policy takes at most ${WafCustomRule.MAX_RULES_PER_POLICY}. Merge rules (match values are OR-ed).`);
  }
  const byPriority = new Map<number, string>();
  const names = new Set<string>();
  for (const rule of rules) {
    const { name, priority } = rule.options;
    const at = `custom rule ${show(name)}`;
    if (typeof name !== "string" || !RULE_NAME.test(name) || name.length > WafCustomRule.MAX_NAME_LENGTH) {
      problems.push(`${at}: the name must be 1 to 128 letters, digits or "_". Rename it, e.g. "AllowOffice".`);
    }
    if (names.has(name)) problems.push(`${at}: another custom rule has this name. Give each rule its own name.`);
    names.add(name);
    if (!Number.isInteger(priority) || priority < WafCustomRule.PRIORITY_RANGE[0] || priority > WafCustomRule.PRIORITY_RANGE[1]) {
      problems.push(`${at}: priority ${show(priority)} must be a whole number from 1 to 100 (lower runs first).`);
    } else if (byPriority.has(priority)) {
      problems.push(`${at}: priority ${priority} is already taken by custom rule ${show(byPriority.get(priority))}; priorities are unique. Pick another.`);
    } else {
      byPriority.set(priority, name);
    }
    problems.push(...ruleProblems(rule, at));
  }
  return problems;
}

function ruleProblems(rule: WafCustomRule, at: string): string[] {
  const problems: string[] = [];
  if (!Object.values(WafCustomRuleAction).includes(rule.action)) problems.push(`${at}: action ${show(rule.action)} is not a WafCustomRuleAction.`);
  const conditions = rule.options.conditions ?? [];
  if (conditions.length === 0) problems.push(`${at}: has no conditions. Add at least one, e.g. WafMatchCondition.hostIs([...]).`);
  conditions.forEach((c, i) => problems.push(...conditionProblems(c, `${at} condition ${i + 1}`)));
  const limit = rule.rateLimit;
  if (limit) {
    if (!Number.isInteger(limit.threshold) || limit.threshold < 1) {
      problems.push(`${at}: threshold ${show(limit.threshold)} must be a whole number of requests, at least 1.`);
    }
    if (!Object.values(WafRateLimitDuration).includes(limit.duration)) problems.push(`${at}: duration ${show(limit.duration)} is not a WafRateLimitDuration.`);
    if (!Object.values(WafRateLimitGroupBy).includes(limit.groupBy)) problems.push(`${at}: groupBy ${show(limit.groupBy)} is not a WafRateLimitGroupBy.`);
  }
  return problems;
}

function conditionProblems(condition: WafMatchCondition, at: string): string[] {
  const o = condition.options;
  const values = o.values ?? [];
  const problems: string[] = [];
  if (!Object.values(WafMatchVariable).includes(o.variable)) problems.push(`${at}: variable ${show(o.variable)} is not a WafMatchVariable.`);
  if (!Object.values(WafMatchOperator).includes(o.operator)) problems.push(`${at}: operator ${show(o.operator)} is not a WafMatchOperator.`);
  if (o.operator === WafMatchOperator.IP_MATCH && o.variable !== WafMatchVariable.REMOTE_ADDR) {
    problems.push(`${at}: IPMatch only works on RemoteAddr. Use WafMatchCondition.remoteAddressIn(...).`);
  }
  if (o.selector !== undefined && !SELECTOR_VARIABLES.includes(o.variable)) {
    problems.push(`${at}: a selector only applies to ${SELECTOR_VARIABLES.join(", ")}, not ${o.variable}. Remove it.`);
  }
  if (o.operator === WafMatchOperator.ANY && values.length > 0) problems.push(`${at}: operator Any takes no values. Remove them.`);
  if (o.operator !== WafMatchOperator.ANY && values.length === 0) problems.push(`${at}: operator ${o.operator} needs at least one value.`);
  if (o.operator === WafMatchOperator.IP_MATCH) {
    const bad = values.find((v) => !isIpv4(v) && !isCidr(v));
    if (bad !== undefined) problems.push(`${at}: ${show(bad)} is not an IPv4 address or CIDR (e.g. "203.0.113.0/24").`);
  }
  for (const h of condition.hostnames ?? []) {
    const problem = hostnameProblem(h);
    if (problem) problems.push(`${at}: hostname ${show(h)} ${problem}.`);
  }
  const transforms = o.transforms ?? [];
  const unknown = transforms.find((t) => !Object.values(WafTransform).includes(t));
  if (unknown !== undefined) problems.push(`${at}: transform ${show(unknown)} is not a WafTransform.`);
  return problems;
}

function isCidr(value: string): boolean {
  try {
    parseCidr(value);
    return true;
  } catch {
    return false;
  }
}
