/**
 * `cdktf-aks-gateway migrate`: exit codes, the exact `--json` shape, and the TypeScript `--out` writes, which must
 * type-check against the library (index.ts through tsconfig's `paths`) and synthesize the same routes `--json` prints.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import * as ts from "typescript";
import { App, TerraformStack } from "cdktf";
import { run } from "../../cli/main";
import { CliIo } from "../../cli/io";
import { placeholderPlatform, routeObjects } from "../../cli/migrate/synth";
import { TrafficStack } from "../../stacks/traffic-stack";
import { WafPolicy } from "../../lib/edge/waf-policy";

const REPO = join(__dirname, "..", "..");
const FIXTURES = join(__dirname, "fixtures");
/** Outside tsconfig's `include`, so a leftover file never reaches `tsc --noEmit`; removed after the tests. */
const WORK = join(REPO, `.migrate-test-${process.pid}`);

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

async function migrate(...args: string[]) {
  const io = capture();
  const code = await run(["migrate", ...args], io);
  return { code, out: io.stdout.join("\n"), err: io.stderr.join("\n") };
}

beforeAll(() => mkdirSync(WORK, { recursive: true }));
afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("exit codes", () => {
  test("0 when nothing is unsupported, with a report per Ingress and annotation", async () => {
    const file = join(WORK, "clean.yaml");
    writeFileSync(file, readFileSync(join(FIXTURES, "redirect.yaml"), "utf8"));
    const { code, out } = await migrate(file, "--kubernetes-version", "1.36");
    expect(code).toBe(0);
    expect(out).toMatch(/^Ingress web\/www$/m);
    expect(out).toMatch(/-> HTTPRoute web\/www-2 of tenant web on example\.com/);
    expect(out).toMatch(/ {2}approximated {2}nginx\.ingress\.kubernetes\.io\/ssl-redirect: /);
  });

  test("3 when a blocker is found, and the output is still complete", async () => {
    const { code, out } = await migrate(join(FIXTURES, "blockers.yaml"), join(FIXTURES, "edge.yaml"), "--json");
    expect(code).toBe(3);
    const json = JSON.parse(out);
    expect(json.findings.some((f: any) => f.verdict === "unsupported" && /auth-url$/.test(f.annotation))).toBe(true);
    expect(json.routes.map((r: any) => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(["ops/admin"]);
  });

  test.each([
    [["/nonexistent/ingress.yaml"], /ENOENT|no such file/],
    [[], /give at least one file/],
    [["x.yaml", "--tenant", "Bad"], /--tenant takes NAMESPACE=TENANT/],
    [["x.yaml", "--frobnicate"], /unknown option "--frobnicate"/],
    [["x.yaml", "--out"], /--out needs a value/],
  ])("2 on unreadable input or a bad command line: %j", async (args, message) => {
    const { code, err } = await migrate(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  test("2 on a file that is not YAML, or a bad --kubernetes-version", async () => {
    const file = join(WORK, "broken.yaml");
    writeFileSync(file, "kind: [Ingress\n");
    expect((await migrate(file)).code).toBe(2);
    expect((await migrate(join(FIXTURES, "edge.yaml"), "--kubernetes-version", "banana")).err).toMatch(/Kubernetes version must look like/);
  });

  test("--help documents the interface and the exit codes", async () => {
    const { code, out } = await migrate("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/migrate FILE\.\.\. \[--ingress-class NAME\.\.\.\] \[--tenant NAMESPACE=TENANT\.\.\.\]\n +\[--default-host NAME\.\.\.\] \[--kubernetes-version X\] \[--create-namespaces\]\n +\[--compare\] \[--json\] \[--out FILE\.ts\]/);
    expect(out).toMatch(/Exit code: 0 nothing unsupported \(skipped Ingresses are no blocker\), 3 a blocker was found/);
  });
});

describe("--json and --out", () => {
  const files = ["canary.yaml", "rewrite.yaml", "redirect.yaml", "backend.yaml", "edge.yaml", "conflict.yaml"].map((f) => join(FIXTURES, f));
  let json: any;
  let moduleFile: string;

  beforeAll(async () => {
    moduleFile = join(WORK, "migrated.ts");
    const result = await migrate(...files, "--kubernetes-version", "1.36", "--tenant", "ops=operations", "--json", "--out", moduleFile);
    expect(result.code).toBe(3); // rewrite.yaml and edge.yaml have blockers
    json = JSON.parse(result.out);
  });

  test("prints exactly {routes, edge, findings}, each finding {ingress, annotation, verdict, detail}", () => {
    expect(Object.keys(json)).toEqual(["routes", "edge", "findings"]);
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(["ingress", "annotation", "verdict", "detail"]);
      expect(["converted", "approximated", "edge", "unsupported"]).toContain(f.verdict);
      expect(f.annotation).toMatch(/^(nginx\.ingress\.kubernetes\.io\/[a-z0-9-]+|spec(\.[a-zA-Z]+(\[\d+\])?)*)$/);
    }
    expect(json.routes.map((r: any) => `${r.kind} ${r.metadata.namespace}/${r.metadata.name}`)).toEqual([
      "GRPCRoute api/grpc",
      "HTTPRoute api/api",
      "HTTPRoute operations/admin".replace("operations", "ops"),
      "HTTPRoute shop/shop",
      "HTTPRoute team-one/site",
      "HTTPRoute web/moved",
      "HTTPRoute web/path-types",
      "HTTPRoute web/plain-target",
      "HTTPRoute web/regex",
      "HTTPRoute web/rewrite",
      "HTTPRoute web/temp",
      "HTTPRoute web/www-1",
      "HTTPRoute web/www-2",
    ]);
    const cors = json.routes.find((r: any) => r.metadata.name === "api").spec.rules[0].filters.find((f: any) => f.type === "CORS");
    expect(cors.cors).toMatchObject({ allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], maxAge: 600 });
  });

  test("what the library refuses (an ownership overlap) is a blocker naming the check, and is left out of --out", () => {
    const refused = json.findings.find((f: any) => f.ingress === "team-two/site" && f.annotation === "spec");
    expect(refused).toMatchObject({ verdict: "unsupported" });
    expect(refused.detail).toMatch(/the library refused it: .*tenant team-two claims path prefix "\/two" on hostname "shared.example.com", which overlaps/);
    expect(readFileSync(moduleFile, "utf8")).toMatch(/\/\/ tenant team-two left out: the library refused it/);
  });

  test("edge lists the WAF custom rules and limits it adds", () => {
    expect(json.edge.map((e: any) => e.setting)).toEqual([...Array(8).fill("waf.customRules"), "waf.maxRequestBodySizeKb", "waf.fileUploadLimitMb"]);
    expect(json.edge[2].rule).toMatchObject({
      name: "WhitelistSourceRange_ops_admin",
      priority: 3,
      type: "MatchRule",
      action: "Block",
      conditions: [
        { variable: "RequestHeaders", selector: "Host", operator: "Equal", values: ["admin.example.com"] },
        { variable: "RemoteAddr", operator: "IPMatch", values: ["10.0.0.0/24", "172.10.0.1"], negate: true },
      ],
    });
  });

  test("--out writes TypeScript that type-checks against the library", () => {
    const config = ts.readConfigFile(join(REPO, "tsconfig.json"), ts.sys.readFile).config;
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO);
    // The generated module needs Node's types only (not jest's), which keeps the check to about 4 s.
    const program = ts.createProgram([moduleFile], { ...parsed.options, noEmit: true, incremental: false, types: ["node"] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(problems).toEqual([]);
    expect(readFileSync(moduleFile, "utf8")).toMatch(/^import \{ [A-Za-z, ]+ \} from "cdktf-aks-gateway";$/m);
  });

  test("--out synthesizes the same routes as --json, and its WAF settings make a valid policy", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const generated = require(moduleFile) as { addMigratedTenants: (t: TrafficStack) => void; migratedWaf: object };
    const traffic = new TrafficStack(new App({ skipValidation: true }), "migrated-traffic", { platform: placeholderPlatform("1.36") });
    generated.addMigratedTenants(traffic);
    const synthesized = traffic.toTerraform();
    expect(routeObjects(synthesized)).toEqual(json.routes);
    const gateway = Object.values(synthesized.resource.kubernetes_manifest).map((r: any) => r.manifest).find((m: any) => m.kind === "Gateway");
    expect(gateway.spec.listeners[0].allowedRoutes.kinds.map((k: any) => k.kind)).toEqual(["HTTPRoute", "GRPCRoute"]);
    const stack = new TerraformStack(new App(), "edge");
    const rg = { name: "rg", location: "swedencentral", id: "/subscriptions/0/resourceGroups/rg" };
    expect(new WafPolicy(stack, "Waf", { ...generated.migratedWaf, name: "waf", resourceGroup: rg }).customRules).toHaveLength(8);
  });
});
