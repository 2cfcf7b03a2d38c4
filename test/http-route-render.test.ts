/**
 * How empty optional lists render (found by mutation testing of lib/tenancy/private/http-route-render.ts):
 * an empty list a user passes is left out of the HTTPRoute rather than written as `[]`, so the manifest
 * carries only what the user set.
 */
import { Testing } from "cdktf";
import { HttpBackend } from "../lib/tenancy/backend";
import { HttpRouteOptions } from "../lib/tenancy/http-route";
import { PathMatch } from "../lib/tenancy/route-match";
import { HttpRouteFilter } from "../lib/tenancy/route-filter";
import { Tenant } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";

const WEB: HttpBackend = { serviceName: "web", port: 80 };

/** The synthesized (validated) HTTPRoute "web" of tenant "shop" on a gateway with the given bundle. */
function rendered(options: HttpRouteOptions, gatewayApiVersion = "v1.2.1"): any {
  const { stack, gateway } = tenancyStack();
  (gateway as { gatewayApiVersion: string }).gatewayApiVersion = gatewayApiVersion;
  const tenant = new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"] });
  tenant.addRoute("Web", options);
  const manifests = Object.values(resourcesOf(JSON.parse(Testing.synth(stack, true)), "kubernetes_manifest")).map((r: any) => r.manifest);
  return manifests.find((m) => m.kind === "HTTPRoute");
}

describe("empty optional lists are left out of the HTTPRoute", () => {
  test("a rule with matches: [] renders without matches (it matches PathPrefix /)", () => {
    const rule = rendered({ rules: [{ matches: [], backends: [WEB] }] }).spec.rules[0];
    expect(rule).not.toHaveProperty("matches");
    expect(rule.backendRefs).toEqual([{ name: "web", port: 80 }]);
  });

  test("a header modifier with remove: [] renders only what it sets", () => {
    const filter = HttpRouteFilter.requestHeaderModifier({ set: { "x-env": "prod" }, remove: [] });
    const rule = rendered({ rules: [{ matches: [{ path: PathMatch.prefix("/api") }], filters: [filter], backends: [WEB] }] }).spec.rules[0];
    expect(rule.filters[0].requestHeaderModifier).toEqual({ set: [{ name: "x-env", value: "prod" }] });
  });

  test("a CORS filter with empty header and method lists renders only its origins", () => {
    const filter = HttpRouteFilter.cors({ allowOrigins: ["https://app.example.com"], allowHeaders: [], exposeHeaders: [], allowMethods: [] });
    const rule = rendered({ rules: [{ matches: [{ path: PathMatch.prefix("/api") }], filters: [filter], backends: [WEB] }] }, "v1.5.1").spec.rules[0];
    expect(rule.filters[0].cors).toEqual({ allowOrigins: ["https://app.example.com"] });
  });
});
