import { Construct } from "constructs";
import { TerraformMetaArguments, TerraformResource, Token } from "cdktf";
import { ValidationError } from "../private/errors";

/**
 * Props for {@link AzapiUpdateResource}.
 */
export interface AzapiUpdateResourceProps extends TerraformMetaArguments {
  /**
   * ARM resource type with a stable api-version, e.g. `Microsoft.ContainerService/managedClusters@2026-03-01`.
   *
   * Preview api-versions are refused: Azure retires them about a year after release.
   */
  readonly type: string;
  /**
   * ID of the existing resource to update; referencing another resource's `id` also orders this after it.
   */
  readonly resourceId: string;
  /**
   * Properties to merge into the resource, spelled as ARM spells them (`ingressProfile`, not `ingress_profile`).
   */
  readonly body: { [key: string]: unknown };
  /**
   * Paths of the response to export as `output`, e.g. `properties.ingressProfile`.
   *
   * @default - Nothing is exported.
   */
  readonly responseExportValues?: string[];
  /**
   * Whether properties missing from the GET response are ignored when azapi compares state.
   *
   * @default true
   */
  readonly ignoreMissingProperty?: boolean;
}

/**
 * The `azapi_update_resource` resource: GETs an existing ARM resource, merges `body` and PUTs it back.
 *
 * Destroying it changes nothing in Azure; to turn a feature off, apply a body that disables it.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/update_resource
 */
export class AzapiUpdateResource extends TerraformResource {
  /** Terraform resource type, also what the cdktf jest matchers look for. */
  public static readonly tfResourceType = "azapi_update_resource";

  /** ARM type with api-version. */
  public readonly type: string;
  /** Body merged into the resource. */
  public readonly body: { [key: string]: unknown };
  private readonly resourceId: string;
  private readonly responseExportValues?: string[];
  private readonly ignoreMissingProperty?: boolean;

  constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps) {
    super(scope, id, {
      terraformResourceType: AzapiUpdateResource.tfResourceType,
      terraformGeneratorMetadata: { providerName: "azapi" },
      dependsOn: props.dependsOn,
      count: props.count,
      provider: props.provider,
      lifecycle: props.lifecycle,
      forEach: props.forEach,
    });
    validateArmType(this, props.type);
    this.type = props.type;
    this.resourceId = props.resourceId;
    this.body = props.body;
    this.responseExportValues = props.responseExportValues;
    this.ignoreMissingProperty = props.ignoreMissingProperty;
  }

  /** The resource's Terraform id (equal to the updated resource's id). */
  public get id(): string {
    return this.getStringAttribute("id");
  }

  /** The exported response values (`response_export_values`) as an object. */
  public get output(): any {
    return this.interpolationForAttribute("output");
  }

  /** The resource's attributes as written; keys inside `body` keep ARM's spelling. */
  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      type: this.type,
      resource_id: this.resourceId,
      body: this.body,
      response_export_values: this.responseExportValues,
      ignore_missing_property: this.ignoreMissingProperty,
    };
  }
}

const ARM_TYPE = /^[A-Za-z0-9.]+\/[A-Za-z0-9/]+@\d{4}-\d{2}-\d{2}(-preview)?$/;

function validateArmType(scope: Construct, type: string): void {
  if (Token.isUnresolved(type)) return;
  if (!ARM_TYPE.test(type)) {
    throw new ValidationError(
      scope,
      `type must look like "<Namespace>/<resourceType>@<yyyy-mm-dd>", got ${JSON.stringify(type)}. ` +
        `Example: "Microsoft.ContainerService/managedClusters@2026-03-01".`,
    );
  }
  if (type.endsWith("-preview")) {
    throw new ValidationError(
      scope,
      `preview api-version in ${JSON.stringify(type)}; Azure retires preview versions about a year after ` +
        `release. Use a stable api-version such as "${type.replace(/@.*$/, "@2026-03-01")}".`,
    );
  }
}
