import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { OutputsError, TrafficOutputs, parseTenantStackOutputs, withTenantStacks } from "../cli/verify/outputs";
import { tenantStacksOf } from "../cli/verify/tenant-stacks";

const TRAFFIC: TrafficOutputs = {
  gatewayName: "shared-gateway",
  gatewayNamespace: "gateway-system",
  gatewayServiceName: "shared-gateway-approuting-istio",
  gatewayExternalTrafficPolicy: "Local",
  routeChecks: [{ name: "health /healthz/ready", host: "10.240.4.4", path: "/healthz/ready", expectStatus: 200 }],
  tenantHostnames: [],
};

const check = (name: string, host = "apps.contoso.example") => ({ name, host, path: `/${name}`, expect_status: 200, expect_body_contains: null });

describe("verifier: tenant stacks", () => {
  test("finds the stacks that depend on the traffic stack in the synthesized manifest", () => {
    const outDir = mkdtempSync(join(tmpdir(), "aksgw-verify-"));
    writeFileSync(
      join(outDir, "manifest.json"),
      JSON.stringify({
        stacks: {
          "aksgw-platform": { dependencies: [] },
          "aksgw-traffic": { dependencies: ["aksgw-platform"] },
          "aksgw-tenant-app1": { dependencies: ["aksgw-platform", "aksgw-traffic"] },
          "aksgw-tenant-app2": { dependencies: ["aksgw-traffic"] },
          other: { dependencies: ["aksgw-platform"] },
        },
      }),
    );
    expect(tenantStacksOf("aksgw-traffic", outDir)).toEqual(["aksgw-tenant-app1", "aksgw-tenant-app2"]);
    expect(tenantStacksOf("aksgw-traffic", join(outDir, "missing"))).toEqual([]);
  });

  test("tenant stacks' route checks and hostnames join the traffic stack's", () => {
    const app1 = parseTenantStackOutputs("aksgw-tenant-app1", { route_checks: [check("app1")], tenant_hostnames: ["apps.contoso.example"] });
    const app2 = parseTenantStackOutputs("aksgw-tenant-app2", { route_checks: [check("app2")], tenant_hostnames: ["apps.contoso.example", "*.shop.contoso.example"] });
    const merged = withTenantStacks(TRAFFIC, new Map([["aksgw-tenant-app1", app1], ["aksgw-tenant-app2", app2]]));
    expect(merged.routeChecks.map((c) => c.name)).toEqual(["health /healthz/ready", "app1", "app2"]);
    expect(merged.tenantHostnames).toEqual(["apps.contoso.example", "*.shop.contoso.example"]);
  });

  test("a route check name used by two stacks is refused", () => {
    const a = parseTenantStackOutputs("t-a", { route_checks: [check("web")] });
    const b = parseTenantStackOutputs("t-b", { route_checks: [check("web")] });
    expect(() => withTenantStacks(TRAFFIC, new Map([["t-a", a], ["t-b", b]]))).toThrow(OutputsError);
    expect(() => withTenantStacks(TRAFFIC, new Map([["t-a", a], ["t-b", b]]))).toThrow(/route check "web" of stack t-b has the name of another stack's check/);
  });

  test("a tenant stack without tenant_hostnames adds none; malformed outputs are refused", () => {
    expect(parseTenantStackOutputs("t", { route_checks: [] }).tenantHostnames).toBeUndefined();
    expect(() => parseTenantStackOutputs("t", { route_checks: "x" })).toThrow(/output route_checks of stack t is "x"/);
    expect(() => parseTenantStackOutputs("t", { route_checks: [], tenant_hostnames: ["10.0.0.1"] })).toThrow(/tenant_hostnames\[0\] of stack t/);
  });
});
