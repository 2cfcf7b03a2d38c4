/**
 * A subnet as the other layers see it.
 */
export interface ISubnet {
  /** Azure resource ID of the subnet. */
  readonly subnetId: string;
  /** Subnet name (the internal load balancer annotation takes a name, not an ID). */
  readonly subnetName: string;
  /** Address prefix in CIDR form, e.g. `10.240.4.0/28`. */
  readonly cidr: string;
}

/**
 * What the network layer gives the cluster, the edge and the gateway.
 *
 * Built by {@link Network}, or from an existing VNet with `Network.fromExisting()`.
 */
export interface INetwork {
  /** Azure resource ID of the virtual network. */
  readonly virtualNetworkId: string;
  /** Name of the virtual network. */
  readonly virtualNetworkName: string;
  /** Address space of the virtual network in CIDR form (the cluster checks its pod/service CIDRs against it). */
  readonly addressSpace: string[];
  /** Subnet of the AKS nodes. */
  readonly nodeSubnet: ISubnet;
  /** Subnet dedicated to the Application Gateway. */
  readonly appGatewaySubnet: ISubnet;
  /** Subnet dedicated to the shared gateway's internal load balancer. */
  readonly gatewaySubnet: ISubnet;
  /**
   * Static private IP of the shared gateway's internal load balancer, inside `gatewaySubnet`.
   *
   * It is a literal chosen at synth time, so the Application Gateway backend pool and the Gateway's
   * `azure-load-balancer-ipv4` annotation agree without either depending on the cluster.
   */
  readonly gatewayAddress: string;
}
