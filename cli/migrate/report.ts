/** The human report of `migrate`: per Ingress, its routes and one line per annotation verdict. */
import { IngressMigration, MigratedRouteKind } from "../../lib/migration/ingress-migration";
import { MigrationFinding, MigrationVerdict } from "../../lib/migration/finding";

const MARK: { readonly [v in MigrationVerdict]: string } = {
  [MigrationVerdict.CONVERTED]: "converted   ",
  [MigrationVerdict.APPROXIMATED]: "approximated",
  [MigrationVerdict.EDGE]: "edge        ",
  [MigrationVerdict.UNSUPPORTED]: "UNSUPPORTED ",
  [MigrationVerdict.SKIPPED]: "skipped     ",
};

/** Lines of the report. */
export function reportLines(migration: IngressMigration, findings: readonly MigrationFinding[], routes: readonly any[]): string[] {
  const lines: string[] = [`Target: Gateway API ${migration.gatewayApiVersion}.`, ""];
  const ingresses = [...new Set([...migration.ingresses, ...findings.map((f) => f.ingress)])];
  for (const ingress of ingresses) {
    lines.push(`Ingress ${ingress}`);
    const tenant = migration.tenants.find((t) => t.routes.some((r) => r.ingress === ingress));
    for (const route of tenant?.routes.filter((r) => r.ingress === ingress) ?? []) {
      const object = routes.find((o) => o.metadata?.namespace === tenant!.namespace && o.metadata?.name === route.options.name && o.kind === (route.kind === MigratedRouteKind.GRPC ? "GRPCRoute" : "HTTPRoute"));
      const status = object ? "" : " (not created: see findings)";
      lines.push(`  -> ${route.kind === MigratedRouteKind.GRPC ? "GRPCRoute" : "HTTPRoute"} ${tenant!.namespace}/${route.options.name} of tenant ${tenant!.name} on ${(route.options.hostnames ?? []).join(", ")}${status}`);
    }
    for (const f of findings.filter((x) => x.ingress === ingress)) lines.push(`  ${MARK[f.verdict]}  ${f.annotation}: ${f.detail}`);
    lines.push("");
  }
  const rules = migration.wafCustomRules.length;
  if (rules > 0 || migration.maxRequestBodySizeKb !== undefined) {
    lines.push(`Edge: ${rules} WAF custom rule(s)${migration.maxRequestBodySizeKb !== undefined ? `, body limit ${migration.maxRequestBodySizeKb} KB, uploads ${migration.fileUploadLimitMb} MB` : ""}.`);
  }
  const count = (v: MigrationVerdict) => findings.filter((f) => f.verdict === v).length;
  lines.push(
    `${routes.length} route(s) for ${migration.tenants.length} tenant(s); ${count(MigrationVerdict.CONVERTED)} converted, ` +
      `${count(MigrationVerdict.APPROXIMATED)} approximated, ${count(MigrationVerdict.EDGE)} edge, ${count(MigrationVerdict.UNSUPPORTED)} unsupported; ` +
      `${count(MigrationVerdict.SKIPPED)} Ingress(es) skipped (classes converted: ${migration.ingressClasses.join(", ")}).`,
  );
  return lines;
}
