/**
 * Benchmark app: the flagship's platform and traffic stacks with N tenants sharing one hostname, each owning
 * `/tN` with one HTTPRoute and one route check (no workload), each in a TenantStack of its own (as the flagship
 * does), or all in the traffic stack with `--single-stack`.
 *
 * Usage: CDKTF_OUTDIR=<dir> node dist/bench/tenants-app.js <N> [--single-stack]
 * Prints one JSON line: { tenants, stacks, buildMs, synthMs, maxRssKb } (maxRssKb from process.resourceUsage()).
 */
import { App } from "cdktf";
import { ApiServerAccess, PathMatch, PlatformStack, TenantStack, TrafficStack } from "cdktf-aks-gateway";

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) {
  console.error(`usage: node dist/bench/tenants-app.js <tenant count ≥ 1>, got ${JSON.stringify(process.argv[2])}`);
  process.exit(2);
}

const hostname = "apps.contoso.example";
const t0 = performance.now();
const app = new App();
const platform = new PlatformStack(app, "bench-platform", {
  namePrefix: "bench",
  cluster: { apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24") },
});
const traffic = new TrafficStack(app, "bench-traffic", { platform });
const singleStack = process.argv.includes("--single-stack");
for (let i = 1; i <= count; i++) {
  const home = singleStack ? traffic : new TenantStack(app, `bench-tenant-t${i}`, { traffic });
  const tenant = home.addTenant({ name: `t${i}`, hostnames: [hostname], pathPrefixes: [`/t${i}`] });
  tenant.addRoute("Web", {
    rules: [{ matches: [{ path: PathMatch.prefix(`/t${i}`) }], backends: [{ serviceName: "web", port: 80 }] }],
  });
  home.addRouteCheck({ name: `t${i}`, host: hostname, path: `/t${i}` });
}
const t1 = performance.now();
app.synth();
const t2 = performance.now();
console.log(
  JSON.stringify({
    tenants: count,
    stacks: app.node.children.length,
    buildMs: Math.round(t1 - t0),
    synthMs: Math.round(t2 - t1),
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
