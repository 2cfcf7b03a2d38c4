/**
 * Checks of a GatewayTls and of which hostnames its certificate covers. Internal to the gateway layer.
 */
import { Token } from "cdktf";
import { GatewayMode } from "../../core/gateway-mode";
import { show } from "../../core/show";
import { keyVaultCertificateUriProblem } from "../../core/azure-ids";
import { certificateDnsNameProblem, tlsCovers } from "../../private/certificate-names";
import { dnsSubdomainProblem } from "../../private/validation";
import { GatewayTls } from "../gateway-tls";

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/**
 * Name of the Secret (and SecretProviderClass) the app-routing add-on creates for a listener that reads a
 * Key Vault certificate, and writes into the listener's `certificateRefs` (FACTS §12).
 */
export function keyVaultSecretName(gatewayName: string, listenerName: string): string {
  return `kv-gw-cert-${gatewayName}-${listenerName}`;
}

/** Problems of `tls` on a Gateway of `mode`, each a sentence with the value as given and the fix. */
export function gatewayTlsProblems(tls: GatewayTls, mode: GatewayMode): string[] {
  const problems = dnsNamesProblems(tls.dnsNames);
  if (tls.keyVault === undefined) {
    const secret = tls.secretName;
    if (!Token.isUnresolved(secret) && (typeof secret !== "string" || dnsSubdomainProblem(secret) !== undefined)) {
      problems.push(`GatewayTls.fromSecret() takes a Secret name (a DNS-1123 subdomain), got ${show(secret)}.`);
    }
    return problems;
  }
  const { certificateUri, identityClientId, serviceAccountName } = tls.keyVault;
  if (mode === GatewayMode.SELF_MANAGED_ISTIO) {
    problems.unshift(
      `GatewayTls.fromKeyVault() relies on the AKS app-routing add-on, which syncs Key Vault certificates only onto ` +
        `Gateways of its managed GatewayClasses; a self-managed Istio ("istio" from Helm) gets no sync. Use ` +
        `GatewayMode.APP_ROUTING_ISTIO, or GatewayTls.fromSecret() with a Secret you sync yourself (a SecretProviderClass ` +
        `of the Key Vault secrets provider with secretObjects).`,
    );
  }
  const uriProblem = Token.isUnresolved(certificateUri) ? undefined : keyVaultCertificateUriProblem(`${certificateUri}`);
  if (uriProblem) problems.push(`certificateUri ${show(certificateUri)} ${uriProblem}.`);
  if (!Token.isUnresolved(identityClientId) && !(typeof identityClientId === "string" && GUID.test(identityClientId))) {
    problems.push(
      `identityClientId must be the client ID (a GUID) of the user-assigned identity that reads the vault, got ` +
        `${show(identityClientId)}. Use WorkloadIdentity.clientId, or "az identity show --query clientId".`,
    );
  }
  const account = serviceAccountName;
  if (account !== undefined && !Token.isUnresolved(account) && dnsSubdomainProblem(`${account}`) !== undefined) {
    problems.push(`serviceAccountName must be a DNS-1123 subdomain, got ${show(account)}.`);
  }
  return problems;
}

function dnsNamesProblems(dnsNames: unknown): string[] {
  if (Token.isUnresolved(dnsNames)) return [];
  if (!Array.isArray(dnsNames) || dnsNames.length === 0) {
    return [
      `dnsNames must list the DNS names the certificate covers (e.g. ["*.apps.example.com"]), got ${show(dnsNames)}; ` +
        `synth checks every tenant hostname against them.`,
    ];
  }
  return dnsNames
    .map((n, i) => [n, i, typeof n === "string" ? certificateDnsNameProblem(n) : "is not a string"] as const)
    .filter(([n, , problem]) => !Token.isUnresolved(n) && problem !== undefined)
    .map(([n, i, problem]) => `dnsNames[${i}] ${show(n)} ${problem}.`);
}

/** The hostnames (tokens skipped) that a certificate with `dnsNames` does not cover. */
export function uncoveredHostnames(dnsNames: readonly string[], hostnames: readonly string[]): string[] {
  if (Token.isUnresolved(dnsNames) || dnsNames.some((n) => Token.isUnresolved(n))) return [];
  return hostnames.filter((h) => !Token.isUnresolved(h) && !tlsCovers(dnsNames, h));
}
