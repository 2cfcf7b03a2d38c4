import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { IResourceGroup } from "../lib/network/resource-group";

/** A stack with an azurerm provider, so `Testing.synth(stack, true)` can run validations. */
export function testStack(id = "test"): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

/** A resource group literal (an existing group), so tests need no resource for it. */
export function testResourceGroup(): IResourceGroup {
  return {
    name: "rg-test",
    location: "swedencentral",
    id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test",
  };
}

/** Synthesizes a stack and parses it. */
export function synthJson(stack: Construct, runValidations = false): any {
  return JSON.parse(Testing.synth(stack as TerraformStack, runValidations));
}

/** The resources of one Terraform type in a parsed synth, by logical id. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** An existing network as literals (what `Network.fromExisting` would return). */
export function testNetwork(): import("../lib/network/network-ref").INetwork {
  const vnet = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test";
  return {
    virtualNetworkId: vnet,
    virtualNetworkName: "vnet-test",
    addressSpace: ["10.240.0.0/16"],
    nodeSubnet: { subnetId: `${vnet}/subnets/snet-nodes`, subnetName: "snet-nodes", cidr: "10.240.0.0/22" },
    gatewaySubnet: { subnetId: `${vnet}/subnets/snet-gateway`, subnetName: "snet-gateway", cidr: "10.240.4.0/28" },
    appGatewaySubnet: { subnetId: `${vnet}/subnets/snet-appgw`, subnetName: "snet-appgw", cidr: "10.240.5.0/24" },
    gatewayAddress: "10.240.4.4",
  };
}

/** Problems the Gateway API validator reports for `object` on each bundle AKS installs, by bundle; `{}` when valid on all. */
export function gatewayApiProblems(object: unknown): Record<string, string[]> {
  // Loaded lazily so tests that never validate do not pay for it.
  const { GATEWAY_API_BUNDLES } = require("../lib/private/gateway-api/bundles") as typeof import("../lib/private/gateway-api/bundles");
  const { validateGatewayApiObject } = require("../lib/private/gateway-api/validate") as typeof import("../lib/private/gateway-api/validate");
  const out: Record<string, string[]> = {};
  for (const bundle of GATEWAY_API_BUNDLES.filter((b) => b.aksKubernetesMinors)) {
    const problems = validateGatewayApiObject(object, bundle);
    if (problems.length > 0) out[bundle.version] = problems;
  }
  return out;
}

/**
 * API server access for test platforms that must pass the policy pack: a documentation range (RFC 5737), since an
 * API server open to the internet is PlatformPolicy error AKSGW-11.
 */
export function documentationRanges(): import("../lib/cluster/api-server-access").ApiServerAccess {
  const { ApiServerAccess } = require("../lib/cluster/api-server-access") as typeof import("../lib/cluster/api-server-access");
  return ApiServerAccess.fromIpRanges("203.0.113.0/24");
}
