import { Annotations, ITerraformDependable, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { USER_ASSIGNED_IDENTITY_ID, armIdProblem, isVersionedSecretId, keyVaultSecretIdProblem } from "../private/azure-ids";

/**
 * A user-assigned managed identity. An azurerm `UserAssignedIdentity`
 * (`@cdktf/provider-azurerm/lib/user-assigned-identity`) satisfies it as is.
 */
export interface IUserAssignedIdentity {
  /** Resource ID of the identity. */
  readonly id: string;
}

/** Options of {@link ListenerCertificate.fromKeyVault}. */
export interface KeyVaultListenerCertificateOptions {
  /**
   * Key Vault secret identifier of the certificate (PFX), e.g.
   * `https://kv-edge.vault.azure.net/secrets/www-example-com`.
   *
   * Give it without a version so the gateway picks up renewals (it polls Key Vault every 4 hours); a
   * versioned identifier pins the certificate and gets a warning. Use the certificate's *secret*
   * identifier (`/secrets/`), not its `/certificates/` one.
   *
   * @see https://learn.microsoft.com/azure/application-gateway/key-vault-certs
   */
  readonly secretId: string;

  /**
   * Identity the gateway reads the secret with. It needs the `Key Vault Secrets User` role on the vault
   * (or a `get` secret access policy).
   */
  readonly identity: IUserAssignedIdentity;

  /**
   * What the gateway must wait for before it reads the secret, typically the identity's
   * `Key Vault Secrets User` role assignment (and a vault firewall rule) made in the same apply. Without the access, Azure
   * creates the gateway with its HTTPS listener disabled.
   *
   * @default - No ordering; the access must exist before deploy
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-key-vault-common-errors
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** A listener certificate resolved for one Application Gateway. */
export interface ListenerCertificateConfig {
  /** Key Vault secret identifier. */
  readonly secretId: string;
  /** Resource ID of the identity reading it. */
  readonly identityId: string;
  /** What the gateway waits for before reading the secret. */
  readonly dependsOn: ITerraformDependable[];
}


/**
 * The TLS certificate the HTTPS listener presents. Giving one turns on HTTPS on 443 and a permanent
 * redirect from HTTP 80.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/key-vault-certs
 */
export class ListenerCertificate {
  /** A certificate kept in Key Vault, read by a user-assigned identity. */
  public static fromKeyVault(options: KeyVaultListenerCertificateOptions): ListenerCertificate {
    return new ListenerCertificate(options.secretId, options.identity, options.dependsOn ?? []);
  }

  private constructor(
    /** Key Vault secret identifier. */
    public readonly secretId: string,
    /** Identity reading the secret. */
    public readonly identity: IUserAssignedIdentity,
    /** What the gateway waits for before reading the secret. */
    public readonly dependsOn: ITerraformDependable[],
  ) {}

  /**
   * Validates the certificate for one Application Gateway. Called by {@link ApplicationGateway}; errors
   * and warnings name `scope`.
   */
  public bind(scope: IConstruct): ListenerCertificateConfig {
    const secretId = this.secretId;
    const identityId = this.identity.id;
    if (!Token.isUnresolved(secretId)) {
      const problem = keyVaultSecretIdProblem(secretId);
      if (problem) {
        throw new ValidationError(scope, `tls secretId ${show(secretId)} ${problem}.`);
      }
      if (isVersionedSecretId(secretId)) {
        Annotations.of(scope).addWarning(
          `tls secretId ${show(secretId)} names a secret version, so certificate renewals are not picked up; drop the version to follow the latest one.`,
        );
      }
    }
    const identityProblem = Token.isUnresolved(identityId) ? undefined : armIdProblem(identityId, USER_ASSIGNED_IDENTITY_ID);
    if (identityProblem) {
      throw new ValidationError(scope, `tls identity.id ${show(identityId)} ${identityProblem}.`);
    }
    return { secretId, identityId, dependsOn: this.dependsOn };
  }
}
