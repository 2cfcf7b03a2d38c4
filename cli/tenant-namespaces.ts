/**
 * The "Tenant namespaces" part of `summary`: for each tenant, whether it creates its namespace (and so deletes it,
 * with every workload in it, when its stack is destroyed) or adopts one that exists, and what an adopted namespace
 * gets that changes running workloads.
 */
import { makeUniqueId } from "cdktf/lib/private/unique";

const TENANT_LABEL = "cdktf-aks-gateway/tenant";
const PSA = "pod-security.kubernetes.io/";

/** A synthesized stack: its name and Terraform JSON. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: any;
}

const values = (json: any, type: string): any[] => Object.values(json.resource?.[type] ?? {});

/** The lines of the section, empty when the app has no tenant. */
export function tenantNamespaceLines(stacks: readonly SynthesizedStack[]): string[] {
  const lines: string[] = [];
  for (const { name: stack, json } of stacks) {
    for (const ns of values(json, "kubernetes_namespace_v1")) {
      const tenant = ns.metadata?.labels?.[TENANT_LABEL];
      if (tenant === undefined) continue;
      lines.push(`${tenant}: creates namespace ${ns.metadata.name} (${stack}); destroying it deletes the namespace and every workload, Secret and volume claim in it`);
    }
    for (const labels of values(json, "kubernetes_labels").filter((l) => l.kind === "Namespace" && l.labels?.[TENANT_LABEL] !== undefined)) {
      lines.push(...adoptedLines(stack, json, labels));
    }
  }
  return lines;
}

function adoptedLines(stack: string, json: any, labels: any): string[] {
  const namespace: string = labels.metadata.name;
  const inNamespace = (type: string) => values(json, type).filter((r) => r.metadata?.namespace === namespace);
  const policy = inNamespace("kubernetes_network_policy_v1")[0];
  const quota = inNamespace("kubernetes_resource_quota_v1")[0];
  const psa = Object.assign(
    {},
    ...values(json, "kubernetes_labels")
      .filter((l) => l.kind === "Namespace" && l.metadata?.name === namespace)
      .map((l) => Object.fromEntries(Object.entries(l.labels ?? {}).filter(([k]) => k.startsWith(PSA)))),
  ) as Record<string, string>;
  const egress = (policy?.spec?.policy_types ?? []).includes("Egress") ? "egress restricted" : "egress open";
  const level = psa[`${PSA}enforce`];
  const podSecurity = level
    ? `enforce ${level} (new pods breaking it are refused; a different existing level fails the apply)`
    : psa[`${PSA}warn`]
      ? `warn and audit ${psa[`${PSA}warn`]} only, nothing enforced`
      : "not set (deferred)";
  // The address the tenant's namespace had if it created it: same construct path, child `Resource`.
  const path: string | undefined = labels["//"]?.metadata?.path;
  const created = path === undefined ? undefined : makeUniqueId([...path.split("/").slice(1, -1), "Resource"]);
  return [
    `${labels.labels[TENANT_LABEL]}: adopts existing namespace ${namespace} (${stack}); never creates or deletes it, destroy removes only what the tenant added`,
    `    network policy: ${policy ? `${policy.metadata.name} enforced (ingress only from the gateway and the namespace, ${egress})` : "none (deferred)"}`,
    `    quota: ${quota ? `${quota.metadata.name} enforced (running pods stay; new pods refused while use exceeds it)` : "none (deferred)"}`,
    `    Pod Security: ${podSecurity}`,
    ...(created === undefined
      ? []
      : [`    created or imported by this tenant before? first run: terraform state rm 'kubernetes_namespace_v1.${created}' (in ${stack})`]),
  ];
}
