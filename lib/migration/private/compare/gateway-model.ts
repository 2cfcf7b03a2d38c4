/**
 * The Gateway model of a synthesized Kubernetes stack: its Gateway's listeners, every HTTPRoute and GRPCRoute, and
 * the labels its namespaces get (created ones, and adopted ones through `kubernetes_labels`), for the evaluator.
 */
import { GatewayModel, RouteObject, listenersFromManifest } from "../../../private/routing";

/** The Gateway model of stack JSONs (one stack, or a traffic stack and its tenant stacks); undefined without a Gateway. */
export function gatewayModelOf(stacks: readonly any[]): GatewayModel | undefined {
  const resources = (type: string): any[] => stacks.flatMap((s) => Object.values(s?.resource?.[type] ?? {}));
  const manifests = resources("kubernetes_manifest").map((r) => r.manifest).filter((m) => m && typeof m === "object");
  const gateway = manifests.find((m) => m.kind === "Gateway");
  if (!gateway) return undefined;
  const routes: RouteObject[] = manifests.filter((m) => m.kind === "HTTPRoute" || m.kind === "GRPCRoute").map((manifest) => ({ manifest }));
  const namespaceLabels: { [namespace: string]: { [key: string]: string } } = {};
  const addLabels = (name: unknown, labels: unknown) => {
    if (typeof name !== "string" || labels === null || typeof labels !== "object") return;
    namespaceLabels[name] = { ...(namespaceLabels[name] ?? {}), ...(labels as Record<string, string>), "kubernetes.io/metadata.name": name };
  };
  resources("kubernetes_namespace_v1").forEach((n) => addLabels(n.metadata?.name, n.metadata?.labels ?? {}));
  resources("kubernetes_labels").filter((l) => l.kind === "Namespace").forEach((l) => addLabels(l.metadata?.name, l.labels));
  return {
    namespace: String(gateway.metadata?.namespace ?? "default"),
    name: String(gateway.metadata?.name),
    listeners: listenersFromManifest(gateway),
    routes,
    namespaceLabels,
  };
}
