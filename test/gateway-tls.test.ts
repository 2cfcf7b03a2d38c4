import { Lazy } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { GatewayMode } from "../lib/core/gateway-mode";
import { GatewayTls, GatewayKeyVaultCertificateOptions } from "../lib/gateway/gateway-tls";
import { SharedGateway, SharedGatewayProps } from "../lib/gateway/shared-gateway";
import { Tenant } from "../lib/tenancy/tenant";
import { gatewayApiProblems, resourcesOf, synthJson, testStack } from "./util";

const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
const URI = "https://kv-aksgw.vault.azure.net/certificates/apps-example-com";
const keyVault = (over: Partial<GatewayKeyVaultCertificateOptions> = {}) =>
  GatewayTls.fromKeyVault({ certificateUri: URI, dnsNames: ["*.apps.example.com"], identityClientId: CLIENT_ID, ...over });

function gateway(props: Partial<SharedGatewayProps> = {}) {
  const stack = testStack();
  new KubernetesProvider(stack, "kubernetes", {});
  const gw = new SharedGateway(stack, "Gateway", {
    gatewayMode: GatewayMode.APP_ROUTING_ISTIO,
    address: "10.240.4.4",
    subnetName: "snet-gateway",
    https: keyVault(),
    ...props,
  });
  return { stack, gw };
}

const gatewayManifest = (json: any) =>
  (Object.values(resourcesOf(json, "kubernetes_manifest")) as any[]).map((r) => r.manifest).find((m) => m.kind === "Gateway");

describe("GatewayTls.fromKeyVault on the shared Gateway", () => {
  test("the https listener carries the add-on's tls.options and references the Secret the add-on creates", () => {
    const { stack } = gateway();
    const m = gatewayManifest(synthJson(stack));
    expect(m.spec.listeners[1]).toEqual({
      name: "https",
      protocol: "HTTPS",
      port: 443,
      tls: {
        mode: "Terminate",
        certificateRefs: [{ group: "", kind: "Secret", name: "kv-gw-cert-shared-gateway-https" }],
        options: {
          "kubernetes.azure.com/tls-cert-keyvault-uri": URI,
          "kubernetes.azure.com/tls-cert-service-account": "gateway-certificates",
        },
      },
      allowedRoutes: expect.objectContaining({ namespaces: expect.objectContaining({ from: "Selector" }) }),
    });
    expect(gatewayApiProblems(m)).toEqual({});
  });

  test("creates the workload-identity ServiceAccount in the Gateway's namespace, before the Gateway", () => {
    const { stack } = gateway({ name: "edge", https: keyVault({ serviceAccountName: "edge-certs" }) });
    const json = synthJson(stack);
    const [[saKey, sa]] = Object.entries(resourcesOf(json, "kubernetes_service_account_v1")) as any[];
    expect(sa.metadata).toEqual({
      name: "edge-certs",
      namespace: expect.stringContaining("kubernetes_namespace_v1."),
      annotations: { "azure.workload.identity/client-id": CLIENT_ID },
      labels: { "azure.workload.identity/use": "true", "app.kubernetes.io/part-of": "cdktf-aks-gateway" },
    });
    expect(sa.automount_service_account_token).toBe(false);
    const gatewayResource = (Object.values(resourcesOf(json, "kubernetes_manifest")) as any[]).find((r) => r.manifest.kind === "Gateway");
    expect(gatewayResource.depends_on).toContain(`kubernetes_service_account_v1.${saKey}`);
    expect(gatewayResource.manifest.spec.listeners[1].tls.certificateRefs[0].name).toBe("kv-gw-cert-edge-https");
    expect(gatewayResource.manifest.spec.listeners[1].tls.options["kubernetes.azure.com/tls-cert-service-account"]).toBe("edge-certs");
  });

  test("fromSecret creates no ServiceAccount", () => {
    const { stack } = gateway({ https: GatewayTls.fromSecret("tls", ["*.apps.example.com"]) });
    expect(resourcesOf(synthJson(stack), "kubernetes_service_account_v1")).toEqual({});
  });

  test("self-managed Istio gets no Key Vault sync: synth error naming the way out", () => {
    expect(() => gateway({ gatewayMode: GatewayMode.SELF_MANAGED_ISTIO })).toThrow(
      /Gateway: https: GatewayTls.fromKeyVault\(\) relies on the AKS app-routing add-on.*GatewayTls.fromSecret\(\)/,
    );
  });

  test.each([
    [URI + "/0123456789abcdef0123456789abcdef", /names version "0123456789abcdef0123456789abcdef"; leave the version out/],
    ["https://kv-aksgw.vault.azure.net/secrets/apps-example-com", /is a Key Vault secret identifier; use the certificate's URI/],
    ["https://kv-aksgw.example.com/certificates/x", /the host is not a Key Vault/],
    ["kv-aksgw/apps", /is not a Key Vault certificate URI/],
  ])("refuses certificateUri %s", (certificateUri, message) => {
    expect(() => gateway({ https: keyVault({ certificateUri }) })).toThrow(message);
  });

  test.each([
    [undefined, /identityClientId must be the client ID \(a GUID\).*got undefined/],
    ["/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id", /identityClientId must be the client ID/],
  ])("refuses identityClientId %s", (identityClientId, message) => {
    expect(() => gateway({ https: keyVault({ identityClientId: identityClientId as any }) })).toThrow(message);
  });

  test.each([
    [[], /dnsNames must list the DNS names the certificate covers.*got \[\]/],
    [undefined, /dnsNames must list the DNS names.*got undefined/],
    [["apps.example.com", "*.*.example.com"], /dnsNames\[1\] "\*\.\*\.example\.com" has a wildcard that is not the whole first label/],
  ])("refuses dnsNames %j", (dnsNames, message) => {
    expect(() => gateway({ https: keyVault({ dnsNames: dnsNames as any }) })).toThrow(message);
  });

  test("refuses a service account name that is not a DNS subdomain", () => {
    expect(() => gateway({ https: keyVault({ serviceAccountName: "Gateway_Certs" }) })).toThrow(
      /serviceAccountName must be a DNS-1123 subdomain, got "Gateway_Certs"/,
    );
  });

  test("unresolved tokens are not checked", () => {
    const { stack } = gateway({
      https: keyVault({
        certificateUri: Lazy.stringValue({ produce: () => "not checked" }),
        identityClientId: Lazy.stringValue({ produce: () => "not checked" }),
        dnsNames: [Lazy.stringValue({ produce: () => "not checked" })],
      }),
    });
    expect(() => synthJson(stack)).not.toThrow();
  });
});

describe("certificate coverage of tenant hostnames", () => {
  test("a tenant hostname the Gateway's certificate does not cover fails synth, naming the hostname and the certificate", () => {
    const { stack, gw } = gateway();
    new Tenant(stack, "App1", { gateway: gw, name: "app1", hostnames: ["app1.apps.example.com"] });
    new Tenant(stack, "Shop", { gateway: gw, name: "shop", hostnames: ["shop.example.org", "deep.shop.apps.example.com"] });
    expect(() => synthJson(stack, true)).toThrow(/tenant hostname "shop.example.org" is not covered by the Gateway's certificate \(dnsNames \["\*.apps.example.com"\]/);
    expect(() => synthJson(stack, true)).toThrow(/tenant hostname "deep.shop.apps.example.com" is not covered/);
  });

  test("covered hostnames, exact and wildcard, synthesize", () => {
    const { stack, gw } = gateway({ https: keyVault({ dnsNames: ["*.apps.example.com", "shop.example.org"] }) });
    new Tenant(stack, "App1", { gateway: gw, name: "app1", hostnames: ["app1.apps.example.com", "*.apps.example.com"] });
    new Tenant(stack, "Shop", { gateway: gw, name: "shop", hostnames: ["shop.example.org"] });
    expect(() => synthJson(stack, true)).not.toThrow();
  });

  test("without TLS, hostnames are not checked against any certificate", () => {
    const { stack, gw } = gateway({ https: undefined });
    new Tenant(stack, "Shop", { gateway: gw, name: "shop", hostnames: ["shop.example.org"] });
    expect(() => synthJson(stack, true)).not.toThrow();
  });
});
