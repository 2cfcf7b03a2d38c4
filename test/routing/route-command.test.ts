// `cdktf-aks-gateway route` on synthesized apps: the done-when on the flagship (HTTP and with its HTTPS
// settings), every route check the flagship and the httpbin example declare, adopted namespaces, and exit codes.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, Testing } from "cdktf";
import { run } from "../../cli/main";
import { CliIo } from "../../cli/io";
import { buildFlagship } from "../../examples/flagship/flagship";
import { buildHttpbin } from "../../examples/httpbin/httpbin";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Synthesizes `build` into a fresh directory, as `cdktf synth` would. */
function synthesize(build: (app: App) => void): string {
  const outdir = mkdtempSync(join(tmpdir(), "aksgw-route-"));
  const app = Testing.app({ outdir });
  build(app);
  app.synth();
  return outdir;
}

const TLS = {
  keyVaultSecretId: "https://kv-contoso.vault.azure.net/secrets/apps-contoso",
  identityId:
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
  keyVaultId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso",
};
const flagship = synthesize((app) => buildFlagship(app));
const flagshipTls = synthesize((app) => buildFlagship(app, { tls: TLS }));
const httpbin = synthesize((app) => buildHttpbin(app));

async function route(dir: string, ...args: string[]): Promise<{ code: number; json: any; io: ReturnType<typeof capture> }> {
  const io = capture();
  const code = await run(["route", ...args, "--dir", dir, "--json"], io);
  return { code, json: code === 0 ? JSON.parse(io.stdout.join("\n")) : undefined, io };
}

describe("done-when on the flagship", () => {
  test("http://apps.contoso.example/app1/x names tenant app1 and its backend hello:80", async () => {
    const { code, json } = await route(flagship, "http://apps.contoso.example/app1/x");
    expect(code).toBe(0);
    expect(json).toMatchObject({
      status: null,
      refused: null,
      tenant: "app1",
      namespace: "app1",
      route: { kind: "HTTPRoute", namespace: "app1", name: "web", rule: 0, match: 0 },
      backends: [{ service: "hello", namespace: "app1", port: 80, weight: 1 }],
      redirect: null,
      edge: {
        applicationGateway: "agw-aksgw",
        listener: { name: "http", protocol: "Http", port: 80 },
        waf: { policy: "waf-aksgw", mode: "Prevention" },
      },
      gateway: { namespace: "gateway-system", name: "shared-gateway", listener: "http", virtualHost: "apps.contoso.example" },
    });
    expect(json.gateway.losers).toEqual([{ route: "app2/web", rule: 0, match: 0, why: "path /app1/x is not matched by PathPrefix /app2" }]);
  });

  test("/healthz with the probe's Host (the gateway IP over HTTP) reaches the health responder", async () => {
    const { json } = await route(flagship, "http://10.240.4.4/healthz");
    expect(json).toMatchObject({ status: null, tenant: null, namespace: "gateway-health", backends: [{ service: "health-responder", port: 80 }] });
    expect(json.edge.probe).toEqual({ protocol: "Http", host: "10.240.4.4", path: "/healthz/ready", port: 80 });
    expect(json.steps).toContain(
      "Edge: 10.240.4.4 is the Host the Application Gateway's health probe sends (GET /healthz/ready over HTTP straight to the backend, without listener or WAF)."
    );
  });

  test("/healthz on the tenants' host is a 404: their virtual host has no /healthz and Istio does not fall back to the health route", async () => {
    const { json } = await route(flagship, "http://apps.contoso.example/healthz");
    expect(json.status).toBe(404);
    expect(json.gateway.virtualHost).toBe("apps.contoso.example");
    expect(json.gateway.losers.map((l: any) => l.route)).toEqual(["app1/web", "app2/web", "gateway-health/healthz"]);
  });

  test("an unowned host is a 404 at the Gateway, not at the edge", async () => {
    const { code, json } = await route(flagship, "http://unowned.example.org/");
    expect(code).toBe(0);
    expect(json).toMatchObject({ status: 404, tenant: null, route: null, backends: [], redirect: null, gateway: { virtualHost: "*" } });
    expect(json.edge.status).toBeUndefined();
  });

  test("with the flagship's HTTPS settings, http:// gets the edge's 301 to https with path and query", async () => {
    const { json } = await route(flagshipTls, "http://apps.contoso.example/app1/x?lang=fr");
    expect(json).toMatchObject({
      status: 301,
      redirect: "https://apps.contoso.example/app1/x?lang=fr",
      gateway: null,
      edge: { rule: { name: "http-to-https" } },
    });
  });

  test("with HTTPS, https:// terminates at the edge with the Key Vault certificate and is re-encrypted to the Gateway's https listener", async () => {
    const { json } = await route(flagshipTls, "https://apps.contoso.example/app2");
    expect(json).toMatchObject({
      tenant: "app2",
      backends: [{ service: "hello", namespace: "app2", port: 80 }],
      edge: {
        listener: {
          name: "https",
          protocol: "Https",
          port: 443,
          certificate: { name: "listener-certificate", keyVaultSecretId: TLS.keyVaultSecretId },
          sslPolicy: "AppGwSslPolicy20220101S",
        },
        backend: { protocol: "Https", port: 443, host: "apps.contoso.example", addresses: ["10.240.4.4"] },
      },
      gateway: { listener: "https" },
    });
  });

  test("https:// to the HTTP-only flagship gets no answer: the edge has no listener on 443", async () => {
    const { code, json } = await route(flagship, "https://apps.contoso.example/app1");
    expect(code).toBe(0);
    expect(json).toMatchObject({
      status: null,
      refused: "Application Gateway agw-aksgw has no listener on port 443 (open: 80); the connection fails.",
      backends: [],
    });
  });

  test("the human output explains step by step and ends with the answer", async () => {
    const io = capture();
    expect(await run(["route", "http://apps.contoso.example/app1/x", "--dir", flagship], io)).toBe(0);
    expect(io.stdout[0]).toBe("GET http://apps.contoso.example/app1/x");
    expect(io.stdout).toContain(" 7. Winner: HTTPRoute app1/web rule 0 match 0 (PathPrefix /app1).");
    expect(io.stdout.at(-1)).toBe("Answer: forwarded to Service app1/hello:80 by HTTPRoute app1/web rule 0 (tenant app1).");
  });
});

describe("every route check of the flagship and the httpbin example gets the answer it expects", () => {
  const apps: Array<[string, string]> = [
    ["flagship", flagship],
    ["flagship with HTTPS", flagshipTls],
    ["httpbin", httpbin],
  ];
  const checksOf = (dir: string) => {
    const manifest = require(join(dir, "manifest.json"));
    const stacks = Object.values(manifest.stacks).map((s: any) => ({ name: s.name, json: require(join(dir, s.synthesizedStackPath)) }));
    const https = stacks.some((s) => s.json.output?.https_enabled?.value === true);
    return stacks.flatMap((s) => (s.json.output?.route_checks?.value ?? []).map((check: any) => ({ stack: s, check, https })));
  };

  test.each(apps)("%s", async (_name, dir) => {
    const checks = checksOf(dir);
    expect(checks.length).toBeGreaterThanOrEqual(1);
    for (const { stack, check, https } of checks) {
      const { json } = await route(dir, `${https ? "https" : "http"}://${check.host}${check.path}`);
      if (check.expect_status >= 200 && check.expect_status < 300) {
        expect({ check: check.name, status: json.status, forwarded: json.backends.some((b: any) => b.weight > 0) }).toEqual({
          check: check.name,
          status: null,
          forwarded: true,
        });
        // The stack that declares the check defines the Service that answers it.
        const services = Object.values(stack.json.resource.kubernetes_service_v1 ?? {}).map((r: any) => r.metadata.name);
        expect(services).toEqual(expect.arrayContaining(json.backends.map((b: any) => b.service)));
      } else {
        expect({ check: check.name, status: json.status }).toEqual({ check: check.name, status: check.expect_status });
      }
    }
  });
});

/** A synthesized app written by hand: manifest.json and one cdk.tf.json per stack. */
function handMadeApp(stacks: { [name: string]: any }): string {
  const dir = mkdtempSync(join(tmpdir(), "aksgw-route-app-"));
  const manifest: any = { version: "0.21.0", stacks: {} };
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    manifest.stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies: [] };
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

describe("adopted namespaces and request headers", () => {
  const gateway = {
    kind: "Gateway",
    metadata: { name: "gw", namespace: "infra" },
    spec: {
      listeners: [
        {
          name: "http",
          port: 80,
          protocol: "HTTP",
          allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { admitted: "yes" } } } },
        },
      ],
    },
  };
  const routeOf = (namespace: string, backend: string, headers?: any) => ({
    manifest: {
      kind: "HTTPRoute",
      metadata: { name: "web", namespace },
      spec: {
        parentRefs: [{ name: "gw", namespace: "infra" }],
        hostnames: ["legacy.example.com"],
        rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" }, headers }], backendRefs: [{ name: backend, port: 8080 }] }],
      },
    },
  });
  const dir = handMadeApp({
    traffic: { resource: { kubernetes_manifest: { g: { manifest: gateway } } } },
    migrated: {
      resource: {
        // An existing namespace the migration adopts: its labels come from kubernetes_labels, not kubernetes_namespace_v1.
        kubernetes_labels: {
          shop: { api_version: "v1", kind: "Namespace", metadata: { name: "shop" }, labels: { admitted: "yes", "cdktf-aks-gateway/tenant": "shop" } },
        },
        kubernetes_namespace_v1: {
          beta: { metadata: { name: "beta", labels: { admitted: "yes", "cdktf-aks-gateway/tenant": "beta" } } },
          rogue: { metadata: { name: "rogue" } },
        },
        kubernetes_manifest: {
          a: routeOf("shop", "shop-web"),
          b: routeOf("beta", "beta-web", [{ name: "x-beta", value: "1" }]),
          c: routeOf("rogue", "rogue-web", [{ name: "x-rogue", value: "1" }]),
        },
      },
    },
  });

  test("the tenant of an adopted namespace comes from its kubernetes_labels; without an edge the request goes to the Gateway", async () => {
    const { json } = await route(dir, "http://legacy.example.com/cart");
    expect(json).toMatchObject({ tenant: "shop", namespace: "shop", backends: [{ service: "shop-web", port: 8080 }], edge: null });
    expect(json.steps[0]).toBe("No Application Gateway in this app: the request goes to the Gateway directly.");
  });

  test("--header takes part in matching; a namespace without the selected label is not admitted", async () => {
    expect((await route(dir, "http://legacy.example.com/cart", "--header", "X-Beta: 1")).json).toMatchObject({
      tenant: "beta",
      backends: [{ service: "beta-web" }],
    });
    const rogue = await route(dir, "http://legacy.example.com/cart", "--header=x-rogue:1");
    expect(rogue.json.tenant).toBe("shop");
    expect(rogue.json.gateway.losers).toContainEqual(
      expect.objectContaining({
        route: "rogue/web",
        why: "not attached: listener http: namespace rogue does not carry the labels allowedRoutes selects",
      })
    );
    expect(rogue.json.request.headers).toEqual({ "x-rogue": "1" });
  });

  test("an app without a Gateway is bad input", async () => {
    const empty = handMadeApp({ platform: { resource: {} } });
    const { code, io } = await route(empty, "http://h/");
    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(/^error: the app has no Gateway/);
  });
});

describe("exit codes", () => {
  test.each([
    [[], /route needs the URL to explain, e\.g\. cdktf-aks-gateway route http:\/\/apps\.contoso\.example\/app1\/x/],
    [["http://a/", "http://b/"], /route takes one URL, got 2/],
    [["apps.contoso.example/app1"], /is not an absolute URL; write it as http:\/\/host\/path/],
    [["http://h/", "--verbose"], /unknown option "--verbose"; route takes --method, --header, --dir and --json/],
    [["http://h/", "-v"], /unknown option "-v"/],
    [["http://h/", "--header", "no-colon"], /--header "no-colon" is not NAME:VALUE/],
    [["http://h/", "--header", ": v"], /--header ": v" is not NAME:VALUE/],
    [["http://h/", "--method"], /--method needs a value, e\.g\. --method POST/],
    [["http://h/", "--method", "GE T"], /method "GE T" is not an HTTP method token/],
    [["http://h/", "--json=yes"], /--json takes no value/],
  ])("route %j exits 2", async (args, message) => {
    const io = capture();
    expect(await run(["route", ...(args as string[]), "--dir", flagship], io)).toBe(2);
    expect(io.stderr[0]).toMatch(message);
  });

  test("a --dir without a synthesized app exits 2 with the fix", async () => {
    const io = capture();
    const empty = mkdtempSync(join(tmpdir(), "aksgw-empty-"));
    expect(await run(["route", "http://h/", "--dir", empty], io)).toBe(2);
    expect(io.stderr[0]).toBe(
      `error: ${join(empty, "manifest.json")} not found; run \`cdktf synth\` first, or pass the output directory (cdktf.json "output").`
    );
  });

  test("--help exits 0; any answer exits 0 (404, redirect, forward)", async () => {
    const help = capture();
    expect(await run(["route", "--help"], help)).toBe(0);
    expect(help.stdout[0]).toMatch(/^Usage: cdktf-aks-gateway route URL/);
    for (const url of ["http://unowned.example.org/", "http://apps.contoso.example/app1"]) expect((await route(flagship, url)).code).toBe(0);
    expect((await route(flagshipTls, "http://apps.contoso.example/")).code).toBe(0);
  });
});

describe("the documented outputs are what the command prints on the flagship", () => {
  const human = async (url: string) => {
    const io = capture();
    await run(["route", url, "--dir", flagship], io);
    return io.stdout;
  };
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8").split("\n");

  test("README: the full explanation of /app1/x and the answers of the other examples", async () => {
    const start = readme.indexOf("$ npx cdktf-aks-gateway route http://apps.contoso.example/app1/x");
    const end = readme.indexOf("```", start);
    expect(readme.slice(start + 1, end)).toEqual(await human("http://apps.contoso.example/app1/x"));
    const examples = readme.filter((l) => l.startsWith("$ npx cdktf-aks-gateway route ") && !l.endsWith("/app1/x"));
    expect(examples).toHaveLength(3);
    for (const line of examples) {
      const url = line.split(/\s+/)[4];
      expect(readme[readme.indexOf(line) + 1]).toBe((await human(url)).at(-1));
    }
  });

  test("docs/troubleshooting.md: the end of the /healthz explanation", async () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "troubleshooting.md"), "utf8").split("\n");
    const start = doc.findIndex((l) => l.startsWith(" 7. No rule of virtual host apps.contoso.example"));
    const shown = doc.slice(start, doc.indexOf("```", start));
    const printed = await human("http://apps.contoso.example/healthz");
    expect(printed.slice(-shown.length)).toEqual(shown);
  });
});
