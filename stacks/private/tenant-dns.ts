/**
 * DNS records for tenant hostnames, created in the stack that holds the tenant: adding a tenant (in its own
 * stack or the traffic stack) never touches the platform stack. Internal to the stacks.
 */
import { TerraformStack } from "cdktf";
import { DataAzurermPublicIp } from "@cdktf/provider-azurerm/lib/data-azurerm-public-ip";
import { DnsRecords, DnsZoneRef } from "../../lib/edge/dns-records";
import { Tenant } from "../../lib/tenancy/tenant";

/** Where tenant records go and what they point at: the zone, and the Application Gateway's public IP by name. */
export interface TenantDnsPlan {
  readonly zone: DnsZoneRef;
  /** Name of the Application Gateway's public IP (`pip-agw-<prefix>`). */
  readonly publicIpName: string;
  /** Resource group of the public IP. */
  readonly publicIpResourceGroupName: string;
}

const PUBLIC_IP_ID = "EdgePublicIp";

/** Records for `tenant`'s hostnames (construct id `DnsRecords` under the tenant), aliasing the edge's public IP. */
export function addTenantDnsRecords(stack: TerraformStack, tenant: Tenant, plan: TenantDnsPlan): DnsRecords {
  const publicIp =
    (stack.node.tryFindChild(PUBLIC_IP_ID) as DataAzurermPublicIp | undefined) ??
    new DataAzurermPublicIp(stack, PUBLIC_IP_ID, { name: plan.publicIpName, resourceGroupName: plan.publicIpResourceGroupName });
  return new DnsRecords(tenant, "DnsRecords", { zone: plan.zone, hostnames: tenant.hostnames, targetResourceId: publicIp.id });
}
