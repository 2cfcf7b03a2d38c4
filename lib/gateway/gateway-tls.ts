/** Options of {@link GatewayTls.fromKeyVault}. */
export interface GatewayKeyVaultCertificateOptions {
  /**
   * Versionless URI of the Key Vault certificate, `https://<vault>.vault.azure.net/certificates/<name>`. Without a
   * version, the add-on's sync picks up each renewal made in Key Vault.
   *
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
   */
  readonly certificateUri: string;
  /**
   * DNS names the certificate covers (its subject alternative names): exact (`app1.example.com`) or wildcard
   * (`*.example.com`). Every tenant hostname on the Gateway must be covered, or synth fails.
   */
  readonly dnsNames: string[];
  /**
   * Client ID of the user-assigned identity the add-on reads the certificate with. It needs "Key Vault Secrets
   * User" on the vault and a federated credential for `system:serviceaccount:<gateway namespace>:<serviceAccountName>`
   * on the cluster's OIDC issuer: `WorkloadIdentity` provisions both, and `WorkloadIdentity.clientId` gives this.
   */
  readonly identityClientId: string;
  /**
   * ServiceAccount, created in the Gateway's namespace, that the add-on exchanges for the identity's token. It
   * carries the `azure.workload.identity/client-id` annotation and the `azure.workload.identity/use` label.
   *
   * @default GatewayTls.DEFAULT_SERVICE_ACCOUNT ("gateway-certificates")
   */
  readonly serviceAccountName?: string;
}

/**
 * The certificate of the shared Gateway's `https` listener, with the DNS names it covers.
 *
 * @see https://gateway-api.sigs.k8s.io/guides/tls/
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
 */
export class GatewayTls {
  /** ServiceAccount the app-routing add-on uses to read a Key Vault certificate, unless another is named. */
  public static readonly DEFAULT_SERVICE_ACCOUNT = "gateway-certificates";

  /**
   * Terminates TLS with the certificate in a `kubernetes.io/tls` Secret in the Gateway's namespace (keys
   * `tls.crt` and `tls.key`). The Secret is not created here: keep key material out of Terraform state. Any
   * GatewayClass can use it, including a self-managed Istio (sync the Secret with your own SecretProviderClass).
   *
   * @param secretName - name of the Secret, a DNS-1123 subdomain
   * @param dnsNames - DNS names the certificate covers, exact or wildcard (`*.example.com`)
   */
  public static fromSecret(secretName: string, dnsNames: string[]): GatewayTls {
    return new GatewayTls(dnsNames, secretName);
  }

  /**
   * Terminates TLS with a Key Vault certificate that the AKS app-routing add-on syncs onto the listener
   * (listener `tls.options`): the add-on creates a SecretProviderClass and a `kubernetes.io/tls` Secret
   * `kv-gw-cert-<gateway>-https` and keeps them current as the certificate renews. No key material passes
   * through Terraform. Needs app routing (`GatewayMode.APP_ROUTING_ISTIO`) and the cluster's Key Vault secrets
   * provider add-on (`AksClusterProps.keyVaultSecretsProvider`).
   *
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
   */
  public static fromKeyVault(options: GatewayKeyVaultCertificateOptions): GatewayTls {
    return new GatewayTls(options.dnsNames, undefined, options);
  }

  private constructor(
    /** DNS names the certificate covers. */
    public readonly dnsNames: string[],
    /** Name of the `kubernetes.io/tls` Secret, for `fromSecret`. */
    public readonly secretName?: string,
    /** The Key Vault certificate, for `fromKeyVault`. */
    public readonly keyVault?: GatewayKeyVaultCertificateOptions,
  ) {}
}
