#!/usr/bin/env node
"use strict";
/**
 * Cold-start cost of Gateway API validation, measured in fresh Node processes: require the validator and
 * validate one Gateway and one HTTPRoute, with
 *   - generated: the generated validators (compiled JS in dist/, from `npm run build`);
 *   - kubernetes-models: @kubernetes-models/gateway-api 0.5.1 (`new HTTPRoute(obj).validate()`), what the
 *     library used until 0.2.0; measured only when it is installed (`npm install --no-save
 *     @kubernetes-models/gateway-api@0.5.1` for a comparison run), since the library no longer depends on it;
 * and a bare `node -e ""` baseline. Prints the median and min of N runs: in-process time (require + validate)
 * and whole-process wall time. Also prints the size of the generated files and what one validation loads.
 *
 * Usage: npm run build && node tools/measure-gateway-api.js [runs=15]
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist", "lib", "private", "gateway-api");
const GENERATED = path.join(ROOT, "lib", "private", "gateway-api", "generated");

const OBJECTS = `
const gw = { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "shared-gateway", namespace: "gateway-system" },
  spec: { gatewayClassName: "approuting-istio", listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Selector",
    selector: { matchLabels: { "kubernetes.io/metadata.name": "app1" } } } } }] } };
const hr = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "web", namespace: "app1" },
  spec: { parentRefs: [{ name: "shared-gateway", namespace: "gateway-system", sectionName: "http" }], hostnames: ["apps.contoso.example"],
    rules: [{ matches: [{ path: { type: "PathPrefix", value: "/app1" } }], backendRefs: [{ name: "hello", port: 80 }], timeouts: { request: "10s" } }] } };
`;

const SCENARIOS = {
  bare: "",
  generated: `${OBJECTS}
const t0 = process.hrtime.bigint();
const { validateGatewayApiObject } = require(${JSON.stringify(path.join(DIST, "validate.js"))});
const { gatewayApiBundleForKubernetes } = require(${JSON.stringify(path.join(DIST, "bundles.js"))});
const b = gatewayApiBundleForKubernetes("1.33");
const problems = [...validateGatewayApiObject(gw, b), ...validateGatewayApiObject(hr, b)];
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (problems.length) throw new Error(problems.join("\\n"));
const loaded = Object.keys(require.cache).filter((f) => f.includes("gateway-api")).map((f) => path.relative(${JSON.stringify(DIST)}, f));
console.log(JSON.stringify({ ms, loaded }));`,
  "kubernetes-models": `${OBJECTS}
const t0 = process.hrtime.bigint();
const { Gateway } = require("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway");
const { HTTPRoute } = require("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute");
new Gateway(gw).validate();
new HTTPRoute(hr).validate();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ ms }));`,
};

function runOnce(code) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-e", `const path = require("path");${code}`], { cwd: ROOT, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall, ...(r.stdout.trim() ? JSON.parse(r.stdout) : {}) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms`;

function sizes() {
  const files = fs.readdirSync(GENERATED).map((f) => ({ f, bytes: fs.statSync(path.join(GENERATED, f)).size }));
  const total = files.reduce((s, x) => s + x.bytes, 0);
  const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { files: files.length, totalKiB: +(total / 1024).toFixed(1), largest: `${largest.f} (${(largest.bytes / 1024).toFixed(1)} KiB)` };
}

function installed(name) {
  try {
    require.resolve(`${name}/package.json`, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

function main(runs) {
  if (!fs.existsSync(path.join(DIST, "validate.js"))) throw new Error("dist/ is missing: run npm run build first");
  console.log(`Node ${process.version}, ${runs} fresh processes per scenario`);
  for (const [name, code] of Object.entries(SCENARIOS)) {
    if (name === "kubernetes-models" && !installed("@kubernetes-models/gateway-api")) {
      console.log(`${name.padEnd(18)} skipped: @kubernetes-models/gateway-api is not installed`);
      continue;
    }
    runOnce(code); // warm the file system cache
    const results = Array.from({ length: runs }, () => runOnce(code));
    const inProcess = results[0].ms === undefined ? "" : `; require + validate: ${fmt(results.map((r) => r.ms))}`;
    console.log(`${name.padEnd(18)} process wall: ${fmt(results.map((r) => r.wall))}${inProcess}`);
    if (results[0].loaded) console.log(`${"".padEnd(18)} loaded: ${results[0].loaded.join(", ")}`);
  }
  console.log("generated files:", JSON.stringify(sizes()));
}

main(Number(process.argv[2] ?? 15));
