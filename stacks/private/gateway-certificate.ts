/**
 * The Azure side of the shared Gateway's Key Vault certificate: what PlatformStack provisions for `gatewayTls`
 * and what the traffic stack reads back by name. Internal to the stacks.
 */
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../lib/core/errors";
import { show } from "../../lib/core/show";
import { GatewayMode } from "../../lib/core/gateway-mode";
import { AksCluster } from "../../lib/cluster/aks-cluster";
import { WorkloadIdentity } from "../../lib/cluster/workload-identity";
import { GatewayTls } from "../../lib/gateway/gateway-tls";
import { SharedGateway } from "../../lib/gateway/shared-gateway";
import { IResourceGroup } from "../../lib/network/resource-group";
import type { PlatformGatewayCertificate } from "../platform-stack";
import { KEY_VAULT_ID, armIdProblem, keyVaultCertificateUriProblem, vaultNameOfUrl } from "../../lib/core/azure-ids";

/** The certificate and vault PlatformStack was given, defaults applied. */
export interface GatewayCertificateInput {
  readonly keyVaultId: string;
  readonly certificateUri: string;
  readonly dnsNames: string[];
  readonly gatewayNamespace: string;
}

/** Checks the input against the cluster and the vault, then creates the identity, its credential and its role. */
export function provisionGatewayCertificate(
  scope: Construct,
  input: GatewayCertificateInput,
  cluster: AksCluster,
  resourceGroup: IResourceGroup,
  resourceGroupName: string,
  namePrefix: string,
): PlatformGatewayCertificate {
  checkInput(scope, input, cluster);
  const identity = new WorkloadIdentity(scope, "GatewayCertificateIdentity", {
    resourceGroup,
    identityName: `id-${namePrefix}-gateway-tls`,
    oidcIssuerUrl: cluster.oidcIssuerUrl,
    namespace: input.gatewayNamespace,
    serviceAccountName: GatewayTls.DEFAULT_SERVICE_ACCOUNT,
  });
  identity.grantKeyVaultSecretsUser(input.keyVaultId);
  return {
    certificateUri: input.certificateUri,
    dnsNames: input.dnsNames,
    identityName: identity.identityName,
    // The literal name, so the traffic stack reads the identity without a reference into this stack.
    resourceGroupName,
    gatewayNamespace: input.gatewayNamespace,
    serviceAccountName: GatewayTls.DEFAULT_SERVICE_ACCOUNT,
  };
}

function checkInput(scope: Construct, input: GatewayCertificateInput, cluster: AksCluster): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, `gatewayTls: ${message}`);
  };
  if (cluster.gatewayMode !== GatewayMode.APP_ROUTING_ISTIO) {
    fail(
      `the Gateway's Key Vault certificate is synced by the AKS app-routing add-on, which a self-managed Istio ` +
        `(cluster.gatewayMode ${show(cluster.gatewayMode)}) does not have. Use GatewayMode.APP_ROUTING_ISTIO, or leave ` +
        `gatewayTls out and put GatewayTls.fromSecret() on the traffic stack's gateway with a Secret you sync yourself.`,
    );
  }
  const { keyVaultId, certificateUri, gatewayNamespace } = input;
  const idProblem = Token.isUnresolved(keyVaultId) ? undefined : armIdProblem(`${keyVaultId}`, KEY_VAULT_ID);
  if (idProblem) fail(`keyVaultId ${show(keyVaultId)} ${idProblem}.`);
  const uriProblem = Token.isUnresolved(certificateUri) ? undefined : keyVaultCertificateUriProblem(`${certificateUri}`);
  if (uriProblem) fail(`certificateUri ${show(certificateUri)} ${uriProblem}.`);
  if (!Token.isUnresolved(keyVaultId) && !Token.isUnresolved(certificateUri)) {
    const vault = keyVaultId.split("/").pop()!.toLowerCase();
    const uriVault = vaultNameOfUrl(certificateUri);
    if (vault !== uriVault) {
      fail(
        `the certificate ${show(certificateUri)} is in vault ${show(uriVault)}, but keyVaultId names vault ${show(vault)}; ` +
          `the identity would be granted the wrong vault. Pass the resource ID of ${show(uriVault)}.`,
      );
    }
  }
  if (gatewayNamespace !== SharedGateway.DEFAULT_NAMESPACE && !Token.isUnresolved(gatewayNamespace) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(`${gatewayNamespace}`)) {
    fail(`gatewayNamespace must be a Kubernetes namespace name (a DNS-1123 label), got ${show(gatewayNamespace)}.`);
  }
}
