import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { GatewayMode } from "../../lib/core/gateway-mode";
import { ISharedGateway } from "../../lib/gateway/gateway-ref";
import { Tenant, TenantProps } from "../../lib/tenancy/tenant";

/**
 * A tenant under `scope` with the tenant name as construct id, joining the ambient mesh by default in the
 * self-managed Istio mode (and warned that the label does nothing on app-routing Istio, which has no mesh).
 */
export function createTenant(scope: Construct, options: Omit<TenantProps, "gateway">, gateway: ISharedGateway, mode: GatewayMode): Tenant {
  const selfManaged = mode === GatewayMode.SELF_MANAGED_ISTIO;
  const tenant = new Tenant(scope, options.name, { ...options, ambient: options.ambient ?? selfManaged, gateway });
  if (options.ambient && !selfManaged) {
    Annotations.of(tenant).addWarning(
      `tenant ${JSON.stringify(options.name)} asks for the Istio ambient mesh, but the cluster runs app-routing ` +
        `Istio, which has no mesh: the label has no effect. Use GatewayMode.SELF_MANAGED_ISTIO for ambient mTLS.`,
    );
  }
  return tenant;
}
