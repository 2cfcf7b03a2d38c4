/**
 * Custom rules of an Application Gateway WAF policy: match rules (allow, block or log requests that meet every
 * condition) and rate-limit rules (block clients that exceed a request count per window). Typed here, checked
 * against what azurerm 4.55.0 and Azure accept, and rendered by {@link WafPolicy}.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/rate-limiting-overview
 */
import { isIpv4, parseCidr } from "../private/cidr";
import { show } from "../private/errors";
import { hostnameProblem } from "../private/validation";

/** What a custom rule does with a matching request (azurerm 4.55.0 `custom_rules.action`). */
export enum WafCustomRuleAction {
  /** Let the request through; no later custom or managed rule runs. */
  ALLOW = "Allow",
  /** Block the request (in Prevention mode; Detection only logs). */
  BLOCK = "Block",
  /** Log the request and go on with the next rules. */
  LOG = "Log",
}

/** The request part a condition inspects (azurerm 4.55.0 `match_variables.variable_name`). */
export enum WafMatchVariable {
  /** The client address the Application Gateway sees. */
  REMOTE_ADDR = "RemoteAddr",
  /** The HTTP method. */
  REQUEST_METHOD = "RequestMethod",
  /** The query string, or one parameter of it (with a selector). */
  QUERY_STRING = "QueryString",
  /** Form fields of the body, or one of them (with a selector). */
  POST_ARGS = "PostArgs",
  /** The request URI (path and query). */
  REQUEST_URI = "RequestUri",
  /** The request headers, or one of them (with a selector, e.g. `Host`). */
  REQUEST_HEADERS = "RequestHeaders",
  /** The whole request body. */
  REQUEST_BODY = "RequestBody",
  /** The cookies, or one of them (with a selector). */
  REQUEST_COOKIES = "RequestCookies",
}

/** How a condition compares (azurerm 4.55.0 `match_conditions.operator`). */
export enum WafMatchOperator {
  /** Matches any value (no match values). */
  ANY = "Any",
  /** The address is in one of the CIDRs or addresses (only with `REMOTE_ADDR`). */
  IP_MATCH = "IPMatch",
  /** The client is in one of the countries (two-letter codes). */
  GEO_MATCH = "GeoMatch",
  /** Equals one of the values. */
  EQUAL = "Equal",
  /** Contains one of the values. */
  CONTAINS = "Contains",
  /** Less than the value. */
  LESS_THAN = "LessThan",
  /** Greater than the value. */
  GREATER_THAN = "GreaterThan",
  /** Less than or equal to the value. */
  LESS_THAN_OR_EQUAL = "LessThanOrEqual",
  /** Greater than or equal to the value. */
  GREATER_THAN_OR_EQUAL = "GreaterThanOrEqual",
  /** Begins with one of the values. */
  BEGINS_WITH = "BeginsWith",
  /** Ends with one of the values. */
  ENDS_WITH = "EndsWith",
  /** Matches one of the regular expressions. */
  REGEX = "Regex",
}

/** A transformation applied before comparing (Azure WAF custom rule transforms). */
export enum WafTransform {
  /** Lower case. */
  LOWERCASE = "Lowercase",
  /** Upper case. */
  UPPERCASE = "Uppercase",
  /** Trim whitespace. */
  TRIM = "Trim",
  /** URL-decode. */
  URL_DECODE = "UrlDecode",
  /** URL-encode. */
  URL_ENCODE = "UrlEncode",
  /** Remove NUL characters. */
  REMOVE_NULLS = "RemoveNulls",
  /** Decode HTML entities. */
  HTML_ENTITY_DECODE = "HtmlEntityDecode",
}

/** The counting window of a rate-limit rule (azurerm 4.55.0 `rate_limit_duration`). */
export enum WafRateLimitDuration {
  /** One minute. */
  ONE_MINUTE = "OneMin",
  /** Five minutes. */
  FIVE_MINUTES = "FiveMins",
}

/** What a rate-limit rule counts per (azurerm 4.55.0 `group_rate_limit_by`). */
export enum WafRateLimitGroupBy {
  /** Each client address separately. */
  CLIENT_ADDRESS = "ClientAddr",
  /** Each client country separately. */
  GEO_LOCATION = "GeoLocation",
  /** All matching requests together. */
  NONE = "None",
}

/** One condition of a custom rule; a rule matches when all its conditions do. */
export interface WafMatchConditionOptions {
  /** What is inspected. */
  readonly variable: WafMatchVariable;
  /**
   * The header, cookie, query or form field to inspect; only with `REQUEST_HEADERS`, `REQUEST_COOKIES`,
   * `QUERY_STRING` or `POST_ARGS`.
   *
   * @default - the whole collection
   */
  readonly selector?: string;
  /** How it is compared. */
  readonly operator: WafMatchOperator;
  /**
   * Values compared against, any of which matches; none with `ANY`, at least one otherwise.
   *
   * @default - none (only for `ANY`)
   */
  readonly values?: string[];
  /**
   * Inverts the condition.
   *
   * @default false
   */
  readonly negate?: boolean;
  /**
   * Transformations applied before comparing.
   *
   * @default - none
   */
  readonly transforms?: WafTransform[];
}

/** Options of {@link WafMatchCondition.remoteAddressIn}. */
export interface WafRemoteAddressOptions {
  /**
   * Match addresses outside the list instead (an allow list blocks what is not in it).
   *
   * @default false
   */
  readonly negate?: boolean;
}

/** A condition of a custom rule, built with the factories or from options. */
export class WafMatchCondition {
  /** The client address is (or, with `negate`, is not) in one of the IPv4 CIDRs or addresses. */
  public static remoteAddressIn(cidrs: string[], options: WafRemoteAddressOptions = {}): WafMatchCondition {
    return new WafMatchCondition({ variable: WafMatchVariable.REMOTE_ADDR, operator: WafMatchOperator.IP_MATCH, values: cidrs, negate: options.negate });
  }

  /**
   * The `Host` header is one of the hostnames (compared in lower case). A wildcard `*.example.com` matches
   * every name below `example.com`; exact names and wildcards need separate conditions (one operator each),
   * so pass only one kind.
   */
  public static hostIs(hostnames: string[]): WafMatchCondition {
    const wildcard = hostnames.length > 0 && hostnames.every((h) => h.startsWith("*."));
    return new WafMatchCondition(
      {
        variable: WafMatchVariable.REQUEST_HEADERS,
        selector: "Host",
        operator: wildcard ? WafMatchOperator.ENDS_WITH : WafMatchOperator.EQUAL,
        values: wildcard ? hostnames.map((h) => h.slice(1)) : hostnames,
        transforms: [WafTransform.LOWERCASE],
      },
      hostnames,
    );
  }

  /** Any condition, spelled out. */
  public static of(options: WafMatchConditionOptions): WafMatchCondition {
    return new WafMatchCondition(options);
  }

  private constructor(
    /** The condition. */
    public readonly options: WafMatchConditionOptions,
    /** The hostnames a `hostIs` condition was made from (checked as hostnames). */
    public readonly hostnames?: readonly string[],
  ) {}
}

/** Options common to every custom rule. */
export interface WafCustomRuleOptions {
  /** Name of the rule, shown in the WAF logs: letters, digits and `_`, at most 128, unique in the policy. */
  readonly name: string;
  /** Evaluation order, lowest first: 1–100, unique in the policy. */
  readonly priority: number;
  /** The conditions, all of which must hold. At least one. */
  readonly conditions: WafMatchCondition[];
  /**
   * What happens to a matching request (for a rate-limit rule: to one over the threshold).
   *
   * @default WafCustomRuleAction.BLOCK
   */
  readonly action?: WafCustomRuleAction;
}

/** Options of a rate-limit rule. */
export interface WafRateLimitRuleOptions extends WafCustomRuleOptions {
  /** Requests allowed per window and group before the action applies (at least 1). */
  readonly threshold: number;
  /**
   * The counting window.
   *
   * @default WafRateLimitDuration.ONE_MINUTE
   */
  readonly duration?: WafRateLimitDuration;
  /**
   * What is counted separately.
   *
   * @default WafRateLimitGroupBy.CLIENT_ADDRESS
   */
  readonly groupBy?: WafRateLimitGroupBy;
}

/** The kind of a custom rule (azurerm 4.55.0 `rule_type`). */
export enum WafCustomRuleType {
  /** Acts on every matching request. */
  MATCH = "MatchRule",
  /** Acts on matching requests over a threshold per window. */
  RATE_LIMIT = "RateLimitRule",
}

/**
 * A custom rule of a WAF policy: `WafCustomRule.match(…)` or `WafCustomRule.rateLimit(…)`. Checked by the
 * {@link WafPolicy} that takes it (priority 1–100 and unique, unique names, at most 100 rules, operators that fit
 * their variables, valid CIDRs and hostnames).
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
 */
export class WafCustomRule {
  /** Acts on every request that meets all the conditions. */
  public static match(options: WafCustomRuleOptions): WafCustomRule {
    return new WafCustomRule(WafCustomRuleType.MATCH, options);
  }

  /** Acts on requests meeting all the conditions once a group exceeds `threshold` requests in the window. */
  public static rateLimit(options: WafRateLimitRuleOptions): WafCustomRule {
    return new WafCustomRule(WafCustomRuleType.RATE_LIMIT, options, {
      threshold: options.threshold,
      duration: options.duration ?? WafRateLimitDuration.ONE_MINUTE,
      groupBy: options.groupBy ?? WafRateLimitGroupBy.CLIENT_ADDRESS,
    });
  }

  /** What happens to matching requests. */
  public readonly action: WafCustomRuleAction;

  private constructor(
    /** Match or rate limit. */
    public readonly type: WafCustomRuleType,
    /** The rule's options as given. */
    public readonly options: WafCustomRuleOptions,
    /** Threshold, window and grouping of a rate-limit rule. */
    public readonly rateLimit?: {
      readonly threshold: number;
      readonly duration: WafRateLimitDuration;
      readonly groupBy: WafRateLimitGroupBy;
    },
  ) {
    this.action = options.action ?? WafCustomRuleAction.BLOCK;
  }
}

/**
 * Limits of custom rules: Azure docs (web-application-firewall/ag/custom-waf-rules-overview.md: priority 1–100,
 * unique; at most 100 rules) and azurerm v4.55.0 (web_application_firewall_policy_resource.go:
 * `rate_limit_threshold` at least 1).
 */
export const WAF_CUSTOM_RULE_LIMITS = { rules: 100, minPriority: 1, maxPriority: 100, nameLength: 128, minThreshold: 1 } as const;

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
  if (rules.length > WAF_CUSTOM_RULE_LIMITS.rules) {
    problems.push(`customRules has ${rules.length} rules, but a WAF policy takes at most ${WAF_CUSTOM_RULE_LIMITS.rules}. Merge rules (match values are OR-ed).`);
  }
  const byPriority = new Map<number, string>();
  const names = new Set<string>();
  for (const rule of rules) {
    const { name, priority } = rule.options;
    const at = `custom rule ${show(name)}`;
    if (typeof name !== "string" || !RULE_NAME.test(name) || name.length > WAF_CUSTOM_RULE_LIMITS.nameLength) {
      problems.push(`${at}: the name must be 1 to 128 letters, digits or "_". Rename it, e.g. "AllowOffice".`);
    }
    if (names.has(name)) problems.push(`${at}: another custom rule has this name. Give each rule its own name.`);
    names.add(name);
    if (!Number.isInteger(priority) || priority < WAF_CUSTOM_RULE_LIMITS.minPriority || priority > WAF_CUSTOM_RULE_LIMITS.maxPriority) {
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
    if (!Number.isInteger(limit.threshold) || limit.threshold < WAF_CUSTOM_RULE_LIMITS.minThreshold) {
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
