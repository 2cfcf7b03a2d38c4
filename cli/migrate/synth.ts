/**
 * Builds a migration's tenants and routes on a TrafficStack for a placeholder existing cluster, exactly as the
 * generated TypeScript does, and reads back the HTTPRoutes and GRPCRoutes as the library synthesizes them.
 * Construct errors (an ownership overlap, a Gateway API limit) become blocker findings of the Ingresses involved.
 */
import { App } from "cdktf";
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { MigrationFinding, MigrationVerdict } from "../../lib/migration/finding";
import { TrafficStack } from "../../stacks/traffic-stack";
import { Tenant } from "../../lib/tenancy/tenant";

/** The placeholder cluster the command builds on (also written into the generated TypeScript). */
export function placeholderPlatform(kubernetesVersion: string | undefined) {
  return {
    clusterName: "aks-migrated",
    resourceGroupName: "rg-migrated",
    gatewayAddress: "10.240.4.4",
    gatewaySubnetName: "snet-gateway",
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    kubernetesVersion,
  };
}

/** The Gateway API route objects of a synthesized stack JSON, sorted by kind, namespace and name. */
export function routeObjects(stackJson: any): any[] {
  const manifests = Object.values(stackJson.resource?.kubernetes_manifest ?? {}).map((r: any) => r.manifest);
  return manifests
    .filter((m: any) => m && ["HTTPRoute", "GRPCRoute"].includes(m.kind) && m.metadata?.namespace !== "gateway-health")
    .sort((a: any, b: any) => `${a.kind}/${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.namespace}/${b.metadata.name}`));
}

/**
 * What an ownership overlap between a wildcard and a name below it meant in ingress-nginx (nginx docs, server_name:
 * an exact name wins every request of that name over a wildcard), and how to carry it over.
 */
function wildcardNote(error: unknown): string {
  if (!/hostname "\*\./.test((error as Error).message)) return "";
  return (
    " ingress-nginx answered every request for an exact host from that host's own Ingresses, ahead of a wildcard covering it; " +
    "on the shared Gateway one tenant cannot own a name inside another tenant's wildcard: serve both from one namespace, or list the names the wildcard served instead of it."
  );
}

/** The routes the library synthesizes for the migration, and findings for what its constructs refused. */
export function synthesizeRoutes(
  migration: IngressMigration,
  kubernetesVersion: string | undefined,
): { routes: any[]; refused: MigrationFinding[]; built: Set<string>; stack: any } {
  const app = new App({ outdir: "/nonexistent-migrate-out", skipValidation: true });
  const traffic = new TrafficStack(app, "migrated-traffic", { platform: placeholderPlatform(kubernetesVersion) });
  const refused: MigrationFinding[] = [];
  /** `<tenant>` and `<tenant>/<route id>` of what the library accepted. */
  const built = new Set<string>();
  const fail = (ingresses: readonly string[], error: unknown) =>
    ingresses.forEach((ingress) =>
      refused.push({ ingress, annotation: "spec", verdict: MigrationVerdict.UNSUPPORTED, detail: `the library refused it: ${(error as Error).message}${wildcardNote(error)}` }),
    );
  for (const plan of migration.tenants) {
    let tenant: Tenant;
    try {
      tenant = IngressMigration.addTenant(traffic, plan);
      built.add(plan.name);
    } catch (error) {
      fail([...new Set(plan.routes.map((r) => r.ingress))], error);
      continue;
    }
    for (const route of plan.routes) {
      try {
        IngressMigration.addRoute(tenant, route);
        built.add(`${plan.name}/${route.id}`);
      } catch (error) {
        fail([route.ingress], error);
      }
    }
  }
  const stack = traffic.toTerraform();
  return { routes: routeObjects(stack), refused, built, stack };
}
