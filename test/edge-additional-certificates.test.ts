// ApplicationGateway additionalCertificates: multi-site HTTPS listeners per certificate, their order, the redirect,
// the one identity, the v2 limits, and which certificate the gateway serves for a host name.
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { ApplicationGateway } from "../lib/edge/application-gateway";
import { ListenerCertificate } from "../lib/edge/listener-certificate";
import {
  OTHER_IDENTITY_ID,
  build,
  certificate,
  defaultCertificate,
  gateway,
  names,
  secretId,
  synthGateway,
} from "./edge-fixtures";
import { resourcesOf, synthJson, testStack } from "./util";

const shop = () => certificate(["shop.example.com", "www.shop.example.com"], "shop");

describe("ApplicationGateway additionalCertificates", () => {
  test("each certificate gets a multi-site HTTPS listener on 443 for its names, routed to the same backend", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [shop()] });
    expect(json.ssl_certificate).toEqual([
      { name: "listener-certificate", key_vault_secret_id: secretId("default") },
      { name: "listener-certificate-1", key_vault_secret_id: secretId("shop") },
    ]);
    expect(json.http_listener[2]).toEqual({
      name: "https-1-1",
      frontend_ip_configuration_name: "public-frontend",
      frontend_port_name: "port-443",
      protocol: "Https",
      host_names: ["shop.example.com", "www.shop.example.com"],
      ssl_certificate_name: "listener-certificate-1",
    });
    expect(json.request_routing_rule[2]).toEqual({
      name: "https-1-1",
      rule_type: "Basic",
      http_listener_name: "https-1-1",
      backend_address_pool_name: "shared-gateway",
      backend_http_settings_name: "shared-gateway-http",
      priority: 1,
    });
    expect(json.frontend_port).toHaveLength(2);
  });

  test("the default HTTPS listener, the catch-all and the redirect stay as they are", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [shop()] });
    const plain = synthGateway({ tls: defaultCertificate() }).json;
    expect(json.http_listener.slice(0, 2)).toEqual(plain.http_listener);
    expect(json.request_routing_rule.slice(0, 2)).toEqual(plain.request_routing_rule);
    expect(json.redirect_configuration).toEqual(plain.redirect_configuration);
  });

  test("HTTP 80 (a basic listener, every host) redirects to the basic HTTPS listener, which no host name pins", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [shop()] });
    const http = json.http_listener.find((l: any) => l.name === "http");
    const target = json.http_listener.find((l: any) => l.name === json.redirect_configuration[0].target_listener_name);
    expect(http.host_names).toBeUndefined();
    expect(target).toEqual(expect.objectContaining({ name: "https", protocol: "Https" }));
    expect(target.host_names).toBeUndefined();
    expect(target.host_name).toBeUndefined();
  });

  test("a certificate with more than 5 names is split into listeners of at most 5", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [certificate(names(12), "many")] });
    const sites = json.http_listener.slice(2);
    expect(sites.map((l: any) => [l.name, l.host_names.length, l.ssl_certificate_name])).toEqual([
      ["https-1-1", 5, "listener-certificate-1"],
      ["https-1-2", 5, "listener-certificate-1"],
      ["https-1-3", 2, "listener-certificate-1"],
    ]);
    expect(sites.flatMap((l: any) => l.host_names)).toEqual(names(12));
    expect(json.ssl_certificate).toHaveLength(2);
  });

  test("rules put exact names first, then wildcards with more labels, all before the catch-all", () => {
    const wide = certificate(["*.example.com"], "wide");
    const narrow = certificate(["*.eu.example.com", "eu.example.com"], "narrow");
    const exact = certificate(["a.b.example.com"], "exact");
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [wide, narrow, exact] });
    const sites = json.request_routing_rule
      .filter((r: any) => r.name.startsWith("https-"))
      .sort((a: any, b: any) => a.priority - b.priority)
      .map((r: any) => [r.priority, json.http_listener.find((l: any) => l.name === r.http_listener_name).host_names]);
    expect(sites).toEqual([
      [1, ["eu.example.com"]],
      [2, ["a.b.example.com"]],
      [3, ["*.eu.example.com"]],
      [4, ["*.example.com"]],
    ]);
    const catchAll = json.request_routing_rule.find((r: any) => r.name === "catch-all");
    expect(Math.max(...json.request_routing_rule.filter((r: any) => r.name.startsWith("https-")).map((r: any) => r.priority))).toBeLessThan(
      catchAll.priority,
    );
  });

  test("listener names follow the certificate's position and part, whatever the priority", () => {
    const { json } = synthGateway({
      tls: defaultCertificate(),
      additionalCertificates: [certificate(["*.example.com"], "wide"), certificate(["a.example.net"], "exact")],
    });
    expect(json.http_listener.slice(2).map((l: any) => [l.name, l.ssl_certificate_name])).toEqual([
      ["https-2-1", "listener-certificate-2"],
      ["https-1-1", "listener-certificate-1"],
    ]);
  });

  test("certificates exposes tls first, then the additional ones; depends_on joins theirs", () => {
    const stack = testStack();
    const access = new UserAssignedIdentity(stack, "Access", { name: "id-x", resourceGroupName: "rg", location: "swedencentral" });
    const tenant = ListenerCertificate.fromKeyVault({
      secretId: secretId("tenant"),
      identity: { id: defaultCertificate().identity.id },
      dnsNames: ["tenant.example.net"],
      dependsOn: [access],
    });
    const tls = defaultCertificate();
    const gw = gateway(stack, { tls, additionalCertificates: [tenant] });
    expect(gw.certificates).toEqual([tls, tenant]);
    const res = Object.values(resourcesOf(synthJson(stack), "azurerm_application_gateway"))[0] as any;
    expect(res.depends_on).toEqual([expect.stringMatching(/^azurerm_user_assigned_identity\.Access/)]);
  });

  test("certificates is empty without tls", () => {
    expect(synthGateway({}).construct.certificates).toEqual([]);
  });

  test("the gateway keeps one user-assigned identity when every certificate uses it", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: [shop(), certificate(["x.example.net"], "x")] });
    expect(json.identity).toEqual({ type: "UserAssigned", identity_ids: [defaultCertificate().identity.id] });
  });

  test("the same identity object, read through tokens, stays one identity", () => {
    const stack = testStack();
    const identity = new UserAssignedIdentity(stack, "Identity", { name: "id-agw", resourceGroupName: "rg", location: "swedencentral" });
    const tls = ListenerCertificate.fromKeyVault({ secretId: secretId("default"), identity, dnsNames: ["apps.example.com"] });
    const tenant = ListenerCertificate.fromKeyVault({ secretId: secretId("tenant"), identity, dnsNames: ["tenant.example.net"] });
    gateway(stack, { tls, additionalCertificates: [tenant] });
    const res = Object.values(resourcesOf(synthJson(stack), "azurerm_application_gateway"))[0] as any;
    expect(res.identity.identity_ids).toEqual(["${azurerm_user_assigned_identity.Identity.id}"]);
  });

  test("an empty list without tls is accepted and changes nothing", () => {
    expect(synthGateway({ additionalCertificates: [] }).json).toEqual(synthGateway({}).json);
  });

  test("throws when tls is not set", () => {
    expect(build({ additionalCertificates: [shop()] })).toThrow(
      /test\/Edge: additionalCertificates has 1 certificate\(s\) \(the first for \["shop.example.com","www.shop.example.com"\]\) but tls is not set\. .*Set tls to the default certificate/,
    );
  });

  test("throws when two additional certificates name the same host", () => {
    expect(build({ tls: defaultCertificate(), additionalCertificates: [shop(), certificate(["a.example.net", "shop.example.com"], "dup")] })).toThrow(
      /test\/Edge: additionalCertificates\[1\] dnsNames lists "shop.example.com", which additionalCertificates\[0\] also lists: .*Keep the name on one certificate/,
    );
  });

  test("throws when an additional certificate uses another identity", () => {
    expect(build({ tls: defaultCertificate(), additionalCertificates: [certificate(["t.example.net"], "t", OTHER_IDENTITY_ID)] })).toThrow(
      /test\/Edge: additionalCertificates\[0\] identity.id ".*id-tenant" differs from tls identity.id ".*id-agw": an Application Gateway has one user-assigned identity/,
    );
  });

  test("throws when an additional certificate is invalid, naming its position", () => {
    expect(build({ tls: defaultCertificate(), additionalCertificates: [shop(), certificate(["Bad.example.com"], "bad")] })).toThrow(
      /test\/Edge: additionalCertificates\[1\] dnsNames\[0\] "Bad.example.com" has upper-case letters/,
    );
  });
});

describe("ApplicationGateway v2 limits on additionalCertificates", () => {
  const many = (count: number, perCertificate = 1) =>
    Array.from({ length: count }, (_v, i) => certificate(names(perCertificate, `t${i + 1}.example.org`), `t${i + 1}`));

  test("99 additional certificates (100 certificates, 100 active listeners) are accepted", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: many(99) });
    expect(json.ssl_certificate).toHaveLength(100);
    expect(json.request_routing_rule.filter((r: any) => r.backend_address_pool_name)).toHaveLength(100);
    expect(Math.max(...json.request_routing_rule.map((r: any) => r.priority))).toBe(ApplicationGateway.REDIRECT_PRIORITY);
    expect(Math.max(...json.request_routing_rule.filter((r: any) => r.name.startsWith("https-")).map((r: any) => r.priority))).toBe(99);
  });

  test("throws at 100 additional certificates: 101 SSL certificates", () => {
    expect(build({ tls: defaultCertificate(), additionalCertificates: many(100) })).toThrow(
      /test\/Edge: this configuration needs 101 SSL certificates, but Application Gateway v2 allows 100 \(Azure subscription and service limits.*\)\. .*SAN or wildcard certificate/,
    );
  });

  test("33 certificates of 15 names (99 listeners + the default) are accepted", () => {
    const { json } = synthGateway({ tls: defaultCertificate(), additionalCertificates: many(33, 15) });
    expect(json.http_listener).toHaveLength(101);
    expect(json.http_listener.every((l: any) => (l.host_names?.length ?? 0) <= 5)).toBe(true);
  });

  test("throws one listener past it: 101 active listeners", () => {
    expect(build({ tls: defaultCertificate(), additionalCertificates: [...many(33, 15), certificate(["one-more.example.net"], "more")] })).toThrow(
      /test\/Edge: this configuration needs 101 active HTTP listeners \(listeners whose rule routes to a backend pool\), but Application Gateway v2 allows 100/,
    );
  });
});

describe("ApplicationGateway.certificateFor", () => {
  const wide = certificate(["*.example.com"], "wide");
  const narrow = certificate(["a.b.example.com", "*.eu.example.com"], "narrow");
  const tls = certificate(["apps.example.net", "*.apps.example.net", "x.y.example.com"], "default");
  const gw = () => gateway(testStack(), { tls, additionalCertificates: [wide, narrow] });

  test.each([
    ["an exact name of an additional certificate", "a.b.example.com", "narrow"],
    ["a host under the narrower wildcard", "shop.eu.example.com", "narrow"],
    ["a host under the wide wildcard", "shop.example.com", "wide"],
    ["a host two labels under the wide wildcard (Azure's * spans dots)", "x.y.example.com", "wide"],
    ["a host no additional certificate names", "shop.apps.example.net", "default"],
    ["a wildcard host name with a listener of its own", "*.eu.example.com", "narrow"],
    ["a wildcard host name falling to a wider listener", "*.other.example.com", "wide"],
    ["a wildcard host name only the default names", "*.apps.example.net", "default"],
    ["an upper-case host name", "SHOP.EU.EXAMPLE.COM", "narrow"],
  ])("%s: %s → %s", (_what, host, expected) => {
    expect(gw().certificateFor(host)?.secretId).toBe(secretId(expected));
  });

  test("shows when a host is served a certificate that does not cover it although another does", () => {
    const edge = gw();
    expect(tls.covers("x.y.example.com")).toBe(true);
    expect(edge.certificateFor("x.y.example.com")?.covers("x.y.example.com")).toBe(false);
  });

  test("is undefined without tls", () => {
    expect(gateway(testStack()).certificateFor("a.example.com")).toBeUndefined();
  });
});
