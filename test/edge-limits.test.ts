// The Application Gateway v2 limits the construct checks, each at its bound and one past it
// (MicrosoftDocs/azure-docs: includes/application-gateway-limits.md).
import { GatewayCounts, V2_LIMITS, brokenLimit, countGateway } from "../lib/edge/private/limits";
import { RenderedGateway } from "../lib/edge/private/application-gateway-render";
import { build, certificate, defaultCertificate } from "./edge-fixtures";

const WITHIN: GatewayCounts = {
  sslCertificates: 1,
  listeners: 2,
  activeListeners: 1,
  routingRules: 2,
  frontendPorts: 2,
  trustedRootCertificates: 0,
  redirectConfigurations: 1,
  backendSettings: 1,
  hostNamesPerListener: 0,
};

describe("Application Gateway v2 limits", () => {
  test("the table holds Azure's published values", () => {
    expect(Object.fromEntries(V2_LIMITS.map((l) => [l.key, l.max]))).toEqual({
      sslCertificates: 100,
      activeListeners: 100,
      listeners: 200,
      routingRules: 400,
      frontendPorts: 100,
      hostNamesPerListener: 5,
      trustedRootCertificates: 100,
      redirectConfigurations: 100,
      backendSettings: 100,
    });
  });

  test.each(V2_LIMITS.map((l) => [l.what, l] as const))("%s: accepted at the bound, broken one past it", (_what, limit) => {
    expect(brokenLimit({ ...WITHIN, [limit.key]: limit.max })).toBeUndefined();
    expect(brokenLimit({ ...WITHIN, [limit.key]: limit.max + 1 })).toEqual({ limit, count: limit.max + 1 });
  });

  test("counts certificates, listeners, active listeners (routed to a pool), rules and host names", () => {
    const rendered: RenderedGateway = {
      frontendPort: [{ name: "port-80", port: 80 }, { name: "port-443", port: 443 }],
      backendAddressPool: [{ name: "shared-gateway" }],
      backendHttpSettings: [{ name: "s", port: 443, protocol: "Https", cookieBasedAffinity: "Disabled" }],
      probe: [],
      sslCertificate: [{ name: "a" }, { name: "b" }],
      trustedRootCertificate: [{ name: "root" }],
      httpListener: [
        { name: "http", frontendIpConfigurationName: "f", frontendPortName: "port-80", protocol: "Http" },
        { name: "https", frontendIpConfigurationName: "f", frontendPortName: "port-443", protocol: "Https" },
        { name: "https-1-1", frontendIpConfigurationName: "f", frontendPortName: "port-443", protocol: "Https", hostNames: ["a", "b", "c"] },
      ],
      requestRoutingRule: [
        { name: "catch-all", ruleType: "Basic", httpListenerName: "https", backendAddressPoolName: "shared-gateway" },
        { name: "http-to-https", ruleType: "Basic", httpListenerName: "http", redirectConfigurationName: "http-to-https" },
        { name: "https-1-1", ruleType: "Basic", httpListenerName: "https-1-1", backendAddressPoolName: "shared-gateway" },
      ],
      redirectConfiguration: [{ name: "http-to-https", redirectType: "Permanent" }],
    };
    expect(countGateway(rendered)).toEqual({
      sslCertificates: 2,
      listeners: 3,
      activeListeners: 2,
      routingRules: 3,
      frontendPorts: 2,
      trustedRootCertificates: 1,
      redirectConfigurations: 1,
      backendSettings: 1,
      hostNamesPerListener: 3,
    });
  });

  test("the construct reports the first broken limit with Azure's source", () => {
    const additionalCertificates = Array.from({ length: 100 }, (_v, i) => certificate([`t${i}.example.org`], `t${i}`));
    expect(build({ tls: defaultCertificate(), additionalCertificates })).toThrow(
      /needs 101 SSL certificates, but Application Gateway v2 allows 100 \(Azure subscription and service limits, Application Gateway limits: https:\/\/learn.microsoft.com\/azure\/azure-resource-manager\/management\/azure-subscription-service-limits#application-gateway-limits\)/,
    );
  });
});
