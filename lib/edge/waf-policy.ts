import { Token } from "cdktf";
import { Construct } from "constructs";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { IResourceGroup } from "../network/resource-group";
import { ValidationError, show } from "../private/errors";
import { WafCustomRule } from "./waf-custom-rule";
import { wafCustomRuleProblems } from "./private/waf-custom-rule-checks";
import { renderWafCustomRules } from "./private/waf-custom-rule-render";

/**
 * What the WAF does with a request whose anomaly score reaches the blocking threshold.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview#waf-modes
 */
export enum WafMode {
  /** Block matching requests and log them. The secure default. */
  PREVENTION = "Prevention",
  /**
   * Only log matching requests. Microsoft suggests it for tuning a new or upgraded rule set before
   * switching to Prevention; do not leave a production gateway in it.
   */
  DETECTION = "Detection",
}

/** The managed rule set families an Application Gateway WAF policy takes here. */
export enum ManagedRuleSetType {
  /** Microsoft Default Rule Set (DRS): OWASP CRS plus Microsoft Threat Intelligence rules. */
  MICROSOFT_DEFAULT_RULE_SET = "Microsoft_DefaultRuleSet",
  /** Bot Manager rule set: blocks known bad bots, allows verified good ones. */
  MICROSOFT_BOT_MANAGER_RULE_SET = "Microsoft_BotManagerRuleSet",
}

/**
 * One managed rule set of a WAF policy, with its version.
 *
 * The version is checked when a {@link WafPolicy} uses it, against what azurerm 4.55.0 accepts.
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
 */
export class ManagedRuleSet {
  /** Default Rule Set version used when none is given. */
  public static readonly DEFAULT_RULE_SET_VERSION = "2.1";
  /** Bot Manager version used when none is given. */
  public static readonly DEFAULT_BOT_MANAGER_VERSION = "1.1";

  /** Default Rule Set versions azurerm 4.55.0 accepts for `Microsoft_DefaultRuleSet`. */
  public static readonly SUPPORTED_DEFAULT_RULE_SET_VERSIONS: readonly string[] = ["2.1"];
  /** Bot Manager versions azurerm 4.55.0 accepts. */
  public static readonly SUPPORTED_BOT_MANAGER_VERSIONS: readonly string[] = ["0.1", "1.0", "1.1"];

  /**
   * Microsoft Default Rule Set (anomaly scoring; blocks at score 5 in Prevention).
   *
   * DRS 2.2 is not accepted by azurerm 4.55.0 (it arrived in azurerm 4.60.0), so 2.1 is the only version.
   *
   * @param version - the DRS version; defaults to {@link ManagedRuleSet.DEFAULT_RULE_SET_VERSION} ("2.1")
   */
  public static defaultRuleSet(version: string = ManagedRuleSet.DEFAULT_RULE_SET_VERSION): ManagedRuleSet {
    return new ManagedRuleSet(ManagedRuleSetType.MICROSOFT_DEFAULT_RULE_SET, version);
  }

  /**
   * Microsoft Bot Manager rule set.
   *
   * @param version - the Bot Manager version (0.1, 1.0 or 1.1); defaults to
   *   {@link ManagedRuleSet.DEFAULT_BOT_MANAGER_VERSION} ("1.1")
   */
  public static botManager(version: string = ManagedRuleSet.DEFAULT_BOT_MANAGER_VERSION): ManagedRuleSet {
    return new ManagedRuleSet(ManagedRuleSetType.MICROSOFT_BOT_MANAGER_RULE_SET, version);
  }

  private constructor(
    /** Rule set family. */
    public readonly type: ManagedRuleSetType,
    /** Rule set version. */
    public readonly version: string,
  ) {}
}

/**
 * WAF settings, as {@link ApplicationGateway} takes them.
 */
export interface WafPolicyOptions {
  /**
   * Prevention blocks, Detection only logs.
   *
   * @default WafMode.PREVENTION
   * @see https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview
   */
  readonly mode?: WafMode;

  /**
   * Managed rule sets. Exactly one must be a Default Rule Set; each family at most once.
   *
   * @default - Microsoft_DefaultRuleSet 2.1 and Microsoft_BotManagerRuleSet 1.1
   * @see https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-crs-rulegroups-rules
   */
  readonly managedRuleSets?: ManagedRuleSet[];

  /**
   * Inspect request bodies. Turning it off lets attacks in bodies through, so `PlatformPolicy` rule AKSGW-6
   * fails synth unless you suppress it with a reason.
   *
   * @default true
   */
  readonly requestBodyCheck?: boolean;

  /**
   * Largest request body accepted, in KB (8–2000 with DRS).
   *
   * @default 128
   * @see https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits
   */
  readonly maxRequestBodySizeKb?: number;

  /**
   * Largest file upload accepted, in MB (1–4000 with DRS on WAF_v2).
   *
   * @default 100
   * @see https://learn.microsoft.com/azure/web-application-firewall/ag/application-gateway-waf-request-size-limits
   */
  readonly fileUploadLimitMb?: number;

  /**
   * Custom rules, evaluated before the managed rule sets in priority order: IP allow and deny lists, rate
   * limits, per-hostname conditions. At most 100, priorities 1–100 and unique, names unique.
   *
   * @default - none
   * @see https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview
   */
  readonly customRules?: WafCustomRule[];
}

/** Props of a {@link WafPolicy}. */
export interface WafPolicyProps extends WafPolicyOptions {
  /** Resource group (and region) of the policy. */
  readonly resourceGroup: IResourceGroup;
  /** Azure name of the policy, e.g. `waf-aksgw`. */
  readonly name: string;
}

/**
 * An Application Gateway WAF policy (`azurerm_web_application_firewall_policy`): managed rule sets (Prevention,
 * DRS 2.1 and Bot Manager 1.1 unless told otherwise) and the custom rules you give.
 *
 * Associate it with a gateway through `firewall_policy_id` ({@link ApplicationGateway} does).
 *
 * @see https://learn.microsoft.com/azure/web-application-firewall/ag/policy-overview
 */
export class WafPolicy extends Construct {
  /** Default mode. */
  public static readonly DEFAULT_MODE = WafMode.PREVENTION;
  /** Default largest request body, KB. */
  public static readonly DEFAULT_MAX_REQUEST_BODY_SIZE_KB = 128;
  /** Default largest file upload, MB. */
  public static readonly DEFAULT_FILE_UPLOAD_LIMIT_MB = 100;
  /** Request body size range accepted with DRS (CRS 3.2+ engine), KB. */
  public static readonly MAX_REQUEST_BODY_SIZE_KB_RANGE: readonly [number, number] = [8, 2000];
  /** File upload range accepted with DRS on WAF_v2, MB. */
  public static readonly FILE_UPLOAD_LIMIT_MB_RANGE: readonly [number, number] = [1, 4000];

  /** The managed rule sets used when none are given. */
  public static defaultManagedRuleSets(): ManagedRuleSet[] {
    return [ManagedRuleSet.defaultRuleSet(), ManagedRuleSet.botManager()];
  }

  /** The azurerm WAF policy. */
  public readonly resource: WebApplicationFirewallPolicy;
  /** Resource ID of the policy. */
  public readonly wafPolicyId: string;
  /** Azure name of the policy. */
  public readonly wafPolicyName: string;
  /** Mode the policy runs in. */
  public readonly mode: WafMode;
  /** Managed rule sets the policy uses. */
  public readonly managedRuleSets: readonly ManagedRuleSet[];
  /** Custom rules of the policy. */
  public readonly customRules: readonly WafCustomRule[];

  constructor(scope: Construct, id: string, props: WafPolicyProps) {
    super(scope, id);

    const mode = props.mode ?? WafPolicy.DEFAULT_MODE;
    const ruleSets = props.managedRuleSets ?? WafPolicy.defaultManagedRuleSets();
    const requestBodyCheck = props.requestBodyCheck ?? true;
    const maxBodyKb = props.maxRequestBodySizeKb ?? WafPolicy.DEFAULT_MAX_REQUEST_BODY_SIZE_KB;
    const uploadMb = props.fileUploadLimitMb ?? WafPolicy.DEFAULT_FILE_UPLOAD_LIMIT_MB;

    this.validateRuleSets(ruleSets);
    this.validateRange("maxRequestBodySizeKb", maxBodyKb, WafPolicy.MAX_REQUEST_BODY_SIZE_KB_RANGE);
    this.validateRange("fileUploadLimitMb", uploadMb, WafPolicy.FILE_UPLOAD_LIMIT_MB_RANGE);
    const customRules = props.customRules ?? [];
    const ruleProblems = wafCustomRuleProblems(customRules);
    if (ruleProblems.length > 0) throw new ValidationError(this, ruleProblems.join(" "));
    this.customRules = customRules;

    this.mode = mode;
    this.managedRuleSets = ruleSets;
    this.resource = new WebApplicationFirewallPolicy(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      policySettings: {
        enabled: true,
        mode,
        requestBodyCheck,
        maxRequestBodySizeInKb: maxBodyKb,
        fileUploadLimitInMb: uploadMb,
        // azurerm sends these as plain booleans, so leaving them out sends false and the limits above are
        // only logged, not enforced.
        requestBodyEnforcement: true,
        fileUploadEnforcement: true,
      },
      managedRules: {
        managedRuleSet: ruleSets.map((r) => ({ type: r.type, version: r.version })),
      },
      customRules: customRules.length > 0 ? renderWafCustomRules(customRules) : undefined,
    });
    this.wafPolicyId = this.resource.id;
    this.wafPolicyName = this.resource.name;
  }

  private validateRuleSets(ruleSets: ManagedRuleSet[]): void {
    if (ruleSets.length === 0) {
      throw new ValidationError(
        this,
        "managedRuleSets is empty: a WAF policy without managed rules inspects nothing. Include ManagedRuleSet.defaultRuleSet(), or leave managedRuleSets unset for DRS 2.1 + Bot Manager 1.1.",
      );
    }
    const seen = new Set<ManagedRuleSetType>();
    for (const r of ruleSets) {
      if (seen.has(r.type)) {
        throw new ValidationError(
          this,
          `managedRuleSets lists ${r.type} more than once (got ${show(ruleSets.map((x) => `${x.type} ${x.version}`))}); keep one version of each rule set.`,
        );
      }
      seen.add(r.type);
      if (r.type === ManagedRuleSetType.MICROSOFT_DEFAULT_RULE_SET) {
        if (r.version === "2.2") {
          throw new ValidationError(
            this,
            `Microsoft_DefaultRuleSet ${show(r.version)} is not accepted by azurerm 4.55.0 (@cdktf/provider-azurerm 14.23.1); DRS 2.2 needs azurerm 4.60.0 or later. Use ManagedRuleSet.defaultRuleSet("2.1").`,
          );
        }
        if (!ManagedRuleSet.SUPPORTED_DEFAULT_RULE_SET_VERSIONS.includes(r.version)) {
          throw new ValidationError(
            this,
            `Microsoft_DefaultRuleSet version ${show(r.version)} is not supported; use one of ${show(ManagedRuleSet.SUPPORTED_DEFAULT_RULE_SET_VERSIONS)}.`,
          );
        }
      } else if (!ManagedRuleSet.SUPPORTED_BOT_MANAGER_VERSIONS.includes(r.version)) {
        throw new ValidationError(
          this,
          `Microsoft_BotManagerRuleSet version ${show(r.version)} is not supported; use one of ${show(ManagedRuleSet.SUPPORTED_BOT_MANAGER_VERSIONS)}.`,
        );
      }
    }
    if (!seen.has(ManagedRuleSetType.MICROSOFT_DEFAULT_RULE_SET)) {
      throw new ValidationError(
        this,
        `managedRuleSets has no Default Rule Set (got ${show(ruleSets.map((x) => `${x.type} ${x.version}`))}); without it the WAF does not block OWASP Top 10 attacks. Add ManagedRuleSet.defaultRuleSet().`,
      );
    }
  }

  private validateRange(name: string, value: number, [min, max]: readonly [number, number]): void {
    if (Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ValidationError(this, `${name} must be an integer from ${min} to ${max}, got ${show(value)}.`);
    }
  }
}
