import { App } from "cdktf";
import { ApiServerAccess, PathMatch, PlatformStack, StateBackend, TrafficStack } from "cdktf-aks-gateway";

/** A user's platform: the two stacks and two tenants on one hostname, each owning its own path prefix. */
export function buildShop(app: App): { platform: PlatformStack; traffic: TrafficStack } {
  const platform = new PlatformStack(app, "shop-platform", {
    namePrefix: "shop",
    location: "westeurope",
    // Only the office's egress range reaches the API server (an open one fails synth: PlatformPolicy AKSGW-11).
    cluster: { apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24") },
    backend: StateBackend.local(),
  });
  const traffic = new TrafficStack(app, "shop-traffic", { platform, backend: StateBackend.local() });
  for (const name of ["cart", "catalog"]) {
    traffic
      .addTenant({ name, hostnames: ["shop.contoso.com"], pathPrefixes: [`/${name}`] })
      .addRoute("Api", {
        rules: [{ matches: [{ path: PathMatch.prefix(`/${name}`) }], backends: [{ serviceName: `${name}-api`, port: 8080 }] }],
      });
  }
  return { platform, traffic };
}
