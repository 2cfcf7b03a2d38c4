import { Construct } from "constructs";
import { TerraformProvider } from "cdktf";

/**
 * Props for {@link AzapiProvider}.
 */
export interface AzapiProviderProps {
  /**
   * Alias, when a stack needs more than one azapi provider.
   *
   * @default - The default (unaliased) provider.
   */
  readonly alias?: string;
  /**
   * Subscription to act in.
   *
   * @default - Taken from the Azure CLI login or the `ARM_SUBSCRIPTION_ID` environment variable.
   */
  readonly subscriptionId?: string;
}

/**
 * The `Azure/azapi` Terraform provider, hand-written because no prebuilt cdktf binding exists.
 *
 * Only the settings this library needs are typed; credentials come from the environment
 * (Azure CLI, managed identity or `ARM_*` variables), never from code.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs
 */
export class AzapiProvider extends TerraformProvider {
  /** The provider's type in `required_providers`. */
  public static readonly tfResourceType = "azapi";
  /**
   * Version constraint written to `required_providers`: 2.11 is the first azapi release that bundles the
   * `Microsoft.ContainerService/managedClusters@2026-03-01` schema; without it `azapi_update_resource` PUTs
   * the whole GET body back, read-only fields included (FACTS §15). Microsoft's own quickstart runs on 2.12.
   */
  public static readonly VERSION_CONSTRAINT = "~> 2.11";

  private readonly subscriptionId?: string;

  constructor(scope: Construct, id: string, props: AzapiProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: "azapi",
      terraformProviderSource: "Azure/azapi",
      terraformGeneratorMetadata: {
        providerName: "azapi",
        providerVersionConstraint: AzapiProvider.VERSION_CONSTRAINT,
      },
    });
    this.alias = props.alias;
    this.subscriptionId = props.subscriptionId;
  }

  /** The provider block's attributes, in Terraform's spelling. */
  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      alias: this.alias,
      subscription_id: this.subscriptionId,
    };
  }
}
