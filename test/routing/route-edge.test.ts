// The edge step of `route` on Application Gateways the library synthesizes: rules by priority through their
// listeners (multi-site host names before the basic listener: application-gateway/configuration-listeners.md),
// the certificate and WAF policy in force, the HTTP-to-HTTPS redirect (redirect-overview.md: Permanent is 301),
// and the Host the backend settings pass on.
import { StackResource } from "../../cli/route/app";
import { evaluateEdge, listenerHostMatches } from "../../cli/route/edge";
import { requestFromUrl } from "../../lib/private/routing";
import { certificate, defaultCertificate, gateway, secretId } from "../edge-fixtures";
import { resourcesOf, synthJson, testStack } from "../util";

/** The synthesized Application Gateway (and its WAF policies) with additional certificates for shop.example.com. */
function edgeApp(): { agw: StackResource; policies: StackResource[] } {
  const stack = testStack("edge");
  gateway(stack, { tls: defaultCertificate(), additionalCertificates: [certificate(["shop.example.com", "*.shop.example.com"], "shop")] });
  const json = synthJson(stack);
  const [id, value] = Object.entries(resourcesOf(json, "azurerm_application_gateway"))[0];
  const policies = Object.entries(resourcesOf(json, "azurerm_web_application_firewall_policy")).map(([pid, v]) => ({
    stack: "edge",
    id: pid,
    value: v,
  }));
  return { agw: { stack: "edge", id, value }, policies };
}

function edgeFor(url: string, app = edgeApp()) {
  const steps: string[] = [];
  return { ...evaluateEdge(app.agw, app.policies, requestFromUrl(url), steps), steps };
}

describe("the Application Gateway's listeners and rules", () => {
  test("a host of an additional certificate takes its multi-site listener and certificate (priority before the catch-all)", () => {
    const { edge, forward } = edgeFor("https://a.shop.example.com/cart");
    expect(edge.listener).toEqual({
      name: "https-1-2",
      protocol: "Https",
      port: 443,
      hostNames: ["*.shop.example.com"],
      certificate: { name: "listener-certificate-1", keyVaultSecretId: secretId("shop") },
      sslPolicy: "AppGwSslPolicy20220101S",
    });
    expect(edge.rule).toEqual({ name: "https-1-2", priority: 2 });
    expect(forward).toMatchObject({ scheme: "http", port: 80, host: "a.shop.example.com", path: "/cart" });
  });

  test("any other host takes the basic HTTPS listener with the default certificate", () => {
    const { edge, steps } = edgeFor("https://apps.example.com/");
    expect(edge.listener?.certificate).toEqual({ name: "listener-certificate", keyVaultSecretId: secretId("default") });
    expect(edge.rule).toEqual({ name: "catch-all", priority: 100 });
    expect(steps[0]).toBe(
      `Edge: Application Gateway ${edge.applicationGateway}, listener https (HTTPS :443, any host, certificate listener-certificate (${secretId(
        "default"
      )}), TLS policy AppGwSslPolicy20220101S) -> rule catch-all (priority 100).`
    );
  });

  test("HTTP redirects to the HTTPS listener: 301, same host, path and query kept, default port left out", () => {
    const { edge, forward } = edgeFor("http://shop.example.com/a/b?c=d");
    expect(edge).toMatchObject({ status: 301, redirect: "https://shop.example.com/a/b?c=d", rule: { name: "http-to-https" } });
    expect(forward).toBeUndefined();
  });

  test("the WAF policy of the gateway is in force, unless a listener names its own", () => {
    const app = edgeApp();
    expect(edgeFor("https://apps.example.com/", app).edge.waf).toMatchObject({
      mode: "Prevention",
      enabled: true,
      ruleSets: ["Microsoft_DefaultRuleSet 2.1", "Microsoft_BotManagerRuleSet 1.1"],
    });
    const detection = {
      stack: "edge",
      id: "Tenant",
      value: { name: "waf-tenant", policy_settings: { mode: "Detection" }, custom_rules: [{ name: "BlockCountry" }] },
    };
    app.agw.value.http_listener.find((l: any) => l.name === "https-1-2").firewall_policy_id = "${azurerm_web_application_firewall_policy.Tenant.id}";
    const { edge, steps } = edgeFor("https://a.shop.example.com/", { agw: app.agw, policies: [...app.policies, detection] });
    expect(edge.waf).toEqual({ policy: "waf-tenant", mode: "Detection", enabled: true, ruleSets: [], customRules: ["BlockCountry"] });
    expect(steps[1]).toBe(
      "Edge: WAF policy waf-tenant in Detection mode (no managed rule sets, custom rules BlockCountry) logs what its rules flag without blocking; this tool does not evaluate WAF rules."
    );
  });

  test("backend settings that override the Host send that Host to the Gateway", () => {
    const app = edgeApp();
    app.agw.value.backend_http_settings[0].host_name = "gateway.internal";
    expect(edgeFor("https://apps.example.com/", app).forward?.host).toBe("gateway.internal");
    delete app.agw.value.backend_http_settings[0].host_name;
    app.agw.value.backend_http_settings[0].pick_host_name_from_backend_address = true;
    expect(edgeFor("https://apps.example.com/", app).forward?.host).toBe("10.240.4.4");
  });

  test("no listener for the host: 404 at the edge; no listener on the port or the wrong protocol: refused", () => {
    const app = edgeApp();
    app.agw.value.request_routing_rule = app.agw.value.request_routing_rule.filter((r: any) => r.http_listener_name.startsWith("https-1"));
    expect(edgeFor("https://apps.example.com/", app).edge.status).toBe(404);
    expect(edgeFor("http://apps.example.com:8080/").edge.refused).toMatch(/has no listener on port 8080 \(open: 80, 443\); the connection fails/);
    expect(edgeFor("http://apps.example.com:443/").edge.refused).toMatch(/port 443 has no Http listener \(it speaks Https\); the connection fails/);
  });

  test("listener host names: * any characters (dots too), ? one character, case-insensitive", () => {
    expect(listenerHostMatches("*.shop.example.com", "a.b.shop.example.com")).toBe(true);
    expect(listenerHostMatches("*.shop.example.com", "shop.example.com")).toBe(false);
    expect(listenerHostMatches("app?.example.com", "app1.example.com")).toBe(true);
    expect(listenerHostMatches("app?.example.com", "app12.example.com")).toBe(false);
    expect(listenerHostMatches("Shop.Example.com", "shop.example.com")).toBe(true);
  });
});
