import { App, Testing } from "cdktf";
import { PlatformStack } from "../stacks/platform-stack";
import { TrafficStack } from "../stacks/traffic-stack";
import { StateBackend } from "../stacks/state-backend";
import { ClusterCredentials } from "../stacks/cluster-credentials";
import { GatewayMode } from "../lib/core/gateway-mode";
import { HealthProbe } from "../lib/edge/health-probe";
import { PathMatch } from "../lib/tenancy/route-match";
import { reachableFrom, stackJson } from "./stack-util";
import { documentationRanges, gatewayApiProblems } from "./util";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

function stacks(configure?: (traffic: TrafficStack) => void) {
  const app = Testing.app();
  const platform = new PlatformStack(app, "test-platform");
  const traffic = new TrafficStack(app, "test-traffic", { platform });
  configure?.(traffic);
  return { app, platform, traffic };
}

function addTwoTenants(traffic: TrafficStack) {
  traffic.addTenant({ name: "app1", hostnames: ["apps.example.com"], pathPrefixes: ["/app1"] });
  traffic.addTenant({ name: "app2", hostnames: ["apps.example.com"], pathPrefixes: ["/app2"] });
}

describe("PlatformStack", () => {
  test("snapshot of the defaults (construct ids are API: a changed address replaces infrastructure)", () => {
    expect(Testing.synth(stacks().platform)).toMatchSnapshot();
  });

  test("the Application Gateway backend is the same literal IP the Gateway pins", () => {
    const { platform, traffic } = stacks();
    const agw = Object.values(stackJson(platform).resource.azurerm_application_gateway)[0] as any;
    const gateway = Object.values(stackJson(traffic).resource.kubernetes_manifest)
      .map((r: any) => r.manifest)
      .find((m: any) => m.kind === "Gateway");
    const pinned = gateway.spec.infrastructure.annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"];
    expect(pinned).toBe("10.240.4.4");
    expect(agw.backend_address_pool[0].ip_addresses).toEqual([pinned]);
    expect(gateway.spec.infrastructure.annotations["service.beta.kubernetes.io/azure-load-balancer-internal-subnet"]).toBe("snet-gateway");
  });

  test("the Application Gateway has no reference path to the AKS cluster", () => {
    const json = stackJson(stacks().platform);
    const [agwId] = Object.keys(json.resource.azurerm_application_gateway);
    const reached = [...reachableFrom(json, `azurerm_application_gateway.${agwId}`)];
    expect(reached.length).toBeGreaterThan(3); // it does reach its subnet, public IP and WAF policy
    expect(reached.filter((a) => /kubernetes_cluster|azapi_update_resource|user_assigned_identity/.test(a))).toEqual([]);
  });

  test("adding tenants (with routes and route checks) changes nothing in the platform stack", () => {
    // A full app synth, so cross-stack outputs the traffic stack might add to the platform stack are included.
    const platformJson = (configure?: (traffic: TrafficStack) => void) => {
      const outdir = mkdtempSync(join(tmpdir(), "aksgw-"));
      const app = new App({ outdir });
      const platform = new PlatformStack(app, "x-platform", { cluster: { apiServerAccess: documentationRanges() } });
      const traffic = new TrafficStack(app, "x-traffic", { platform });
      configure?.(traffic);
      app.synth();
      return readFileSync(join(outdir, "stacks", "x-platform", "cdk.tf.json"), "utf8");
    };
    const before = platformJson();
    const after = platformJson((traffic) => {
      addTwoTenants(traffic);
      for (const t of traffic.allTenants) {
        t.addRoute("Web", {
          rules: [{ matches: [{ path: PathMatch.prefix(`/${t.tenantName}`) }], backends: [{ serviceName: "web", port: 80 }] }],
        });
        traffic.addRouteCheck({ name: t.tenantName, host: "apps.example.com", path: `/${t.tenantName}` });
      }
    });
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
    // The comparison has teeth: a tenant route check that reads a platform attribute does change it.
    const touched = platformJson((traffic) => {
      const platform = traffic.node.scope!.node.findChild("x-platform") as PlatformStack;
      traffic.addRouteCheck({ name: "ip", host: platform.applicationGateway.publicIpAddress, path: "/" });
    });
    expect(JSON.parse(touched)).not.toEqual(JSON.parse(before));
  });

  test("outputs what a person needs after deploy, and nothing secret", () => {
    const outputs = stackJson(stacks().platform).output;
    for (const name of [
      "public_ip_address",
      "gateway_private_ip",
      "resource_group_name",
      "cluster_name",
      "application_gateway_name",
      "https_enabled",
      "waf_mode",
      "get_credentials_command",
    ]) {
      expect(outputs[name]).toBeDefined();
      expect(outputs[name].sensitive).toBeUndefined();
    }
    expect(JSON.stringify(outputs)).not.toMatch(/kube_config|kube_admin_config|client_key|password/);
    expect(outputs.gateway_private_ip.value).toBe("10.240.4.4");
  });

  test("local state by default, Azure Storage when configured", () => {
    expect(stackJson(stacks().platform).terraform.backend).toEqual({ local: { path: "../../../terraform.test-platform.tfstate" } });
    const app = Testing.app();
    const backend = StateBackend.azureStorage({ resourceGroupName: "rg-state", storageAccountName: "sttfstate", containerName: "tfstate" });
    const platform = new PlatformStack(app, "team-platform", { backend });
    expect(stackJson(platform).terraform.backend).toEqual({
      azurerm: {
        resource_group_name: "rg-state",
        storage_account_name: "sttfstate",
        container_name: "tfstate",
        key: "cdktf-aks-gateway/team-platform.tfstate",
        use_azuread_auth: true,
      },
    });
  });

  test("diagnostics of the edge and the cluster's control plane go to a Log Analytics workspace when asked", () => {
    const app = Testing.app();
    const json = stackJson(new PlatformStack(app, "p", { logAnalytics: true }));
    const [workspace] = Object.keys(json.resource.azurerm_log_analytics_workspace);
    const settings = Object.values<any>(json.resource.azurerm_monitor_diagnostic_setting);
    expect(settings.map((d) => [d.name, d.log_analytics_workspace_id])).toEqual([
      ["diag-aks-aksgw", `\${azurerm_log_analytics_workspace.${workspace}.id}`],
      ["diag-agw-aksgw", `\${azurerm_log_analytics_workspace.${workspace}.id}`],
    ]);
    const aks = Object.values<any>(json.resource.azurerm_kubernetes_cluster)[0];
    expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: `\${azurerm_log_analytics_workspace.${workspace}.id}`, msi_auth_for_monitoring_enabled: true });
    const none = stackJson(new PlatformStack(Testing.app(), "q")).resource;
    expect([none.azurerm_log_analytics_workspace, none.azurerm_monitor_diagnostic_setting, none.azurerm_monitor_data_collection_rule]).toEqual([undefined, undefined, undefined]);
  });

  test("an existing workspace receives the same logs; a malformed ID or a second workspace is refused", () => {
    const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central";
    const json = stackJson(new PlatformStack(Testing.app(), "p", { existingLogAnalyticsWorkspaceId: id }));
    expect(json.resource.azurerm_log_analytics_workspace).toBeUndefined();
    expect(Object.values<any>(json.resource.azurerm_monitor_diagnostic_setting).map((d) => d.log_analytics_workspace_id)).toEqual([id, id]);
    expect(() => new PlatformStack(Testing.app(), "q", { logAnalytics: true, existingLogAnalyticsWorkspaceId: id })).toThrow(
      /q: both logAnalytics \(a new workspace\) and existingLogAnalyticsWorkspaceId ".*log-central" were given\. Pass one/,
    );
    expect(() => new PlatformStack(Testing.app(), "r", { existingLogAnalyticsWorkspaceId: id.replace("resourceGroups", "resourcegroups") })).toThrow(
      /r: existingLogAnalyticsWorkspaceId ".*" spells "resourcegroups" where azurerm requires "resourceGroups"/,
    );
    expect(() => new PlatformStack(Testing.app(), "s", { cluster: { monitoring: { logAnalyticsWorkspaceId: id } } })).toThrow(
      /s: cluster.monitoring.logAnalyticsWorkspaceId is set by PlatformStack itself, got ".*log-central"\. Remove it; use logAnalytics: true, or existingLogAnalyticsWorkspaceId/,
    );
  });

  test("passes its synth-time validations", () => {
    expect(() => Testing.synth(stacks().platform, true)).not.toThrow();
  });

  test("probing Envoy's status port opens 15021 from the Application Gateway subnet", () => {
    const ports = (p: PlatformStack) =>
      (Object.values(stackJson(p).resource.azurerm_network_security_rule) as any[])
        .filter((r) => r.access === "Allow" && r.source_address_prefix === "10.240.5.0/24")
        .map((r) => r.destination_port_ranges);
    expect(ports(new PlatformStack(Testing.app(), "p"))).toEqual([["80"], ["80"]]);
    const envoy = new PlatformStack(Testing.app(), "q", { edge: { probe: HealthProbe.envoyStatusPort() } });
    expect(ports(envoy)).toEqual([["80", "15021"], ["80", "15021"]]);
  });

  test("the subscription reaches both stacks' azurerm providers", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p", { subscriptionId: "00000000-0000-0000-0000-000000000001" });
    const traffic = new TrafficStack(app, "t", { platform });
    expect(stackJson(platform).provider.azurerm[0].subscription_id).toBe("00000000-0000-0000-0000-000000000001");
    expect(stackJson(traffic).provider.azurerm[0].subscription_id).toBe("00000000-0000-0000-0000-000000000001");
  });
});

describe("TrafficStack", () => {
  test("snapshot with two tenants", () => {
    const { traffic } = stacks(addTwoTenants);
    expect(Testing.synth(traffic)).toMatchSnapshot();
  });

  test("reads the cluster by its names with a data source (no cross-stack reference), with kubelogin", () => {
    const outdir = mkdtempSync(join(tmpdir(), "aksgw-"));
    const app = new App({ outdir });
    const platform = new PlatformStack(app, "x-platform", { cluster: { apiServerAccess: documentationRanges() } });
    const traffic = new TrafficStack(app, "x-traffic", { platform });
    app.synth();
    const read = (id: string) => JSON.parse(readFileSync(join(outdir, "stacks", id, "cdk.tf.json"), "utf8"));
    const json = read("x-traffic");
    const cluster = Object.values(json.data.azurerm_kubernetes_cluster)[0] as any;
    // The names are literals the platform stack writes, so the traffic stack needs neither remote state nor
    // read access to the platform stack's state; the stack dependency orders the deploys.
    expect(cluster).toMatchObject({ name: "aks-aksgw", resource_group_name: "rg-aksgw" });
    expect(json.data.terraform_remote_state).toBeUndefined();
    const producer = read("x-platform");
    expect(producer.terraform.backend.local.path).toBe("../../../terraform.x-platform.tfstate");
    expect(Object.keys(producer.output).filter((k) => k.startsWith("cross-stack-output-"))).toEqual([]);
    const k8s = json.provider.kubernetes[0];
    expect(k8s.exec).toEqual([
      {
        api_version: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", "azurecli", "--server-id", ClusterCredentials.AKS_SERVER_ID],
      },
    ]);
    expect(k8s.client_key).toBeUndefined();
    expect(traffic.dependencies).toContain(platform);
  });

  test("admin credentials are an option for clusters with local accounts", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p");
    const traffic = new TrafficStack(app, "t", { platform, credentials: ClusterCredentials.admin() });
    const k8s = stackJson(traffic).provider.kubernetes[0];
    expect(k8s.exec).toBeUndefined();
    expect(k8s.client_key).toMatch(/kube_admin_config/);
  });

  test("contains the Gateway, its parameters, the health responder and route, and the three admission policies", () => {
    const json = stackJson(stacks(addTwoTenants).traffic);
    const kinds = Object.values(json.resource.kubernetes_manifest).map((r: any) => r.manifest.kind).sort();
    expect(kinds).toEqual([
      "Gateway",
      "HTTPRoute",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
      "ValidatingAdmissionPolicyBinding",
      "ValidatingAdmissionPolicyBinding",
    ]);
    const policies = Object.values(json.resource.kubernetes_manifest)
      .map((r: any) => r.manifest)
      .filter((m: any) => m.kind === "ValidatingAdmissionPolicy")
      .map((m: any) => m.metadata.name)
      .sort();
    expect(policies).toEqual([
      "tenant-admission-label.shared-gateway.gateway-system",
      "tenant-guardrails.shared-gateway.gateway-system",
      "tenant-routes.shared-gateway.gateway-system",
    ]);
    const configMaps = Object.values(json.resource.kubernetes_config_map_v1).map((c: any) => c.metadata.name);
    expect(configMaps).toContain("shared-gateway-parameters");
    expect(Object.keys(json.resource.kubernetes_resource_quota_v1)).toHaveLength(2);
    expect(Object.keys(json.resource.kubernetes_limit_range_v1)).toHaveLength(2);
  });

  test("route checks for the verifier are an output, health included", () => {
    const { traffic } = stacks((t) => t.addRouteCheck({ name: "app1", host: "apps.example.com", path: "/app1", expectBodyContains: "Hello" }));
    const checks = stackJson(traffic).output.route_checks.value;
    expect(checks).toEqual([
      { name: "health /healthz/ready", host: "10.240.4.4", path: "/healthz/ready", expect_status: 200, expect_body_contains: null },
      { name: "app1", host: "apps.example.com", path: "/app1", expect_status: 200, expect_body_contains: "Hello" },
    ]);
  });

  test("self-managed mode installs Istio ambient with Helm and uses the istio class", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p", { cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } });
    const json = stackJson(new TrafficStack(app, "t", { platform }));
    expect(Object.keys(json.resource.helm_release)).toHaveLength(4);
    expect(json.provider.helm[0].kubernetes.exec.command).toBe("kubelogin");
    const gateway = Object.values(json.resource.kubernetes_manifest).map((r: any) => r.manifest).find((m: any) => m.kind === "Gateway");
    expect(gateway.spec.gatewayClassName).toBe("istio");
    expect(json.output.gateway_service_name.value).toBe("shared-gateway-istio");
    const gatewayResource = Object.values(json.resource.kubernetes_manifest).find((r: any) => r.manifest.kind === "Gateway") as any;
    for (const release of Object.keys(json.resource.helm_release)) {
      expect(gatewayResource.depends_on).toContain(`helm_release.${release}`);
    }
  });

  test("self-managed mode puts tenants in the ambient mesh unless told otherwise", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p", { cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } });
    const traffic = new TrafficStack(app, "t", { platform });
    traffic.addTenant({ name: "meshed", hostnames: ["a.example.com"] });
    traffic.addTenant({ name: "plain", hostnames: ["b.example.com"], ambient: false });
    const labels = Object.values(stackJson(traffic).resource.kubernetes_namespace_v1).map((n: any) => n.metadata.labels ?? {});
    const byName = Object.fromEntries(labels.map((l: any) => [l["cdktf-aks-gateway/tenant"], l]));
    expect(byName.meshed["istio.io/dataplane-mode"]).toBe("ambient");
    expect(byName.plain["istio.io/dataplane-mode"]).toBeUndefined();
  });

  test("warns when a tenant asks for ambient on app-routing Istio, which has no mesh", () => {
    const { traffic } = stacks();
    const meshed = traffic.addTenant({ name: "a", hostnames: ["a.example.com"], ambient: true });
    const plain = traffic.addTenant({ name: "b", hostnames: ["b.example.com"] });
    const warnings = (c: { node: any }) => c.node.metadata.filter((m: any) => m.type === "@cdktf/warn").map((m: any) => m.data);
    expect(warnings(meshed)).toEqual([expect.stringMatching(/asks for the Istio ambient mesh, but the cluster runs app-routing Istio/)]);
    expect(warnings(plain)).toEqual([]);
  });

  test("app-routing mode has no Helm provider or releases", () => {
    const json = stackJson(stacks().traffic);
    expect(json.provider.helm).toBeUndefined();
    expect(json.resource.helm_release).toBeUndefined();
    expect(json.output.gateway_service_name.value).toBe("shared-gateway-approuting-istio");
  });

  test("throws when two tenants claim the same space", () => {
    expect(() =>
      stacks((t) => {
        t.addTenant({ name: "a", hostnames: ["apps.example.com"] });
        t.addTenant({ name: "b", hostnames: ["apps.example.com"], pathPrefixes: ["/b"] });
      }),
    ).toThrow(/tenant b claims path prefix "\/b" on hostname "apps.example.com", which overlaps .* of tenant a/);
  });

  test("passes its synth-time validations", () => {
    expect(() => Testing.synth(stacks(addTwoTenants).traffic, true)).not.toThrow();
  });
});


describe("Gateway API objects", () => {
  test("every Gateway and HTTPRoute the stacks emit passes the schema of every bundle AKS installs", () => {
    const { traffic } = stacks(addTwoTenants);
    const manifests = Object.values(stackJson(traffic).resource.kubernetes_manifest).map((r: any) => r.manifest);
    const gatewayApi = manifests.filter((m: any) => m.apiVersion === "gateway.networking.k8s.io/v1");
    expect(gatewayApi.map((m: any) => m.kind).sort()).toEqual(["Gateway", "HTTPRoute"]);
    for (const m of gatewayApi) expect(gatewayApiProblems(m)).toEqual({});
    // The schema check has teeth: a route with a negative weight fails it.
    const route = gatewayApi.find((m: any) => m.kind === "HTTPRoute");
    const bad = JSON.parse(JSON.stringify(route));
    bad.spec.rules[0].backendRefs[0].weight = -1;
    expect(gatewayApiProblems(bad)["v1.2.1"]).toEqual([expect.stringMatching(/backendRefs\[0\]\.weight: .*0/)]);
  });
});

describe("bring your own", () => {
  const VNET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub";
  const existingNetwork = {
    virtualNetworkId: VNET,
    virtualNetworkName: "vnet-hub",
    addressSpace: ["10.50.0.0/16"],
    nodeSubnet: { subnetId: `${VNET}/subnets/aks`, subnetName: "aks", cidr: "10.50.0.0/22" },
    appGatewaySubnet: { subnetId: `${VNET}/subnets/agw`, subnetName: "agw", cidr: "10.50.4.0/24" },
    gatewaySubnet: { subnetId: `${VNET}/subnets/ilb`, subnetName: "ilb", cidr: "10.50.5.0/28" },
  };

  test("PlatformStack uses an existing VNet: no network resources, everything wired to the given subnets", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p", { existingNetwork });
    const json = stackJson(platform);
    expect(json.resource.azurerm_virtual_network).toBeUndefined();
    expect(json.resource.azurerm_network_security_group).toBeUndefined();
    const agw = Object.values(json.resource.azurerm_application_gateway)[0] as any;
    expect(agw.gateway_ip_configuration[0].subnet_id).toBe(`${VNET}/subnets/agw`);
    expect(agw.backend_address_pool[0].ip_addresses).toEqual(["10.50.5.4"]);
    const aks = Object.values(json.resource.azurerm_kubernetes_cluster)[0] as any;
    expect(aks.default_node_pool.vnet_subnet_id).toBe(`${VNET}/subnets/aks`);
    const traffic = new TrafficStack(app, "t", { platform });
    const gateway = Object.values(stackJson(traffic).resource.kubernetes_manifest).map((r: any) => r.manifest).find((m: any) => m.kind === "Gateway");
    expect(gateway.spec.infrastructure.annotations["service.beta.kubernetes.io/azure-load-balancer-internal-subnet"]).toBe("ilb");
  });

  test("throws when both a new network plan and an existing network are given", () => {
    expect(() => new PlatformStack(Testing.app(), "p", { existingNetwork, network: { addressSpace: "10.1.0.0/16" } })).toThrow(
      /p: both network .* and existingNetwork were given/,
    );
  });

  test("TrafficStack on an existing cluster: literal names, no remote state, no stack dependency", () => {
    const app = Testing.app();
    const traffic = new TrafficStack(app, "t", {
      platform: {
        clusterName: "aks-prod",
        resourceGroupName: "rg-prod",
        gatewayAddress: "10.60.4.10",
        gatewaySubnetName: "snet-ilb",
        subscriptionId: "00000000-0000-0000-0000-000000000002",
      },
    });
    const json = stackJson(traffic);
    expect(Object.values(json.data.azurerm_kubernetes_cluster)[0]).toMatchObject({ name: "aks-prod", resource_group_name: "rg-prod" });
    expect(json.data.terraform_remote_state).toBeUndefined();
    expect(traffic.dependencies).toEqual([]);
    expect(json.provider.azurerm[0].subscription_id).toBe("00000000-0000-0000-0000-000000000002");
    const gateway = Object.values(json.resource.kubernetes_manifest).map((r: any) => r.manifest).find((m: any) => m.kind === "Gateway");
    expect(gateway.spec.gatewayClassName).toBe("approuting-istio");
    expect(gateway.spec.infrastructure.annotations).toMatchObject({
      "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.60.4.10",
      "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-ilb",
    });
  });
});
