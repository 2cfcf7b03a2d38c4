import { Check } from "./check";
import { CommandRunner, EXIT_NOT_STARTED, describeFailure } from "./command-runner";
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

/** Every server in every backend pool and setting of the Application Gateway reports `Healthy`. */
export function backendHealthCheck(ctx: ClusterCheckContext): Check {
  const { resourceGroupName, applicationGatewayName } = ctx.platform;
  const args = ["network", "application-gateway", "show-backend-health", "-g", resourceGroupName, "-n", applicationGatewayName, "-o", "json"];
  return {
    name: "appgw-backend-health",
    attempt: async () => {
      const json = await runJson(ctx.commands, "az", args, "; check `az login` and `az account show`");
      if (typeof json === "string") {
        return json;
      }
      const pools = json.backendAddressPools;
      if (!Array.isArray(pools)) {
        return "az output has no backendAddressPools list";
      }
      const servers: Array<{ where: string; health: unknown; log: unknown }> = [];
      for (const pool of pools) {
        const poolName = lastSegment(pool?.backendAddressPool?.id);
        for (const settings of asArray(pool?.backendHttpSettingsCollection)) {
          const settingsName = lastSegment(settings?.backendHttpSettings?.id);
          for (const server of asArray(settings?.servers)) {
            servers.push({ where: `${server?.address ?? "?"} (pool ${poolName}, settings ${settingsName})`, health: server?.health, log: server?.healthProbeLog });
          }
        }
      }
      if (servers.length === 0) {
        return `no backend servers reported; the backend pool should hold the gateway IP ${ctx.platform.gatewayPrivateIp}`;
      }
      const bad = servers.filter((server) => server.health !== "Healthy");
      if (bad.length === 0) {
        return undefined;
      }
      return bad.map((server) => `${server.where} is ${String(server.health)}${server.log ? `: ${String(server.log).trim()}` : ""}`).join("; ");
    },
  };
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

function kubectlHint(platform: PlatformOutputs): string {
  return `; is kubectl pointed at cluster ${platform.clusterName}? (az aks get-credentials -g ${platform.resourceGroupName} -n ${platform.clusterName})`;
}

/** Runs a command that prints a JSON object: the object, or a one-line problem. */
async function runJson(runner: CommandRunner, command: string, args: readonly string[], hint: string): Promise<JsonObject | string> {
  const display = [command, ...args.slice(0, 3)].join(" ");
  const result = await runner.run(command, args);
  if (result.exitCode !== 0) {
    // A missing binary needs installing, not logging in: the hint would mislead.
    return describeFailure(display, result) + (result.exitCode === EXIT_NOT_STARTED ? "" : hint);
  }
  try {
    const parsed = JSON.parse(result.stdout);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed;
    }
  } catch {
    // fall through
  }
  return `${display} did not print a JSON object: ${JSON.stringify(result.stdout.slice(0, 200))}`;
}

/** A parsed JSON object from az or kubectl, read defensively with `?.`. */
type JsonObject = Record<string, any>;

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function lastSegment(id: unknown): string {
  return typeof id === "string" && id.includes("/") ? id.slice(id.lastIndexOf("/") + 1) : String(id ?? "?");
}
