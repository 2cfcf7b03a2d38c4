import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { AzapiUpdateResource } from "../azapi/update-resource";
import { GatewayMode } from "../core/gateway-mode";

/**
 * Props for {@link GatewayApiEnablement}.
 */
export interface GatewayApiEnablementProps {
  /** ID of the AKS cluster to update; referencing the cluster's `id` orders this after it. */
  readonly clusterId: string;
  /** Which Istio implements the Gateway API. */
  readonly mode: GatewayMode;
  /**
   * Resources the update must wait for (e.g. node pools), so Azure does not see two operations on the
   * cluster at once.
   *
   * @default - Only the cluster itself, through `clusterId`.
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Turns on the AKS Managed Gateway API installation and, in app-routing mode, the app-routing Istio
 * implementation, with an `azapi_update_resource` on the cluster.
 *
 * azurerm 4.55.0 has no argument for either property (hashicorp/terraform-provider-azurerm#31710), so
 * azapi owns them and re-asserts them on every apply. The default NGINX controller is set to `None` so
 * enabling app routing never creates a public NGINX load balancer.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 * @see https://learn.microsoft.com/azure/aks/managed-gateway-api
 */
export class GatewayApiEnablement extends Construct {
  /**
   * ARM type and api-version used. 2026-03-01 is stable and the first that Microsoft's own Terraform
   * quickstart uses for these properties (they first appear in 2026-02-01).
   */
  public static readonly ARM_TYPE = "Microsoft.ContainerService/managedClusters@2026-03-01";

  /** The `azapi_update_resource`. */
  public readonly resource: AzapiUpdateResource;

  constructor(scope: Construct, id: string, props: GatewayApiEnablementProps) {
    super(scope, id);
    this.resource = new AzapiUpdateResource(this, "Resource", {
      type: GatewayApiEnablement.ARM_TYPE,
      resourceId: props.clusterId,
      body: GatewayApiEnablement.body(props.mode),
      responseExportValues: ["properties.ingressProfile"],
      dependsOn: props.dependsOn,
    });
  }

  /** The ARM body for a mode; keys spelled exactly as ARM spells them. */
  public static body(mode: GatewayMode): { [key: string]: unknown } {
    const ingressProfile: { [key: string]: unknown } = { gatewayAPI: { installation: "Standard" } };
    if (mode === GatewayMode.APP_ROUTING_ISTIO) {
      ingressProfile.webAppRouting = {
        enabled: true,
        nginx: { defaultIngressControllerType: "None" },
        gatewayAPIImplementations: { appRoutingIstio: { mode: "Enabled" } },
      };
    }
    return { properties: { ingressProfile } };
  }
}
