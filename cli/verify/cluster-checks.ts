import { BackendSettings, listBackendSettings, protocolAndPort } from "./backend-settings";
import { Check } from "./check";
import { CommandRunner } from "./command-runner";
import { AZ_HINT, asArray, kubectlHint, lastSegment, runJson } from "./json-command";
import { PlatformOutputs, TrafficOutputs } from "./outputs";

export interface ClusterCheckContext {
  readonly platform: PlatformOutputs;
  readonly commands: CommandRunner;
}

/**
 * The Gateway API kind, fully qualified: with Istio installed, a bare `gateway` can resolve to
 * `gateways.networking.istio.io` instead (istio/istio#28188, #44354).
 */
export const GATEWAY_RESOURCE = "gateways.gateway.networking.k8s.io";

/** A probe log that points at TLS between the Application Gateway and the Gateway, not at the route. */
const TLS_PROBE_LOG = /certificate|\bssl\b|\btls\b|common name|\bCN\b/i;

/** Appended to an unhealthy server whose probe log is about certificates. */
export const BACKEND_TRUST_HINT =
  "; the Application Gateway does not accept the Gateway's certificate: add its root CA as a trusted root certificate " +
  "of the backend settings (private CA), and make the certificate cover the probe's host name";

interface ServerHealth {
  readonly address: string;
  readonly pool: string;
  readonly settings: string;
  readonly health: unknown;
  readonly log: unknown;
}

/**
 * Every server in every backend pool and setting of the Application Gateway reports `Healthy`. On failure it
 * names each bad server with its pool, settings and their protocol (from `http-settings list`, best effort)
 * and the probe log; a certificate problem in the log gets the trusted-root hint.
 */
export function backendHealthCheck(ctx: ClusterCheckContext): Check {
  const { resourceGroupName, applicationGatewayName } = ctx.platform;
  const args = ["network", "application-gateway", "show-backend-health", "-g", resourceGroupName, "-n", applicationGatewayName, "-o", "json"];
  return {
    name: "appgw-backend-health",
    attempt: async () => {
      const json = await runJson(ctx.commands, "az", args, AZ_HINT);
      if (typeof json === "string") {
        return json;
      }
      const pools = json.backendAddressPools;
      if (!Array.isArray(pools)) {
        return "az output has no backendAddressPools list";
      }
      const servers = pools.flatMap((pool) =>
        asArray(pool?.backendHttpSettingsCollection).flatMap((settings) =>
          asArray(settings?.servers).map(
            (server): ServerHealth => ({
              address: String(server?.address ?? "?"),
              pool: lastSegment(pool?.backendAddressPool?.id),
              settings: lastSegment(settings?.backendHttpSettings?.id),
              health: server?.health,
              log: server?.healthProbeLog,
            }),
          ),
        ),
      );
      if (servers.length === 0) {
        return `no backend servers reported; the backend pool should hold the gateway IP ${ctx.platform.gatewayPrivateIp}`;
      }
      const bad = servers.filter((server) => server.health !== "Healthy");
      if (bad.length === 0) {
        return undefined;
      }
      const settings = await listBackendSettings(ctx);
      return bad.map((server) => describeServer(server, typeof settings === "string" ? [] : settings)).join("; ");
    },
  };
}

function describeServer(server: ServerHealth, settings: readonly BackendSettings[]): string {
  const known = settings.find((s) => s.name === server.settings);
  const where = `${server.address} (pool ${server.pool}, settings ${server.settings}${known ? `, ${protocolAndPort(known)}` : ""})`;
  const log = server.log ? String(server.log).trim() : "";
  const hint = log && TLS_PROBE_LOG.test(log) ? BACKEND_TRUST_HINT : "";
  return `${where} is ${String(server.health)}${log ? `: ${log}` : ""}${hint}`;
}

/** The shared Gateway has condition `Programmed=True`. */
export function gatewayProgrammedCheck(ctx: ClusterCheckContext, traffic: TrafficOutputs): Check {
  const args = ["get", GATEWAY_RESOURCE, traffic.gatewayName, "-n", traffic.gatewayNamespace, "-o", "json"];
  return {
    name: "gateway-programmed",
    attempt: async () => {
      const json = await runJson(ctx.commands, "kubectl", args, kubectlHint(ctx.platform));
      if (typeof json === "string") {
        return json;
      }
      const conditions = asArray(json.status?.conditions);
      const programmed = conditions.find((condition) => condition?.type === "Programmed");
      if (!programmed) {
        return `gateway ${traffic.gatewayNamespace}/${traffic.gatewayName} has no Programmed condition yet; is the gateway controller running?`;
      }
      if (programmed.status !== "True") {
        const why = [programmed.reason, programmed.message].filter(Boolean).join(": ");
        return `gateway ${traffic.gatewayNamespace}/${traffic.gatewayName} is Programmed=${String(programmed.status)}${why ? ` (${why})` : ""}`;
      }
      return undefined;
    },
  };
}

/**
 * The gateway's generated Service has the declared `externalTrafficPolicy` (`Local` by default, which keeps
 * the client source IP) and got the pinned private IP that the Application Gateway's backend pool points at.
 */
export function gatewayServiceCheck(ctx: ClusterCheckContext, traffic: TrafficOutputs): Check {
  const args = ["get", "service", traffic.gatewayServiceName, "-n", traffic.gatewayNamespace, "-o", "json"];
  const service = `service ${traffic.gatewayNamespace}/${traffic.gatewayServiceName}`;
  return {
    name: "gateway-service",
    attempt: async () => {
      const json = await runJson(ctx.commands, "kubectl", args, kubectlHint(ctx.platform));
      if (typeof json === "string") {
        return json;
      }
      const problems: string[] = [];
      const policy = json.spec?.externalTrafficPolicy;
      const expected = traffic.gatewayExternalTrafficPolicy;
      if (policy !== expected) {
        problems.push(`${service} has externalTrafficPolicy ${JSON.stringify(policy ?? null)}, expected ${JSON.stringify(expected)}`);
      }
      const ip = asArray(json.status?.loadBalancer?.ingress)[0]?.ip;
      if (typeof ip !== "string") {
        problems.push(`${service} has no load balancer IP yet (status.loadBalancer.ingress is empty), expected ${ctx.platform.gatewayPrivateIp}`);
      } else if (ip !== ctx.platform.gatewayPrivateIp) {
        problems.push(`${service} has load balancer IP ${ip}, expected gateway_private_ip ${ctx.platform.gatewayPrivateIp}`);
      }
      return problems.length ? problems.join("; ") : undefined;
    },
  };
}
