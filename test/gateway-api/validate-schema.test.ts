import { RULES_NOT_CHECKED, validateGatewayApiObject } from "../../lib/private/gateway-api/validate";
import { withHint } from "../../lib/private/gateway-api/hints";
import { gateway, httpRoute, Json, matches, tlsRoute, V1_2, V1_3, V1_4, V1_5, V1_6 } from "./fixtures";

const HTTPROUTE_FILTERS = '"RequestHeaderModifier", "ResponseHeaderModifier", "RequestMirror", "RequestRedirect", "URLRewrite", "ExtensionRef"';

/** A Gateway with `n` HTTP listeners on distinct hostnames. */
function gatewayWithListeners(n: number): Json {
  const g = gateway();
  g.spec.listeners = Array.from({ length: n }, (_, i) => ({ name: `l${i}`, port: 80, protocol: "HTTP", hostname: `t${i}.contoso.example` }));
  return g;
}

describe("unknown fields are errors, with the bundle that has them", () => {
  test("a field no bundle has", () => {
    const r = httpRoute();
    r.spec.rules[0].retry = { attempts: 3 };
    expect(validateGatewayApiObject(r, V1_5)).toEqual([
      "spec.rules[0].retry: unknown field in Gateway API v1.5.1; no Gateway API standard-channel bundle up to v1.6.1 has this field",
    ]);
  });

  test("HTTPRoute CORS filter: standard from v1.5.1 (field and enum value)", () => {
    const r = httpRoute();
    r.spec.rules[1].filters.push({ type: "CORS", cors: { allowOrigins: ["https://app1.contoso.example"], allowMethods: ["GET"] } });
    expect(validateGatewayApiObject(r, V1_4)).toEqual([
      "spec.rules[1].filters[1].cors: unknown field in Gateway API v1.4.1; first in v1.5.1 (AKS Kubernetes 1.36+)",
      `spec.rules[1].filters[1].type: "CORS" is not one of ${HTTPROUTE_FILTERS}; first in v1.5.1 (AKS Kubernetes 1.36+)`,
      RULES_NOT_CHECKED,
    ]);
    expect(validateGatewayApiObject(r, V1_5)).toEqual([]);
  });

  test("Gateway spec.tls (frontend validation): from v1.5.1", () => {
    const g = gateway();
    g.spec.tls = { frontend: { default: { validation: { caCertificateRefs: [{ group: "", kind: "ConfigMap", name: "client-ca" }] } } } };
    expect(validateGatewayApiObject(g, V1_3)).toEqual([
      "spec.tls: unknown field in Gateway API v1.3.0; first in v1.5.1 (AKS Kubernetes 1.36+)",
    ]);
    expect(validateGatewayApiObject(g, V1_5)).toEqual([]);
  });

  test("HTTPRoute rule name: from v1.4.1", () => {
    const r = httpRoute();
    r.spec.rules[0].name = "versions";
    expect(validateGatewayApiObject(r, V1_3)).toEqual([
      "spec.rules[0].name: unknown field in Gateway API v1.3.0; first in v1.4.1 (AKS Kubernetes 1.35)",
    ]);
    expect(validateGatewayApiObject(r, V1_4)).toEqual([]);
  });

  test("RequestMirror percent: from v1.3.0", () => {
    const r = httpRoute();
    r.spec.rules[0].filters.push({ type: "RequestMirror", requestMirror: { backendRef: { name: "shadow", port: 80 }, percent: 10 } });
    expect(validateGatewayApiObject(r, V1_2)).toEqual([
      "spec.rules[0].filters[2].requestMirror.percent: unknown field in Gateway API v1.2.1; first in v1.3.0 (AKS Kubernetes 1.34)",
    ]);
    expect(validateGatewayApiObject(r, V1_3)).toEqual([]);
  });

  test("RequestRedirect 308: accepted from v1.5.1", () => {
    const r = httpRoute();
    r.spec.rules[2].filters[0].requestRedirect.statusCode = 308;
    expect(validateGatewayApiObject(r, V1_4)).toEqual([
      "spec.rules[2].filters[0].requestRedirect.statusCode: 308 is not one of 301, 302; first in v1.5.1 (AKS Kubernetes 1.36+)",
      RULES_NOT_CHECKED,
    ]);
    expect(validateGatewayApiObject(r, V1_5)).toEqual([]);
  });

  test("a field only upstream v1.6.1 has is named as such (TCPRoute fields, as the hint reads them)", () => {
    const hint = withHint({ path: "spec.rules[0].backendRefs", message: "unknown field", blocking: false, hint: "unknown-field" }, "TCPRoute", V1_5);
    expect(hint).toBe("unknown field in Gateway API v1.5.1; no AKS bundle has this field yet; upstream v1.6.1 does");
  });

  test("an unknown field inside an unknown field is reported once", () => {
    const g = gateway();
    g.spec.listeners[0].extra = { deeper: { deepest: 1 } };
    expect(validateGatewayApiObject(g, V1_2)).toEqual([
      "spec.listeners[0].extra: unknown field in Gateway API v1.2.1; no Gateway API standard-channel bundle up to v1.6.1 has this field",
    ]);
  });
});

describe("bounds, at the limit and one past it", () => {
  test("HTTPRoute: 64 matches in a rule (v1.1 allowed 8), 65 fail", () => {
    const r = httpRoute();
    expect(r.spec.rules[0].matches).toHaveLength(64);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
    r.spec.rules[0].matches = matches(65);
    expect(validateGatewayApiObject(r, V1_2)).toEqual(["spec.rules[0].matches: has 65 items, at most 64 allowed", RULES_NOT_CHECKED]);
  });

  test("HTTPRoute: 16 hostnames, 17 fail", () => {
    const r = httpRoute();
    r.spec.hostnames = Array.from({ length: 16 }, (_, i) => `h${i}.contoso.example`);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
    r.spec.hostnames.push("h16.contoso.example");
    expect(validateGatewayApiObject(r, V1_2)).toEqual(["spec.hostnames: has 17 items, at most 16 allowed", RULES_NOT_CHECKED]);
  });

  test("Gateway: 64 listeners, 65 fail", () => {
    expect(validateGatewayApiObject(gatewayWithListeners(64), V1_5)).toEqual([]);
    expect(validateGatewayApiObject(gatewayWithListeners(65), V1_5)).toEqual([
      "spec.listeners: has 65 items, at most 64 allowed",
      RULES_NOT_CHECKED,
    ]);
  });

  test("infrastructure annotations: 8 entries, 9 fail up to v1.5.1; v1.6.1 allows 16", () => {
    const g = gateway();
    g.spec.infrastructure.annotations = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`example.com/a${i}`, "x"]));
    expect(validateGatewayApiObject(g, V1_5)).toEqual([]);
    g.spec.infrastructure.annotations["example.com/a8"] = "x";
    expect(validateGatewayApiObject(g, V1_5)).toEqual([
      "spec.infrastructure.annotations: has 9 entries, at most 8 allowed; no AKS bundle allows more yet (upstream v1.6.1 allows 16)",
      RULES_NOT_CHECKED,
    ]);
    expect(validateGatewayApiObject(g, V1_6)).toEqual([]);
  });

  test("TLSRoute hostnames: 16 up to v1.5.1, upstream v1.6.1 allows 1024", () => {
    const r = tlsRoute();
    r.spec.hostnames = Array.from({ length: 17 }, (_, i) => `db${i}.contoso.example`);
    expect(validateGatewayApiObject(r, V1_5)).toEqual([
      "spec.hostnames: has 17 items, at most 16 allowed; no AKS bundle allows more yet (upstream v1.6.1 allows 1024)",
      RULES_NOT_CHECKED,
    ]);
    expect(validateGatewayApiObject(r, V1_6)).toEqual([]);
  });

  test("hostname: 253 characters, 254 fail", () => {
    const label = "a".repeat(61);
    const name = [label, label, label, label].join(".") + ".example"; // 4 * 62 + 7 = 255
    const r = httpRoute();
    r.spec.hostnames = [name.slice(name.length - 253)];
    expect(r.spec.hostnames[0]).toHaveLength(253);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
    r.spec.hostnames = [name.slice(name.length - 254)];
    expect(validateGatewayApiObject(r, V1_2)).toEqual(["spec.hostnames[0]: is 254 characters long, at most 253 allowed", RULES_NOT_CHECKED]);
  });

  test("port: 1 and 65535, 0 and 65536 fail", () => {
    const g = gateway();
    g.spec.listeners[0].port = 65535;
    g.spec.listeners[1].port = 1;
    expect(validateGatewayApiObject(g, V1_2)).toEqual([]);
    g.spec.listeners[0].port = 65536;
    g.spec.listeners[1].port = 0;
    expect(validateGatewayApiObject(g, V1_2)).toEqual([
      "spec.listeners[0].port: 65536 is greater than the maximum 65535",
      "spec.listeners[1].port: 0 is less than the minimum 1",
    ]);
  });

  test("gatewayClassName: 1 character, 0 fail", () => {
    const g = gateway();
    g.spec.gatewayClassName = "a";
    expect(validateGatewayApiObject(g, V1_2)).toEqual([]);
    g.spec.gatewayClassName = "";
    expect(validateGatewayApiObject(g, V1_2)).toEqual(["spec.gatewayClassName: is 0 characters long, at least 1 required"]);
  });

  test("lengths count code points, as the API server does", () => {
    const r = httpRoute();
    r.spec.rules[0].filters[0].requestHeaderModifier.set[0].value = "\u{1F600}".repeat(4096);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
    r.spec.rules[0].filters[0].requestHeaderModifier.set[0].value += "x";
    expect(validateGatewayApiObject(r, V1_2)).toEqual([
      "spec.rules[0].filters[0].requestHeaderModifier.set[0].value: is 4097 characters long, at most 4096 allowed",
      RULES_NOT_CHECKED,
    ]);
  });
});

describe("patterns, types, required, list types, formats", () => {
  test("hostname pattern (upper case)", () => {
    const r = httpRoute();
    r.spec.hostnames = ["Apps.contoso.example"];
    expect(validateGatewayApiObject(r, V1_2)).toEqual([
      'spec.hostnames[0]: "Apps.contoso.example" does not match ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    ]);
  });

  test("header name pattern", () => {
    const r = httpRoute();
    r.spec.rules[0].filters[0].requestHeaderModifier.set[0].name = "X Tenant";
    expect(validateGatewayApiObject(r, V1_2)[0]).toMatch(/^spec\.rules\[0\]\.filters\[0\]\.requestHeaderModifier\.set\[0\]\.name: "X Tenant" does not match \^\[A-Za-z0-9!#\$%&'\*\+\\-\.\^_\\x60\|~\]\+\$$/);
  });

  test("a wrong type is blocking: the CEL rules are not checked", () => {
    const g = gateway();
    g.spec.listeners[0].port = "80";
    g.spec.listeners[1].protocol = "HTTP"; // would fail a rule: tls with HTTP
    expect(validateGatewayApiObject(g, V1_2)).toEqual(['spec.listeners[0].port: must be an integer, got "80"', RULES_NOT_CHECKED]);
  });

  test("required fields", () => {
    const g = gateway();
    delete g.spec.listeners[0].port;
    delete g.spec.gatewayClassName;
    expect(validateGatewayApiObject(g, V1_2)).toEqual([
      "spec.gatewayClassName: is required",
      "spec.listeners[0].port: is required",
      RULES_NOT_CHECKED,
    ]);
  });

  test("x-kubernetes-list-type map: listener names are keys", () => {
    const g = gateway();
    g.spec.listeners[1].name = "http";
    expect(validateGatewayApiObject(g, V1_2)).toEqual([
      'spec.listeners[1]: duplicate entry with name "http" (also at spec.listeners[0])',
      "spec.listeners: Listener name must be unique within the Gateway",
    ]);
  });

  test("x-kubernetes-list-type set: header names to remove", () => {
    const r = httpRoute();
    r.spec.rules[0].filters[0].requestHeaderModifier.remove = ["X-Debug", "X-Debug"];
    expect(validateGatewayApiObject(r, V1_2)).toEqual(['spec.rules[0].filters[0].requestHeaderModifier.remove[1]: duplicate entry "X-Debug" (also at spec.rules[0].filters[0].requestHeaderModifier.remove[0])']);
  });

  test.each(["10.240.4.4", "fd00::4", "010.240.4.4"])("format ipv4/ipv6: %s is an IP address for the API server", (ip) => {
    const g = gateway();
    g.spec.addresses = [{ type: "IPAddress", value: ip }];
    expect(validateGatewayApiObject(g, V1_5)).toEqual([]);
  });

  test.each(["10.240.4.300", "10.240.4", "fd00::4::1", "fe80::1%eth0"])("format ipv4/ipv6: %s is not", (ip) => {
    const g = gateway();
    g.spec.addresses = [{ type: "IPAddress", value: ip }];
    expect(validateGatewayApiObject(g, V1_5)).toEqual([
      `spec.addresses[0].value: ${JSON.stringify(ip)} matches none of: format ipv4; format ipv6`,
      RULES_NOT_CHECKED,
    ]);
  });

  test("defaults are applied before the checks (an address type defaults to IPAddress)", () => {
    const g = gateway();
    g.spec.addresses = [{ value: "not-an-ip" }];
    expect(validateGatewayApiObject(g, V1_5)).toEqual([
      'spec.addresses[0].value: "not-an-ip" matches none of: format ipv4; format ipv6',
      RULES_NOT_CHECKED,
    ]);
  });
});
