/**
 * Network limits at the boundary (issue 12 item 3): CIDR containment on both sides of the VNet (a subnet at its
 * first and last block is accepted; the block just below and just above it is refused), subnets that touch
 * (accepted) against subnets that share their edge block (refused), the usable range of the gateway subnet, and
 * the port range. The minimum subnet sizes (/24, /26, /29 accepted, one bit smaller refused) and the 40/41
 * character name prefix are tested in test/network.test.ts; the CIDR math itself in test/properties/cidr*.
 */
import { Network, NetworkProps, ExistingNetworkAttributes } from "../lib/network/network";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

/** A Network with these props; returns it and the synthesized (validated) JSON. */
function accepted(props: Partial<NetworkProps>) {
  const stack = testStack();
  const net = new Network(stack, "Network", { resourceGroup: testResourceGroup(), ...props });
  return { net, json: synthJson(stack, true) };
}

function refused(props: Partial<NetworkProps>): () => void {
  return () => new Network(testStack(), "Network", { resourceGroup: testResourceGroup(), ...props });
}

/** Subnet CIDRs by Azure subnet name. */
const subnetsOf = (json: any): Record<string, string[]> =>
  Object.fromEntries(Object.values(resourcesOf(json, "azurerm_subnet")).map((s: any) => [s.name, s.address_prefixes]));

// The default plan: VNet 10.240.0.0/16, nodes 10.240.0.0/22, gateway 10.240.4.0/28, Application Gateway 10.240.5.0/24.

describe("subnets inside the VNet, on both edges", () => {
  test("subnets at the first and at the last block of the VNet are accepted", () => {
    const { json } = accepted({ nodeSubnetCidr: "10.240.0.0/24", gatewaySubnetCidr: "10.240.1.0/29", appGatewaySubnetCidr: "10.240.255.0/24" });
    expect(subnetsOf(json)).toEqual({ "snet-nodes": ["10.240.0.0/24"], "snet-gateway": ["10.240.1.0/29"], "snet-appgw": ["10.240.255.0/24"] });
  });

  test("the smallest gateway subnet at the very end of the VNet is accepted", () => {
    const { net } = accepted({ gatewaySubnetCidr: "10.240.255.248/29" });
    expect(net.gatewayAddress).toBe("10.240.255.252");
  });

  test.each<[string, Partial<NetworkProps>, RegExp]>([
    ["node subnet just below the VNet", { nodeSubnetCidr: "10.239.255.0/24" }, /nodeSubnetCidr "10\.239\.255\.0\/24" is outside the VNet address space \["10\.240\.0\.0\/16"\]\. Choose a block inside it, or widen addressSpace\./],
    ["node subnet just above the VNet", { nodeSubnetCidr: "10.241.0.0/24" }, /nodeSubnetCidr "10\.241\.0\.0\/24" is outside the VNet address space/],
    ["Application Gateway subnet just below", { appGatewaySubnetCidr: "10.239.255.192/26" }, /appGatewaySubnetCidr "10\.239\.255\.192\/26" is outside the VNet address space/],
    ["Application Gateway subnet just above", { appGatewaySubnetCidr: "10.241.0.0/26" }, /appGatewaySubnetCidr "10\.241\.0\.0\/26" is outside the VNet address space/],
    ["gateway subnet just below", { gatewaySubnetCidr: "10.239.255.248/29" }, /gatewaySubnetCidr "10\.239\.255\.248\/29" is outside the VNet address space/],
    ["gateway subnet just above", { gatewaySubnetCidr: "10.241.0.0/29" }, /gatewaySubnetCidr "10\.241\.0\.0\/29" is outside the VNet address space/],
    ["a subnet that is the whole VNet's parent block", { addressSpace: "10.240.0.0/24", nodeSubnetCidr: "10.240.0.0/23" }, /nodeSubnetCidr "10\.240\.0\.0\/23" is outside the VNet address space \["10\.240\.0\.0\/24"\]/],
  ])("a %s is refused", (_what, props, message) => {
    expect(refused(props)).toThrow(message);
  });

  test("subnets each equal to a block of the address space are accepted (an existing network)", () => {
    const net = Network.fromExisting(testStack(), "Existing", existingPlan({ addressSpace: ["10.10.0.0/24", "10.10.1.0/26", "10.10.1.64/29"] }));
    expect(net.gatewayAddress).toBe("10.10.1.68");
  });
});

describe("an existing network with several address blocks", () => {
  test.each<[string, string]>([
    ["just below the first block", "10.9.255.0/24"],
    ["in the gap just above the first block", "10.10.1.0/24"],
    ["in the gap just below the second block", "10.10.255.0/24"],
    ["just above the second block", "10.12.0.0/24"],
  ])("a node subnet %s is refused", (_what, cidr) => {
    const attrs = existingPlan({ addressSpace: ["10.10.0.0/24", "10.11.0.0/16"], nodeSubnet: cidr });
    expect(() => Network.fromExisting(testStack(), "Existing", attrs)).toThrow(
      new RegExp(`nodeSubnet\\.cidr "${cidr.replace(/[./]/g, "\\$&")}" is outside the VNet address space \\["10\\.10\\.0\\.0/24","10\\.11\\.0\\.0/16"\\]\\. Choose a block inside it, or widen addressSpace\\.`),
    );
  });

  test("node subnets at the first block and at the very end of the second block are accepted", () => {
    for (const nodeSubnet of ["10.10.0.0/24", "10.11.255.0/24"]) {
      const net = Network.fromExisting(testStack(), "Existing", existingPlan({ addressSpace: ["10.10.0.0/24", "10.11.0.0/16"], nodeSubnet }));
      expect(net.nodeSubnet.cidr).toBe(nodeSubnet);
    }
  });
});

describe("subnets that touch but do not overlap", () => {
  test("subnets laid end to end are accepted, in either order", () => {
    const { json } = accepted({ nodeSubnetCidr: "10.240.0.0/24", gatewaySubnetCidr: "10.240.1.0/29", appGatewaySubnetCidr: "10.240.1.64/26" });
    expect(subnetsOf(json)["snet-appgw"]).toEqual(["10.240.1.64/26"]);
    const { json: before } = accepted({ nodeSubnetCidr: "10.240.1.0/24", gatewaySubnetCidr: "10.240.0.184/29", appGatewaySubnetCidr: "10.240.0.192/26" });
    expect(subnetsOf(before)["snet-gateway"]).toEqual(["10.240.0.184/29"]);
  });

  test.each<[string, Partial<NetworkProps>, RegExp]>([
    ["the gateway subnet on the last /29 of the node subnet", { gatewaySubnetCidr: "10.240.3.248/29" }, /gatewaySubnetCidr "10\.240\.3\.248\/29" overlaps nodeSubnetCidr "10\.240\.0\.0\/22"\. Each subnet needs its own addresses; move one of them\./],
    ["the gateway subnet on the first /29 of the node subnet", { gatewaySubnetCidr: "10.240.0.0/29" }, /gatewaySubnetCidr "10\.240\.0\.0\/29" overlaps nodeSubnetCidr "10\.240\.0\.0\/22"/],
    ["the Application Gateway subnet on the last /26 of the node subnet", { appGatewaySubnetCidr: "10.240.3.192/26" }, /appGatewaySubnetCidr "10\.240\.3\.192\/26" overlaps nodeSubnetCidr "10\.240\.0\.0\/22"/],
    ["the gateway subnet inside the Application Gateway subnet's last /29", { gatewaySubnetCidr: "10.240.5.248/29" }, /gatewaySubnetCidr "10\.240\.5\.248\/29" overlaps appGatewaySubnetCidr "10\.240\.5\.0\/24"/],
  ])("%s is refused", (_what, props, message) => {
    expect(refused(props)).toThrow(message);
  });
});

describe("the gateway address within the gateway subnet", () => {
  test("the first (network + 4) and the last usable address of a /29 are accepted", () => {
    expect(accepted({ gatewaySubnetCidr: "10.240.4.0/29", gatewayAddress: "10.240.4.4" }).net.gatewayAddress).toBe("10.240.4.4");
    expect(accepted({ gatewaySubnetCidr: "10.240.4.0/29", gatewayAddress: "10.240.4.6" }).net.gatewayAddress).toBe("10.240.4.6");
  });

  test("the broadcast address of a /29 (Azure-reserved) and the address after it are refused", () => {
    expect(refused({ gatewaySubnetCidr: "10.240.4.0/29", gatewayAddress: "10.240.4.7" })).toThrow(
      /gatewayAddress "10\.240\.4\.7" is one of the addresses Azure reserves in "10\.240\.4\.0\/29" \(10\.240\.4\.0, 10\.240\.4\.1, 10\.240\.4\.2, 10\.240\.4\.3, 10\.240\.4\.7\)\. Pick an address from 10\.240\.4\.4 to 10\.240\.4\.6\./,
    );
    expect(refused({ gatewaySubnetCidr: "10.240.4.0/29", gatewayAddress: "10.240.4.8" })).toThrow(
      /gatewayAddress "10\.240\.4\.8" is outside gatewaySubnetCidr "10\.240\.4\.0\/29"\. Pick an address from 10\.240\.4\.4 to 10\.240\.4\.6, or omit gatewayAddress for 10\.240\.4\.4\./,
    );
  });

  test("the address just below the gateway subnet is refused", () => {
    expect(refused({ gatewayAddress: "10.240.3.255" })).toThrow(/gatewayAddress "10\.240\.3\.255" is outside gatewaySubnetCidr "10\.240\.4\.0\/28"/);
  });
});

describe("gateway ports", () => {
  test("ports 1 and 65535 are accepted and opened", () => {
    const { net, json } = accepted({ gatewayPorts: [1, 65535] });
    expect(net.gatewayPorts).toEqual([1, 65535]);
    const allow = Object.values(resourcesOf(json, "azurerm_network_security_rule")).filter((r: any) => r.name === "AllowAppGatewayToGateway") as any[];
    expect(allow.map((r) => r.destination_port_ranges)).toEqual([["1", "65535"], ["1", "65535"]]);
  });
});

describe("name prefix", () => {
  test("a one-letter name prefix is accepted (40 and 41 characters in network.test.ts)", () => {
    const { json } = accepted({ namePrefix: "a" });
    expect(Object.values(resourcesOf(json, "azurerm_virtual_network")).map((v: any) => v.name)).toEqual(["vnet-a"]);
  });
});

/** An existing network plan in 10.10.0.0/24 + blocks given, subnets laid out to fit the first three blocks. */
function existingPlan(o: { addressSpace: string[]; nodeSubnet?: string }): ExistingNetworkAttributes {
  const vnet = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub";
  const [nodes, appgw, gw] =
    o.addressSpace.length === 3 ? o.addressSpace : ["10.10.0.0/24", "10.11.1.0/26", "10.11.2.0/29"];
  return {
    virtualNetworkId: vnet,
    virtualNetworkName: "vnet-hub",
    addressSpace: o.addressSpace,
    nodeSubnet: { subnetId: `${vnet}/subnets/aks`, subnetName: "aks", cidr: o.nodeSubnet ?? nodes },
    appGatewaySubnet: { subnetId: `${vnet}/subnets/agw`, subnetName: "agw", cidr: appgw },
    gatewaySubnet: { subnetId: `${vnet}/subnets/ilb`, subnetName: "ilb", cidr: gw },
  };
}
