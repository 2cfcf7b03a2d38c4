/**
 * The Application Gateway and WAF settings the `edge` verdicts ask for: custom rules scoped to each Ingress's
 * hostnames (IP allow and deny lists, rate limits) and the policy's body limits (per policy, not per host; at least
 * nginx's default 1m, so bodies nginx accepted are not refused by the WAF's smaller default).
 */
import { WafPolicy } from "../../edge/waf-policy";
import { WafCustomRule, WafCustomRuleAction, WafMatchCondition } from "../../edge/waf-custom-rule";
import { MigrationVerdict as V } from "../finding";
import { EdgeRequest, IngressContext, note } from "./settings";

/** What the migration adds to the WAF policy. */
export interface EdgePlan {
  readonly customRules: WafCustomRule[];
  readonly maxRequestBodySizeKb?: number;
  readonly fileUploadLimitMb?: number;
}

/** Host conditions: exact names and wildcards need one condition (so one rule) each. */
function hostGroups(hostnames: readonly string[]): string[][] {
  const exact = hostnames.filter((h) => !h.startsWith("*."));
  const wildcard = hostnames.filter((h) => h.startsWith("*."));
  return [exact, wildcard].filter((g) => g.length > 0);
}

/** `LimitRps_<namespace>_<ingress>[_2]`: the annotation, the Ingress, and the host group; unique in the policy. */
function ruleName(annotation: string, ctx: IngressContext, group: number): string {
  const kind = annotation.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  const base = `${kind}_${ctx.namespace}_${ctx.ingress.metadata?.name ?? ""}`.replace(/[^A-Za-z0-9_]/g, "_");
  return `${base}${group > 0 ? `_${group + 1}` : ""}`.slice(0, WafCustomRule.MAX_NAME_LENGTH);
}

/** ingress-nginx's default `proxy-body-size` (1m), which Ingresses without the annotation rely on. */
export const NGINX_DEFAULT_BODY_BYTES = 1024 ** 2;

/** Deny lists first, then allow lists, then rate limits: a denied client never counts against a limit. */
const ORDER = { deny: 0, allow: 1, rate: 2 } as const;

function customRule(request: Exclude<EdgeRequest, { kind: "body" }>, ctx: IngressContext, hosts: string[], g: number, priority: number): WafCustomRule {
  const host = WafMatchCondition.hostIs(hosts);
  const name = ruleName(request.annotation, ctx, g);
  if (request.kind === "rate") {
    const exempt = request.exempt.length > 0 ? [WafMatchCondition.remoteAddressIn([...request.exempt], { negate: true })] : [];
    return WafCustomRule.rateLimit({ name, priority, threshold: request.perMinute, conditions: [host, ...exempt] });
  }
  const address = WafMatchCondition.remoteAddressIn([...request.cidrs], { negate: request.kind === "allow" });
  return WafCustomRule.match({ name, priority, action: WafCustomRuleAction.BLOCK, conditions: [host, address] });
}

/** The edge plan of every Ingress, noting rules past the WAF's limit of 100. */
export function planEdge(items: ReadonlyArray<{ ctx: IngressContext; hostnames: readonly string[] }>): EdgePlan {
  const requests = items.flatMap(({ ctx, hostnames }) => ctx.settings.edge.map((request) => ({ ctx, hostnames, request })));
  const ruled = requests.filter((r) => r.request.kind !== "body");
  ruled.sort((a, b) => ORDER[a.request.kind as keyof typeof ORDER] - ORDER[b.request.kind as keyof typeof ORDER]);
  const customRules: WafCustomRule[] = [];
  for (const { ctx, hostnames, request } of ruled) {
    hostGroups(hostnames).forEach((hosts, g) => {
      if (customRules.length >= WafCustomRule.MAX_RULES_PER_POLICY) {
        return note(ctx, request.annotation, V.UNSUPPORTED, "the WAF policy is full (100 custom rules); merge IP lists across Ingresses by hand.");
      }
      customRules.push(customRule(request as Exclude<EdgeRequest, { kind: "body" }>, ctx, hosts, g, customRules.length + 1));
    });
  }
  const bodies = requests.map((r) => r.request).filter((r): r is Extract<EdgeRequest, { kind: "body" }> => r.kind === "body");
  if (items.length === 0) return { customRules };
  // Without the annotation nginx accepts 1m bodies (client_max_body_size), more than the WAF's default 128 KB.
  const sizes = [NGINX_DEFAULT_BODY_BYTES, ...bodies.map((b) => b.bytes)];
  const bytes = sizes.includes(0) ? Infinity : Math.max(...sizes);
  const [minKb, maxKb] = WafPolicy.MAX_REQUEST_BODY_SIZE_KB_RANGE;
  const [, maxMb] = WafPolicy.FILE_UPLOAD_LIMIT_MB_RANGE;
  return {
    customRules,
    maxRequestBodySizeKb: Math.min(maxKb, Math.max(minKb, Math.ceil(bytes / 1024))),
    fileUploadLimitMb: Math.min(maxMb, Math.max(WafPolicy.DEFAULT_FILE_UPLOAD_LIMIT_MB, Math.ceil(bytes / 1024 ** 2))),
  };
}
