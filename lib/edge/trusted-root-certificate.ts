import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { keyVaultSecretIdProblem } from "../core/azure-ids";

/** Options of {@link TrustedRootCertificate.fromKeyVault}. */
export interface KeyVaultTrustedRootCertificateOptions {
  /**
   * Key Vault secret identifier of the private CA's root certificate, e.g.
   * `https://kv-edge.vault.azure.net/secrets/gateway-root-ca`: the secret of a Key Vault certificate object,
   * or a secret holding the root certificate base64-encoded. The root, not an intermediate: Application Gateway
   * v2 trusts a backend whose chain ends in one of its trusted roots.
   *
   * The gateway reads it with its user-assigned identity (the identity of `ApplicationGatewayProps.tls`), which
   * therefore needs `Key Vault Secrets User` on this vault too.
   *
   * @see https://learn.microsoft.com/azure/application-gateway/ssl-overview#end-to-end-tls-with-the-v2-sku
   */
  readonly secretId: string;
}

/** A trusted root certificate resolved for one Application Gateway. */
export interface TrustedRootCertificateConfig {
  /** Key Vault secret identifier. */
  readonly secretId: string;
}

/**
 * The root certificate of the private CA that issued the shared Gateway's certificate, so the Application
 * Gateway can verify it when it re-encrypts to the Gateway (`BackendProtocol.HTTPS`).
 *
 * Without one, Application Gateway v2 accepts only backend certificates that chain to a well-known public CA.
 * Either way it also checks the certificate's name against the SNI it sends (the client's Host for requests,
 * the probe's host for probes).
 *
 * @see https://learn.microsoft.com/azure/application-gateway/ssl-overview#end-to-end-tls-with-the-v2-sku
 */
export class TrustedRootCertificate {
  /** A root certificate kept in Key Vault, read with the gateway's user-assigned identity. */
  public static fromKeyVault(options: KeyVaultTrustedRootCertificateOptions): TrustedRootCertificate {
    return new TrustedRootCertificate(options.secretId);
  }

  private constructor(
    /** Key Vault secret identifier of the root certificate. */
    public readonly secretId: string,
  ) {}

  /**
   * Validates the certificate for one Application Gateway. Called by {@link ApplicationGateway}; errors name
   * `scope`.
   */
  public bind(scope: IConstruct): TrustedRootCertificateConfig {
    const secretId = this.secretId;
    if (!Token.isUnresolved(secretId)) {
      const problem = keyVaultSecretIdProblem(secretId);
      if (problem) throw new ValidationError(scope, `trustedRootCertificate secretId ${show(secretId)} ${problem}.`);
    }
    return { secretId };
  }
}
