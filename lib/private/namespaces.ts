import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { AppRegistry, Taken } from "./app-registry";
import { ValidationError, show } from "./errors";

/**
 * Namespaces that exist on every AKS cluster or belong to an AKS-managed component, so this library must
 * never create (and on destroy delete) them, nor put the gateway or a tenant in them.
 *
 * - Kubernetes: `default`, `kube-system`, `kube-public`, `kube-node-lease`, and any `kube-` prefix, which
 *   Kubernetes reserves (kubernetes.io/docs/concepts/overview/working-with-objects/namespaces).
 * - AKS: `aks-istio-system` (app-routing Istio's istiod, AKS docs: app-routing-gateway-api.md),
 *   `app-routing-system` (the app routing operator and its NGINX, AKS docs: app-routing.md),
 *   `gatekeeper-system` (Azure Policy add-on), `calico-system` and `tigera-operator` (Calico network policy).
 */
export const RESERVED_NAMESPACES: readonly string[] = [
  "default",
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "aks-istio-system",
  "app-routing-system",
  "gatekeeper-system",
  "calico-system",
  "tigera-operator",
];

/** Why `namespace` may not be created by this library, or `undefined`. */
export function reservedNamespaceProblem(namespace: string): string | undefined {
  if (RESERVED_NAMESPACES.includes(namespace) || namespace.startsWith("kube-")) {
    return `${show(namespace)} is a system namespace (Kubernetes or an AKS-managed component), which this library must not create or delete`;
  }
  return undefined;
}

/**
 * Why `namespace` may not even be adopted by a tenant (a Kubernetes or AKS system namespace), or `undefined`.
 * `default` is not one: it holds users' own workloads, so a tenant may adopt it (never create it).
 */
export function systemNamespaceProblem(namespace: string): string | undefined {
  if ((namespace !== "default" && RESERVED_NAMESPACES.includes(namespace)) || namespace.startsWith("kube-")) {
    return `${show(namespace)} is a system namespace (Kubernetes or an AKS-managed component), which this library must not create, adopt or delete`;
  }
  return undefined;
}

/**
 * Records that `scope` creates `namespace` in the cluster that `clusterScope` (a construct in the cluster's
 * Kubernetes stack, e.g. the shared Gateway) talks to; throws when another construct of the app already
 * creates it there. `what` names the namespace's role in the message ("tenant app1", "the health responder").
 */
export function claimNamespace(scope: IConstruct, clusterScope: IConstruct, namespace: string, what: string): void {
  checkNamespaceFree(scope, clusterScope, namespace, what);
  if (!Token.isUnresolved(namespace)) {
    AppRegistry.of(scope).take(Taken.NAMESPACE, TerraformStack.of(clusterScope), namespace, scope);
  }
}

/** Throws like {@link claimNamespace} when `namespace` is taken, without taking it. */
export function checkNamespaceFree(scope: IConstruct, clusterScope: IConstruct, namespace: string, what: string): void {
  if (Token.isUnresolved(namespace)) return;
  const holder = AppRegistry.of(scope).holderOf(Taken.NAMESPACE, TerraformStack.of(clusterScope), namespace);
  if (holder !== undefined) {
    throw new ValidationError(
      scope,
      `${what} creates namespace ${show(namespace)}, which ${holder} already creates in the same cluster. Each ` +
        `namespace is created by one construct: choose another namespace.`,
    );
  }
}
