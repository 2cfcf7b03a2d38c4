import { AzurermBackend, LocalBackend, TerraformStack, Token } from "cdktf";
import { ValidationError } from "../lib/core/errors";
import { show } from "../lib/core/show";
import { blobPrefixProblem, containerNameProblem, resourceGroupNameProblem, storageAccountNameProblem } from "../lib/core/azure-names";

/** Settings of an Azure Storage state backend. */
export interface AzureStorageBackendOptions {
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Storage account holding the state. */
  readonly storageAccountName: string;
  /** Blob container holding the state. */
  readonly containerName: string;
  /**
   * Prefix of the state blob names; each stack writes `<keyPrefix>/<stack>.tfstate`.
   *
   * @default "cdktf-aks-gateway"
   */
  readonly keyPrefix?: string;
  /**
   * Authenticate to the storage account with Entra ID instead of account keys.
   *
   * @default true
   */
  readonly useAzureAd?: boolean;
}

/**
 * Where a stack keeps its Terraform state. No stack of this library reads another's state (the Kubernetes stacks
 * find the cluster by name), so each stack may use its own backend; keeping them all in one is simplest.
 */
export class StateBackend {
  /**
   * State files in the project folder (`terraform.<stack>.tfstate`, git-ignored); for one person trying things.
   *
   * The path is relative to the stack's working directory `cdktf.out/stacks/<stack>`, so the synthesized JSON is
   * the same on every machine and re-synthesizing never touches the state.
   */
  public static local(): StateBackend {
    return new StateBackend((stack, id) => new LocalBackend(stack, { path: `../../../terraform.${id}.tfstate` }));
  }

  /** State in an Azure Storage blob container, locked with blob leases; for teams and CI. */
  public static azureStorage(options: AzureStorageBackendOptions): StateBackend {
    return new StateBackend((stack, id) => {
      checkAzureStorageOptions(stack, options);
      new AzurermBackend(stack, {
        resourceGroupName: options.resourceGroupName,
        storageAccountName: options.storageAccountName,
        containerName: options.containerName,
        key: `${options.keyPrefix ?? "cdktf-aks-gateway"}/${id}.tfstate`,
        useAzureadAuth: options.useAzureAd ?? true,
      });
    });
  }

  private constructor(private readonly apply: (stack: TerraformStack, stackId: string) => void) {}

  /** Configures the backend on a stack. */
  public bind(stack: TerraformStack): void {
    this.apply(stack, stack.node.id);
  }
}

/** The storage names Azure would refuse at `terraform init`, refused at synth naming the stack. */
function checkAzureStorageOptions(stack: TerraformStack, options: AzureStorageBackendOptions): void {
  const fields: Array<[string, string | undefined, (v: string) => string | undefined]> = [
    ["resourceGroupName", options.resourceGroupName, resourceGroupNameProblem],
    ["storageAccountName", options.storageAccountName, storageAccountNameProblem],
    ["containerName", options.containerName, containerNameProblem],
    ["keyPrefix", options.keyPrefix, blobPrefixProblem],
  ];
  for (const [field, value, problemOf] of fields) {
    if (field !== "keyPrefix" && (value === undefined || value === null)) {
      throw new ValidationError(stack, `StateBackend.azureStorage(): ${field} is required, got ${show(value)}.`);
    }
    const problem = value === undefined || Token.isUnresolved(value) ? undefined : problemOf(value);
    if (problem) throw new ValidationError(stack, `StateBackend.azureStorage(): ${field} ${show(value)} ${problem}.`);
  }
}
