/**
 * DNS records for tenant hostnames, created in the stack that holds the tenant: adding a tenant (in its own
 * stack or the traffic stack) never touches the platform stack. Internal to the stacks.
 */
import { TerraformStack } from "cdktf";
import { DataAzurermPublicIp } from "@cdktf/provider-azurerm/lib/data-azurerm-public-ip";
import { DnsRecords } from "../../lib/edge/dns-records";
import type { TenantDnsPlan } from "../traffic-stack";
import { Tenant } from "../../lib/tenancy/tenant";


const PUBLIC_IP_ID = "EdgePublicIp";

/** Records for `tenant`'s hostnames (construct id `DnsRecords` under the tenant), aliasing the edge's public IP. */
export function addTenantDnsRecords(stack: TerraformStack, tenant: Tenant, plan: TenantDnsPlan): DnsRecords {
  const publicIp =
    (stack.node.tryFindChild(PUBLIC_IP_ID) as DataAzurermPublicIp | undefined) ??
    new DataAzurermPublicIp(stack, PUBLIC_IP_ID, { name: plan.publicIpName, resourceGroupName: plan.publicIpResourceGroupName });
  return new DnsRecords(tenant, "DnsRecords", { zone: plan.zone, hostnames: tenant.hostnames, targetResourceId: publicIp.id });
}
