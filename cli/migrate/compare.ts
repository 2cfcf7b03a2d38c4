/**
 * `migrate --compare`: replays the requests each converted Ingress implies through ingress-nginx's semantics and
 * through the platform with the converted routes, and reports every request answered differently with the findings
 * that explain it. A difference no finding explains is reported as a blocker.
 */
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { MigrationFinding } from "../../lib/migration/finding";
import { KubeObject } from "../../lib/migration/private/objects";
import { ReplayResult, replay } from "../../lib/migration/private/compare/compare";
import { gatewayModelOf, routeAppOf } from "../route/app";

/** The replay of a migration synthesized into `stack` (the TrafficStack JSON of `synthesizeRoutes`). */
export function compareMigration(objects: readonly KubeObject[], migration: IngressMigration, findings: readonly MigrationFinding[], stack: any, defaultHosts: readonly string[]): ReplayResult {
  const app = routeAppOf([{ name: "migrated-traffic", json: stack }]);
  if (app.gateways.length === 0) throw new Error("the synthesized traffic stack has no Gateway");
  const gateway = gatewayModelOf(app, app.gateways[0]);
  const routeIngress = new Map(migration.tenants.flatMap((t) => t.routes.map((r) => [`${t.namespace}/${r.options.name}`, r.ingress] as const)));
  return replay({ objects, converted: migration.ingresses, findings, gateway, routeIngress, defaultHosts });
}

/** Whether some difference has no finding to explain it. */
export function hasUnexplained(result: ReplayResult): boolean {
  return result.differences.some((d) => d.explainedBy.length === 0);
}

/** The report's lines for the replay. */
export function compareLines(result: ReplayResult): string[] {
  const lines = [`Compare: ${result.requests} request(s) replayed through ingress-nginx's semantics and through the platform, assuming:`];
  result.assumptions.forEach((a) => lines.push(`  - ${a}`));
  for (const d of result.differences) {
    lines.push(`  ${d.request}  (from Ingress ${d.ingress})`);
    lines.push(`      ingress-nginx: ${d.nginx}`);
    lines.push(`      platform:      ${d.platform}`);
    lines.push(d.explainedBy.length > 0 ? `      explained by:  ${d.explainedBy.join("; ")}` : "      UNEXPLAINED: no finding says this request changes; report it as a conversion defect.");
  }
  const unexplained = result.differences.filter((d) => d.explainedBy.length === 0).length;
  lines.push(
    result.differences.length === 0
      ? "No request answers differently."
      : `${result.differences.length} request(s) answer differently${unexplained > 0 ? `, ${unexplained} of them unexplained` : ", each explained by a finding"}.`,
  );
  return lines;
}
