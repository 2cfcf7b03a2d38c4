import { readFileSync } from "fs";
import { join } from "path";
import { IngressMigration, IngressMigrationOptions, MigratedRoute } from "../../lib/migration/ingress-migration";
import { NGINX_ANNOTATION_PREFIX } from "../../lib/migration/finding";

/** A fixture of test/migration/fixtures, converted. */
export function migrate(file: string, options: IngressMigrationOptions = {}): IngressMigration {
  return IngressMigration.fromYaml(readFileSync(join(__dirname, "fixtures", file), "utf8"), options, file);
}

/** Verdicts by `<namespace>/<name> <annotation suffix or spec part>`. */
export function verdicts(m: IngressMigration): Record<string, string> {
  return Object.fromEntries(m.findings.map((f) => [`${f.ingress} ${f.annotation.replace(NGINX_ANNOTATION_PREFIX, "")}`, f.verdict]));
}

/** The detail of one finding. */
export function detail(m: IngressMigration, ingress: string, annotation: string): string {
  const f = m.findings.find((x) => x.ingress === ingress && x.annotation.replace(NGINX_ANNOTATION_PREFIX, "") === annotation);
  if (!f) throw new Error(`no finding ${ingress} ${annotation}`);
  return f.detail;
}

/** The route of that Kubernetes name, as plain JSON (class instances as their fields). */
export function route(m: IngressMigration, name: string, kind: "http" | "grpc" = "http"): any {
  const r: MigratedRoute | undefined = m.tenants.flatMap((t) => t.routes).find((x) => x.options.name === name && x.kind === kind);
  return r === undefined ? undefined : JSON.parse(JSON.stringify(r.options));
}
