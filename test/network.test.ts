import { Lazy, TerraformLocal, TerraformVariable, Testing, Token } from "cdktf";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { ExistingNetworkAttributes, Network, NetworkProps } from "../lib/network/network";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

function network(props: Partial<NetworkProps> = {}) {
  const stack = testStack();
  const net = new Network(stack, "Network", { resourceGroup: testResourceGroup(), ...props });
  return { stack, net, json: synthJson(stack) };
}

/** The rules of one NSG (by its Azure name), keyed by rule name. */
function rulesOf(json: any, nsgName: string): Record<string, any> {
  const groups = resourcesOf(json, "azurerm_network_security_group");
  const logicalId = Object.keys(groups).find((k) => groups[k].name === nsgName);
  expect(logicalId).toBeDefined();
  const ref = `\${azurerm_network_security_group.${logicalId}.name}`;
  const rules = Object.values(resourcesOf(json, "azurerm_network_security_rule")).filter(
    (r: any) => r.network_security_group_name === ref,
  );
  return Object.fromEntries(rules.map((r: any) => [r.name, r]));
}

function create(props: Partial<NetworkProps>) {
  return () => new Network(testStack(), "Network", { resourceGroup: testResourceGroup(), ...props });
}

const VNET_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-hub";
const EXISTING: ExistingNetworkAttributes = {
  virtualNetworkId: VNET_ID,
  virtualNetworkName: "vnet-hub",
  addressSpace: ["10.10.0.0/16"],
  nodeSubnet: { subnetId: `${VNET_ID}/subnets/aks`, subnetName: "aks", cidr: "10.10.0.0/23" },
  appGatewaySubnet: { subnetId: `${VNET_ID}/subnets/agw`, subnetName: "agw", cidr: "10.10.2.0/24" },
  gatewaySubnet: { subnetId: `${VNET_ID}/subnets/ilb`, subnetName: "ilb", cidr: "10.10.3.0/28" },
};

function existing(attrs: Partial<ExistingNetworkAttributes>) {
  return () => Network.fromExisting(testStack(), "Existing", { ...EXISTING, ...attrs });
}

describe("Network defaults", () => {
  test("creates the VNet in the resource group with the default name and address space", () => {
    const synth = Testing.synthScope((scope) => {
      new Network(scope, "Network", { resourceGroup: testResourceGroup() });
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetwork, {
      name: "vnet-aksgw",
      location: "swedencentral",
      resource_group_name: "rg-test",
      address_space: ["10.240.0.0/16"],
    });
  });

  test("creates three subnets with fixed names and the baseline CIDRs", () => {
    const { json } = network();
    const subnets = Object.values(resourcesOf(json, "azurerm_subnet")) as any[];
    expect(subnets.map((s) => [s.name, s.address_prefixes]).sort()).toEqual([
      ["snet-appgw", ["10.240.5.0/24"]],
      ["snet-gateway", ["10.240.4.0/28"]],
      ["snet-nodes", ["10.240.0.0/22"]],
    ]);
    for (const s of subnets) {
      expect(s.resource_group_name).toBe("rg-test");
      expect(s.virtual_network_name).toMatch(/^\$\{azurerm_virtual_network\.Network_[0-9A-F]+\.name\}$/);
    }
  });

  test("creates one NSG per subnet and associates each with its subnet", () => {
    const { json } = network();
    const groups = resourcesOf(json, "azurerm_network_security_group");
    expect(Object.values(groups).map((g: any) => g.name).sort()).toEqual(["nsg-aksgw-appgw", "nsg-aksgw-gateway", "nsg-aksgw-nodes"]);
    for (const g of Object.values(groups) as any[]) expect(g).toMatchObject({ location: "swedencentral", resource_group_name: "rg-test" });
    const assoc = Object.values(resourcesOf(json, "azurerm_subnet_network_security_group_association")) as any[];
    const pairs = assoc.map((a) => [a.subnet_id.match(/azurerm_subnet\.Network_(\w+?)Subnet_/)[1], a.network_security_group_id.match(/Network_(\w+?)SecurityGroup_/)[1]]);
    expect(pairs.sort()).toEqual([
      ["AppGateway", "AppGateway"],
      ["Gateway", "Gateway"],
      ["Node", "Node"],
    ]);
  });

  test("exposes the INetwork attributes: literal names and CIDRs, default gateway address network + 4", () => {
    const { net } = network();
    expect(net.addressSpace).toEqual([Network.DEFAULT_ADDRESS_SPACE]);
    expect(net.virtualNetworkName).toBe("vnet-aksgw");
    expect(net.nodeSubnet).toMatchObject({ subnetName: "snet-nodes", cidr: "10.240.0.0/22" });
    expect(net.appGatewaySubnet).toMatchObject({ subnetName: "snet-appgw", cidr: "10.240.5.0/24" });
    expect(net.gatewaySubnet).toMatchObject({ subnetName: Network.DEFAULT_GATEWAY_SUBNET_NAME, cidr: "10.240.4.0/28" });
    expect(net.gatewayAddress).toBe("10.240.4.4");
    expect(net.gatewayPorts).toEqual([80]);
  });

  test("the VNet ID and subnet IDs are references; subnet IDs wait for the NSG association", () => {
    const stack = testStack();
    const net = new Network(stack, "Network", { resourceGroup: testResourceGroup() });
    new TerraformLocal(stack, "ids", {
      vnet: net.virtualNetworkId,
      nodes: net.nodeSubnet.subnetId,
      appgw: net.appGatewaySubnet.subnetId,
      gateway: net.gatewaySubnet.subnetId,
    });
    const ids = synthJson(stack).locals.ids;
    expect(ids.vnet).toMatch(/^\$\{azurerm_virtual_network\.Network_[0-9A-F]+\.id\}$/);
    const assoc = "azurerm_subnet_network_security_group_association";
    expect(ids.nodes).toMatch(new RegExp(`^\\$\\{${assoc}\\.Network_NodeSubnetSecurityGroup_[0-9A-F]+\\.subnet_id\\}$`));
    expect(ids.appgw).toMatch(new RegExp(`^\\$\\{${assoc}\\.Network_AppGatewaySubnetSecurityGroup_[0-9A-F]+\\.subnet_id\\}$`));
    expect(ids.gateway).toMatch(new RegExp(`^\\$\\{${assoc}\\.Network_GatewaySubnetSecurityGroup_[0-9A-F]+\\.subnet_id\\}$`));
  });

  test("escape hatches: resource, subnets and networkSecurityGroups are the provider resources", () => {
    const { net } = network();
    expect(net.resource).toBeInstanceOf(VirtualNetwork);
    expect(net.resource.node.id).toBe("Resource");
    expect(net.subnets.gateway).toBeInstanceOf(Subnet);
    expect(net.subnets.gateway.node.id).toBe("GatewaySubnet");
    expect(net.networkSecurityGroups.nodes).toBeInstanceOf(NetworkSecurityGroup);
    expect(net.networkSecurityGroups.nodes.node.id).toBe("NodeSecurityGroup");
    expect(net.node.tryFindChild("NodeSubnetSecurityGroup")).toBeInstanceOf(SubnetNetworkSecurityGroupAssociation);
  });

  test("passes the stack validations", () => {
    const stack = testStack();
    new Network(stack, "Network", { resourceGroup: testResourceGroup() });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("Network NSG rules", () => {
  const base = { direction: "Inbound", source_port_range: "*" };

  test("Application Gateway subnet: GatewayManager 65200-65535, AzureLoadBalancer, Internet 80/443, nothing else", () => {
    const rules = rulesOf(network().json, "nsg-aksgw-appgw");
    expect(Object.keys(rules).sort()).toEqual(["AllowAzureLoadBalancerInbound", "AllowGatewayManagerInbound", "AllowInternetHttpInbound"]);
    expect(rules.AllowGatewayManagerInbound).toMatchObject({
      ...base,
      priority: 100,
      access: "Allow",
      protocol: "Tcp",
      source_address_prefix: "GatewayManager",
      destination_address_prefix: "*",
      destination_port_ranges: ["65200-65535"],
    });
    expect(rules.AllowAzureLoadBalancerInbound).toMatchObject({
      ...base,
      priority: 110,
      access: "Allow",
      protocol: "*",
      source_address_prefix: "AzureLoadBalancer",
      destination_port_range: "*",
    });
    expect(rules.AllowInternetHttpInbound).toMatchObject({
      ...base,
      priority: 120,
      access: "Allow",
      protocol: "Tcp",
      source_address_prefix: "Internet",
      destination_address_prefix: "*",
      destination_port_ranges: ["80", "443"],
    });
  });

  test("every rule says why it exists (the description operators read in the portal)", () => {
    const { json } = network();
    const describe = (nsg: string) => Object.fromEntries(Object.entries(rulesOf(json, nsg)).map(([name, r]) => [name, r.description]));
    expect(describe("nsg-aksgw-appgw")).toEqual({
      AllowGatewayManagerInbound: "Application Gateway v2 infrastructure traffic (required).",
      AllowAzureLoadBalancerInbound: "Azure load balancer health probes (required).",
      AllowInternetHttpInbound: "Clients to the Application Gateway listeners.",
    });
    expect(describe("nsg-aksgw-gateway")).toEqual({
      AllowAppGatewayToGateway: "Application Gateway to the shared gateway's internal load balancer.",
      AllowAzureLoadBalancerInbound: "Azure load balancer health probes.",
      DenyOtherToGateway: "The shared gateway is reachable only from the Application Gateway subnet.",
    });
  });

  test.each(["nsg-aksgw-nodes", "nsg-aksgw-gateway"])(
    "%s: Application Gateway subnet → gateway subnet on the gateway ports, everything else to the gateway denied",
    (nsgName) => {
      const rules = rulesOf(network().json, nsgName);
      expect(Object.keys(rules).sort()).toEqual(["AllowAppGatewayToGateway", "AllowAzureLoadBalancerInbound", "DenyOtherToGateway"]);
      expect(rules.AllowAppGatewayToGateway).toMatchObject({
        ...base,
        priority: 100,
        access: "Allow",
        protocol: "Tcp",
        source_address_prefix: "10.240.5.0/24",
        destination_address_prefix: "10.240.4.0/28",
        destination_port_ranges: ["80"],
      });
      expect(rules.AllowAzureLoadBalancerInbound).toMatchObject({
        ...base,
        priority: 110,
        access: "Allow",
        source_address_prefix: "AzureLoadBalancer",
        destination_address_prefix: "*",
        destination_port_range: "*",
      });
      expect(rules.DenyOtherToGateway).toMatchObject({
        ...base,
        priority: 4096,
        access: "Deny",
        protocol: "*",
        source_address_prefix: "*",
        destination_address_prefix: "10.240.4.0/28",
        destination_port_range: "*",
      });
    },
  );

  test("no rule denies node-to-node or load balancer traffic: every Deny targets only the gateway subnet", () => {
    const rules = Object.values(resourcesOf(network().json, "azurerm_network_security_rule")) as any[];
    expect(rules).toHaveLength(9);
    const denies = rules.filter((r) => r.access === "Deny");
    expect(denies).toHaveLength(2);
    for (const d of denies) expect(d.destination_address_prefix).toBe("10.240.4.0/28");
    expect(rules.every((r) => r.direction === "Inbound")).toBe(true);
  });

  test("rules are children of their NSG, named as the rule", () => {
    const synth = Testing.synthScope((scope) => {
      new Network(scope, "Network", { resourceGroup: testResourceGroup() });
    });
    expect(synth).toHaveResourceWithProperties(NetworkSecurityRule, {
      name: "DenyOtherToGateway",
      network_security_group_name: expect.stringMatching(/Network_NodeSecurityGroup_[0-9A-F]+\.name/),
    });
  });
});

describe("Network options", () => {
  test("namePrefix names the VNet and NSGs", () => {
    const { json, net } = network({ namePrefix: "contoso-prod" });
    expect(Object.values(resourcesOf(json, "azurerm_virtual_network"))[0]).toMatchObject({ name: "vnet-contoso-prod" });
    expect(Object.values(resourcesOf(json, "azurerm_network_security_group")).map((g: any) => g.name).sort()).toEqual([
      "nsg-contoso-prod-appgw",
      "nsg-contoso-prod-gateway",
      "nsg-contoso-prod-nodes",
    ]);
    expect(net.virtualNetworkName).toBe("vnet-contoso-prod");
  });

  test("a 40-character namePrefix is accepted", () => {
    expect(create({ namePrefix: "a".repeat(40) })).not.toThrow();
  });

  test("a namePrefix token is not checked and flows into the names", () => {
    const stack = testStack();
    const prefix = new TerraformVariable(stack, "prefix", { type: "string" });
    new Network(stack, "Network", { resourceGroup: testResourceGroup(), namePrefix: prefix.stringValue });
    const vnet = Object.values(resourcesOf(synthJson(stack), "azurerm_virtual_network"))[0] as any;
    expect(vnet.name).toBe("vnet-${var.prefix}");
  });

  test("custom address plan flows into VNet, subnets, rules and the default gateway address", () => {
    const { json, net } = network({
      addressSpace: "172.16.0.0/16",
      nodeSubnetCidr: "172.16.0.0/20",
      gatewaySubnetCidr: "172.16.16.0/29",
      appGatewaySubnetCidr: "172.16.17.0/26",
    });
    expect(Object.values(resourcesOf(json, "azurerm_virtual_network"))[0]).toMatchObject({ address_space: ["172.16.0.0/16"] });
    const byName = Object.fromEntries((Object.values(resourcesOf(json, "azurerm_subnet")) as any[]).map((s) => [s.name, s.address_prefixes]));
    expect(byName).toEqual({
      "snet-nodes": ["172.16.0.0/20"],
      "snet-gateway": ["172.16.16.0/29"],
      "snet-appgw": ["172.16.17.0/26"],
    });
    expect(rulesOf(json, "nsg-aksgw-nodes").AllowAppGatewayToGateway).toMatchObject({
      source_address_prefix: "172.16.17.0/26",
      destination_address_prefix: "172.16.16.0/29",
    });
    expect(rulesOf(json, "nsg-aksgw-gateway").DenyOtherToGateway).toMatchObject({ destination_address_prefix: "172.16.16.0/29" });
    expect(net.gatewayAddress).toBe("172.16.16.4");
    expect(net.addressSpace).toEqual(["172.16.0.0/16"]);
  });

  test("gatewayAddress picks another usable address of the gateway subnet", () => {
    expect(network({ gatewayAddress: "10.240.4.14" }).net.gatewayAddress).toBe("10.240.4.14");
  });

  test("gatewayPorts open exactly those ports from the Application Gateway subnet", () => {
    const { json, net } = network({ gatewayPorts: [80, 443, 15021] });
    expect(net.gatewayPorts).toEqual([80, 443, 15021]);
    for (const nsg of ["nsg-aksgw-nodes", "nsg-aksgw-gateway"]) {
      expect(rulesOf(json, nsg).AllowAppGatewayToGateway.destination_port_ranges).toEqual(["80", "443", "15021"]);
    }
  });

  test("the smallest accepted subnets: nodes /24, Application Gateway /26, gateway /29", () => {
    expect(
      create({ nodeSubnetCidr: "10.240.0.0/24", appGatewaySubnetCidr: "10.240.5.0/26", gatewaySubnetCidr: "10.240.4.0/29" }),
    ).not.toThrow();
  });

  test("CIDR props that are unresolved tokens are not checked", () => {
    const stack = testStack();
    const space = new TerraformVariable(stack, "space", { type: "string" });
    const net = new Network(stack, "Network", { resourceGroup: testResourceGroup(), addressSpace: space.stringValue, nodeSubnetCidr: "192.168.0.0/24" });
    expect(net.gatewayAddress).toBe("10.240.4.4");
  });
});

describe("Network validation", () => {
  test("throws when the address space is malformed", () => {
    expect(create({ addressSpace: "10.240.0.0/33" })).toThrow(/^test\/Network: addressSpace: "10.240.0.0\/33" is not an IPv4 CIDR block/);
  });

  test("throws when a subnet CIDR has host bits set, suggesting the network", () => {
    expect(create({ nodeSubnetCidr: "10.240.0.1/22" })).toThrow(/nodeSubnetCidr: "10.240.0.1\/22" has host bits set; did you mean "10.240.0.0\/22"\?/);
  });

  test("throws when a subnet CIDR is malformed", () => {
    expect(create({ gatewaySubnetCidr: "10.240.4/28" })).toThrow(/gatewaySubnetCidr: "10.240.4\/28" is not an IPv4 CIDR block/);
    expect(create({ appGatewaySubnetCidr: "appgw" })).toThrow(/appGatewaySubnetCidr: "appgw" is not an IPv4 CIDR block/);
  });

  test("throws when a subnet is outside the VNet address space", () => {
    expect(create({ appGatewaySubnetCidr: "10.241.5.0/24" })).toThrow(
      /appGatewaySubnetCidr "10.241.5.0\/24" is outside the VNet address space \["10.240.0.0\/16"\]. Choose a block inside it, or widen addressSpace/,
    );
  });

  test("throws when a subnet only partly lies inside the address space", () => {
    expect(create({ addressSpace: "10.240.0.0/22", nodeSubnetCidr: "10.240.0.0/21" })).toThrow(/nodeSubnetCidr "10.240.0.0\/21" is outside/);
  });

  test("throws when subnets overlap", () => {
    expect(create({ gatewaySubnetCidr: "10.240.3.0/28" })).toThrow(
      /gatewaySubnetCidr "10.240.3.0\/28" overlaps nodeSubnetCidr "10.240.0.0\/22". Each subnet needs its own addresses/,
    );
    expect(create({ appGatewaySubnetCidr: "10.240.4.0/24" })).toThrow(/gatewaySubnetCidr "10.240.4.0\/28" overlaps appGatewaySubnetCidr "10.240.4.0\/24"/);
  });

  test("throws when the Application Gateway subnet is smaller than /26", () => {
    expect(create({ appGatewaySubnetCidr: "10.240.5.0/27" })).toThrow(
      /appGatewaySubnetCidr "10.240.5.0\/27" is too small for the Application Gateway v2 subnet \(\/24 recommended\): use a \/26 or larger \(e.g. "10.240.5.0\/26"\)/,
    );
  });

  test("throws when the gateway subnet is smaller than /29", () => {
    expect(create({ gatewaySubnetCidr: "10.240.4.0/30" })).toThrow(/gatewaySubnetCidr "10.240.4.0\/30" is too small for the gateway .*use a \/29 or larger/);
  });

  test("throws when the node subnet is smaller than /24", () => {
    expect(create({ nodeSubnetCidr: "10.240.0.0/25" })).toThrow(/nodeSubnetCidr "10.240.0.0\/25" is too small for the AKS node subnet: use a \/24 or larger/);
  });

  test("throws when the gateway address is outside the gateway subnet", () => {
    expect(create({ gatewayAddress: "10.240.5.10" })).toThrow(
      /gatewayAddress "10.240.5.10" is outside gatewaySubnetCidr "10.240.4.0\/28". Pick an address from 10.240.4.4 to 10.240.4.14, or omit gatewayAddress for 10.240.4.4/,
    );
  });

  test.each(["10.240.4.0", "10.240.4.1", "10.240.4.2", "10.240.4.3", "10.240.4.15"])(
    "throws when the gateway address is Azure-reserved: %s",
    (address) => {
      expect(create({ gatewayAddress: address })).toThrow(
        new RegExp(`gatewayAddress "${address.replace(/\./g, "\\.")}" is one of the addresses Azure reserves in "10.240.4.0/28" \\(10.240.4.0, 10.240.4.1, 10.240.4.2, 10.240.4.3, 10.240.4.15\\)`),
      );
    },
  );

  test("throws when the gateway address is not an IPv4 address", () => {
    expect(create({ gatewayAddress: "10.240.4.04" })).toThrow(/gatewayAddress must be an IPv4 address such as "10.240.4.4", got "10.240.4.04"/);
  });

  test.each([[0], [65536], [80.5], [-1]])("throws when a gateway port is out of range: %p", (port) => {
    expect(create({ gatewayPorts: [443, port] })).toThrow(new RegExp(`gatewayPorts must be whole numbers 1-65535, got ${port} in \\[443,${port}\\]`));
  });

  test("throws when a gateway port is listed twice", () => {
    expect(create({ gatewayPorts: [80, 443, 80] })).toThrow(/gatewayPorts lists 80 more than once, got \[80,443,80\]. List each port once/);
  });

  test("a port given as a token is left to the apply, and still opened", () => {
    const port = Token.asNumber(Lazy.numberValue({ produce: () => 8443 }));
    expect(create({ gatewayPorts: [80, port] })).not.toThrow();
  });

  test("throws when gatewayPorts is empty", () => {
    expect(create({ gatewayPorts: [] })).toThrow(/gatewayPorts must list at least one port, got \[\]. Omit it for \[80\]/);
  });

  test.each(["1abc", "-abc", "ab_c", "abc-", "", "a".repeat(41), "ab c", "Contoso"])("throws when namePrefix breaks the Azure name rules: %j", (prefix) => {
    expect(create({ namePrefix: prefix })).toThrow(
      /namePrefix must be 1-40 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen, got .*Example: "contoso-prod"/,
    );
  });
});

describe("Network.fromExisting", () => {
  test("throws when a subnet belongs to another VNet", () => {
    const other = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/ilb";
    expect(existing({ gatewaySubnet: { ...EXISTING.gatewaySubnet, subnetId: other } })).toThrow(
      /Existing: gatewaySubnet.subnetId ".*vnet-spoke\/subnets\/ilb" is not a subnet of virtualNetworkId ".*vnet-hub"/,
    );
  });

  test("the message says why all three subnets must be in the cluster's VNet", () => {
    const other = VNET_ID.replace("vnet-hub", "vnet-spoke") + "/subnets/aks";
    expect(existing({ nodeSubnet: { ...EXISTING.nodeSubnet, subnetId: other } })).toThrow(
      /nodeSubnet.subnetId ".*vnet-spoke\/subnets\/aks" is not a subnet of .*\. All three subnets must be in the cluster's VNet \(the internal load balancer finds its subnet by name there\)\.$/,
    );
  });

  test("throws on a subnet ID azurerm's case-sensitive parser refuses, naming the subnet", () => {
    const lower = EXISTING.appGatewaySubnet.subnetId.replace("/resourceGroups/", "/resourcegroups/");
    expect(existing({ appGatewaySubnet: { ...EXISTING.appGatewaySubnet, subnetId: lower } })).toThrow(
      /^test\/Existing: appGatewaySubnet.subnetId ".*\/resourcegroups\/rg\/.*\/subnets\/agw" spells "resourcegroups" where azurerm requires "resourceGroups"/,
    );
  });

  test("throws on a subnet ID inside the VNet that is no subnet ID (checked before containment)", () => {
    const deeper = `${VNET_ID}/subnets/agw/extra`;
    expect(existing({ appGatewaySubnet: { ...EXISTING.appGatewaySubnet, subnetId: deeper } })).toThrow(
      /^test\/Existing: appGatewaySubnet.subnetId ".*\/subnets\/agw\/extra" is not a subnet resource ID like /,
    );
  });

  test("throws on a virtual network ID that is not one", () => {
    const wrong = VNET_ID.replace("virtualNetworks", "networkSecurityGroups");
    expect(existing({ virtualNetworkId: wrong })).toThrow(/^test\/Existing: virtualNetworkId ".*networkSecurityGroups\/vnet-hub" /);
  });

  test("leaves IDs given as tokens to the apply: a token VNet ID skips containment, a token subnet ID skips its own checks", () => {
    const stack = testStack();
    const vnetToken = Lazy.stringValue({ produce: () => VNET_ID.replace("vnet-hub", "vnet-spoke") });
    expect(() => Network.fromExisting(stack, "TokenVnet", { ...EXISTING, virtualNetworkId: vnetToken })).not.toThrow();
    const subnetToken = Lazy.stringValue({ produce: () => "not-an-id" });
    expect(() =>
      Network.fromExisting(stack, "TokenSubnet", { ...EXISTING, nodeSubnet: { ...EXISTING.nodeSubnet, subnetId: subnetToken } }),
    ).not.toThrow();
  });

  test("returns the given attributes and creates no resources", () => {
    const stack = testStack();
    const net = Network.fromExisting(stack, "Existing", EXISTING);
    expect(net).toMatchObject({
      virtualNetworkId: EXISTING.virtualNetworkId,
      virtualNetworkName: "vnet-hub",
      addressSpace: ["10.10.0.0/16"],
      nodeSubnet: EXISTING.nodeSubnet,
      appGatewaySubnet: EXISTING.appGatewaySubnet,
      gatewaySubnet: EXISTING.gatewaySubnet,
    });
    expect(synthJson(stack).resource ?? {}).toEqual({});
  });

  test("defaults the gateway address to network + 4 of the gateway subnet", () => {
    expect(existing({})().gatewayAddress).toBe("10.10.3.4");
  });

  test("keeps an explicit gateway address", () => {
    expect(existing({ gatewayAddress: "10.10.3.10" })().gatewayAddress).toBe("10.10.3.10");
  });

  test("accepts subnets in any block of a multi-block address space", () => {
    const net = existing({
      addressSpace: ["10.10.0.0/22", "10.20.0.0/24"],
      gatewaySubnet: { ...EXISTING.gatewaySubnet, cidr: "10.20.0.16/28" },
      appGatewaySubnet: { ...EXISTING.appGatewaySubnet, cidr: "10.10.2.0/24" },
    })();
    expect(net.gatewayAddress).toBe("10.20.0.20");
  });

  test("skips CIDR checks on subnets given as tokens, and uses an explicit gateway address as is", () => {
    const stack = testStack();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    const net = Network.fromExisting(stack, "Existing", {
      ...EXISTING,
      gatewaySubnet: { ...EXISTING.gatewaySubnet, cidr },
      nodeSubnet: { ...EXISTING.nodeSubnet, cidr },
      gatewayAddress: "10.99.0.4",
    });
    expect(net.gatewayAddress).toBe("10.99.0.4");
  });

  test("skips containment checks when the address space is a token", () => {
    const stack = testStack();
    const space = new TerraformVariable(stack, "space", { type: "list(string)" }).listValue;
    expect(() => Network.fromExisting(stack, "Existing", { ...EXISTING, addressSpace: space })).not.toThrow();
  });

  test("throws when the gateway subnet is a token and no gateway address is given", () => {
    const stack = testStack();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" }).stringValue;
    expect(() => Network.fromExisting(stack, "Existing", { ...EXISTING, gatewaySubnet: { ...EXISTING.gatewaySubnet, cidr } })).toThrow(
      /test\/Existing: gatewaySubnet.cidr is an unresolved token, so the default gatewayAddress \(network \+ 4\) cannot be computed. Pass gatewayAddress/,
    );
  });

  test("throws when the address space is empty", () => {
    expect(existing({ addressSpace: [] })).toThrow(/test\/Existing: addressSpace must list at least one CIDR block, got \[\]/);
  });

  test("throws when an address space block is malformed", () => {
    expect(existing({ addressSpace: ["10.10.0.0/16", "10.20.0.1/16"] })).toThrow(/addressSpace\[1\]: "10.20.0.1\/16" has host bits set; did you mean "10.20.0.0\/16"/);
  });

  test("throws when a subnet CIDR is malformed", () => {
    expect(existing({ nodeSubnet: { ...EXISTING.nodeSubnet, cidr: "10.10.0.0" } })).toThrow(/nodeSubnet.cidr: "10.10.0.0" is not an IPv4 CIDR block/);
  });

  test("throws when a subnet is outside the address space", () => {
    expect(existing({ appGatewaySubnet: { ...EXISTING.appGatewaySubnet, cidr: "10.11.2.0/24" } })).toThrow(
      /appGatewaySubnet.cidr "10.11.2.0\/24" is outside the VNet address space \["10.10.0.0\/16"\]/,
    );
  });

  test("throws when subnets overlap (the same subnet for nodes and gateway)", () => {
    expect(existing({ gatewaySubnet: EXISTING.nodeSubnet })).toThrow(/gatewaySubnet.cidr "10.10.0.0\/23" overlaps nodeSubnet.cidr "10.10.0.0\/23"/);
  });

  test("throws when a subnet is too small", () => {
    expect(existing({ appGatewaySubnet: { ...EXISTING.appGatewaySubnet, cidr: "10.10.2.0/28" } })).toThrow(
      /appGatewaySubnet.cidr "10.10.2.0\/28" is too small .*use a \/26 or larger/,
    );
  });

  test("throws when the gateway address is outside the gateway subnet", () => {
    expect(existing({ gatewayAddress: "10.10.2.4" })).toThrow(/gatewayAddress "10.10.2.4" is outside gatewaySubnet.cidr "10.10.3.0\/28"/);
  });

  test("throws when the gateway address is Azure-reserved", () => {
    expect(existing({ gatewayAddress: "10.10.3.15" })).toThrow(/gatewayAddress "10.10.3.15" is one of the addresses Azure reserves/);
  });
});
