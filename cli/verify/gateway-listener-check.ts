import { AttemptOutcome, Check, notApplicable } from "./check";
import { ClusterCheckContext, GATEWAY_RESOURCE } from "./cluster-checks";
import { JsonObject, asArray, kubectlHint, runJson } from "./json-command";
import { BackendProtocol, TrafficOutputs } from "./outputs";

/** The listener conditions that must be `True` for a listener to serve TLS with its certificate. */
export const REQUIRED_LISTENER_CONDITIONS = ["Programmed", "ResolvedRefs"] as const;

/** Appended when `ResolvedRefs` is not True: the certificate reference is what fails on a Key Vault listener. */
export function certificateRefHint(namespace: string): string {
  return (
    ` — the listener's certificate Secret is missing or unreadable; with a Key Vault certificate (tls.options) the ` +
    `add-on syncs it through the ServiceAccount's workload identity: check its azure.workload.identity/client-id ` +
    `annotation, the federated credential and the identity's "Key Vault Secrets User" role on the vault ` +
    `(kubectl get secretproviderclass,secret -n ${namespace})`
  );
}

/**
 * `gateway-https-listener`: every HTTPS listener of the shared Gateway (`spec.listeners[].protocol: HTTPS`)
 * reports `Programmed=True` and `ResolvedRefs=True` in `status.listeners`. Without an HTTPS listener the
 * check does not apply, unless the platform says it re-encrypts (`backend_protocol` Https): then it fails.
 */
export function gatewayHttpsListenerCheck(ctx: ClusterCheckContext, traffic: TrafficOutputs): Check {
  const args = ["get", GATEWAY_RESOURCE, traffic.gatewayName, "-n", traffic.gatewayNamespace, "-o", "json"];
  const gateway = `gateway ${traffic.gatewayNamespace}/${traffic.gatewayName}`;
  return {
    name: "gateway-https-listener",
    attempt: async (): Promise<AttemptOutcome> => {
      const json = await runJson(ctx.commands, "kubectl", args, kubectlHint(ctx.platform));
      if (typeof json === "string") {
        return json;
      }
      const https = asArray(json.spec?.listeners).filter((listener) => listener?.protocol === "HTTPS");
      if (https.length === 0) {
        if (ctx.platform.backendProtocol === BackendProtocol.HTTPS) {
          return `${gateway} has no HTTPS listener, but backend_protocol is Https: the Application Gateway re-encrypts to a listener that does not exist`;
        }
        return notApplicable(`${gateway} has no HTTPS listener`);
      }
      const problems = https.flatMap((listener) => listenerProblems(json, String(listener?.name ?? "?"), traffic.gatewayNamespace));
      return problems.length ? `${gateway}: ${problems.join("; ")}` : undefined;
    },
  };
}

/** What is wrong with one listener's status, one phrase each. */
function listenerProblems(gateway: JsonObject, name: string, namespace: string): string[] {
  const status = asArray(gateway.status?.listeners).find((listener) => listener?.name === name);
  if (!status) {
    return [`listener ${name} has no status yet; is the gateway controller running?`];
  }
  const conditions = asArray(status.conditions);
  return REQUIRED_LISTENER_CONDITIONS.flatMap((type) => {
    const condition = conditions.find((c) => c?.type === type);
    if (!condition) {
      return [`listener ${name} has no ${type} condition yet`];
    }
    if (condition.status === "True") {
      return [];
    }
    const why = [condition.reason, condition.message].filter(Boolean).join(": ");
    const hint = type === "ResolvedRefs" ? certificateRefHint(namespace) : "";
    return [`listener ${name} is ${type}=${String(condition.status)}${why ? ` (${why})` : ""}${hint}`];
  });
}
