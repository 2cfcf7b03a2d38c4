/**
 * One test per family of x-kubernetes-validations rule: each asserts the rule's message at the path of the
 * node that declares it, so removing or breaking the CEL evaluation fails these tests.
 */
import { GATEWAY_API_BUNDLES } from "../../lib/private/gateway-api/bundles";
import { validateGatewayApiObject } from "../../lib/private/gateway-api/validate";
import {
  backendTlsPolicy,
  gateway,
  grpcRoute,
  httpRoute,
  Json,
  listenerSet,
  matches,
  tlsRoute,
  V1_2,
  V1_3,
  V1_4,
  V1_5,
} from "./fixtures";

const ALL = GATEWAY_API_BUNDLES.map((b) => [b.version, b] as const);

/** A minimal HTTPRoute with these rules. */
function route(rules: Json[]): Json {
  const r = httpRoute();
  r.spec.rules = rules;
  return r;
}

describe("HTTPRoute rules", () => {
  test.each(ALL)("%s: backendRequest timeout longer than request timeout", (_v, b) => {
    const r = httpRoute();
    r.spec.rules[0].timeouts = { request: "10s", backendRequest: "1m" };
    expect(validateGatewayApiObject(r, b)).toEqual(["spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout"]);
    r.spec.rules[0].timeouts = { request: "1m", backendRequest: "59s" };
    expect(validateGatewayApiObject(r, b)).toEqual([]);
    r.spec.rules[0].timeouts = { request: "0s", backendRequest: "1h" }; // 0s disables the request timeout
    expect(validateGatewayApiObject(r, b)).toEqual([]);
  });

  test.each(ALL)("%s: RequestRedirect and URLRewrite in one rule", (_v, b) => {
    const r = route([
      {
        matches: [{ path: { type: "PathPrefix", value: "/a" } }],
        filters: [
          { type: "RequestRedirect", requestRedirect: { hostname: "b.contoso.example" } },
          { type: "URLRewrite", urlRewrite: { hostname: "c.contoso.example" } },
        ],
      },
    ]);
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.rules[0].filters: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both",
    ]);
  });

  test.each(ALL)("%s: RequestRedirect together with backendRefs", (_v, b) => {
    const r = httpRoute();
    r.spec.rules[2].backendRefs = [{ name: "hello", port: 80 }];
    expect(validateGatewayApiObject(r, b)).toEqual(["spec.rules[2]: RequestRedirect filter must not be used together with backendRefs"]);
  });

  test.each(ALL)("%s: a filter type without its configuration, and a repeated filter", (_v, b) => {
    const r = httpRoute();
    r.spec.rules[0].filters.push({ type: "RequestHeaderModifier" });
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.rules[0].filters: RequestHeaderModifier filter cannot be repeated",
      "spec.rules[0].filters[2]: filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type",
    ]);
  });

  test.each(ALL)("%s: ReplacePrefixMatch needs exactly one PathPrefix match", (_v, b) => {
    const r = httpRoute();
    r.spec.rules[1].matches.push({ path: { type: "PathPrefix", value: "/app1/older" } });
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.rules[1]: When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
    ]);
  });

  test.each(ALL)("%s: a rule without matches gets the default PathPrefix / match before the rules run", (_v, b) => {
    const r = route([
      { filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/v2" } } }], backendRefs: [{ name: "s", port: 80 }] },
    ]);
    expect(validateGatewayApiObject(r, b)).toEqual([]);
  });

  test.each([
    ["app1", "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"],
    ["/a//b", "must not contain '//' when type one of ['Exact', 'PathPrefix']"],
    ["/a/./b", "must not contain '/./' when type one of ['Exact', 'PathPrefix']"],
    ["/a/../b", "must not contain '/../' when type one of ['Exact', 'PathPrefix']"],
    ["/a%2fb", "must not contain '%2f' when type one of ['Exact', 'PathPrefix']"],
    ["/a%2Fb", "must not contain '%2F' when type one of ['Exact', 'PathPrefix']"],
    ["/a#b", "must not contain '#' when type one of ['Exact', 'PathPrefix']"],
    ["/a/..", "must not end with '/..' when type one of ['Exact', 'PathPrefix']"],
    ["/a/.", "must not end with '/.' when type one of ['Exact', 'PathPrefix']"],
  ])("path value %j", (value, message) => {
    const r = route([{ matches: [{ path: { type: "PathPrefix", value } }], backendRefs: [{ name: "s", port: 80 }] }]);
    expect(validateGatewayApiObject(r, V1_2)).toContain(`spec.rules[0].matches[0].path: ${message}`);
  });

  test("path value characters (and RegularExpression paths skip the path rules)", () => {
    const r = route([{ matches: [{ path: { type: "Exact", value: "/a b" } }], backendRefs: [{ name: "s", port: 80 }] }]);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([
      "spec.rules[0].matches[0].path: must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']",
    ]);
    r.spec.rules[0].matches[0].path = { type: "RegularExpression", value: "/a b//(.*)" };
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
  });

  test("at most 128 matches across rules: 128 pass, 129 fail", () => {
    const r = route([
      { matches: matches(64, "/a"), backendRefs: [{ name: "s", port: 80 }] },
      { matches: matches(64, "/b"), backendRefs: [{ name: "s", port: 80 }] },
    ]);
    expect(validateGatewayApiObject(r, V1_2)).toEqual([]);
    r.spec.rules.push({ matches: matches(1, "/c"), backendRefs: [{ name: "s", port: 80 }] });
    expect(validateGatewayApiObject(r, V1_2)).toEqual([
      "spec.rules: While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128",
    ]);
  });

  test.each(ALL)("%s: a Service backendRef needs a port (group and kind come from defaults)", (_v, b) => {
    const r = httpRoute();
    delete r.spec.rules[0].backendRefs[0].port;
    expect(validateGatewayApiObject(r, b)).toEqual(["spec.rules[0].backendRefs[0]: Must have port for Service reference"]);
  });

  test.each(ALL)("%s: two parentRefs to one Gateway need distinct sectionNames", (_v, b) => {
    const r = httpRoute();
    delete r.spec.parentRefs[1].sectionName;
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.parentRefs: sectionName must be specified when parentRefs includes 2 or more references to the same parent",
    ]);
    r.spec.parentRefs[1].sectionName = "http";
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.parentRefs: sectionName must be unique when parentRefs includes 2 or more references to the same parent",
    ]);
    r.spec.parentRefs[1].namespace = "other"; // another Gateway: no constraint
    expect(validateGatewayApiObject(r, b)).toEqual([]);
  });

  test("RequestMirror: percent and fraction are exclusive; numerator <= denominator (v1.3.0+)", () => {
    const r = httpRoute();
    const mirror = { backendRef: { name: "shadow", port: 80 }, percent: 5, fraction: { numerator: 3, denominator: 2 } };
    r.spec.rules[0].filters.push({ type: "RequestMirror", requestMirror: mirror });
    expect(validateGatewayApiObject(r, V1_3)).toEqual([
      "spec.rules[0].filters[2].requestMirror: Only one of percent or fraction may be specified in HTTPRequestMirrorFilter",
      "spec.rules[0].filters[2].requestMirror.fraction: numerator must be less than or equal to denominator",
    ]);
  });

  test("CORS: '*' must be alone (v1.5.1+)", () => {
    const r = httpRoute();
    r.spec.rules[1].filters.push({ type: "CORS", cors: { allowOrigins: ["*", "https://a.contoso.example"] } });
    expect(validateGatewayApiObject(r, V1_5)).toEqual([
      "spec.rules[1].filters[1].cors.allowOrigins: AllowOrigins cannot contain '*' alongside other origins",
    ]);
  });
});

describe("Gateway rules", () => {
  test.each(ALL)("%s: tls on an HTTP listener, hostname on a TCP listener", (_v, b) => {
    const g = gateway();
    g.spec.listeners[0].tls = { mode: "Terminate", certificateRefs: [{ name: "x" }] };
    g.spec.listeners.push({ name: "tcp", port: 5432, protocol: "TCP", hostname: "db.contoso.example" });
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.listeners: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
      "spec.listeners: hostname must not be specified for protocols ['TCP', 'UDP']",
    ]);
  });

  test.each(ALL)("%s: HTTPS needs mode Terminate", (_v, b) => {
    const g = gateway();
    g.spec.listeners[1].tls.mode = "Passthrough";
    expect(validateGatewayApiObject(g, b)).toEqual(["spec.listeners: tls mode must be Terminate for protocol HTTPS"]);
  });

  test.each(ALL)("%s: port, protocol and hostname must be unique", (_v, b) => {
    const g = gateway();
    g.spec.listeners.push({ ...g.spec.listeners[0], name: "http-2" });
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.listeners: Combination of port, protocol and hostname must be unique for each listener",
    ]);
  });

  test.each(ALL)("%s: Terminate needs certificateRefs or options (as the API server: an evaluation error)", (_v, b) => {
    const g = gateway();
    g.spec.listeners[1].tls = {};
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.listeners[1].tls: no such key: certificateRefs evaluating rule: certificateRefs or options must be specified when mode is Terminate",
    ]);
    g.spec.listeners[1].tls = { certificateRefs: [] };
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.listeners[1].tls: no such key: options evaluating rule: certificateRefs or options must be specified when mode is Terminate",
    ]);
    g.spec.listeners[1].tls = { options: { "kubernetes.azure.com/tls-cert-keyvault-uri": "https://kv.vault.azure.net/certificates/apps" } };
    expect(validateGatewayApiObject(g, b)).toEqual([]);
  });

  test("TLS listeners need a tls mode (v1.5.1+)", () => {
    const g = gateway();
    g.spec.listeners.push({ name: "tls", port: 8443, protocol: "TLS", hostname: "db.contoso.example" });
    expect(validateGatewayApiObject(g, V1_4)).toEqual([]);
    expect(validateGatewayApiObject(g, V1_5)).toEqual(["spec.listeners: tls mode must be set for protocol TLS"]);
  });

  test.each(ALL)("%s: addresses must be unique", (_v, b) => {
    const g = gateway();
    g.spec.addresses = [{ value: "10.240.4.4" }, { type: "IPAddress", value: "10.240.4.4" }];
    expect(validateGatewayApiObject(g, b)).toEqual(["spec.addresses: IPAddress values must be unique"]);
  });

  test("Hostname addresses must be hostnames (message differs before and after v1.4.1)", () => {
    const g = gateway();
    g.spec.addresses = [{ type: "Hostname", value: "Gateway.Contoso" }];
    expect(validateGatewayApiObject(g, V1_3)).toEqual([
      "spec.addresses[0]: Hostname value must only contain valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
    ]);
    expect(validateGatewayApiObject(g, V1_4)).toEqual([
      "spec.addresses[0]: Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)",
    ]);
  });

  test.each(ALL)("%s: infrastructure annotation keys", (_v, b) => {
    const g = gateway();
    g.spec.infrastructure.annotations = { "not a key": "x" };
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.infrastructure.annotations: Annotation keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters.",
    ]);
    g.spec.infrastructure.annotations = { [`${"a".repeat(253)}/b`]: "x" };
    expect(validateGatewayApiObject(g, b)).toEqual([
      "spec.infrastructure.annotations: If specified, the annotation key's prefix must be a DNS subdomain not longer than 253 characters in total.",
    ]);
  });

  test("ListenerSet listeners follow the Gateway listener rules (v1.5.1+)", () => {
    const l = listenerSet();
    l.spec.listeners.push({ name: "app3-http", port: 80, protocol: "HTTP", hostname: "app3.contoso.example" });
    expect(validateGatewayApiObject(l, V1_5)).toEqual([
      'spec.listeners[1]: duplicate entry with name "app3-http" (also at spec.listeners[0])',
      "spec.listeners: Listener name must be unique within the Gateway",
      "spec.listeners: Combination of port, protocol and hostname must be unique for each listener",
    ]);
  });
});

describe("GRPCRoute, BackendTLSPolicy and TLSRoute rules", () => {
  test.each(ALL)("%s: a method match needs a service or a method", (_v, b) => {
    const r = grpcRoute();
    r.spec.rules[0].matches[0].method = { type: "Exact" };
    expect(validateGatewayApiObject(r, b)).toEqual(["spec.rules[0].matches[0].method: One or both of 'service' or 'method' must be specified"]);
  });

  test.each(ALL)("%s: service names are matched case-insensitively ((?i) in the rule's RE2 pattern)", (_v, b) => {
    const r = grpcRoute();
    r.spec.rules[0].matches[0].method.service = "Com.Example.GREETER";
    expect(validateGatewayApiObject(r, b)).toEqual([]);
    r.spec.rules[0].matches[0].method.service = "com.example.9greeter";
    expect(validateGatewayApiObject(r, b)).toEqual([
      "spec.rules[0].matches[0].method: service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)",
    ]);
  });

  test("BackendTLSPolicy: exactly one of caCertificateRefs and wellKnownCACertificates", () => {
    const p = backendTlsPolicy();
    p.spec.validation.wellKnownCACertificates = "System";
    expect(validateGatewayApiObject(p, V1_4)).toEqual(["spec.validation: must not contain both CACertificateRefs and WellKnownCACertificates"]);
    delete p.spec.validation.caCertificateRefs;
    delete p.spec.validation.wellKnownCACertificates;
    expect(validateGatewayApiObject(p, V1_4)).toEqual(["spec.validation: must specify either CACertificateRefs or WellKnownCACertificates"]);
  });

  test("BackendTLSPolicy: subjectAltNames of type Hostname need a hostname", () => {
    const p = backendTlsPolicy();
    p.spec.validation.subjectAltNames = [{ type: "Hostname", uri: "spiffe://cluster.local/ns/app1/sa/hello" }];
    expect(validateGatewayApiObject(p, V1_4)).toEqual([
      "spec.validation.subjectAltNames[0]: SubjectAltName element must contain Hostname, if Type is set to Hostname",
      "spec.validation.subjectAltNames[0]: SubjectAltName element must not contain URI, if Type is not set to URI",
    ]);
  });

  test("TLSRoute: hostnames cannot be IP addresses (Kubernetes isIP) and wildcards come first", () => {
    const r = tlsRoute();
    r.spec.hostnames = ["10.240.4.4"];
    expect(validateGatewayApiObject(r, V1_5)).toEqual(["spec.hostnames: Hostnames cannot contain an IP"]);
    r.spec.hostnames = ["db.*.contoso.example"];
    expect(validateGatewayApiObject(r, V1_5)).toContain(
      "spec.hostnames: Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123",
    );
  });
});
