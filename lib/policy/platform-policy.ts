import { IConstruct } from "constructs";
import { Annotations, DefaultTokenResolver, IAspect, StringConcat, TerraformStack, Token, Tokenization } from "cdktf";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, TENANT_LABEL } from "../core/tenant-metadata";
import { GatewayMode } from "../core/gateway-mode";
import { SharedGateway } from "../gateway/shared-gateway";
import { ExternalTrafficPolicy } from "../gateway/gateway-parameters";
import { INTERNAL_LB_ANNOTATION } from "../private/annotations";
import { AppRegistry } from "../private/app-registry";

/** One rule of the pack: a pure check over one construct. */
interface PolicyRule {
  /** `AKSGW-<n>`. */
  readonly id: string;
  /**
   * `error` fails synth; `warning` only reports (for defaults that cost money, which the pack flags rather than forces).
   *
   * @default "error"
   */
  readonly severity?: "error" | "warning";
  /** What is wrong, in one line. */
  readonly finding: string;
  /** Why it matters and what to do, in one line. */
  readonly explanation: string;
  /** Whether `node` breaks the rule; `policy` carries per-run indexes. */
  readonly violates: (node: IConstruct, policy: PlatformPolicy) => boolean;
}


const POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";
/** Name of the NetworkPolicy `Tenant` creates in its namespace. */
const TENANT_ISOLATION_POLICY = "tenant-isolation";

/** Minimum length of a suppression reason, so every exception carries a real explanation. */
const MIN_REASON_LENGTH = 10;

const RULES: PolicyRule[] = [
  {
    id: "AKSGW-1",
    finding: "WAF policy is not enabled in Prevention mode",
    explanation:
      "Detection only logs attacks. Tune in Detection if you must, with a dated suppression, then switch to Prevention.",
    violates: (node) => {
      if (!(node instanceof WebApplicationFirewallPolicy)) return false;
      const settings = resolve(node, node.policySettingsInput) as { mode?: string; enabled?: boolean } | undefined;
      const mode = override(node, "policy_settings.mode") ?? settings?.mode;
      const enabled = override(node, "policy_settings.enabled") ?? settings?.enabled;
      return mode !== "Prevention" || enabled === false;
    },
  },
  {
    id: "AKSGW-2",
    finding: "Gateway listener admits routes from all namespaces (allowedRoutes.namespaces.from: All)",
    explanation:
      "Any namespace could then attach routes and take over hostnames; admit tenant namespaces by the platform-owned admission label (Selector).",
    violates: (node, policy) => {
      const manifest = policy.manifestOf(node);
      return manifest?.kind === "Gateway" && listenersOf(manifest).some((l) => l?.allowedRoutes?.namespaces?.from === "All");
    },
  },
  {
    id: "AKSGW-3",
    finding: "Load balancer is public (no azure-load-balancer-internal annotation)",
    explanation:
      "Traffic must enter through the Application Gateway WAF; give the Service or Gateway an internal load balancer.",
    violates: (node, policy) => {
      if (node instanceof ServiceV1) {
        const type = resolve(node, node.spec.typeInput);
        const annotations = resolve(node, node.metadata.annotationsInput) as Record<string, string> | undefined;
        return type === "LoadBalancer" && annotations?.[INTERNAL_LB_ANNOTATION] !== "true";
      }
      const manifest = policy.manifestOf(node);
      if (manifest?.kind === "Service") {
        return manifest.spec?.type === "LoadBalancer" && manifest.metadata?.annotations?.[INTERNAL_LB_ANNOTATION] !== "true";
      }
      if (manifest?.kind !== "Gateway") return false;
      const annotations = manifest.spec?.infrastructure?.annotations ?? {};
      const serviceType = annotations["networking.istio.io/service-type"] ?? manifest.metadata?.annotations?.["networking.istio.io/service-type"];
      return annotations[INTERNAL_LB_ANNOTATION] !== "true" && serviceType !== "ClusterIP";
    },
  },
  {
    id: "AKSGW-4",
    finding: "Tenant namespace has no ResourceQuota or no NetworkPolicy in its stack",
    explanation:
      "Without them one tenant can starve the others or reach their pods; create tenants with Tenant, and enforce what an adopted namespace defers (GuardrailRollout.DEFER) once its workloads allow.",
    violates: (node, policy) => {
      const ns = tenantNamespace(node, policy);
      if (ns === undefined || typeof ns.name !== "string") return false;
      const guarded = policy.guardedNamespaces(TerraformStack.of(node));
      return !guarded.quota.has(ns.name) || !guarded.policy.has(ns.name);
    },
  },
  {
    id: "AKSGW-5",
    finding: "AKS cluster keeps local accounts enabled",
    explanation:
      "Local accounts bypass Entra ID and Azure RBAC and cannot be audited per person; keep local_account_disabled = true.",
    violates: (node) =>
      node instanceof KubernetesCluster &&
      (override(node, "local_account_disabled") ?? resolve(node, node.localAccountDisabledInput)) !== true,
  },
  {
    id: "AKSGW-6",
    finding: "WAF policy does not inspect request bodies (request_body_check = false)",
    explanation:
      "Attacks in bodies (SQL injection in a form post) then pass the WAF; fix the false positive with a rule exclusion instead.",
    violates: (node) => {
      if (!(node instanceof WebApplicationFirewallPolicy)) return false;
      const settings = resolve(node, node.policySettingsInput) as { requestBodyCheck?: boolean } | undefined;
      return (override(node, "policy_settings.request_body_check") ?? settings?.requestBodyCheck) === false;
    },
  },
  {
    id: "AKSGW-7",
    finding: "Tenant namespace enforces a Pod Security level below baseline (or none)",
    explanation:
      "Privileged pods can escape to the node and reach every tenant; keep pod-security.kubernetes.io/enforce at baseline or restricted (an adopted namespace's AUDIT or DEFER rollout enforces none).",
    violates: (node, policy) => {
      const labels = tenantNamespace(node, policy)?.labels;
      return labels !== undefined && !["baseline", "restricted"].includes(labels[POD_SECURITY_ENFORCE] ?? "");
    },
  },
  {
    id: "AKSGW-8",
    finding: "Tenant quota allows LoadBalancer or NodePort Services",
    explanation:
      "Such Services expose pods without the Application Gateway WAF; keep services.loadbalancers and services.nodeports at 0.",
    violates: (node) => {
      if (!(node instanceof ResourceQuotaV1) || !isManaged(node)) return false;
      const hard = (resolve(node, node.spec.hardInput) ?? {}) as Record<string, unknown>;
      const opened = (key: string) => {
        const value = override(node, `spec.hard.${key}`) ?? hard[key];
        return value !== undefined && value !== null && String(value) !== "0";
      };
      return opened("services.loadbalancers") || opened("services.nodeports");
    },
  },
  {
    id: "AKSGW-9",
    finding: "Tenant network policy leaves egress unrestricted",
    explanation:
      "Pods can then reach other tenants and anything the network allows; use TenantEgress.restricted({ allowCidrs }) for what they need.",
    violates: (node) => {
      if (!(node instanceof NetworkPolicyV1) || !isManaged(node)) return false;
      if (resolve(node, node.metadata.nameInput) !== TENANT_ISOLATION_POLICY) return false;
      const types = (override(node, "spec.policy_types") ?? resolve(node, node.spec.policyTypesInput)) as string[] | undefined;
      return !(types ?? []).includes("Egress");
    },
  },
  {
    id: "AKSGW-10",
    finding: "Gateway on class istio with externalTrafficPolicy Cluster",
    explanation:
      "Nothing adds load balancer probe annotations then, so the Azure load balancer probes GET / on the listener, Envoy answers 404 and every backend is marked down; use ExternalTrafficPolicy.LOCAL.",
    violates: (node) =>
      node instanceof SharedGateway &&
      node.gatewayMode === GatewayMode.SELF_MANAGED_ISTIO &&
      node.parameters.externalTrafficPolicy === ExternalTrafficPolicy.CLUSTER,
  },
  {
    id: "AKSGW-11",
    finding: "AKS API server is reachable from the whole internet (no authorized IP ranges, a 0.0.0.0/0 range, and no private cluster)",
    explanation:
      "Entra ID still authenticates, but anyone can probe the control plane; set cluster.apiServerAccess to ApiServerAccess.fromIpRanges(<your egress ranges>) or ApiServerAccess.privateCluster().",
    violates: (node) => node instanceof KubernetesCluster && apiServerOpenToInternet(node),
  },
  {
    id: "AKSGW-12",
    finding: "AKS cluster runs without the Azure Policy add-on",
    explanation:
      "Policy initiatives assigned to the cluster (Pod Security, allowed images, internal load balancers) are then not enforced; keep azurePolicy on (it has no charge).",
    violates: (node) => node instanceof KubernetesCluster && clusterFlag(node, "azure_policy_enabled", node.azurePolicyEnabledInput) !== true,
  },
  {
    id: "AKSGW-13",
    severity: "warning",
    finding: "AKS cluster runs without the Microsoft Defender for Containers sensor",
    explanation:
      "Runtime threats on the nodes go unseen; set cluster.defender (billed per vCore-hour with the subscription's Defender for Containers plan), or suppress with the reason.",
    violates: (node) => node instanceof KubernetesCluster && clusterBlock(node, "microsoft_defender", node.microsoftDefenderInput) === undefined,
  },
  {
    id: "AKSGW-14",
    severity: "warning",
    finding: "AKS control-plane audit logs (kube-audit-admin or kube-audit, and guard) are not sent to Log Analytics",
    explanation:
      "Who changed what and who was denied cannot be traced; give a Log Analytics workspace (PlatformStack logAnalytics) and keep cluster.monitoring.controlPlaneLogs' defaults.",
    violates: (node, policy) => node instanceof KubernetesCluster && !policy.sendsAuditLogs(node),
  },
  {
    id: "AKSGW-15",
    severity: "warning",
    finding: "AKS cluster has neither Container Insights nor managed Prometheus",
    explanation:
      "Node and pod health, restarts and saturation go unmonitored; turn on cluster.monitoring.containerInsights (with a workspace) or managedPrometheus.",
    violates: (node) =>
      node instanceof KubernetesCluster &&
      clusterBlock(node, "oms_agent", node.omsAgentInput) === undefined &&
      clusterBlock(node, "monitor_metrics", node.monitorMetricsInput) === undefined,
  },
];


/**
 * The platform's synth-time rule pack: checks that span constructs, including what users add through
 * escape hatches. A finding is an error annotation on the offending construct, which fails `cdktf synth`, or, for
 * the warning rules, a warning annotation.
 *
 * Every stack of the library applies it. To accept a finding for one construct (and its children), suppress the rule there
 * with a reason: `PlatformPolicy.suppress(construct, "AKSGW-1", "tuning DRS 2.1 in Detection until 2026-12-15")`.
 *
 * Rules: AKSGW-1 WAF in Prevention; AKSGW-2 no Gateway listener open to all namespaces; AKSGW-3 no public
 * load balancer; AKSGW-4 every tenant namespace has a quota and a network policy; AKSGW-5 no local accounts;
 * AKSGW-6 WAF request body inspection on; AKSGW-7 tenant Pod Security at least baseline; AKSGW-8 no tenant
 * LoadBalancer or NodePort quota; AKSGW-9 tenant egress restricted; AKSGW-10 no `externalTrafficPolicy: Cluster`
 * on GatewayClass `istio`; AKSGW-11 no API server open to the whole internet; AKSGW-12 Azure Policy add-on on.
 *
 * Warnings (reported, synth goes on; they flag defaults that cost money): AKSGW-13 no Defender for Containers sensor;
 * AKSGW-14 no control-plane audit logs (`kube-audit-admin` or `kube-audit`, and `guard`); AKSGW-15 neither Container
 * Insights nor managed Prometheus. Suppress them like errors, with a reason.
 */
export class PlatformPolicy implements IAspect {
  /** The rule ids of the pack. */
  public static readonly RULE_IDS: readonly string[] = RULES.map((r) => r.id);

  /**
   * Accepts rule `ruleId` for `scope` and everything under it. The reason is required and must explain the
   * exception (at least 10 characters); a shorter one is itself reported as an error.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!PlatformPolicy.RULE_IDS.includes(ruleId)) {
      throw new Error(
        `${scope.node.path}: unknown policy rule ${JSON.stringify(ruleId)}; known rules are ${PlatformPolicy.RULE_IDS.join(", ")}.`,
      );
    }
    AppRegistry.of(scope).suppressions(scope).set(ruleId, reason);
  }

  private readonly guarded = new Map<TerraformStack, { quota: Set<string>; policy: Set<string> }>();
  private readonly namespaceLabels = new Map<TerraformStack, Map<string, Record<string, string>>>();
  private readonly logged = new Map<TerraformStack, Map<string, Set<string>>>();
  private readonly manifests = new WeakMap<IConstruct, any>();

  /** Checks one construct against every rule (called by cdktf for each construct of the stack). */
  public visit(node: IConstruct): void {
    const own = AppRegistry.of(node).suppressionsOf(node);
    for (const [ruleId, reason] of own ?? []) {
      if (reason.trim().length < MIN_REASON_LENGTH) {
        Annotations.of(node).addError(
          `[${ruleId}] suppression needs a reason of at least ${MIN_REASON_LENGTH} characters, got ${JSON.stringify(reason)}. ` +
            `Say why the exception is safe and until when.`,
        );
      }
    }
    for (const rule of RULES) {
      if (!rule.violates(node, this)) continue;
      const reason = suppressionFor(node, rule.id);
      if (reason !== undefined && reason.trim().length >= MIN_REASON_LENGTH) continue;
      const message = `[${rule.id}] ${rule.finding}. ${rule.explanation}`;
      if (rule.severity === "warning") Annotations.of(node).addWarning(message);
      else Annotations.of(node).addError(message);
    }
  }

  /** The resolved object of a `kubernetes_manifest`, resolved once per run (resolving renders Lazy values). */
  public manifestOf(node: IConstruct): any {
    if (!(node instanceof Manifest)) return undefined;
    if (!this.manifests.has(node)) this.manifests.set(node, resolvedManifest(node));
    return this.manifests.get(node);
  }

  /**
   * The labels `kubernetes_labels` resources put on each Namespace in `stack` (an adopted namespace has several:
   * the tenant's and its Pod Security labels), merged by namespace name, indexed once per stack and run.
   */
  public adoptedNamespaceLabels(stack: TerraformStack): Map<string, Record<string, string>> {
    let index = this.namespaceLabels.get(stack);
    if (!index) {
      index = indexNamespaceLabels(stack);
      this.namespaceLabels.set(stack, index);
    }
    return index;
  }

  /**
   * Whether a diagnostic setting in the cluster's stack sends its audit logs (`kube-audit-admin` or `kube-audit`)
   * and `guard` to a destination; settings are indexed by target once per stack and run.
   */
  public sendsAuditLogs(cluster: KubernetesCluster): boolean {
    const stack = TerraformStack.of(cluster);
    let index = this.logged.get(stack);
    if (!index) {
      index = indexDiagnostics(stack);
      this.logged.set(stack, index);
    }
    const categories = index.get(String(resolve(cluster, cluster.id))) ?? new Set<string>();
    return (categories.has("kube-audit-admin") || categories.has("kube-audit")) && categories.has("guard");
  }

  /** Namespaces with a ResourceQuota and a NetworkPolicy in `stack`, indexed once per stack and run. */
  public guardedNamespaces(stack: TerraformStack): { quota: Set<string>; policy: Set<string> } {
    let index = this.guarded.get(stack);
    if (!index) {
      index = indexGuarded(stack);
      this.guarded.set(stack, index);
    }
    return index;
  }
}

/** The suppression reason for `ruleId` on `node` or its nearest suppressed ancestor. */
function suppressionFor(node: IConstruct, ruleId: string): string | undefined {
  for (const scope of [...node.node.scopes].reverse()) {
    const reason = AppRegistry.of(scope).suppressionsOf(scope)?.get(ruleId);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/**
 * The value an escape-hatch `addOverride(path, value)` put on `node`, if any, so rules see what Terraform
 * will get rather than only the typed input.
 */
function override(node: IConstruct, path: string): unknown {
  let value: unknown = (node as unknown as { rawOverrides?: unknown }).rawOverrides;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? undefined : resolve(node, value);
}

/** Resolves tokens (such as a Lazy manifest) in the stack of `node`; unresolvable values come back as they are. */
function resolve(node: IConstruct, value: unknown): unknown {
  if (value === undefined) return undefined;
  return Tokenization.resolve(value, { scope: node, resolver: new DefaultTokenResolver(new StringConcat()) });
}

function resolvedManifest(node: Manifest): any {
  const manifest = resolve(node, node.manifestInput);
  return manifest && typeof manifest === "object" ? manifest : undefined;
}

function listenersOf(manifest: any): any[] {
  const listeners = manifest?.spec?.listeners;
  return Array.isArray(listeners) ? listeners : [];
}

/** Namespaces that have a ResourceQuota and a NetworkPolicy in `stack`. */
function indexGuarded(stack: TerraformStack): { quota: Set<string>; policy: Set<string> } {
  const guarded = { quota: new Set<string>(), policy: new Set<string>() };
  for (const c of stack.node.findAll()) {
    if (c instanceof ResourceQuotaV1 || c instanceof NetworkPolicyV1) {
      const ns = resolve(c, c.metadata.namespaceInput);
      if (typeof ns === "string" && !Token.isUnresolved(ns)) (c instanceof ResourceQuotaV1 ? guarded.quota : guarded.policy).add(ns);
    }
  }
  return guarded;
}

/**
 * The name and labels of a tenant namespace: a `kubernetes_namespace_v1` carrying the tenant label, or the
 * `kubernetes_labels` that put the tenant label on an adopted namespace (with every other `kubernetes_labels` of
 * that namespace merged in, such as its Pod Security labels). `undefined` for anything else.
 */
function tenantNamespace(node: IConstruct, policy: PlatformPolicy): { name: unknown; labels: Record<string, string> } | undefined {
  if (node instanceof NamespaceV1) {
    const labels = (resolve(node, node.metadata.labelsInput) ?? {}) as Record<string, string>;
    const overridden = override(node, "metadata.labels") as Record<string, string> | undefined;
    // An override of metadata.labels replaces the whole map in the synthesized JSON.
    const all = overridden ?? labels;
    return all[TENANT_LABEL] === undefined ? undefined : { name: resolve(node, node.metadata.nameInput), labels: all };
  }
  const own = namespaceLabelsOf(node);
  if (own === undefined || own.labels[TENANT_LABEL] === undefined) return undefined;
  const merged = typeof own.name === "string" ? policy.adoptedNamespaceLabels(TerraformStack.of(node)).get(own.name) : undefined;
  return { name: own.name, labels: merged ?? own.labels };
}

/** The namespace name and labels of a `kubernetes_labels` on a Namespace, overrides applied; else `undefined`. */
function namespaceLabelsOf(node: IConstruct): { name: unknown; labels: Record<string, string> } | undefined {
  if (!(node instanceof Labels)) return undefined;
  if ((override(node, "kind") ?? resolve(node, node.kindInput)) !== "Namespace") return undefined;
  const labels = (override(node, "labels") ?? resolve(node, node.labelsInput) ?? {}) as Record<string, string>;
  return { name: override(node, "metadata.name") ?? resolve(node, node.metadata.nameInput), labels };
}

/** The labels of every `kubernetes_labels` on a Namespace in `stack`, merged by namespace name. */
function indexNamespaceLabels(stack: TerraformStack): Map<string, Record<string, string>> {
  const index = new Map<string, Record<string, string>>();
  for (const c of stack.node.findAll()) {
    const own = namespaceLabelsOf(c);
    if (own === undefined || typeof own.name !== "string") continue;
    index.set(own.name, { ...(index.get(own.name) ?? {}), ...own.labels });
  }
  return index;
}

/** Whether a Kubernetes object carries this library's managed-by label (a tenant's objects do). */
function isManaged(node: ResourceQuotaV1 | NetworkPolicyV1): boolean {
  const labels = resolve(node, node.metadata.labelsInput) as Record<string, string> | undefined;
  return labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

/** A cluster attribute as Terraform will get it: the escape-hatch override, else the typed input. */
function clusterFlag(node: KubernetesCluster, key: string, input: unknown): unknown {
  return override(node, key) ?? resolve(node, input);
}

/** A cluster block (`microsoft_defender`, `oms_agent`…) as Terraform will get it; `undefined` when absent. */
function clusterBlock(node: KubernetesCluster, key: string, input: unknown): unknown {
  const value = clusterFlag(node, key, input);
  return value === null || (Array.isArray(value) && value.length === 0) ? undefined : value;
}

/**
 * Neither a private cluster nor authorized ranges, or a range that admits every address. Unresolved ranges count
 * as a restriction (they cannot be read at synth).
 */
function apiServerOpenToInternet(node: KubernetesCluster): boolean {
  if (clusterFlag(node, "private_cluster_enabled", node.privateClusterEnabledInput) === true) return false;
  const profile = clusterBlock(node, "api_server_access_profile", node.apiServerAccessProfileInput) as
    | { authorizedIpRanges?: unknown; authorized_ip_ranges?: unknown }
    | undefined;
  const ranges = profile?.authorized_ip_ranges ?? profile?.authorizedIpRanges;
  if (typeof ranges === "string") return false;
  if (!Array.isArray(ranges) || ranges.length === 0) return true;
  return ranges.some((r) => typeof r === "string" && /\/0$/.test(r));
}

/** Log categories each diagnostic setting target receives in `stack`, by the target's resolved resource ID. */
function indexDiagnostics(stack: TerraformStack): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const c of stack.node.findAll()) {
    if (!(c instanceof MonitorDiagnosticSetting)) continue;
    const target = String(resolve(c, c.targetResourceIdInput));
    const logs = (resolve(c, c.enabledLogInput) ?? []) as Array<{ category?: string }>;
    const categories = index.get(target) ?? new Set<string>();
    logs.forEach((l) => l.category !== undefined && categories.add(l.category));
    index.set(target, categories);
  }
  return index;
}
