/**
 * The cluster part of `cdktf-aks-gateway summary`: for each AKS cluster of a synthesized app, how its API server
 * is reached, which guardrails and logs are on, and what each node pool runs. Read from the synthesized JSON only,
 * so it shows what Terraform will get, escape hatches included.
 */

/** `type.name` of a `${type.name.attr}` reference, or `undefined` for a literal. */
function referenced(value: unknown): string | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(String(value ?? ""));
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The resources of one type across the stacks, as `[type.name, body]`. */
function resourcesOf(stackJsons: any[], type: string): Array<[string, any]> {
  return stackJsons.flatMap((j) => Object.entries<any>(j.resource?.[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body] as [string, any]));
}

/** A resource ID as a reader knows it: the name of the resource it references, or the last segment of a literal ID. */
function nameOf(stackJsons: any[], id: unknown): string {
  const address = referenced(id);
  if (address === undefined) return String(id ?? "").split("/").pop() ?? "";
  const [type] = address.split(".");
  const body = resourcesOf(stackJsons, type).find(([a]) => a === address)?.[1];
  return String(body?.name ?? address);
}

/** A block cdktf writes as an object (MaxItems 1) or a one-element list; `undefined` when absent. */
function block(value: unknown): any {
  if (Array.isArray(value)) return value[0];
  return value === null ? undefined : value;
}

/** How the API server is reached. */
function apiServerLine(aks: any): string {
  if (aks.private_cluster_enabled === true) {
    const fqdn = aks.private_cluster_public_fqdn_enabled === true ? ", public FQDN" : "";
    return `private endpoint only (private DNS zone ${aks.private_dns_zone_id ?? "System"}${fqdn})`;
  }
  const ranges: string[] = block(aks.api_server_access_profile)?.authorized_ip_ranges ?? [];
  if (typeof ranges === "string") return `public endpoint, authorized ranges ${ranges}`;
  if (ranges.length === 0 || ranges.some((r) => /\/0$/.test(r))) {
    return "public endpoint OPEN TO THE INTERNET (no authorized ranges; PlatformPolicy AKSGW-11)";
  }
  return `public endpoint, authorized ranges ${ranges.join(", ")}`;
}

/** Azure Policy, Defender, Container Insights, Prometheus and control-plane logs. */
function guardrailLines(stackJsons: any[], address: string, aks: any): string[] {
  const onOff = (on: boolean, detail = "") => (on ? `on${detail}` : "off");
  const defender = block(aks.microsoft_defender);
  const agent = block(aks.oms_agent);
  const metrics = aks.monitor_metrics !== undefined && aks.monitor_metrics !== null;
  const workspaces = metrics ? resourcesOf(stackJsons, "azurerm_monitor_workspace").map(([, w]) => w.name) : [];
  const categories = resourcesOf(stackJsons, "azurerm_monitor_diagnostic_setting")
    .filter(([, d]) => referenced(d.target_resource_id) === address && (d.enabled_log ?? []).length > 0)
    .map(([, d]) => {
      const names = d.enabled_log.map((l: any) => l.category ?? l.category_group).join(", ");
      return `${names} (workspace ${nameOf(stackJsons, d.log_analytics_workspace_id)})`;
    });
  return [
    `Azure Policy add-on: ${onOff(aks.azure_policy_enabled === true)}`,
    `Defender for Containers sensor: ${onOff(defender !== undefined, ` (workspace ${nameOf(stackJsons, defender?.log_analytics_workspace_id)})`)}`,
    `Container Insights: ${onOff(agent !== undefined, ` (workspace ${nameOf(stackJsons, agent?.log_analytics_workspace_id)})`)}`,
    `Managed Prometheus: ${onOff(metrics, workspaces.length > 0 ? ` (Azure Monitor workspace ${workspaces.join(", ")})` : "")}`,
    `Control-plane logs: ${categories.length > 0 ? categories.join("; ") : "off"}`,
  ];
}

/** One line per node pool: mode, size, scale, OS, OS disk, max pods, taints. */
function poolLine(pool: any, mode: string, overlay: boolean): string {
  const disk = `${pool.os_disk_type ?? "Managed"} OS disk ${pool.os_disk_size_gb !== undefined ? `${pool.os_disk_size_gb} GiB` : "(AKS default size)"}`;
  const pods = pool.max_pods !== undefined ? `max pods ${pool.max_pods}` : `max pods ${overlay ? "250" : "?"} (AKS default)`;
  const taints: string[] = pool.only_critical_addons_enabled === true ? ["CriticalAddonsOnly=true:NoSchedule"] : (pool.node_taints ?? []);
  const zones = (pool.zones ?? []).length > 0 ? `zones ${pool.zones.join(",")}` : "no zones";
  return [
    `${pool.name} (${mode})`,
    pool.vm_size,
    `${pool.min_count}-${pool.max_count} nodes`,
    zones,
    pool.os_sku ?? "Ubuntu",
    disk,
    pods,
    `taints ${taints.length > 0 ? taints.join(", ") : "none"}`,
  ].join(", ");
}

/** The cluster section of the summary, one block per AKS cluster. */
export function clusterLines(stackJsons: any[]): string[] {
  const lines: string[] = [];
  for (const [address, aks] of resourcesOf(stackJsons, "azurerm_kubernetes_cluster")) {
    const overlay = block(aks.network_profile)?.network_plugin_mode === "overlay";
    const pools = resourcesOf(stackJsons, "azurerm_kubernetes_cluster_node_pool").filter(([, p]) => referenced(p.kubernetes_cluster_id) === address);
    lines.push(
      `Cluster ${aks.name}:`,
      `  API server: ${apiServerLine(aks)}`,
      ...guardrailLines(stackJsons, address, aks).map((l) => `  ${l}`),
      "  Node pools:",
      `    ${poolLine(block(aks.default_node_pool), "System", overlay)}`,
      ...pools.map(([, p]) => `    ${poolLine(p, p.mode ?? "User", overlay)}`),
    );
  }
  return lines;
}
