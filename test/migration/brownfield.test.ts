/**
 * `migrate` on a dump of a running cluster: Ingresses in namespaces that exist (`default` included), classes with
 * whatever name the install gave them, IngressClasses telling which are ingress-nginx's, and rules without a host.
 * Every path's exit code is asserted; the generated TypeScript adopts the namespaces and still synthesizes.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { App, Testing } from "cdktf";
import { GuardrailRollout, TenantNamespace } from "../../lib/tenancy/tenant-namespace";
import { run } from "../../cli/main";
import { CliIo } from "../../cli/io";
import { placeholderPlatform, routeObjects } from "../../cli/migrate/synth";
import { TrafficStack } from "../../stacks/traffic-stack";
import { readObjects } from "../../lib/migration/private/objects";

const REPO = join(__dirname, "..", "..");
const WORK = join(REPO, `.brownfield-test-${process.pid}`);

beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

async function migrate(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  const code = await run(["migrate", ...args], io);
  return { code, out: stdout.join("\n"), err: stderr.join("\n") };
}

function file(name: string, text: string): string {
  const path = join(WORK, name);
  writeFileSync(path, text);
  return path;
}

const ing = (ns: string, name: string, cls: string | undefined, host: string | undefined, path = "/") => `
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: ${name}, namespace: ${ns}}
  spec:
    ${cls ? `ingressClassName: ${cls}` : ""}
    rules:
    - ${host ? `host: ${host}` : ""}
      http: {paths: [{path: ${path}, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}`;

const ingressClass = (name: string, controller: string, isDefault = false) => `
- apiVersion: networking.k8s.io/v1
  kind: IngressClass
  metadata: {name: ${name}${isDefault ? ', annotations: {ingressclass.kubernetes.io/is-default-class: "true"}' : ""}}
  spec: {controller: ${controller}}`;

/** What `kubectl get ingress,ingressclass -A -o yaml` gives for a cluster with two controllers. */
const DUMP = `apiVersion: v1
kind: List
items:${[
  ingressClass("nginx-internal", "k8s.io/ingress-nginx"),
  ingressClass("traefik", "traefik.io/ingress-controller"),
  ing("default", "hello", "nginx-internal", "hello.contoso.com"),
  ing("shop", "cart", "nginx", "shop.contoso.com", "/cart"),
  ing("legacy", "old", "traefik", "old.contoso.com"),
].join("")}
`;

describe("migrate on a running cluster's dump", () => {
  test("converts every ingress-nginx class the dump names (nginx-internal from its IngressClass), skips the rest: exit 0", async () => {
    const { code, out } = await migrate(file("dump.yaml", DUMP), "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.routes.map((r: any) => `${r.metadata.namespace}/${r.metadata.name} ${r.spec.hostnames}`)).toEqual([
      "default/hello hello.contoso.com",
      "shop/cart shop.contoso.com",
    ]);
    expect(json.findings.filter((f: any) => f.verdict === "skipped")).toEqual([
      {
        ingress: "legacy/old",
        annotation: "spec.ingressClassName",
        verdict: "skipped",
        detail: expect.stringMatching(/^not converted: class "traefik" is not one of the classes converted \(nginx, webapprouting\.kubernetes\.azure\.com, nginx-internal\), .*pass --ingress-class traefik/),
      },
    ]);
  });

  test("the report names each skipped Ingress, its class and the flag; a dump with only other classes prints no route, exit 0", async () => {
    const { code, out } = await migrate(file("dump.yaml", DUMP));
    expect(code).toBe(0);
    expect(out).toMatch(/^Ingress legacy\/old\n {2}skipped {7}spec\.ingressClassName: not converted: class "traefik"/m);
    expect(out).toMatch(/1 Ingress\(es\) skipped \(classes converted: nginx, webapprouting\.kubernetes\.azure\.com, nginx-internal\)\.$/m);
    const other = await migrate(file("other.yaml", `apiVersion: v1\nkind: List\nitems:${ing("legacy", "old", "traefik", "old.contoso.com")}\n`), "--json");
    expect(other.code).toBe(0);
    const json = JSON.parse(other.out);
    expect(json.routes).toEqual([]);
    expect(json.findings.map((f: any) => [f.ingress, f.verdict])).toEqual([["legacy/old", "skipped"]]);
  });

  test("--ingress-class chooses exactly the classes converted (repeatable)", async () => {
    const only = JSON.parse((await migrate(file("dump.yaml", DUMP), "--ingress-class", "nginx", "--json")).out);
    expect(only.routes.map((r: any) => r.metadata.name)).toEqual(["cart"]);
    expect(only.findings.filter((f: any) => f.verdict === "skipped").map((f: any) => f.ingress)).toEqual(["default/hello", "legacy/old"]);
    const both = JSON.parse((await migrate(file("dump.yaml", DUMP), "--ingress-class", "nginx", "--ingress-class", "traefik", "--json")).out);
    expect(both.routes.map((r: any) => r.metadata.name)).toEqual(["old", "cart"]);
  });

  test("the legacy class annotation and the cluster's default class decide for Ingresses without spec.ingressClassName", async () => {
    const legacy = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: a, namespace: web, annotations: {kubernetes.io/ingress.class: haproxy}}
  spec: {rules: [{host: a.contoso.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]}
${ingressClass("traefik", "traefik.io/ingress-controller", true)}${ing("web", "b", undefined, "b.contoso.com")}
`;
    const json = JSON.parse((await migrate(file("legacy.yaml", legacy), "--json")).out);
    const skipped = json.findings.filter((f: any) => f.verdict === "skipped");
    expect(skipped.map((f: any) => [f.ingress, f.annotation])).toEqual([
      ["web/a", "kubernetes.io/ingress.class"],
      ["web/b", "spec.ingressClassName"],
    ]);
    expect(skipped[1].detail).toMatch(/no class, so the cluster's default class "traefik"/);
    // Without a default IngressClass in the input, an Ingress without a class is converted (ingress-nginx may serve it).
    const noDefault = JSON.parse((await migrate(file("nodefault.yaml", `apiVersion: v1\nkind: List\nitems:${ing("web", "b", undefined, "b.contoso.com")}\n`), "--json")).out);
    expect(noDefault.routes.map((r: any) => r.metadata.name)).toEqual(["b"]);
  });

  test("bad --ingress-class and --default-host values: exit 2", async () => {
    for (const args of [["--ingress-class", "Not A Class"], ["--default-host", "not a host"], ["--ingress-class"], ["--default-host"]]) {
      const { code, err } = await migrate(file("dump.yaml", DUMP), ...args);
      expect(code).toBe(2);
      expect(err).toMatch(/^error: --(ingress-class|default-host) (takes|needs)/);
    }
  });
});

describe("namespaces that exist", () => {
  let moduleFile: string;
  let json: any;

  beforeAll(async () => {
    moduleFile = join(WORK, "adopted.ts");
    const result = await migrate(file("dump.yaml", DUMP), "--tenant", "default=hello-team", "--json", "--out", moduleFile);
    expect(result.code).toBe(0);
    json = JSON.parse(result.out);
  });

  test("the tenants adopt the Ingresses' namespaces, default included, and the TypeScript says so", () => {
    const text = readFileSync(moduleFile, "utf8");
    expect(text).toMatch(/\/\/ Adopts the existing namespace default: the tenant never creates or deletes it/);
    expect(text).toMatch(/name: "hello-team",\s+namespace: TenantNamespace\.adopt\("default", \{ networkPolicy: GuardrailRollout\.DEFER \}\)/);
    expect(text).toMatch(/namespace: TenantNamespace\.adopt\("shop", \{ networkPolicy: GuardrailRollout\.DEFER \}\)/);
    // Enforcing tenant-isolation before cut-over would cut ingress-nginx off the pods it still serves.
    expect(text).toMatch(/enforcing it now would cut ingress-nginx off the pods it still serves/);
    expect(text).toMatch(/^ {2}PlatformPolicy\.suppress\(helloTeam, "AKSGW-4", IngressMigration\.DEFERRED_ISOLATION_REASON\);$/m);
    expect(text).toMatch(/^import \{ [A-Za-z, ]*TenantNamespace[A-Za-z, ]* \} from "cdktf-aks-gateway";$/m);
  });

  test("the TypeScript synthesizes the --json routes, labels the namespaces and creates none", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const generated = require(moduleFile) as { addMigratedTenants: (t: TrafficStack) => void };
    const traffic = new TrafficStack(new App({ skipValidation: true }), "migrated-traffic", { platform: placeholderPlatform(undefined) });
    generated.addMigratedTenants(traffic);
    const out = traffic.toTerraform();
    expect(routeObjects(out)).toEqual(json.routes);
    const namespaces = Object.values(out.resource.kubernetes_namespace_v1 ?? {}).map((n: any) => n.metadata.name);
    expect(namespaces).not.toContain("default");
    expect(namespaces).not.toContain("shop");
    const labelled = Object.values(out.resource.kubernetes_labels).map((l: any) => [l.metadata.name, l.labels["cdktf-aks-gateway/tenant"]]);
    expect(labelled).toEqual(expect.arrayContaining([["default", "hello-team"], ["shop", "shop"]]));
    const policies = Object.values(out.resource.kubernetes_network_policy_v1 ?? {}).map((p: any) => p.metadata.namespace);
    expect(policies).not.toContain("default");
    expect(policies).not.toContain("shop");
    // The traffic stack applies PlatformPolicy at synth: with the suppressions the deferred policies pass, and
    // without them AKSGW-4 fails the synth (so this check can fail).
    Testing.synth(traffic);
    expect(traffic.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"))).toEqual([]);
    const bare = new TrafficStack(new App({ skipValidation: true }), "bare", { platform: placeholderPlatform(undefined) });
    bare.addTenant({ name: "web", namespace: TenantNamespace.adopt("default", { networkPolicy: GuardrailRollout.DEFER }), hostnames: ["w.contoso.com"] });
    Testing.synth(bare);
    expect(bare.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => m.data))).toEqual([
      expect.stringMatching(/^\[AKSGW-4\]/),
    ]);
  });

  test("--create-namespaces: the tenants create them (a new cluster), and default is refused with the adopt hint", async () => {
    const created = join(WORK, "created.ts");
    const result = await migrate(file("dump.yaml", DUMP), "--create-namespaces", "--json", "--out", created);
    expect(result.code).toBe(3);
    const findings = JSON.parse(result.out).findings;
    expect(findings.find((f: any) => f.ingress === "default/hello" && f.annotation === "spec").detail).toMatch(
      /namespace "default" is a system namespace .* adopt it: namespace: TenantNamespace\.adopt\("default"\)/,
    );
    const text = readFileSync(created, "utf8");
    expect(text).toMatch(/\/\/ Creates namespace shop: destroying the stack deletes it with everything in it\./);
    expect(text).toMatch(/namespace: "shop"/);
  });
});

describe("rules without a host", () => {
  const hostless = `apiVersion: v1\nkind: List\nitems:${ing("default", "aks-helloworld", "webapprouting.kubernetes.azure.com", undefined)}\n`;

  test("are a blocker naming --default-host when none is given: exit 3", async () => {
    const { code, out } = await migrate(file("hostless.yaml", hostless), "--json");
    expect(code).toBe(3);
    const finding = JSON.parse(out).findings.find((f: any) => f.annotation === "spec.rules[0]");
    expect(finding).toMatchObject({ ingress: "default/aks-helloworld", verdict: "unsupported" });
    expect(finding.detail).toMatch(/Pass the names clients use \(--default-host NAME/);
  });

  test("become routes on --default-host names, approximated with the requests that differ: exit 0", async () => {
    const { code, out } = await migrate(file("hostless.yaml", hostless), "--default-host", "hello.contoso.com", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.routes.map((r: any) => [r.metadata.namespace, r.spec.hostnames])).toEqual([["default", ["hello.contoso.com"]]]);
    expect(json.findings.find((f: any) => f.annotation === "spec.rules[0]")).toMatchObject({
      verdict: "approximated",
      detail: expect.stringMatching(/the routes answer it on hello\.contoso\.com only, and a request with any other Host gets 404 from the Gateway/),
    });
  });

  test("a default host that an Ingress rule names is refused", async () => {
    const both = `apiVersion: v1\nkind: List\nitems:${ing("default", "a", "nginx", undefined)}${ing("default", "b", "nginx", "b.contoso.com")}\n`;
    const { code, out } = await migrate(file("both.yaml", both), "--default-host", "b.contoso.com", "--json");
    expect(code).toBe(3);
    expect(JSON.parse(out).findings.find((f: any) => f.ingress === "default/a" && f.annotation === "spec.rules[0]").detail).toMatch(
      /default host b\.contoso\.com has Ingress rules of its own/,
    );
  });
});

describe("migrate --compare", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { exitCode } = require("../../cli/migrate/main") as typeof import("../../cli/migrate/main");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compareLines } = require("../../cli/migrate/compare") as typeof import("../../cli/migrate/compare");

  test("a clean conversion: no request answers differently, exit 0", async () => {
    const { code, out } = await migrate(file("dump.yaml", DUMP), "--compare");
    expect(code).toBe(0);
    expect(out).toMatch(/^Compare: \d+ request\(s\) replayed through ingress-nginx's semantics and through the platform, assuming:$/m);
    expect(out).toMatch(/^No request answers differently\.$/m);
  });

  test("differences are listed with the findings that explain them; --json carries them as compare", async () => {
    const fixture = join(__dirname, "fixtures", "canary.yaml");
    const report = await migrate(fixture, "--compare");
    expect(report.code).toBe(3); // the fixture's orphan canary is a blocker; its explained differences are not
    expect(report.out).toMatch(/^Ingress shop\/orphan-canary\n {2}UNSUPPORTED {3}nginx\.ingress\.kubernetes\.io\/canary: /m);
    expect(report.out).toMatch(
      /^ {2}GET http:\/\/shop\.example\.com\/ -H 'Cookie: canary=always' {2}\(from Ingress shop\/shop\)\n {6}ingress-nginx: -> shop\/shop-v2:80 \/\n {6}platform: {6}-> shop\/shop:80 w40 \+ shop\/shop-v2:80 w10 \/\n {6}explained by: {2}shop\/shop-canary canary-by-cookie \(approximated\)$/m,
    );
    expect(report.out).toMatch(/^\d+ request\(s\) answer differently, each explained by a finding\.$/m);
    const json = JSON.parse((await migrate(fixture, "--compare", "--json")).out);
    expect(Object.keys(json)).toEqual(["routes", "edge", "findings", "compare"]);
    expect(Object.keys(json.compare)).toEqual(["requests", "differences", "assumptions"]);
    expect(json.compare.differences[0]).toEqual({
      request: "GET http://shop.example.com/ -H 'Cookie: canary=always'",
      ingress: "shop/shop",
      nginx: "-> shop/shop-v2:80 /",
      platform: "-> shop/shop:80 w40 + shop/shop-v2:80 w10 /",
      explainedBy: ["shop/shop-canary canary-by-cookie (approximated)"],
    });
    // Without --compare the JSON keeps its three members.
    expect(Object.keys(JSON.parse((await migrate(fixture, "--json")).out))).toEqual(["routes", "edge", "findings"]);
  });

  test("a difference no finding explains is a blocker (exit 3) and is reported as a conversion defect", () => {
    const unexplained = { requests: 1, assumptions: [], differences: [{ request: "GET http://a/", ingress: "web/a", nginx: "404", platform: "-> web/a:80 /", explainedBy: [] }] };
    expect(exitCode([], unexplained)).toBe(3);
    expect(exitCode([], { ...unexplained, differences: [{ ...unexplained.differences[0], explainedBy: ["web/a app-root (approximated)"] }] })).toBe(0);
    expect(exitCode([], undefined)).toBe(0);
    expect(compareLines(unexplained)).toEqual([
      "Compare: 1 request(s) replayed through ingress-nginx's semantics and through the platform, assuming:",
      "  GET http://a/  (from Ingress web/a)",
      "      ingress-nginx: 404",
      "      platform:      -> web/a:80 /",
      "      UNEXPLAINED: no finding says this request changes; report it as a conversion defect.",
      "1 request(s) answer differently, 1 of them unexplained.",
    ]);
  });
});

describe("a cluster dump: the AKS tutorial's Ingresses in default, a shop, an internal class, another controller", () => {
  const DUMP_FILE = join(__dirname, "fixtures", "cluster-dump.yaml");
  let json: any;
  let code: number;

  beforeAll(async () => {
    const result = await migrate(DUMP_FILE, "--default-host", "hello.contoso.com", "--kubernetes-version", "1.34", "--compare", "--json");
    code = result.code;
    json = JSON.parse(result.out);
  });

  test("exit 0: nothing unsupported, every difference explained", () => {
    expect(code).toBe(0);
    expect(json.compare.requests).toBeGreaterThan(50);
    expect(json.compare.differences.filter((d: any) => d.explainedBy.length === 0)).toEqual([]);
  });

  test("a route for every Ingress of the converted classes (the canary merged into its main Ingress), in adopted namespaces", () => {
    expect(json.routes.map((r: any) => `${r.metadata.namespace}/${r.metadata.name}`).sort()).toEqual([
      "default/hello-world-ingress",
      "default/hello-world-ingress-static",
      "internal/admin",
      "shop/api",
      "shop/storefront",
    ]);
    const api = json.routes.find((r: any) => r.metadata.name === "api");
    expect(api.spec.rules.flatMap((r: any) => r.backendRefs ?? []).map((b: any) => `${b.name}:${b.weight ?? 1}`)).toEqual(
      expect.arrayContaining(["api-v2:1", "api:90", "api-v2:10"]),
    );
  });

  test("one finding per annotation of every converted Ingress, and a skipped finding for the other controller's", () => {
    const objects = readObjects(readFileSync(DUMP_FILE, "utf8"), "dump");
    const converted = objects.filter((o) => o.kind === "Ingress" && o.spec?.ingressClassName !== "traefik");
    for (const ingress of converted) {
      const key = `${ingress.metadata!.namespace}/${ingress.metadata!.name}`;
      for (const annotation of Object.keys(ingress.metadata?.annotations ?? {})) {
        expect(json.findings.filter((f: any) => f.ingress === key && f.annotation === annotation)).toHaveLength(1);
      }
    }
    expect(json.findings.filter((f: any) => f.verdict === "skipped").map((f: any) => f.ingress)).toEqual(["legacy/old"]);
  });

  test("the AKS tutorial's paths answer as ingress-nginx did on the default host", () => {
    // The tutorial's `/(.*)` with `/$2`: nginx's rewrite puts an empty string for the missing group, so every other
    // request reaches aks-helloworld-one as `/` (template.go buildProxyPass); converted to a ReplaceFullPath `/`.
    const catchAll = json.routes.find((r: any) => r.metadata.name === "hello-world-ingress").spec.rules.find((r: any) => r.matches[0].path.type === "RegularExpression");
    expect(catchAll).toMatchObject({
      matches: [{ path: { type: "RegularExpression", value: "(?i)/(.*).*" } }],
      filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplaceFullPath", replaceFullPath: "/" } } }],
    });
    const differing = new Set(json.compare.differences.map((d: any) => d.request));
    for (const url of ["https://hello.contoso.com/hello-world-two/sub/x", "https://hello.contoso.com/hello-world-one", "https://hello.contoso.com/zz-unmatched"]) {
      expect(differing.has(`GET ${url}`)).toBe(false);
    }
  });
});
