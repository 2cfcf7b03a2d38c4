import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { show } from "../core/show";
import { IResourceGroup } from "../network/resource-group";
import { KEY_VAULT_ID, armIdProblem } from "../core/azure-ids";
import { dnsLabelProblem, dnsSubdomainProblem } from "../private/validation";

/** Props of {@link WorkloadIdentity}. */
export interface WorkloadIdentityProps {
  /** Resource group of the identity. */
  readonly resourceGroup: IResourceGroup;
  /** Name of the user-assigned identity: 3-128 letters, digits, '-' and '_', starting with a letter or digit. */
  readonly identityName: string;
  /** OIDC issuer URL of the cluster whose ServiceAccount tokens the identity trusts (`AksCluster.oidcIssuerUrl`). */
  readonly oidcIssuerUrl: string;
  /** Namespace of the ServiceAccount. */
  readonly namespace: string;
  /** Name of the ServiceAccount. */
  readonly serviceAccountName: string;
}

/**
 * A user-assigned managed identity that one Kubernetes ServiceAccount can act as, through AKS workload
 * identity: the identity and a federated identity credential trusting the cluster's OIDC issuer for the subject
 * `system:serviceaccount:<namespace>:<serviceAccountName>`. Grant it roles with the `grant*` methods.
 *
 * The ServiceAccount itself lives on the Kubernetes side, annotated with `azure.workload.identity/client-id`
 * (this identity's client ID) and labelled `azure.workload.identity/use: "true"`.
 *
 * Construct ids: `Resource` (the identity), `FederatedCredential`, and one per grant (`KeyVaultSecretsUser`).
 *
 * @see https://learn.microsoft.com/azure/aks/workload-identity-overview
 */
export class WorkloadIdentity extends Construct {
  /** Audience of AKS workload identity token exchanges. */
  public static readonly AUDIENCE = "api://AzureADTokenExchange";

  /** The user-assigned identity (escape hatch). */
  public readonly resource: UserAssignedIdentity;
  /** The federated identity credential for the ServiceAccount. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** Name of the identity, as given (a literal, so other stacks can read the identity by name). */
  public readonly identityName: string;
  /** Client ID of the identity: the value of the ServiceAccount's `azure.workload.identity/client-id` annotation. */
  public readonly clientId: string;
  /** Principal (object) ID of the identity, which role assignments name. */
  public readonly principalId: string;
  /** The subject the credential trusts: `system:serviceaccount:<namespace>:<serviceAccountName>`. */
  public readonly subject: string;

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    this.validate(props);
    this.identityName = props.identityName;
    this.subject = `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`;
    this.resource = new UserAssignedIdentity(this, "Resource", {
      name: props.identityName,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
    });
    this.federatedCredential = new FederatedIdentityCredential(this, "FederatedCredential", {
      // Credential names allow letters, digits, - and _ (3-120); ServiceAccount names may hold dots.
      name: `${props.namespace}-${props.serviceAccountName}`.replace(/\./g, "-").slice(0, 120),
      // azurerm builds the credential's ID from this group and the parent's name: it must be the identity's group.
      resourceGroupName: props.resourceGroup.name,
      parentId: this.resource.id,
      issuer: props.oidcIssuerUrl,
      subject: this.subject,
      audience: [WorkloadIdentity.AUDIENCE],
    });
    this.clientId = this.resource.clientId;
    this.principalId = this.resource.principalId;
  }

  /**
   * Grants "Key Vault Secrets User" on a vault (read secrets, and so certificates with their keys). The vault must
   * use the Azure RBAC permission model; a vault on access policies ignores role assignments.
   *
   * @param keyVaultId - resource ID of the vault, `/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/<name>`
   * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
   */
  public grantKeyVaultSecretsUser(keyVaultId: string): RoleAssignment {
    const problem = Token.isUnresolved(keyVaultId) ? undefined : armIdProblem(`${keyVaultId}`, KEY_VAULT_ID);
    if (problem) {
      throw new ValidationError(this, `grantKeyVaultSecretsUser: keyVaultId ${show(keyVaultId)} ${problem}.`);
    }
    return new RoleAssignment(this, "KeyVaultSecretsUser", {
      scope: keyVaultId,
      roleDefinitionName: "Key Vault Secrets User",
      principalId: this.principalId,
      principalType: "ServicePrincipal",
      // A new identity can take minutes to replicate in Entra ID; skip the check that would fail on it.
      skipServicePrincipalAadCheck: true,
    });
  }

  private validate(props: WorkloadIdentityProps): void {
    const fail = (message: string): never => {
      throw new ValidationError(this, message);
    };
    const { identityName, namespace, serviceAccountName } = props;
    if (!Token.isUnresolved(identityName) && !/^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/.test(`${identityName}`)) {
      fail(
        `identityName must be 3-128 letters, digits, '-' and '_', starting with a letter or digit, got ${show(identityName)}.`,
      );
    }
    if (!Token.isUnresolved(namespace) && dnsLabelProblem(`${namespace}`) !== undefined) {
      fail(`namespace must be a Kubernetes namespace name (a DNS-1123 label), got ${show(namespace)}.`);
    }
    if (!Token.isUnresolved(serviceAccountName) && dnsSubdomainProblem(`${serviceAccountName}`) !== undefined) {
      fail(`serviceAccountName must be a DNS-1123 subdomain, got ${show(serviceAccountName)}.`);
    }
    const issuer = props.oidcIssuerUrl;
    if (!Token.isUnresolved(issuer) && !(typeof issuer === "string" && issuer.startsWith("https://"))) {
      fail(`oidcIssuerUrl must be the cluster's OIDC issuer URL (https://…), got ${show(issuer)}. Use AksCluster.oidcIssuerUrl.`);
    }
  }
}
