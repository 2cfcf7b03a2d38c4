import { Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Cidr, isIpv4, parseCidr } from "../private/cidr";
import { show, ValidationError } from "../private/errors";
import { SUBNET_ID, VIRTUAL_NETWORK_ID, armIdProblem } from "../core/azure-ids";
import { validateNamePrefix } from "../private/names";
import { INetwork, ISubnet } from "./network-ref";
import { IResourceGroup } from "./resource-group";

/** Smallest Application Gateway v2 subnet accepted (/26); /24 is recommended. */
const MAX_APP_GATEWAY_PREFIX = 26;
/** Smallest gateway (internal load balancer) subnet accepted (/29, the smallest subnet Azure allows). */
const MAX_GATEWAY_PREFIX = 29;
/** Smallest node subnet accepted (/24). */
const MAX_NODE_PREFIX = 24;
/** Offset of the default gateway address in the gateway subnet: the first address Azure does not reserve. */
const FIRST_USABLE_OFFSET = 4;

/**
 * Props for {@link Network}.
 */
export interface NetworkProps {
  /** Resource group (and so region) of the VNet and its network security groups. */
  readonly resourceGroup: IResourceGroup;
  /**
   * Prefix of the Azure resource names: the VNet is `vnet-<prefix>`, the network security groups are
   * `nsg-<prefix>-nodes`, `nsg-<prefix>-appgw` and `nsg-<prefix>-gateway`.
   *
   * 1–40 letters, digits or hyphens, starting with a letter and not ending with a hyphen.
   *
   * @default "aksgw"
   * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftnetwork
   */
  readonly namePrefix?: string;
  /**
   * Address space of the VNet; every subnet must lie inside it.
   *
   * @default "10.240.0.0/16" (the AKS baseline spoke)
   * @see https://github.com/mspnp/aks-baseline/blob/main/network-team/spoke-BU0001A0008.bicep
   */
  readonly addressSpace?: string;
  /**
   * CIDR of the AKS node subnet (`snet-nodes`). At least a /24.
   *
   * @default "10.240.0.0/22"
   * @see https://learn.microsoft.com/azure/aks/concepts-network-ip-address-planning
   */
  readonly nodeSubnetCidr?: string;
  /**
   * CIDR of the subnet dedicated to the shared gateway's internal load balancer (`snet-gateway`). At least a /29.
   *
   * @default "10.240.4.0/28"
   * @see https://learn.microsoft.com/azure/aks/internal-lb#specify-a-different-subnet
   */
  readonly gatewaySubnetCidr?: string;
  /**
   * CIDR of the subnet dedicated to the Application Gateway (`snet-appgw`).
   *
   * At least a /26 (synth fails below). A /24 is recommended: WAF_v2 autoscales up to 125 instances, each
   * using one address, plus one per private frontend and the 5 Azure reserves.
   *
   * @default "10.240.5.0/24"
   * @see https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#size-of-the-subnet
   */
  readonly appGatewaySubnetCidr?: string;
  /**
   * Static private IP of the shared gateway's internal load balancer, inside the gateway subnet and not one
   * of the 5 addresses Azure reserves in it.
   *
   * @default - The first usable address of the gateway subnet (network + 4): `10.240.4.4` with the default subnet
   * @see https://learn.microsoft.com/azure/aks/internal-lb#specify-an-ip-address
   */
  readonly gatewayAddress?: string;
  /**
   * TCP ports the shared gateway listens on; the NSG rules let the Application Gateway subnet reach
   * exactly these ports on the gateway subnet.
   *
   * Add `15021` if the Application Gateway probes Envoy's status port instead of a routed `/healthz` path.
   * Integers 1–65535, each listed once.
   *
   * @default [80]
   */
  readonly gatewayPorts?: number[];
}

/** What {@link Network.fromExisting} needs to know about a VNet and subnets created elsewhere. */
export interface ExistingNetworkAttributes {
  /** Azure resource ID of the virtual network. */
  readonly virtualNetworkId: string;
  /** Name of the virtual network. */
  readonly virtualNetworkName: string;
  /** Address space of the virtual network in CIDR form; every subnet must lie inside one of these blocks. */
  readonly addressSpace: string[];
  /** Subnet of the AKS nodes (at least a /24). */
  readonly nodeSubnet: ISubnet;
  /** Subnet dedicated to the Application Gateway (at least a /26, /24 recommended). */
  readonly appGatewaySubnet: ISubnet;
  /** Subnet dedicated to the shared gateway's internal load balancer (at least a /29). */
  readonly gatewaySubnet: ISubnet;
  /**
   * Static private IP of the shared gateway's internal load balancer, inside `gatewaySubnet`.
   *
   * Required when `gatewaySubnet.cidr` is an unresolved token, since the default cannot be computed.
   *
   * @default - The first usable address of the gateway subnet (network + 4)
   */
  readonly gatewayAddress?: string;
}

/** The subnet resources {@link Network} creates, by role. */
export interface NetworkSubnetResources {
  /** `snet-nodes`. */
  readonly nodes: Subnet;
  /** `snet-appgw`. */
  readonly appGateway: Subnet;
  /** `snet-gateway`. */
  readonly gateway: Subnet;
}

/** The network security groups {@link Network} creates, one per subnet, by role. */
export interface NetworkSecurityGroups {
  /** `nsg-<prefix>-nodes`, on the node subnet. */
  readonly nodes: NetworkSecurityGroup;
  /** `nsg-<prefix>-appgw`, on the Application Gateway subnet. */
  readonly appGateway: NetworkSecurityGroup;
  /** `nsg-<prefix>-gateway`, on the gateway subnet. */
  readonly gateway: NetworkSecurityGroup;
}

/**
 * A VNet with three subnets: AKS nodes, the Application Gateway, and a dedicated subnet for the shared
 * gateway's internal load balancer, each with its own network security group.
 *
 * NSG rules (inbound; rules are separate `azurerm_network_security_rule` resources, children of their NSG,
 * so you can add your own `NetworkSecurityRule` to `networkSecurityGroups.*`; priorities 200–4000 are free):
 *
 * | NSG | priority | rule |
 * |---|---|---|
 * | appgw | 100 | `AllowGatewayManagerInbound`: GatewayManager → any, TCP 65200–65535 (v2 infrastructure) |
 * | appgw | 110 | `AllowAzureLoadBalancerInbound`: AzureLoadBalancer → any, any port |
 * | appgw | 120 | `AllowInternetHttpInbound`: Internet → any, TCP 80, 443 |
 * | nodes, gateway | 100 | `AllowAppGatewayToGateway`: Application Gateway subnet → gateway subnet, TCP `gatewayPorts` |
 * | nodes, gateway | 110 | `AllowAzureLoadBalancerInbound`: AzureLoadBalancer → any, any port (health probes) |
 * | nodes, gateway | 4096 | `DenyOtherToGateway`: any → gateway subnet, any port |
 *
 * So the gateway is reachable only from the Application Gateway subnet, on the gateway ports. Node-to-node,
 * VNet-to-node and load balancer probe traffic is untouched (Azure's default rules still allow it).
 *
 * Which NSG enforces this: the gateway subnet holds only the internal load balancer's frontend IP, which has
 * no NIC, so its NSG has nothing to filter. With the load balancer's Floating IP (the AKS default), packets
 * reach the node NICs still addressed to the frontend IP, so the node subnet NSG is what actually enforces
 * the rule (unverified). If Floating IP is turned off (`azure-disable-load-balancer-floating-ip`), packets
 * arrive addressed to the node IP and node port, these rules no longer match, and Azure's default
 * `AllowVnetInBound` lets the whole VNet reach the gateway.
 *
 * The `subnetId` of each exposed subnet is the NSG association's `subnet_id`, so the cluster and the
 * Application Gateway are created only after their subnet's NSG is attached.
 *
 * Construct IDs: `Resource` (VNet), `NodeSubnet`, `AppGatewaySubnet`, `GatewaySubnet`, `NodeSecurityGroup`,
 * `AppGatewaySecurityGroup`, `GatewaySecurityGroup` (rules are children named as the rules), and
 * `<X>SubnetSecurityGroup` for the associations.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure#network-security-groups
 * @see https://github.com/mspnp/aks-baseline/blob/main/network-team/spoke-BU0001A0008.bicep
 */
export class Network extends Construct implements INetwork {
  /** Default prefix of the Azure resource names. */
  public static readonly DEFAULT_NAME_PREFIX = "aksgw";
  /** Default VNet address space (the AKS baseline spoke). */
  public static readonly DEFAULT_ADDRESS_SPACE = "10.240.0.0/16";
  /** Default node subnet CIDR. */
  public static readonly DEFAULT_NODE_SUBNET_CIDR = "10.240.0.0/22";
  /** Default gateway (internal load balancer) subnet CIDR. */
  public static readonly DEFAULT_GATEWAY_SUBNET_CIDR = "10.240.4.0/28";
  /** Default Application Gateway subnet CIDR. */
  public static readonly DEFAULT_APP_GATEWAY_SUBNET_CIDR = "10.240.5.0/24";
  /** Default gateway ports. */
  public static readonly DEFAULT_GATEWAY_PORTS: readonly number[] = [80];
  /** Name of the node subnet (fixed). */
  public static readonly DEFAULT_NODE_SUBNET_NAME = "snet-nodes";
  /** Name of the Application Gateway subnet (fixed). */
  public static readonly DEFAULT_APP_GATEWAY_SUBNET_NAME = "snet-appgw";
  /** Name of the gateway (internal load balancer) subnet (fixed); the Gateway's internal-subnet annotation names it. */
  public static readonly DEFAULT_GATEWAY_SUBNET_NAME = "snet-gateway";

  /**
   * Uses a VNet and subnets created elsewhere. Creates no resources; runs the same checks as a new
   * {@link Network} (CIDRs, containment, overlap, sizes, gateway address), skipping unresolved tokens.
   */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingNetworkAttributes): INetwork {
    return new ExistingNetwork(scope, id, attrs);
  }

  /** The `azurerm_virtual_network`. */
  public readonly resource: VirtualNetwork;
  /** Azure resource ID of the VNet. */
  public readonly virtualNetworkId: string;
  /** Name of the VNet (`vnet-<prefix>`). */
  public readonly virtualNetworkName: string;
  /** Address space of the VNet. */
  public readonly addressSpace: string[];
  /** `snet-nodes`, behind its NSG association. */
  public readonly nodeSubnet: ISubnet;
  /** `snet-appgw`, behind its NSG association. */
  public readonly appGatewaySubnet: ISubnet;
  /** `snet-gateway`, behind its NSG association. */
  public readonly gatewaySubnet: ISubnet;
  /** Static private IP of the shared gateway's internal load balancer. */
  public readonly gatewayAddress: string;
  /** TCP ports the NSG rules open from the Application Gateway subnet to the gateway subnet. */
  public readonly gatewayPorts: number[];
  /** The three `azurerm_subnet` resources (escape hatch). */
  public readonly subnets: NetworkSubnetResources;
  /** The three network security groups (escape hatch; add `NetworkSecurityRule`s to them). */
  public readonly networkSecurityGroups: NetworkSecurityGroups;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? Network.DEFAULT_NAME_PREFIX;
    const addressSpace = props.addressSpace ?? Network.DEFAULT_ADDRESS_SPACE;
    const nodeCidr = props.nodeSubnetCidr ?? Network.DEFAULT_NODE_SUBNET_CIDR;
    const gatewayCidr = props.gatewaySubnetCidr ?? Network.DEFAULT_GATEWAY_SUBNET_CIDR;
    const appGatewayCidr = props.appGatewaySubnetCidr ?? Network.DEFAULT_APP_GATEWAY_SUBNET_CIDR;
    const ports = props.gatewayPorts ?? [...Network.DEFAULT_GATEWAY_PORTS];

    validateNamePrefix(this, prefix);
    validatePorts(this, ports);
    this.gatewayAddress = validateLayout(this, {
      addressSpace: { label: "addressSpace", cidrs: [addressSpace] },
      nodes: { label: "nodeSubnetCidr", cidr: nodeCidr },
      appGateway: { label: "appGatewaySubnetCidr", cidr: appGatewayCidr },
      gateway: { label: "gatewaySubnetCidr", cidr: gatewayCidr },
      gatewayAddress: props.gatewayAddress,
    });
    this.gatewayPorts = ports;
    this.addressSpace = [addressSpace];

    const rg = props.resourceGroup;
    this.resource = this.createVirtualNetwork(rg, prefix, addressSpace);
    this.virtualNetworkId = this.resource.id;
    this.virtualNetworkName = `vnet-${prefix}`;

    const cidrs: ByRole<string> = { nodes: nodeCidr, appGateway: appGatewayCidr, gateway: gatewayCidr };
    this.subnets = this.createSubnets(rg, cidrs);
    this.networkSecurityGroups = this.createSecurityGroups(rg, prefix);
    const attached = this.attachSecurityGroups(cidrs);
    this.nodeSubnet = attached.nodes;
    this.appGatewaySubnet = attached.appGateway;
    this.gatewaySubnet = attached.gateway;

    addAppGatewayRules(this.networkSecurityGroups.appGateway);
    for (const group of [this.networkSecurityGroups.nodes, this.networkSecurityGroups.gateway]) {
      addGatewaySubnetRules(group, appGatewayCidr, gatewayCidr, ports);
    }
  }

  /** The VNet, `vnet-<prefix>`. */
  private createVirtualNetwork(rg: IResourceGroup, prefix: string, addressSpace: string): VirtualNetwork {
    return new VirtualNetwork(this, "Resource", {
      name: `vnet-${prefix}`,
      location: rg.location,
      resourceGroupName: rg.name,
      addressSpace: [addressSpace],
    });
  }

  /** The three subnets, with their fixed names, in the VNet. */
  private createSubnets(rg: IResourceGroup, cidrs: ByRole<string>): NetworkSubnetResources {
    const subnet = (idPrefix: string, name: string, cidr: string): Subnet =>
      new Subnet(this, `${idPrefix}Subnet`, {
        name,
        resourceGroupName: rg.name,
        virtualNetworkName: this.resource.name,
        addressPrefixes: [cidr],
      });
    return {
      nodes: subnet("Node", Network.DEFAULT_NODE_SUBNET_NAME, cidrs.nodes),
      appGateway: subnet("AppGateway", Network.DEFAULT_APP_GATEWAY_SUBNET_NAME, cidrs.appGateway),
      gateway: subnet("Gateway", Network.DEFAULT_GATEWAY_SUBNET_NAME, cidrs.gateway),
    };
  }

  /** One network security group per subnet, `nsg-<prefix>-<role>`, without rules. */
  private createSecurityGroups(rg: IResourceGroup, prefix: string): NetworkSecurityGroups {
    const nsg = (idPrefix: string, role: string): NetworkSecurityGroup =>
      new NetworkSecurityGroup(this, `${idPrefix}SecurityGroup`, {
        name: `nsg-${prefix}-${role}`,
        location: rg.location,
        resourceGroupName: rg.name,
      });
    return {
      nodes: nsg("Node", "nodes"),
      appGateway: nsg("AppGateway", "appgw"),
      gateway: nsg("Gateway", "gateway"),
    };
  }

  /**
   * Associates each subnet with its NSG and returns the subnets consumers get. The subnet ID handed to
   * consumers is the association's `subnet_id`, so the cluster and the Application Gateway are created only
   * once the subnet's NSG is attached. Names and CIDRs are literals, so the Kubernetes stack (the Gateway's
   * internal-subnet annotation) needs no cross-stack reference for them.
   */
  private attachSecurityGroups(cidrs: ByRole<string>): ByRole<ISubnet> {
    const attach = (idPrefix: string, name: string, cidr: string, target: Subnet, group: NetworkSecurityGroup): ISubnet => {
      const association = new SubnetNetworkSecurityGroupAssociation(this, `${idPrefix}SubnetSecurityGroup`, {
        subnetId: target.id,
        networkSecurityGroupId: group.id,
      });
      return { subnetId: association.subnetId, subnetName: name, cidr };
    };
    const groups = this.networkSecurityGroups;
    return {
      nodes: attach("Node", Network.DEFAULT_NODE_SUBNET_NAME, cidrs.nodes, this.subnets.nodes, groups.nodes),
      appGateway: attach(
        "AppGateway",
        Network.DEFAULT_APP_GATEWAY_SUBNET_NAME,
        cidrs.appGateway,
        this.subnets.appGateway,
        groups.appGateway,
      ),
      gateway: attach("Gateway", Network.DEFAULT_GATEWAY_SUBNET_NAME, cidrs.gateway, this.subnets.gateway, groups.gateway),
    };
  }
}

/** One value per subnet role. */
interface ByRole<T> {
  readonly nodes: T;
  readonly appGateway: T;
  readonly gateway: T;
}

/** An {@link INetwork} over resources created elsewhere; see {@link Network.fromExisting}. */
class ExistingNetwork extends Construct implements INetwork {
  public readonly virtualNetworkId: string;
  public readonly virtualNetworkName: string;
  public readonly addressSpace: string[];
  public readonly nodeSubnet: ISubnet;
  public readonly appGatewaySubnet: ISubnet;
  public readonly gatewaySubnet: ISubnet;
  public readonly gatewayAddress: string;

  constructor(scope: Construct, id: string, attrs: ExistingNetworkAttributes) {
    super(scope, id);
    this.gatewayAddress = validateLayout(this, {
      addressSpace: { label: "addressSpace", cidrs: attrs.addressSpace },
      nodes: { label: "nodeSubnet.cidr", cidr: attrs.nodeSubnet.cidr },
      appGateway: { label: "appGatewaySubnet.cidr", cidr: attrs.appGatewaySubnet.cidr },
      gateway: { label: "gatewaySubnet.cidr", cidr: attrs.gatewaySubnet.cidr },
      gatewayAddress: attrs.gatewayAddress,
    });
    validateSubnetsInVnet(this, attrs);
    this.virtualNetworkId = attrs.virtualNetworkId;
    this.virtualNetworkName = attrs.virtualNetworkName;
    this.addressSpace = attrs.addressSpace;
    this.nodeSubnet = attrs.nodeSubnet;
    this.appGatewaySubnet = attrs.appGatewaySubnet;
    this.gatewaySubnet = attrs.gatewaySubnet;
  }
}

/**
 * The internal load balancer annotation names the gateway subnet by name inside the cluster's VNet, so every
 * subnet must belong to `virtualNetworkId`. Checked on literal IDs only.
 */
function validateSubnetsInVnet(scope: IConstruct, attrs: ExistingNetworkAttributes): void {
  const subnets = [
    ["nodeSubnet", attrs.nodeSubnet],
    ["appGatewaySubnet", attrs.appGatewaySubnet],
    ["gatewaySubnet", attrs.gatewaySubnet],
  ] as const;
  for (const [label, subnet] of subnets) {
    const problem = Token.isUnresolved(subnet.subnetId) ? undefined : armIdProblem(subnet.subnetId, SUBNET_ID);
    if (problem) throw new ValidationError(scope, `${label}.subnetId ${show(subnet.subnetId)} ${problem}.`);
  }
  if (Token.isUnresolved(attrs.virtualNetworkId)) return;
  const vnetProblem = armIdProblem(attrs.virtualNetworkId, VIRTUAL_NETWORK_ID);
  if (vnetProblem) throw new ValidationError(scope, `virtualNetworkId ${show(attrs.virtualNetworkId)} ${vnetProblem}.`);
  const prefix = `${attrs.virtualNetworkId}/subnets/`;
  for (const [label, subnet] of subnets) {
    if (Token.isUnresolved(subnet.subnetId)) continue;
    if (!subnet.subnetId.startsWith(prefix)) {
      throw new ValidationError(
        scope,
        `${label}.subnetId ${show(subnet.subnetId)} is not a subnet of virtualNetworkId ${show(attrs.virtualNetworkId)}. ` +
          `All three subnets must be in the cluster's VNet (the internal load balancer finds its subnet by name there).`,
      );
    }
  }
}

interface RuleSpec {
  readonly priority: number;
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "*";
  readonly source: string;
  readonly destination: string;
  /** Destination ports or ranges, or `*` for any. */
  readonly ports: string[] | "*";
  readonly description: string;
}

/** Adds an inbound rule as a child of its NSG, with the rule name as construct id. */
function addRule(group: NetworkSecurityGroup, name: string, rule: RuleSpec): NetworkSecurityRule {
  return new NetworkSecurityRule(group, name, {
    name,
    resourceGroupName: group.resourceGroupName,
    networkSecurityGroupName: group.name,
    priority: rule.priority,
    direction: "Inbound",
    access: rule.access,
    protocol: rule.protocol,
    sourceAddressPrefix: rule.source,
    sourcePortRange: "*",
    destinationAddressPrefix: rule.destination,
    ...(rule.ports === "*" ? { destinationPortRange: "*" } : { destinationPortRanges: rule.ports }),
    description: rule.description,
  });
}

/** The Application Gateway subnet's inbound rules: v2 infrastructure, load balancer probes, clients on 80/443. */
function addAppGatewayRules(appGw: NetworkSecurityGroup): void {
  addRule(appGw, "AllowGatewayManagerInbound", {
    priority: 100,
    access: "Allow",
    protocol: "Tcp",
    source: "GatewayManager",
    destination: "*",
    ports: ["65200-65535"],
    description: "Application Gateway v2 infrastructure traffic (required).",
  });
  allowAzureLoadBalancer(appGw, "Azure load balancer health probes (required).");
  addRule(appGw, "AllowInternetHttpInbound", {
    priority: 120,
    access: "Allow",
    protocol: "Tcp",
    source: "Internet",
    destination: "*",
    ports: ["80", "443"],
    description: "Clients to the Application Gateway listeners.",
  });
}

/** Priority 110 on every NSG: the Azure load balancer's health probes, from any port to any port. */
function allowAzureLoadBalancer(group: NetworkSecurityGroup, description: string): void {
  addRule(group, "AllowAzureLoadBalancerInbound", {
    priority: 110,
    access: "Allow",
    protocol: "*",
    source: "AzureLoadBalancer",
    destination: "*",
    ports: "*",
    description,
  });
}

/** Rules that let only the Application Gateway subnet reach the gateway subnet, on the gateway ports. */
function addGatewaySubnetRules(
  group: NetworkSecurityGroup,
  appGatewayCidr: string,
  gatewayCidr: string,
  ports: number[],
): void {
  addRule(group, "AllowAppGatewayToGateway", {
    priority: 100,
    access: "Allow",
    protocol: "Tcp",
    source: appGatewayCidr,
    destination: gatewayCidr,
    ports: ports.map(String),
    description: "Application Gateway to the shared gateway's internal load balancer.",
  });
  allowAzureLoadBalancer(group, "Azure load balancer health probes.");
  addRule(group, "DenyOtherToGateway", {
    priority: 4096,
    access: "Deny",
    protocol: "*",
    source: "*",
    destination: gatewayCidr,
    ports: "*",
    description: "The shared gateway is reachable only from the Application Gateway subnet.",
  });
}


function validatePorts(scope: IConstruct, ports: number[]): void {
  if (ports.length === 0) {
    throw new ValidationError(scope, `gatewayPorts must list at least one port, got []. Omit it for ${show(Network.DEFAULT_GATEWAY_PORTS)}.`);
  }
  for (const port of ports) {
    if (Token.isUnresolved(port)) continue;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ValidationError(scope, `gatewayPorts must be whole numbers 1-65535, got ${show(port)} in ${show(ports)}.`);
    }
  }
  const duplicate = ports.find((p, i) => !Token.isUnresolved(p) && ports.indexOf(p) !== i);
  if (duplicate !== undefined) {
    throw new ValidationError(scope, `gatewayPorts lists ${duplicate} more than once, got ${show(ports)}. List each port once.`);
  }
}

interface SubnetInput {
  /** The prop that holds it, for messages (`nodeSubnetCidr`, `nodeSubnet.cidr`). */
  readonly label: string;
  readonly cidr: string;
}

interface LayoutInput {
  readonly addressSpace: { readonly label: string; readonly cidrs: string[] };
  readonly nodes: SubnetInput;
  readonly appGateway: SubnetInput;
  readonly gateway: SubnetInput;
  readonly gatewayAddress?: string;
}

/** Parses a CIDR prop, rethrowing a malformed one as a ValidationError; `undefined` for an unresolved token. */
function parseProp(scope: IConstruct, label: string, text: string): Cidr | undefined {
  if (Token.isUnresolved(text)) return undefined;
  try {
    return parseCidr(text);
  } catch (e) {
    throw new ValidationError(scope, `${label}: ${(e as Error).message}.`);
  }
}

/**
 * Checks the address plan shared by {@link Network} and {@link Network.fromExisting} and returns the gateway
 * address (the given one, or network + 4 of the gateway subnet).
 */
function validateLayout(scope: IConstruct, input: LayoutInput): string {
  const space = parseAddressSpace(scope, input.addressSpace);
  validateSubnets(scope, input, space);
  return gatewayAddressOf(scope, input.gateway, input.gatewayAddress);
}

/** Parses the address space blocks; `undefined` when the list or any block is an unresolved token. */
function parseAddressSpace(scope: IConstruct, addressSpace: LayoutInput["addressSpace"]): Cidr[] | undefined {
  const { label: spaceLabel, cidrs: spaceCidrs } = addressSpace;
  if (Token.isUnresolved(spaceCidrs)) return undefined;
  if (spaceCidrs.length === 0) {
    throw new ValidationError(scope, `${spaceLabel} must list at least one CIDR block, got []. Example: ["10.240.0.0/16"].`);
  }
  const parsed = spaceCidrs.map((c, i) => parseProp(scope, spaceCidrs.length > 1 ? `${spaceLabel}[${i}]` : spaceLabel, c));
  return parsed.every((c): c is Cidr => c !== undefined) ? parsed : undefined;
}

/** Checks each subnet in turn (nodes, Application Gateway, gateway): inside the address space, big enough, no overlap. */
function validateSubnets(scope: IConstruct, input: LayoutInput, space: Cidr[] | undefined): void {
  const spaceLabel = input.addressSpace.label;
  const minimums: Array<[SubnetInput, number, string]> = [
    [input.nodes, MAX_NODE_PREFIX, "the AKS node subnet"],
    [input.appGateway, MAX_APP_GATEWAY_PREFIX, "the Application Gateway v2 subnet (/24 recommended)"],
    [input.gateway, MAX_GATEWAY_PREFIX, "the gateway (internal load balancer) subnet"],
  ];
  const subnets: Array<[SubnetInput, Cidr]> = [];
  for (const [subnet, maxPrefix, what] of minimums) {
    const cidr = parseProp(scope, subnet.label, subnet.cidr);
    if (!cidr) continue;
    if (space && !space.some((s) => s.contains(cidr))) {
      throw new ValidationError(
        scope,
        `${subnet.label} ${show(subnet.cidr)} is outside the VNet address space ${show(space.map(String))}. ` +
          `Choose a block inside it, or widen ${spaceLabel}.`,
      );
    }
    if (cidr.prefixLength > maxPrefix) {
      throw new ValidationError(
        scope,
        `${subnet.label} ${show(subnet.cidr)} is too small for ${what}: use a /${maxPrefix} or larger ` +
          `(e.g. ${show(`${cidr.firstAddress}/${maxPrefix}`)}).`,
      );
    }
    for (const [other, otherCidr] of subnets) {
      if (cidr.overlaps(otherCidr)) {
        throw new ValidationError(
          scope,
          `${subnet.label} ${show(subnet.cidr)} overlaps ${other.label} ${show(other.cidr)}. Each subnet needs its own ` +
            `addresses; move one of them.`,
        );
      }
    }
    subnets.push([subnet, cidr]);
  }
}

/**
 * The gateway address: the given one, checked to be a usable address of the gateway subnet, or network + 4
 * of that subnet when none is given.
 */
function gatewayAddressOf(scope: IConstruct, gateway: SubnetInput, address: string | undefined): string {
  const gatewayCidr = Token.isUnresolved(gateway.cidr) ? undefined : parseCidr(gateway.cidr);
  if (address === undefined) {
    if (!gatewayCidr) {
      throw new ValidationError(
        scope,
        `${gateway.label} is an unresolved token, so the default gatewayAddress (network + 4) cannot be computed. ` +
          `Pass gatewayAddress as a literal IP inside that subnet.`,
      );
    }
    return gatewayCidr.nth(FIRST_USABLE_OFFSET);
  }
  if (Token.isUnresolved(address)) return address;
  if (!isIpv4(address)) {
    throw new ValidationError(scope, `gatewayAddress must be an IPv4 address such as "10.240.4.4", got ${show(address)}.`);
  }
  if (!gatewayCidr) return address;
  const usable = `${gatewayCidr.nth(FIRST_USABLE_OFFSET)} to ${gatewayCidr.nth(gatewayCidr.size - 2)}`;
  if (!gatewayCidr.containsIp(address)) {
    throw new ValidationError(
      scope,
      `gatewayAddress ${show(address)} is outside ${gateway.label} ${show(gateway.cidr)}. Pick an address ` +
        `from ${usable}, or omit gatewayAddress for ${gatewayCidr.nth(FIRST_USABLE_OFFSET)}.`,
    );
  }
  const reserved = gatewayCidr.azureReservedAddresses();
  if (reserved.includes(address)) {
    throw new ValidationError(
      scope,
      `gatewayAddress ${show(address)} is one of the addresses Azure reserves in ${show(gateway.cidr)} ` +
        `(${reserved.join(", ")}). Pick an address from ${usable}.`,
    );
  }
  return address;
}
