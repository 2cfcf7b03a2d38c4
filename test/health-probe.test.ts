import { Token } from "cdktf";
import { Construct } from "constructs";
import { HealthProbe, HealthProbeKind } from "../lib/edge/health-probe";
import { testStack } from "./util";

const CONTEXT = { backendAddress: "10.240.4.4", backendPort: 80 };

function scope(): Construct {
  return new Construct(testStack(), "Edge");
}

describe("HealthProbe", () => {
  test("gatewayRoute defaults: /healthz/ready on the backend port, Host = backend address, 30/30/3, 200-399", () => {
    expect(HealthProbe.gatewayRoute().bind(scope(), CONTEXT)).toEqual({
      kind: HealthProbeKind.GATEWAY_ROUTE,
      path: "/healthz/ready",
      host: "10.240.4.4",
      port: 80,
      interval: 30,
      timeout: 30,
      unhealthyThreshold: 3,
      statusCodes: ["200-399"],
    });
  });

  test("gatewayRoute follows the backend port", () => {
    expect(HealthProbe.gatewayRoute().bind(scope(), { ...CONTEXT, backendPort: 8080 }).port).toBe(8080);
  });

  test("gatewayRoute takes path, host and timings", () => {
    const config = HealthProbe.gatewayRoute({
      path: "/healthz",
      host: "Health.Example.com",
      interval: 1,
      timeout: 86400,
      unhealthyThreshold: 20,
    }).bind(scope(), CONTEXT);
    expect(config).toEqual(
      expect.objectContaining({ path: "/healthz", host: "Health.Example.com", interval: 1, timeout: 86400, unhealthyThreshold: 20 }),
    );
  });

  test("envoyStatusPort probes /healthz/ready on 15021 whatever the backend port", () => {
    expect(HealthProbe.envoyStatusPort({ host: "10.0.0.1" }).bind(scope(), { ...CONTEXT, backendPort: 8080 })).toEqual(
      expect.objectContaining({ kind: HealthProbeKind.ENVOY_STATUS_PORT, path: "/healthz/ready", port: 15021, host: "10.0.0.1" }),
    );
  });

  test("throws when the path does not start with a slash", () => {
    expect(() => HealthProbe.gatewayRoute({ path: "healthz/ready" }).bind(scope(), CONTEXT)).toThrow(
      /test\/Edge: probe path must start with "\/", got "healthz\/ready"/,
    );
  });

  test("throws when the host is a URL", () => {
    expect(() => HealthProbe.gatewayRoute({ host: "https://health.example.com" }).bind(scope(), CONTEXT)).toThrow(
      /probe host must be a DNS host name or an IPv4 address .*got "https:\/\/health.example.com"/,
    );
  });

  test("throws when the host is a wildcard", () => {
    expect(() => HealthProbe.envoyStatusPort({ host: "*.example.com" }).bind(scope(), CONTEXT)).toThrow(
      /probe host must be .*got "\*.example.com"/,
    );
  });

  test("throws when the host looks like a broken IPv4 address", () => {
    expect(() => HealthProbe.gatewayRoute({ host: "10.0.0.300" }).bind(scope(), CONTEXT)).toThrow(/probe host must be .*got "10.0.0.300"/);
  });

  test("throws when the interval is outside 1–86400", () => {
    expect(() => HealthProbe.gatewayRoute({ interval: 0 }).bind(scope(), CONTEXT)).toThrow(
      /probe interval must be an integer from 1 to 86400, got 0/,
    );
    expect(() => HealthProbe.gatewayRoute({ interval: 86401 }).bind(scope(), CONTEXT)).toThrow(/got 86401/);
  });

  test("throws when the timeout is outside 1–86400", () => {
    expect(() => HealthProbe.envoyStatusPort({ timeout: 2.5 }).bind(scope(), CONTEXT)).toThrow(
      /probe timeout must be an integer from 1 to 86400, got 2.5/,
    );
  });

  test("throws when the unhealthy threshold is outside 1–20", () => {
    expect(() => HealthProbe.gatewayRoute({ unhealthyThreshold: 21 }).bind(scope(), CONTEXT)).toThrow(
      /probe unhealthyThreshold must be an integer from 1 to 20, got 21/,
    );
  });
});

describe("HealthProbe.gatewayRoute path must be one the health responder serves", () => {
  // lib/gateway/health-responder.ts renders nginx `location = /healthz`, `= /healthz/ready`, `= /healthz/live`
  // returning 200 and `location /` returning 404: a probe anywhere else marks every backend down.
  test.each(["/healthz", "/healthz/ready", "/healthz/live", "/healthz/ready?probe=agw"])("accepts %s", (path) => {
    expect(HealthProbe.gatewayRoute({ path }).bind(scope(), CONTEXT).path).toBe(path);
  });

  test.each(["/", "/health", "/healthz/", "/healthz/readyz", "/app1/healthz"])("throws for %s, naming the path and the fix", (path) => {
    expect(() => HealthProbe.gatewayRoute({ path }).bind(scope(), CONTEXT)).toThrow(
      `probe path ${JSON.stringify(path)} is not served by the health responder, which answers 200 only on "/healthz", ` +
        `"/healthz/ready", "/healthz/live" and 404 on every other path: every backend would be marked unhealthy. ` +
        `Use HealthProbe.gatewayRoute() (probes "/healthz/ready") or one of those paths.`,
    );
  });

  test("Envoy's status-port probe is not held to the responder's paths", () => {
    expect(HealthProbe.envoyStatusPort().bind(scope(), CONTEXT).path).toBe("/healthz/ready");
  });

  test("a token path is left to the apply", () => {
    const path = Token.asString({ Ref: "path" });
    expect(HealthProbe.gatewayRoute({ path }).bind(scope(), CONTEXT).path).toBe(path);
  });
});
