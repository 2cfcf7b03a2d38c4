// The checker has teeth: breaking one rule in an otherwise conforming stack makes that rule report it.
// Guards against rules that pass vacuously (a wrong path, a reference mistaken for a literal, a lost cross-look-up).
import { COMBINATIONS, SynthesizedStack, synthesizeAll } from "./combinations";
import { CONSTRAINTS } from "./azurerm-constraints";
import { violations } from "./model";

const [platform] = synthesizeAll(COMBINATIONS.filter((c) => c.name === "flagship-tls"));
const baseline = new Set(CONSTRAINTS.flatMap((c) => violations(c, [platform])));

function only(type: string, json: any): any {
  return Object.values(json.resource[type])[0];
}

/** Each case breaks one rule on a copy of the flagship-with-TLS platform stack. */
const CASES: ReadonlyArray<[string, RegExp, (json: any) => void]> = [
  ["probe with host and pick_host_name_from_backend_http_settings", /both host and pick_host_name/, (j) => (only("azurerm_application_gateway", j).probe[0].pick_host_name_from_backend_http_settings = true)],
  ["probe with neither host nor pick_host_name_from_backend_http_settings", /neither host nor pick_host_name/, (j) => delete only("azurerm_application_gateway", j).probe[0].host],
  ["backend settings with host_name and pick_host_name_from_backend_address", /sets host_name and pick_host_name_from_backend_address/, (j) => Object.assign(only("azurerm_application_gateway", j).backend_http_settings[0], { host_name: "a.example", pick_host_name_from_backend_address: true })],
  ["sku WAF_v2 with tier Standard_v2", /sku WAF_v2 with tier Standard_v2/, (j) => (only("azurerm_application_gateway", j).sku.tier = "Standard_v2")],
  ["Bot Manager 2.1 (validate accepts it, Azure does not)", /Microsoft_BotManagerRuleSet 2\.1 does not exist/, (j) => (only("azurerm_web_application_firewall_policy", j).managed_rules.managed_rule_set[1].version = "2.1")],
  ["ssl_policy.policy_name typo", /is not a predefined policy/, (j) => (only("azurerm_application_gateway", j).ssl_policy.policy_name = "AppGwSslPolicy2022101S")],
  ["public IP Basic/Dynamic", /v2 needs Standard\/Static/, (j) => Object.assign(only("azurerm_public_ip", j), { sku: "Basic", allocation_method: "Dynamic" })],
  ["gateway zone missing on the public IP", /are not zones of azurerm_public_ip/, (j) => (only("azurerm_public_ip", j).zones = ["1", "2"])],
  ["GatewayManager rule removed", /does not allow GatewayManager/, (j) => {
    const rules = j.resource.azurerm_network_security_rule;
    for (const name of Object.keys(rules)) if (rules[name].source_address_prefix === "GatewayManager") delete rules[name];
  }],
  ["two NSG rules with the same priority", /is also used by/, (j) => {
    const rules = Object.values<any>(j.resource.azurerm_network_security_rule).filter((r) => r.network_security_group_name.includes("AppGateway"));
    rules[1].priority = rules[0].priority;
  }],
  ["azapi update no longer waits for the node pool", /does not depend on azurerm_kubernetes_cluster_node_pool/, (j) => delete only("azapi_update_resource", j).depends_on],
  ["azapi body key mis-cased", /gatewayApi is not an ARM property/, (j) => {
    const ip = only("azapi_update_resource", j).body.properties.ingressProfile;
    ip.gatewayApi = ip.gatewayAPI;
    delete ip.gatewayAPI;
  }],
  ["web_app_routing dropped while azapi enables app routing", /does not declare web_app_routing/, (j) => delete only("azurerm_kubernetes_cluster", j).web_app_routing],
  ["dangling probe_name", /names no probe/, (j) => (only("azurerm_application_gateway", j).backend_http_settings[0].probe_name = "missing")],
  ["rule priority missing on one rule", /some request_routing_rule blocks have a priority/, (j) => delete only("azurerm_application_gateway", j).request_routing_rule[1].priority],
  ["dns_service_ip outside service_cidr", /is outside service_cidr/, (j) => (only("azurerm_kubernetes_cluster", j).network_profile.dns_service_ip = "10.1.0.10")],
  ["default pool without temporary_name_for_rotation", /temporary_name_for_rotation is not set/, (j) => delete only("azurerm_kubernetes_cluster", j).default_node_pool.temporary_name_for_rotation],
  ["probe unhealthy_threshold 21", /outside 1\.\.20/, (j) => (only("azurerm_application_gateway", j).probe[0].unhealthy_threshold = 21)],
  ["WAF file upload limit 4001 MB", /outside 1\.\.4000/, (j) => (only("azurerm_web_application_firewall_policy", j).policy_settings.file_upload_limit_in_mb = 4001)],
  ["firewall_policy_id with a lower-case segment", /firewall_policy_id = .* does not parse as/, (j) => (only("azurerm_application_gateway", j).firewall_policy_id =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies/waf")],
  ["two ssl_policy blocks", /ssl_policy has 2 items, more than 1/, (j) => {
    const agw = only("azurerm_application_gateway", j);
    agw.ssl_policy = [agw.ssl_policy, agw.ssl_policy];
  }],
  ["dns_prefix with an underscore", /dns_prefix = .* is not a DNS prefix/, (j) => (only("azurerm_kubernetes_cluster", j).dns_prefix = "aks_aksgw")],
  ["a listener with 6 host names", /host_names has 6 items, more than 5/, (j) => {
    const agw = only("azurerm_application_gateway", j);
    agw.http_listener[1].host_names = ["a.example", "b.example", "c.example", "d.example", "e.example", "f.example"];
  }],
  ["a host name with '**'", /host name "\*\*.example.com" has '\*' twice in one component/, (j) => (only("azurerm_application_gateway", j).http_listener[1].host_names = ["**.example.com"])],
  ["a host name with '*?'", /host name "\*\?.example.com" combines/, (j) => (only("azurerm_application_gateway", j).http_listener[1].host_names = ["*?.example.com"])],
  ["a host name with an underscore", /host name "a_b.example.com" has characters outside/, (j) => (only("azurerm_application_gateway", j).http_listener[1].host_names = ["a_b.example.com"])],
  ["two listeners on 443 with the same host name", /host name "a.example.com" is on two listeners/, (j) => {
    const agw = only("azurerm_application_gateway", j);
    agw.http_listener[1].host_names = ["a.example.com"];
    agw.http_listener.push({ ...agw.http_listener[1], name: "https-dup" });
  }],
  ["two basic listeners on 443", /has 2 basic listeners/, (j) => {
    const agw = only("azurerm_application_gateway", j);
    agw.http_listener.push({ ...agw.http_listener[1], name: "https-dup" });
  }],
  ["the redirect targets a wildcard listener", /targets "https", which has/, (j) => (only("azurerm_application_gateway", j).http_listener[1].host_names = ["*.example.com"])],
  ["trusted_root_certificate_names naming no root", /names no trusted_root_certificate/, (j) => (only("azurerm_application_gateway", j).backend_http_settings[0].trusted_root_certificate_names = ["missing"])],
  ["a trusted root with data and key_vault_secret_id", /2 of data, key_vault_secret_id are set/, (j) => (only("azurerm_application_gateway", j).trusted_root_certificate = [
    { name: "root", data: "MIIB", key_vault_secret_id: "https://kv.vault.azure.net/secrets/root" },
  ])],
  ["a trusted root as a /certificates/ URL", /key_vault_secret_id = .* is not a Key Vault secret URL/, (j) => (only("azurerm_application_gateway", j).trusted_root_certificate = [
    { name: "root", key_vault_secret_id: "https://kv.vault.azure.net/certificates/root" },
  ])],
  ["an HTTP probe on HTTPS backend settings", /is Https, its probe "shared-gateway-health" is Http/, (j) => (only("azurerm_application_gateway", j).probe[0].protocol = "Http")],
  ["two user-assigned identities", /identity lists 2 user-assigned identities/, (j) => {
    const identity = only("azurerm_application_gateway", j).identity;
    identity.identity_ids = [...identity.identity_ids, identity.identity_ids[0].replace("id-agw", "id-other")];
  }],
  ["101 SSL certificates", /ssl_certificate has 101 items, more than 100/, (j) => {
    const agw = only("azurerm_application_gateway", j);
    agw.ssl_certificate = Array.from({ length: 101 }, (_v, i) => ({ name: `c${i}`, key_vault_secret_id: `https://kv.vault.azure.net/secrets/c${i}` }));
  }],
  ["a Key Vault secrets provider block with neither attribute", /AtLeastOneOf|secret_rotation_enabled, secret_rotation_interval/, (j) => (only("azurerm_kubernetes_cluster", j).key_vault_secrets_provider = {})],
  ["a rotation interval that is not a Go duration", /secret_rotation_interval = "2 minutes" is not a Go duration/, (j) => (only("azurerm_kubernetes_cluster", j).key_vault_secrets_provider.secret_rotation_interval = "2 minutes")],
  ["a federated credential with two audiences", /audience has 2 items, more than 1/, (j) => (only("azurerm_federated_identity_credential", j).audience = ["api://AzureADTokenExchange", "api://other"])],
  ["a federated credential for another audience", /audience = "api:\/\/other" is not api:\/\/AzureADTokenExchange/, (j) => (only("azurerm_federated_identity_credential", j).audience = ["api://other"])],
  ["a federated credential whose parent is not an identity", /parent_id = .* is not a user-assigned identity ID/, (j) => (only("azurerm_federated_identity_credential", j).parent_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv")],
  ["subnet outside the VNet", /lies outside 10\.240\.0\.0\/16/, (j) => (Object.values<any>(j.resource.azurerm_subnet)[0].address_prefixes = ["10.241.0.0/24"])],
  // Issue 16: API server access and node pool OS fields (flagship-tls sets authorized ranges and Ephemeral disks).
  ["an authorized IP range without a prefix length", /authorized_ip_ranges = "203\.0\.113\.7" is not a CIDR/, (j) => (only("azurerm_kubernetes_cluster", j).api_server_access_profile.authorized_ip_ranges = ["203.0.113.7"])],
  ["201 authorized IP ranges", /authorized_ip_ranges has 201 items, more than 200/, (j) => (only("azurerm_kubernetes_cluster", j).api_server_access_profile.authorized_ip_ranges =
    Array.from({ length: 201 }, (_v, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`))],
  ["authorized IP ranges on a private cluster", /authorized_ip_ranges set on a private cluster/, (j) => (only("azurerm_kubernetes_cluster", j).private_cluster_enabled = true)],
  ["a private DNS zone that is not a zone ID", /private_dns_zone_id = "privatelink" is not a private DNS zone ID, System or None/, (j) => Object.assign(only("azurerm_kubernetes_cluster", j), { private_cluster_enabled: true, private_dns_zone_id: "privatelink" })],
  ["a public FQDN on a cluster that is not private", /private_cluster_public_fqdn_enabled or private_dns_zone_id on a cluster that is not private/, (j) => (only("azurerm_kubernetes_cluster", j).private_cluster_public_fqdn_enabled = true)],
  ["an Ephemeral OS disk larger than the VM size's cache", /Ephemeral 128 GiB OS disk on Standard_D2s_v3, which offers 50 GiB/, (j) => Object.assign(only("azurerm_kubernetes_cluster", j).default_node_pool, { vm_size: "Standard_D2s_v3", os_disk_size_gb: 128 })],
  ["an OS disk of 20 GiB", /os_disk_size_gb = 20/, (j) => (only("azurerm_kubernetes_cluster", j).default_node_pool.os_disk_size_gb = 20)],
  ["os_disk_type Premium", /os_disk_type = "Premium"/, (j) => (only("azurerm_kubernetes_cluster_node_pool", j).os_disk_type = "Premium")],
  ["max_pods 5 with Azure CNI overlay", /max_pods = 5/, (j) => (only("azurerm_kubernetes_cluster", j).default_node_pool.max_pods = 5)],
  ["a node label key with two slashes", /node label "a\/b\/c"/, (j) => (only("azurerm_kubernetes_cluster_node_pool", j).node_labels = { "a/b/c": "x" })],
  ["a taint with an unknown effect", /node taint "dedicated=gpu:Never"/, (j) => (only("azurerm_kubernetes_cluster_node_pool", j).node_taints = ["dedicated=gpu:Never"])],
  ["a taint in the kubernetes.azure.com domain", /node taint "kubernetes\.azure\.com\/scalesetpriority=spot:NoSchedule"/, (j) => (only("azurerm_kubernetes_cluster_node_pool", j).node_taints = ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"])],
];

describe("the checker reports a rule broken on purpose", () => {
  test.each(CASES)("%s", (_name, expected, mutate) => {
    const json = JSON.parse(JSON.stringify(platform.json));
    mutate(json);
    const broken: SynthesizedStack = { label: "mutated", json };
    const found = CONSTRAINTS.flatMap((c) => violations(c, [broken])).filter((v) => !baseline.has(v.replace("(in mutated)", `(in ${platform.label})`)));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe("the checker reports a broken WAF custom rule", () => {
  const [waf] = synthesizeAll(COMBINATIONS.filter((c) => c.name === "edge-waf-custom-rules"));
  const wafBaseline = new Set(CONSTRAINTS.flatMap((c) => violations(c, [waf])));
  const rules = (j: any) => (Object.values(j.resource.azurerm_web_application_firewall_policy)[0] as any).custom_rules;
  test.each<[string, RegExp, (json: any) => void]>([
    ["priority 101", /priority = 101/, (j) => (rules(j)[1].priority = 101)],
    ["two rules with one priority", /custom rule priority 1 is used twice/, (j) => (rules(j)[1].priority = 1)],
    ["a rate limit without its threshold", /without rate_limit_threshold or rate_limit_duration/, (j) => delete rules(j)[1].rate_limit_threshold],
    ["IPMatch on a header", /an IPMatch condition on a variable other than RemoteAddr/, (j) => (rules(j)[0].match_conditions[1].match_variables[0].variable_name = "RequestHeaders")],
    ["an unknown transform", /transforms = "Base64"/, (j) => (rules(j)[0].match_conditions[0].transforms = ["Base64"])],
  ])("%s", (_name, expected, mutate) => {
    expect(wafBaseline.size).toBe(0);
    const json = JSON.parse(JSON.stringify(waf.json));
    mutate(json);
    const found = CONSTRAINTS.flatMap((c) => violations(c, [{ label: "mutated", json }]));
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe("the checker reports a broken tenant DNS record", () => {
  const stacks = synthesizeAll(COMBINATIONS.filter((c) => c.name === "tenant-dns"));
  const withRecords = stacks.find((s) => s.json.resource?.azurerm_dns_a_record)!;
  const record = (j: any) => Object.values(j.resource.azurerm_dns_a_record)[0] as any;
  test.each<[string, RegExp, (json: any) => void]>([
    ["records beside target_resource_id", /records.*target_resource_id|target_resource_id.*records/, (j) => (record(j).records = ["203.0.113.10"])],
    ["neither records nor target_resource_id", /neither records nor target_resource_id is set/, (j) => delete record(j).target_resource_id],
    ["a TTL of 0", /ttl = 0/, (j) => (record(j).ttl = 0)],
  ])("%s", (_name, expected, mutate) => {
    expect(CONSTRAINTS.flatMap((c) => violations(c, [withRecords]))).toEqual([]);
    const json = JSON.parse(JSON.stringify(withRecords.json));
    mutate(json);
    expect(CONSTRAINTS.flatMap((c) => violations(c, [{ label: "mutated", json }]))).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe("the checker reports broken cluster monitoring", () => {
  // cluster-full-monitoring: Defender, Container Insights (oms_agent + DCR + DCRA), every control-plane log, managed Prometheus.
  const [mon] = synthesizeAll(COMBINATIONS.filter((c) => c.name === "cluster-full-monitoring"));
  const named = (j: any, type: string, part: string): any => Object.entries<any>(j.resource[type]).find(([key]) => key.includes(part))![1];
  const cluster = (j: any) => only("azurerm_kubernetes_cluster", j);
  const lowerCaseWorkspace = "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/Microsoft.OperationalInsights/workspaces/log";
  test.each<[string, RegExp, (json: any) => void]>([
    ["Defender's workspace ID with a lower-case segment", /microsoft_defender\.log_analytics_workspace_id = .* does not parse as/, (j) => (cluster(j).microsoft_defender.log_analytics_workspace_id = lowerCaseWorkspace)],
    ["oms_agent's workspace ID with a lower-case segment", /oms_agent\.log_analytics_workspace_id = .* does not parse as/, (j) => (cluster(j).oms_agent.log_analytics_workspace_id = lowerCaseWorkspace)],
    ["Container Insights association removed", /oms_agent with managed identity but no ContainerInsights DCR association targets the cluster/, (j) => delete j.resource.azurerm_monitor_data_collection_rule_association[
      Object.keys(j.resource.azurerm_monitor_data_collection_rule_association).find((key) => key.includes("ContainerInsights"))!]],
    ["an AKS log category that does not exist", /log category kube-apiserver-audit for azurerm_kubernetes_cluster/, (j) => named(j, "azurerm_monitor_diagnostic_setting", "ControlPlaneLogs").enabled_log.push({ category: "kube-apiserver-audit" })],
    ["an Application Gateway category on the cluster", /log category ApplicationGatewayAccessLog for azurerm_kubernetes_cluster/, (j) => named(j, "azurerm_monitor_diagnostic_setting", "ControlPlaneLogs").enabled_log.push({ category: "ApplicationGatewayAccessLog" })],
    ["log_analytics_destination_type Shared", /log_analytics_destination_type = "Shared"/, (j) => (named(j, "azurerm_monitor_diagnostic_setting", "ControlPlaneLogs").log_analytics_destination_type = "Shared")],
    ["a data flow to an undeclared destination", /data_flow destination "workspace" names no destination/, (j) => (named(j, "azurerm_monitor_data_collection_rule", "ContainerInsights").data_flow[0].destinations = ["workspace"])],
    ["extension_json that is not JSON", /extension_json = .* is not JSON/, (j) => (named(j, "azurerm_monitor_data_collection_rule", "ContainerInsights").data_sources.extension[0].extension_json = "{interval: 1m}")],
    ["a Prometheus forwarder without a monitor account", /prometheus_forwarder without a monitor_account destination/, (j) => {
      const rule = named(j, "azurerm_monitor_data_collection_rule", "PrometheusRule");
      rule.destinations = { log_analytics: [{ name: "MonitoringAccount1", workspace_resource_id: "${azurerm_log_analytics_workspace.LogAnalytics.id}" }] };
    }],
    ["a Prometheus forwarder stream other than Microsoft-PrometheusMetrics", /prometheus_forwarder\.streams = "Microsoft-Perf"/, (j) => (named(j, "azurerm_monitor_data_collection_rule", "PrometheusRule").data_sources.prometheus_forwarder[0].streams = ["Microsoft-Perf"])],
    ["a data collection rule kind Mac", /kind = "Mac"/, (j) => (named(j, "azurerm_monitor_data_collection_rule", "PrometheusRule").kind = "Mac")],
    ["a data collection endpoint name of 45 characters", /at most 44 characters/, (j) => (only("azurerm_monitor_data_collection_endpoint", j).name = "d".repeat(45))],
    ["an association with a rule but no name", /data_collection_rule_id without name/, (j) => delete named(j, "azurerm_monitor_data_collection_rule_association", "Prometheus").name],
    ["an association with both a rule and an endpoint", /data_collection_endpoint_id, data_collection_rule_id/, (j) => (named(j, "azurerm_monitor_data_collection_rule_association", "Prometheus").data_collection_endpoint_id =
      "${azurerm_monitor_data_collection_endpoint.x.id}")],
  ])("%s", (_name, expected, mutate) => {
    expect(CONSTRAINTS.flatMap((c) => violations(c, [mon]))).toEqual([]);
    const json = JSON.parse(JSON.stringify(mon.json));
    mutate(json);
    expect(CONSTRAINTS.flatMap((c) => violations(c, [{ label: "mutated", json }]))).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
