/**
 * The resource group constructs deploy into.
 *
 * An `azurerm` `ResourceGroup` (from `@cdktf/provider-azurerm/lib/resource-group`) satisfies it as is,
 * and so does a plain object for a group that exists already.
 */
export interface IResourceGroup {
  /** Resource group name. */
  readonly name: string;
  /** Azure region of the resources placed in it, e.g. `swedencentral`. */
  readonly location: string;
  /** Resource group ID, used as a role-assignment scope. */
  readonly id: string;
}
