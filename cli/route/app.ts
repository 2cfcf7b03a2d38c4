/**
 * What `route` reads from a synthesized app: the Application Gateway and its WAF policies, the Gateway, every
 * HTTPRoute and GRPCRoute, and the labels of the namespaces they live in. Plain JSON reading (no cdktf, no
 * providers), from every stack of `<dir>/manifest.json`.
 */
import { TENANT_LABEL } from "../../lib/core/tenant-metadata";
import { GatewayModel, gatewayModelFromManifests } from "../../lib/private/routing";

/** One resource of a synthesized stack. */
export interface StackResource {
  readonly stack: string;
  readonly id: string;
  readonly value: any;
}

/** The parts of the app the command needs. */
export interface RouteApp {
  /** Every `azurerm_application_gateway`, with its stack. */
  readonly applicationGateways: readonly StackResource[];
  /** Every `azurerm_web_application_firewall_policy`, with its stack. */
  readonly wafPolicies: readonly StackResource[];
  /** Every Gateway manifest. */
  readonly gateways: readonly any[];
  /** Every HTTPRoute and GRPCRoute manifest, in stack order. */
  readonly routes: readonly any[];
  /** Namespace labels: `kubernetes_namespace_v1` metadata labels merged with `kubernetes_labels` of kind Namespace. */
  readonly namespaceLabels: { readonly [namespace: string]: { readonly [key: string]: string } };
  /** `namespace/name` of every Service the app defines (`kubernetes_service_v1`). */
  readonly services: ReadonlySet<string>;
}

/** The Service load balancer annotation that pins the Gateway's private IP. */
const IPV4_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-ipv4";

/** A value cdktf left as a Terraform expression (`${...}`): unknown until apply. */
function unresolved(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** The resources of `type` across the stacks, in stack order. */
export function resourcesOf(stacks: ReadonlyArray<{ name: string; json: any }>, type: string): StackResource[] {
  return stacks.flatMap((s) => Object.entries(s.json?.resource?.[type] ?? {}).map(([id, value]) => ({ stack: s.name, id, value })));
}

const NAMESPACE_REFERENCE = /^\$\{(kubernetes_namespace(?:_v1)?)\.([^.}]+)\.metadata\[0\]\.name\}$/;

/** A namespace as written, or the name of the namespace resource a `${kubernetes_namespace_v1.<id>.metadata[0].name}` reference names. */
function namespaceName(stacks: ReadonlyArray<{ name: string; json: any }>, stack: string, value: string): string {
  const ref = NAMESPACE_REFERENCE.exec(value);
  if (!ref) return value;
  return String(stacks.find((s) => s.name === stack)?.json?.resource?.[ref[1]]?.[ref[2]]?.metadata?.name ?? value);
}

/** Reads the app out of its stacks' cdk.tf.json. */
export function routeAppOf(stacks: ReadonlyArray<{ name: string; json: any }>): RouteApp {
  const manifests = resourcesOf(stacks, "kubernetes_manifest")
    .map((r) => r.value?.manifest)
    .filter((m) => m && typeof m === "object");
  const services = new Set(
    [...resourcesOf(stacks, "kubernetes_service_v1"), ...resourcesOf(stacks, "kubernetes_service")].map(
      (r) => `${namespaceName(stacks, r.stack, r.value?.metadata?.namespace ?? "default")}/${r.value?.metadata?.name}`
    )
  );
  return {
    applicationGateways: resourcesOf(stacks, "azurerm_application_gateway"),
    wafPolicies: resourcesOf(stacks, "azurerm_web_application_firewall_policy"),
    gateways: manifests.filter((m) => m.kind === "Gateway"),
    routes: manifests.filter((m) => m.kind === "HTTPRoute" || m.kind === "GRPCRoute"),
    namespaceLabels: namespaceLabelsOf(stacks),
    services,
  };
}

/**
 * Labels per namespace: from `kubernetes_namespace_v1` (and `kubernetes_namespace`) metadata, and from
 * `kubernetes_labels` resources of kind Namespace, which label namespaces the app adopts rather than creates.
 * Values cdktf leaves as Terraform expressions are unknown offline and left out.
 */
function namespaceLabelsOf(stacks: ReadonlyArray<{ name: string; json: any }>): { [namespace: string]: { [key: string]: string } } {
  const out: { [namespace: string]: { [key: string]: string } } = {};
  const add = (name: unknown, labels: unknown) => {
    if (typeof name !== "string" || unresolved(name)) return;
    const known = Object.entries((labels as object) ?? {}).filter(([, v]) => typeof v === "string" && !unresolved(v));
    out[name] = { ...(out[name] ?? {}), ...Object.fromEntries(known) };
  };
  for (const r of [...resourcesOf(stacks, "kubernetes_namespace_v1"), ...resourcesOf(stacks, "kubernetes_namespace")]) {
    add(r.value?.metadata?.name, r.value?.metadata?.labels);
  }
  for (const r of resourcesOf(stacks, "kubernetes_labels")) {
    if (r.value?.kind === "Namespace") add(r.value?.metadata?.name, r.value?.labels);
  }
  return out;
}

/** The tenant a namespace belongs to (its tenant label), or undefined for platform namespaces. */
export function tenantOf(app: RouteApp, namespace: string): string | undefined {
  return app.namespaceLabels[namespace]?.[TENANT_LABEL];
}

/**
 * The Gateway the Application Gateway sends to: the one whose pinned load balancer IP is a backend address, else
 * the only one. Undefined when the app has none; `ambiguous` when several could be meant.
 */
export function gatewayFor(app: RouteApp, backendAddresses: readonly string[]): { gateway?: any; ambiguous: boolean } {
  const pinned = app.gateways.filter((g) => backendAddresses.includes(g.spec?.infrastructure?.annotations?.[IPV4_ANNOTATION]));
  if (pinned.length === 1) return { gateway: pinned[0], ambiguous: false };
  return { gateway: (pinned.length > 0 ? pinned : app.gateways)[0], ambiguous: (pinned.length > 0 ? pinned : app.gateways).length > 1 };
}

/** The evaluator's model of `gateway`: every route of the app (in stack order) and the namespace labels. */
export function gatewayModelOf(app: RouteApp, gateway: any): GatewayModel {
  return gatewayModelFromManifests(gateway, app.routes, app.namespaceLabels);
}
