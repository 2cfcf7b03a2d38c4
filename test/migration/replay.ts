/**
 * Test helpers: a migration synthesized on the default shared Gateway, asked for requests through the platform and
 * through ingress-nginx, and replayed in full.
 */
import { IngressMigration, IngressMigrationOptions } from "../../lib/migration/ingress-migration";
import { KubeObject, readObjects } from "../../lib/migration/private/objects";
import { synthesizeRoutes } from "../../cli/migrate/synth";
import { gatewayModelOf, routeAppOf } from "../../cli/route/app";
import { PlatformAssumptions, ReplayResult, brief, platformAnswer, replay } from "../../lib/migration/private/compare/compare";
import { evaluateGateway, GatewayModel } from "../../lib/private/routing";
import { request, nginx } from "./nginx";

const cache = new Map<string, ReturnType<typeof build>>();

/** A migration of `objects`, synthesized, with its Gateway model (one synth per distinct input in a test file). */
export function migrated(objects: readonly KubeObject[] | string, options: IngressMigrationOptions = {}) {
  const key = JSON.stringify([objects, options]);
  if (!cache.has(key)) cache.set(key, build(objects, options));
  return cache.get(key)!;
}

function build(objects: readonly KubeObject[] | string, options: IngressMigrationOptions) {
  const list = typeof objects === "string" ? readObjects(objects, "test") : [...objects];
  const migration = IngressMigration.fromObjects(list, options);
  const synthesized = synthesizeRoutes(migration, options.kubernetesVersion);
  const app = routeAppOf([{ name: "migrated-traffic", json: synthesized.stack }]);
  const gateway = gatewayModelOf(app, app.gateways[0]);
  const routeIngress = new Map(migration.tenants.flatMap((t) => t.routes.map((r) => [`${t.namespace}/${r.options.name}`, r.ingress] as const)));
  const findings = [...migration.findings, ...synthesized.refused];
  return {
    migration,
    findings,
    gateway,
    /** How the Gateway answers `url` (as the Application Gateway forwards it: HTTP, the client's Host). */
    gatewayAnswer: (url: string, opts: { method?: string; headers?: Record<string, string> } = {}) => {
      const r = request(url, opts);
      return brief(evaluateGateway(gateway, { ...r, scheme: "http", port: 80 }), r.host);
    },
    /** How the platform answers `url`: the edge (redirecting HTTP when it has a certificate), then the Gateway. */
    platformAnswer: (url: string, edgeTls: boolean, opts: { method?: string; headers?: Record<string, string> } = {}) => {
      const r = request(url, opts);
      return brief(platformAnswer(gateway, r, { edgeTls, gatewayScheme: "http" }), r.host);
    },
    nginxAnswer: (url: string, opts: { method?: string; headers?: Record<string, string> } = {}) => nginx(list, url, opts),
    replay: (platform?: PlatformAssumptions): ReplayResult =>
      replay({ objects: list, converted: migration.ingresses, findings, gateway, routeIngress, defaultHosts: options.defaultHostnames ?? [], platform }),
  };
}

export type { GatewayModel };
