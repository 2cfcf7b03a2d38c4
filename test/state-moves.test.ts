import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, Testing } from "cdktf";
import { PathMatch } from "../lib/tenancy/route-match";
import { PlatformStack } from "../stacks/platform-stack";
import { TenantStack } from "../stacks/tenant-stack";
import { TrafficStack } from "../stacks/traffic-stack";
import { planStateMoves, readResources, stateMovesCommand, tenantNames } from "../cli/state-moves";
import { documentationRanges } from "./util";

/** Synthesizes the app into a fresh directory, with tenants on the traffic stack or each in its own stack. */
function synth(layout: "single" | "split"): string {
  const outdir = mkdtempSync(join(tmpdir(), `aksgw-moves-${layout}-`));
  const app: App = Testing.app({ outdir });
  const platform = new PlatformStack(app, "shop-platform", { namePrefix: "shop", cluster: { apiServerAccess: documentationRanges() } });
  const traffic = new TrafficStack(app, "shop-traffic", { platform });
  for (const name of ["cart", "catalog"]) {
    const home = layout === "single" ? traffic : new TenantStack(app, `shop-tenant-${name}`, { traffic });
    home
      .addTenant({ name, hostnames: ["shop.contoso.com"], pathPrefixes: [`/${name}`], owners: { groupObjectIds: ["11111111-2222-3333-4444-555555555555"] } })
      .addRoute("Api", { rules: [{ matches: [{ path: PathMatch.prefix(`/${name}`) }], backends: [{ serviceName: "api", port: 8080 }] }] });
  }
  app.synth();
  return outdir;
}

describe("state-moves", () => {
  const single = synth("single");
  const split = synth("split");
  const before = readResources(single);
  const after = readResources(split);
  const { moves, unmatched } = planStateMoves(before, after, tenantNames(before));

  test("pairs every resource of every tenant with its new address in its tenant stack", () => {
    expect(tenantNames(before)).toEqual(new Set(["cart", "catalog"]));
    expect(unmatched).toEqual([]);
    const tenantResources = before.filter((r) => r.path.startsWith("shop-traffic/Tenants/"));
    expect(moves).toHaveLength(tenantResources.length);
    expect(moves.length).toBeGreaterThanOrEqual(2 * 8); // namespace, quota, limits, policy, 3 RBAC, route
    for (const move of moves) {
      expect(move.fromStack).toBe("shop-traffic");
      expect(move.toStack).toMatch(/^shop-tenant-(cart|catalog)$/);
      expect(move.toAddress.split(".")[0]).toBe(move.fromAddress.split(".")[0]);
    }
    const namespace = moves.find((m) => m.fromAddress.startsWith("kubernetes_namespace_v1.") && m.toStack === "shop-tenant-cart")!;
    const target = after.find((r) => r.stack === "shop-tenant-cart" && r.address === namespace.toAddress)!;
    expect(target.path).toBe("shop-tenant-cart/cart/Resource");
  });

  test("tenants that adopt their namespace are found by their namespace labels, and their labels and annotations move too", () => {
    const resources = [
      { stack: "t", address: "kubernetes_labels.Tenants_web_NamespaceLabels_1", path: "t/Tenants/web/NamespaceLabels" },
      { stack: "t", address: "kubernetes_annotations.Tenants_web_NamespaceAnnotations_2", path: "t/Tenants/web/NamespaceAnnotations" },
      { stack: "t", address: "kubernetes_labels.Tenants_other_Thing_3", path: "t/Tenants/other/Thing" },
    ];
    expect(tenantNames(resources)).toEqual(new Set(["web"]));
    const moved = [
      { stack: "tenant-web", address: "kubernetes_labels.web_NamespaceLabels_4", path: "tenant-web/web/NamespaceLabels" },
      { stack: "tenant-web", address: "kubernetes_annotations.web_NamespaceAnnotations_5", path: "tenant-web/web/NamespaceAnnotations" },
    ];
    expect(planStateMoves(resources.slice(0, 2), moved, tenantNames(resources)).moves.map((m) => [m.fromAddress, m.toAddress])).toEqual([
      ["kubernetes_labels.Tenants_web_NamespaceLabels_1", "kubernetes_labels.web_NamespaceLabels_4"],
      ["kubernetes_annotations.Tenants_web_NamespaceAnnotations_2", "kubernetes_annotations.web_NamespaceAnnotations_5"],
    ]);
  });

  test("nothing outside the tenants moves, and the same layout needs no move", () => {
    expect(moves.some((m) => /Gateway|Health|TenantGuardrails|HostnameAdmission/.test(m.fromAddress))).toBe(false);
    expect(planStateMoves(after, after, tenantNames(after)).moves).toEqual([]);
  });

  test("a tenant resource without a counterpart is reported (it would be destroyed), exit 1", () => {
    const out: string[] = [];
    const err: string[] = [];
    const trimmed = after.filter((r) => !r.path.endsWith("cart/Quota/Resource") && r.path !== "shop-tenant-cart/cart/Quota");
    expect(planStateMoves(before, trimmed, tenantNames(before)).unmatched.map((r) => r.path)).toEqual(["shop-traffic/Tenants/cart/Quota"]);
    expect(stateMovesCommand([single, split], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(0);
    expect(err).toEqual([]);
  });

  test("prints a script that pulls, moves and pushes; bad input exits 2", () => {
    const out: string[] = [];
    expect(stateMovesCommand([single, split], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const script = out.join("\n");
    expect(script).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(script).toContain(`terraform -chdir="${split}/stacks/shop-traffic" state pull > "$work/shop-traffic.tfstate"`);
    expect(script).toMatch(/terraform state mv -state="\$work\/shop-traffic\.tfstate" -state-out="\$work\/shop-tenant-cart\.tfstate" 'kubernetes_namespace_v1\.Tenants_cart_[A-Z0-9_]+' 'kubernetes_namespace_v1\.cart_[A-Z0-9_]+'/);
    expect(script).toContain(`terraform -chdir="${split}/stacks/shop-tenant-catalog" state push "$work/shop-tenant-catalog.tfstate"`);
    const err: string[] = [];
    expect(stateMovesCommand([single], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(stateMovesCommand([single, join(split, "nope")], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err.join("\n")).toMatch(/state-moves takes two output directories[\s\S]*manifest\.json not found/);
  });

  // The moves run with the real terraform binary on local state files (state mv needs no provider); skipped
  // only when terraform is not on PATH.
  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
  (terraform.status === 0 ? test : test.skip)("terraform state mv accepts every generated move", () => {
    const work = mkdtempSync(join(tmpdir(), "aksgw-moves-state-"));
    const source = join(work, "shop-traffic.tfstate");
    const resources = moves.map((m) => {
      const [type, name] = m.fromAddress.split(".");
      const provider = `provider["registry.terraform.io/hashicorp/kubernetes"]`;
      return { mode: "managed", type, name, provider, instances: [{ schema_version: 0, attributes: { id: name } }] };
    });
    writeFileSync(source, JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "test", outputs: {}, resources }));
    for (const m of moves) {
      const r = spawnSync("terraform", ["state", "mv", `-state=${source}`, `-state-out=${join(work, `${m.toStack}.tfstate`)}`, m.fromAddress, m.toAddress], {
        encoding: "utf8",
        cwd: work,
      });
      expect([m.fromAddress, r.status, /Error/.test(r.stderr) ? r.stderr : ""]).toEqual([m.fromAddress, 0, ""]);
    }
    const moved = JSON.parse(readFileSync(join(work, "shop-tenant-cart.tfstate"), "utf8")).resources.map((r: any) => `${r.type}.${r.name}`);
    expect(moved.sort()).toEqual(moves.filter((m) => m.toStack === "shop-tenant-cart").map((m) => m.toAddress).sort());
    expect(JSON.parse(readFileSync(source, "utf8")).resources).toEqual([]);
  }, 60_000);
});
