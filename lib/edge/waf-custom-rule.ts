/**
 * Custom rules of an Application Gateway WAF policy: match rules (allow, block or log requests that meet every
 * condition) and rate-limit rules (block clients that exceed a request count per window). Typed here, checked
 * against what azurerm 4.55.0 and Azure accept, and rendered by {@link WafPolicy}.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/rate-limiting-overview
 */

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
  /** Most custom rules a WAF policy takes (Azure docs: custom-waf-rules-overview.md). */
  public static readonly MAX_RULES_PER_POLICY = 100;
  /** Priorities a custom rule may have, lowest first; unique in a policy (same source). */
  public static readonly PRIORITY_RANGE: readonly [number, number] = [1, 100];
  /** Longest rule name. */
  public static readonly MAX_NAME_LENGTH = 128;

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

