// Shared fixtures of the edge tests (ApplicationGateway with certificates, HTTPS backends and trusted roots).
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ApplicationGateway, ApplicationGatewayProps } from "../lib/edge/application-gateway";
import { ListenerCertificate } from "../lib/edge/listener-certificate";
import { ISubnet } from "../lib/network/network-ref";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

export const GATEWAY_IP = "10.240.4.4";
export const SUBNET: ISubnet = {
  subnetId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-agw",
  subnetName: "snet-agw",
  cidr: "10.240.5.0/24",
};
export const IDENTITY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw";
export const OTHER_IDENTITY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-tenant";

/** `https://kv-edge.vault.azure.net/secrets/<name>`. */
export function secretId(name: string): string {
  return `https://kv-edge.vault.azure.net/secrets/${name}`;
}

/** A Key Vault certificate covering `dnsNames`, read by the platform identity. */
export function certificate(dnsNames: string[], name = "cert", identityId = IDENTITY_ID): ListenerCertificate {
  return ListenerCertificate.fromKeyVault({ secretId: secretId(name), identity: { id: identityId }, dnsNames });
}

/** The platform's default certificate. */
export function defaultCertificate(): ListenerCertificate {
  return certificate(["apps.example.com", "*.apps.example.com"], "default");
}

/** An Application Gateway on the test subnet in front of the test backend IP. */
export function gateway(scope: Construct, props: Partial<ApplicationGatewayProps> = {}): ApplicationGateway {
  return new ApplicationGateway(scope, "Edge", {
    resourceGroup: testResourceGroup(),
    subnet: SUBNET,
    backendAddress: GATEWAY_IP,
    ...props,
  });
}

/** Builds a gateway in a fresh stack (errors then name `test/Edge`). */
export function build(props: Partial<ApplicationGatewayProps>): () => ApplicationGateway {
  return () => gateway(new TerraformStack(Testing.app(), "test"), props);
}

/** The synthesized azurerm_application_gateway of a gateway built with `props`, and the construct. */
export function synthGateway(props: Partial<ApplicationGatewayProps>): { json: any; construct: ApplicationGateway } {
  const stack = testStack();
  const construct = gateway(stack, props);
  const gateways = Object.values(resourcesOf(synthJson(stack), "azurerm_application_gateway"));
  if (gateways.length !== 1) throw new Error(`expected one gateway, got ${gateways.length}`);
  return { json: gateways[0], construct };
}

/** `n` distinct exact DNS names under `domain`. */
export function names(n: number, domain = "example.org", prefix = "h"): string[] {
  return Array.from({ length: n }, (_v, i) => `${prefix}${i + 1}.${domain}`);
}
