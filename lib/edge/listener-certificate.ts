import { Annotations, ITerraformDependable, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { USER_ASSIGNED_IDENTITY_ID, armIdProblem, isVersionedSecretId, keyVaultSecretIdProblem } from "../core/azure-ids";
import { certificateDnsNameProblem, tlsCovers } from "../private/certificate-names";

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
   * The DNS names the certificate covers (its subject alternative names): exact names (`shop.example.com`) or
   * wildcards whose whole first label is `*` (`*.example.com`), lower case, each once.
   *
   * The library cannot read the certificate at synth, so it trusts this list: it decides which host names the
   * certificate's listener answers (for `ApplicationGatewayProps.additionalCertificates`) and which tenant
   * host names count as covered ({@link ListenerCertificate.covers}). List exactly what the certificate holds.
   *
   * @see https://www.rfc-editor.org/rfc/rfc6125#section-6.4.3
   */
  readonly dnsNames: string[];

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
  /** DNS names the certificate covers. */
  readonly dnsNames: string[];
}


/**
 * A TLS certificate an HTTPS listener of the Application Gateway presents, kept in Key Vault, with the DNS
 * names it covers. As `ApplicationGatewayProps.tls` it turns on HTTPS on 443 (for any host name) and a
 * permanent redirect from HTTP 80; in `ApplicationGatewayProps.additionalCertificates` it gets a listener of
 * its own for its DNS names.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/key-vault-certs
 */
export class ListenerCertificate {
  /** A certificate kept in Key Vault, read by a user-assigned identity. */
  public static fromKeyVault(options: KeyVaultListenerCertificateOptions): ListenerCertificate {
    return new ListenerCertificate(options.secretId, options.identity, options.dependsOn ?? [], options.dnsNames);
  }

  private constructor(
    /** Key Vault secret identifier. */
    public readonly secretId: string,
    /** Identity reading the secret. */
    public readonly identity: IUserAssignedIdentity,
    /** What the gateway waits for before reading the secret. */
    public readonly dependsOn: ITerraformDependable[],
    /** DNS names the certificate covers, exact or `*.` wildcards, as given. */
    public readonly dnsNames: readonly string[],
  ) {}

  /**
   * Whether a TLS client asking for `hostname` accepts this certificate (RFC 6125): an exact name matches
   * itself (any case); `*.example.com` covers exactly one label, so `a.example.com` but neither `example.com`
   * nor `a.b.example.com`. A wildcard host name such as a tenant may own (`*.apps.example.com`) stands for
   * every host one label below it, so only the same wildcard covers it.
   *
   * This says what the certificate accepts, not which certificate the gateway serves for the host: see
   * `ApplicationGateway.certificateFor`.
   */
  public covers(hostname: string): boolean {
    return tlsCovers(this.dnsNames, hostname);
  }

  /**
   * Validates the certificate for one Application Gateway. Called by {@link ApplicationGateway}; errors
   * and warnings name `scope` and the prop holding the certificate.
   *
   * @param scope - the construct errors and warnings name
   * @param prop - where the certificate was given, for messages: `tls` or `additionalCertificates[0]`
   */
  public bind(scope: IConstruct, prop: string = "tls"): ListenerCertificateConfig {
    const secretId = this.secretId;
    const identityId = this.identity.id;
    if (!Token.isUnresolved(secretId)) {
      const problem = keyVaultSecretIdProblem(secretId);
      if (problem) {
        throw new ValidationError(scope, `${prop} secretId ${show(secretId)} ${problem}.`);
      }
      if (isVersionedSecretId(secretId)) {
        Annotations.of(scope).addWarning(
          `${prop} secretId ${show(secretId)} names a secret version, so certificate renewals are not picked up; drop the version to follow the latest one.`,
        );
      }
    }
    const identityProblem = Token.isUnresolved(identityId) ? undefined : armIdProblem(identityId, USER_ASSIGNED_IDENTITY_ID);
    if (identityProblem) {
      throw new ValidationError(scope, `${prop} identity.id ${show(identityId)} ${identityProblem}.`);
    }
    validateDnsNames(scope, prop, this.dnsNames);
    return { secretId, identityId, dependsOn: this.dependsOn, dnsNames: [...this.dnsNames] };
  }
}

function validateDnsNames(scope: IConstruct, prop: string, dnsNames: readonly string[] | undefined): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, `${prop} dnsNames${message}`);
  };
  if (dnsNames === undefined || Token.isUnresolved(dnsNames) || !Array.isArray(dnsNames) || dnsNames.length === 0) {
    fail(
      ` must list the DNS names the certificate covers (at least one literal, e.g. ["www.example.com"] or ["*.example.com"]), got ${show(dnsNames)}. ` +
        `The library cannot read the certificate at synth; it routes and checks coverage with this list.`,
    );
  }
  dnsNames!.forEach((name, i) => {
    if (typeof name !== "string" || Token.isUnresolved(name)) {
      fail(`[${i}] must be a literal string (listener host names and the coverage check need it at synth), got ${show(name)}.`);
    }
    const problem = certificateDnsNameProblem(name);
    if (problem) fail(`[${i}] ${show(name)} ${problem}.`);
    if (dnsNames!.indexOf(name) !== i) fail(` lists ${show(name)} twice (at ${dnsNames!.indexOf(name)} and ${i}); list each name once.`);
  });
}
