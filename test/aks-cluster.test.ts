import { TerraformVariable, Testing } from "cdktf";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { AzapiUpdateResource } from "../lib/azapi/update-resource";
import { AzapiProvider } from "../lib/azapi/provider";
import {
  AksCluster,
  AksClusterProps,
  ClusterTier,
  NodeOsUpgradeChannel,
  UpgradeChannel,
  WeekDay,
} from "../lib/cluster/aks-cluster";
import { GatewayMode } from "../lib/core/gateway-mode";
import { AvailabilityZone } from "../lib/network/availability-zone";
import { GatewayApiEnablement } from "../lib/cluster/gateway-api-enablement";
import { resourcesOf, synthJson, testNetwork, testResourceGroup, testStack } from "./util";

function cluster(props: Partial<AksClusterProps> = {}) {
  const stack = testStack();
  const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork(), ...props });
  return { stack, cluster: c, json: synthJson(stack) };
}

function only(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
}

describe("AksCluster defaults", () => {
  const { json, cluster: c } = cluster();
  const aks = only(json, "azurerm_kubernetes_cluster");

  test("Entra ID with Azure RBAC, local accounts off, OIDC and workload identity", () => {
    expect(aks.local_account_disabled).toBe(true);
    // azurerm v4.55.0 (internal/services/containers/kubernetes_cluster_resource.go): tenant_id and
    // admin_group_object_ids are AtLeastOneOf inside this block; azure_rbac_enabled alone fails validate.
    expect(aks.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.Cluster_Deployer_[0-9A-F]+\.tenant_id\}$/),
    });
    expect(aks.oidc_issuer_enabled).toBe(true);
    expect(aks.workload_identity_enabled).toBe(true);
    expect(aks.sku_tier).toBe("Standard");
  });

  test("Azure CNI overlay with Cilium, disjoint default CIDRs and DNS IP .10", () => {
    expect(aks.network_profile).toEqual({
      network_plugin: "azure",
      network_plugin_mode: "overlay",
      network_data_plane: "cilium",
      network_policy: "cilium",
      load_balancer_sku: "standard",
      service_cidr: "10.0.0.0/16",
      dns_service_ip: "10.0.0.10",
      pod_cidr: "10.244.0.0/16",
    });
  });

  test("system pool across zones for critical add-ons only, autoscaling user pool", () => {
    expect(aks.default_node_pool).toMatchObject({
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 2,
      max_count: 3,
      zones: ["1", "2", "3"],
      vnet_subnet_id: testNetwork().nodeSubnet.subnetId,
    });
    const pool = only(json, "azurerm_kubernetes_cluster_node_pool");
    expect(pool).toMatchObject({ mode: "User", auto_scaling_enabled: true, min_count: 2, max_count: 5, zones: ["1", "2", "3"] });
  });

  test("automatic upgrades inside a weekly maintenance window", () => {
    expect(aks.automatic_upgrade_channel).toBe("patch");
    expect(aks.node_os_upgrade_channel).toBe("NodeImage");
    const window = { frequency: "Weekly", interval: 1, day_of_week: "Sunday", start_time: "00:00", duration: 4, utc_offset: "+00:00" };
    expect(aks.maintenance_window_auto_upgrade).toEqual(window);
    expect(aks.maintenance_window_node_os).toEqual(window);
  });

  test("user-assigned identity holds Network Contributor on both subnets before the cluster exists", () => {
    expect(aks.identity.type).toBe("UserAssigned");
    const roles = Object.entries(resourcesOf(json, "azurerm_role_assignment"));
    const network = roles.filter(([, r]: [string, any]) => r.role_definition_name === "Network Contributor");
    expect(network.map(([, r]: [string, any]) => r.scope).sort()).toEqual(
      [testNetwork().gatewaySubnet.subnetId, testNetwork().nodeSubnet.subnetId].sort(),
    );
    for (const [id] of network) expect(aks.depends_on).toContain(`azurerm_role_assignment.${id}`);
  });

  test("the deploying principal is granted cluster admin", () => {
    const roles = Object.values(resourcesOf(json, "azurerm_role_assignment")) as any[];
    const admin = roles.find((r) => r.role_definition_name === "Azure Kubernetes Service RBAC Cluster Admin");
    expect(admin.principal_id).toMatch(/data\.azurerm_client_config\..*\.object_id/);
    expect(admin.scope).toMatch(/azurerm_kubernetes_cluster\..*\.id/);
  });

  test("azapi turns on Managed Gateway API and app-routing Istio with NGINX None, on a stable api-version", () => {
    const update = only(json, "azapi_update_resource");
    expect(update.type).toBe("Microsoft.ContainerService/managedClusters@2026-03-01");
    expect(update.resource_id).toMatch(/azurerm_kubernetes_cluster\..*\.id/);
    expect(update.body).toEqual({
      properties: {
        ingressProfile: {
          gatewayAPI: { installation: "Standard" },
          webAppRouting: {
            enabled: true,
            nginx: { defaultIngressControllerType: "None" },
            gatewayAPIImplementations: { appRoutingIstio: { mode: "Enabled" } },
          },
        },
      },
    });
    expect(update.depends_on).toEqual([expect.stringMatching(/^azurerm_kubernetes_cluster_node_pool\./)]);
  });

  test("declares web_app_routing with NGINX None so azurerm does not disable app routing", () => {
    expect(aks.web_app_routing).toEqual({ dns_zone_ids: [], default_nginx_controller: "None" });
    expect(aks.service_mesh_profile).toBeUndefined();
    expect(aks.ingress_application_gateway).toBeUndefined();
  });

  test("exposes the GatewayClass name", () => {
    expect(c.gatewayClassName).toBe("approuting-istio");
    expect(c.gatewayMode).toBe(GatewayMode.APP_ROUTING_ISTIO);
  });
});

describe("AksCluster options", () => {
  test("self-managed mode enables only the managed Gateway API CRDs and no app routing", () => {
    const { json, cluster: c } = cluster({ gatewayMode: GatewayMode.SELF_MANAGED_ISTIO });
    expect(only(json, "azapi_update_resource").body).toEqual({ properties: { ingressProfile: { gatewayAPI: { installation: "Standard" } } } });
    expect(only(json, "azurerm_kubernetes_cluster").web_app_routing).toBeUndefined();
    expect(c.gatewayClassName).toBe("istio");
  });

  test("every option reaches the cluster", () => {
    const synth = Testing.synthScope((scope) => {
      new AksCluster(scope, "Cluster", {
        resourceGroup: testResourceGroup(),
        network: testNetwork(),
        namePrefix: "contoso",
        kubernetesVersion: "1.34",
        tier: ClusterTier.FREE,
        adminGroupObjectIds: ["11111111-2222-3333-4444-555555555555"],
        systemPool: { vmSize: "Standard_D2ds_v5", minCount: 1, maxCount: 2, zones: [] },
        userPool: { vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 9, zones: [AvailabilityZone.ONE] },
        serviceCidr: "172.16.0.0/16",
        podCidr: "192.168.0.0/16",
        upgradeChannel: UpgradeChannel.STABLE,
        nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH,
        maintenanceWindow: { dayOfWeek: WeekDay.SATURDAY, startTime: "22:30", durationHours: 6, utcOffset: "+01:00" },
        grantDeployerClusterAdmin: false,
      });
    });
    expect(synth).toHaveResourceWithProperties(KubernetesCluster, {
      name: "aks-contoso",
      kubernetes_version: "1.34",
      sku_tier: "Free",
      azure_active_directory_role_based_access_control: {
        azure_rbac_enabled: true,
        tenant_id: expect.stringContaining("data.azurerm_client_config."),
        admin_group_object_ids: ["11111111-2222-3333-4444-555555555555"],
      },
      default_node_pool: expect.objectContaining({ vm_size: "Standard_D2ds_v5", min_count: 1, max_count: 2, zones: [] }),
      network_profile: expect.objectContaining({ service_cidr: "172.16.0.0/16", dns_service_ip: "172.16.0.10", pod_cidr: "192.168.0.0/16" }),
      automatic_upgrade_channel: "stable",
      node_os_upgrade_channel: "SecurityPatch",
      maintenance_window_auto_upgrade: expect.objectContaining({ day_of_week: "Saturday", start_time: "22:30", duration: 6, utc_offset: "+01:00" }),
    });
    expect(synth).toHaveResourceWithProperties(KubernetesClusterNodePool, { vm_size: "Standard_D8ds_v5", min_count: 3, max_count: 9, zones: ["1"] });
    expect(synth).not.toHaveResourceWithProperties(RoleAssignment, { role_definition_name: "Azure Kubernetes Service RBAC Cluster Admin" });
    expect(synth).toHaveResourceWithProperties(AzapiUpdateResource, { type: GatewayApiEnablement.ARM_TYPE });
  });
});

describe("AksCluster upgrade channels (azurerm v4.55.0: kubernetes_cluster_resource.go)", () => {
  test("UpgradeChannel.NONE leaves automatic_upgrade_channel out: the schema accepts only patch, rapid, stable and node-image", () => {
    const aks = only(cluster({ upgradeChannel: UpgradeChannel.NONE }).json, "azurerm_kubernetes_cluster");
    expect("automatic_upgrade_channel" in aks).toBe(false);
    expect(aks.node_os_upgrade_channel).toBe("NodeImage");
  });

  test("node-image with NodeImage node OS upgrades is accepted", () => {
    const aks = only(
      cluster({ upgradeChannel: UpgradeChannel.NODE_IMAGE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.NODE_IMAGE }).json,
      "azurerm_kubernetes_cluster",
    );
    expect(aks.automatic_upgrade_channel).toBe("node-image");
  });

  test.each([NodeOsUpgradeChannel.SECURITY_PATCH, NodeOsUpgradeChannel.UNMANAGED, NodeOsUpgradeChannel.NONE])(
    "throws when node-image is paired with node OS channel %s, which Create refuses",
    (nodeOs) => {
      expect(() => cluster({ upgradeChannel: UpgradeChannel.NODE_IMAGE, nodeOsUpgradeChannel: nodeOs })).toThrow(
        new RegExp(`test/Cluster: upgradeChannel "node-image" needs nodeOsUpgradeChannel "NodeImage", got "${nodeOs}"`),
      );
    },
  );
});

describe("AksCluster validation", () => {
  const make = (props: Partial<AksClusterProps>) => () => cluster(props);

  test("throws when the service CIDR overlaps the pod CIDR", () => {
    expect(make({ serviceCidr: "10.0.0.0/16", podCidr: "10.0.128.0/17" })).toThrow(/Cluster: serviceCidr "10.0.0.0\/16" overlaps podCidr/);
  });
  test("throws when the pod CIDR overlaps the VNet", () => {
    expect(make({ podCidr: "10.240.0.0/12" })).toThrow(/podCidr "10.240.0.0\/12" overlaps the VNet address space "10.240.0.0\/16"/);
  });
  test("throws when the service CIDR overlaps the VNet", () => {
    expect(make({ serviceCidr: "10.240.8.0/24" })).toThrow(/serviceCidr "10.240.8.0\/24" overlaps the VNet/);
  });
  test("throws when a CIDR is malformed", () => {
    expect(make({ serviceCidr: "10.0.0.0/33" })).toThrow(/Cluster: serviceCidr: /);
  });
  test("throws when the service CIDR is too small for the DNS IP", () => {
    expect(make({ serviceCidr: "10.0.0.0/29" })).toThrow(/too small to hold the DNS service IP/);
  });
  test("throws when a pool's counts are inverted", () => {
    expect(make({ userPool: { minCount: 4, maxCount: 2 } })).toThrow(/userPool needs whole numbers 1 <= minCount <= maxCount/);
  });
  test("throws when a pool names an unknown zone", () => {
    expect(make({ systemPool: { zones: [AvailabilityZone.ONE, "4" as AvailabilityZone] } })).toThrow(/systemPool.zones must be distinct values among "1", "2", "3", got \["1","4"\]/);
  });
  test("throws when an admin group is not a GUID", () => {
    expect(make({ adminGroupObjectIds: ["platform-admins"] })).toThrow(/adminGroupObjectIds must hold Entra ID object IDs .*"platform-admins"/);
  });
  test("throws when the maintenance window is shorter than 4 hours", () => {
    expect(make({ maintenanceWindow: { durationHours: 2 } })).toThrow(/durationHours must be a whole number from 4 to 24/);
  });
  test("throws when the maintenance start time is malformed", () => {
    expect(make({ maintenanceWindow: { startTime: "25:00" } })).toThrow(/startTime must be "HH:MM", got "25:00"/);
  });
  test("throws when the UTC offset is malformed", () => {
    expect(make({ maintenanceWindow: { utcOffset: "UTC" } })).toThrow(/utcOffset must be "\+HH:MM" or "-HH:MM", got "UTC"/);
  });
  test("throws when the Kubernetes version is malformed", () => {
    expect(make({ kubernetesVersion: "v1.34" })).toThrow(/kubernetesVersion must be .*got "v1.34"/);
  });
  test("throws when the name prefix is not a valid Azure name", () => {
    expect(make({ namePrefix: "Contoso_Prod" })).toThrow(/namePrefix must be .*got "Contoso_Prod"/);
  });

  test("throws at synth when the Istio service-mesh add-on is set through the escape hatch", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork() });
    c.resource.putServiceMeshProfile({ mode: "Istio", revisions: ["asm-1-26"] });
    expect(() => Testing.synth(stack, true)).toThrow(/Istio service-mesh add-on .* app-routing Istio cannot run beside it/);
  });

  test("throws at synth when AGIC is added through an override", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork() });
    c.resource.addOverride("ingress_application_gateway", { gateway_id: "x" });
    expect(() => Testing.synth(stack, true)).toThrow(/ingress_application_gateway \(AGIC\)/);
  });

  test("throws at synth when the Istio add-on is added through an override", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork() });
    c.resource.addOverride("service_mesh_profile", { mode: "Istio", revisions: ["asm-1-26"] });
    expect(() => Testing.synth(stack, true)).toThrow(/Istio service-mesh add-on \(service_mesh_profile\)/);
  });

  test("throws at synth when AGIC is set through the escape hatch", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork() });
    c.resource.putIngressApplicationGateway({ gatewayId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/agw" });
    expect(() => Testing.synth(stack, true)).toThrow(/ingress_application_gateway \(AGIC\)/);
  });

  test("a clean cluster passes the synth-time validations", () => {
    const stack = testStack();
    new AzapiProvider(stack, "azapi");
    new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork() });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("AksCluster warnings", () => {
  const warnings = (mode: GatewayMode) => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork(), gatewayMode: mode });
    return c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
  };
  test("self-managed Istio ambient on AKS-managed Cilium is flagged as unverified", () => {
    expect(warnings(GatewayMode.SELF_MANAGED_ISTIO)).toEqual([expect.stringMatching(/Istio ambient on AKS-managed Cilium is unverified/)]);
  });
  test("app-routing mode has no warning", () => {
    expect(warnings(GatewayMode.APP_ROUTING_ISTIO)).toEqual([]);
  });
});

describe("AksCluster with values known only at apply time", () => {
  test("skips its checks for unresolved tokens instead of guessing", () => {
    const stack = testStack();
    const num = (name: string) => new TerraformVariable(stack, name, { type: "number" }).numberValue;
    const str = (name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
    const zones = new TerraformVariable(stack, "zones", { type: "list(string)" }).listValue;
    expect(
      () =>
        new AksCluster(stack, "Cluster", {
          resourceGroup: testResourceGroup(),
          network: testNetwork(),
          kubernetesVersion: str("version"),
          systemPool: { minCount: num("sysMin"), maxCount: num("sysMax"), zones: zones as AvailabilityZone[] },
          userPool: { minCount: num("userMin"), maxCount: 5 },
          maintenanceWindow: { startTime: str("start"), durationHours: num("hours"), utcOffset: str("offset") },
        }),
    ).not.toThrow();
    const aks = Object.values(resourcesOf(synthJson(stack), "azurerm_kubernetes_cluster"))[0] as any;
    expect(aks.kubernetes_version).toBe("${var.version}");
    expect(aks.default_node_pool.min_count).toBe("${var.sysMin}");
    expect(aks.maintenance_window_auto_upgrade.start_time).toBe("${var.start}");
  });
});

describe("AksCluster Key Vault secrets provider (azurerm v4.55.0: kubernetes_addons.go, key_vault_secrets_provider)", () => {
  test("off by default: no key_vault_secrets_provider block", () => {
    const { json, cluster: c } = cluster();
    expect(only(json, "azurerm_kubernetes_cluster").key_vault_secrets_provider).toBeUndefined();
    expect(c.keyVaultSecretsProviderEnabled).toBe(false);
  });

  test("on: rotation enabled with the add-on's 2m poll; both AtLeastOneOf attributes are set", () => {
    const { json, cluster: c } = cluster({ keyVaultSecretsProvider: {} });
    expect(only(json, "azurerm_kubernetes_cluster").key_vault_secrets_provider).toEqual({
      secret_rotation_enabled: true,
      secret_rotation_interval: "2m",
    });
    expect(c.keyVaultSecretsProviderEnabled).toBe(true);
  });

  test("takes a poll interval in whole minutes, rendered as a Go duration", () => {
    const { json } = cluster({ keyVaultSecretsProvider: { rotationPollMinutes: 60 } });
    expect(only(json, "azurerm_kubernetes_cluster").key_vault_secrets_provider.secret_rotation_interval).toBe("60m");
  });

  test.each([0, -1, 1.5, NaN, Infinity])("refuses rotationPollMinutes %p", (rotationPollMinutes) => {
    expect(() => cluster({ keyVaultSecretsProvider: { rotationPollMinutes } })).toThrow(
      new RegExp(`keyVaultSecretsProvider.rotationPollMinutes must be a whole number of minutes, at least 1, got ${String(rotationPollMinutes).replace(".", "\\.")}\\.`),
    );
  });
});
