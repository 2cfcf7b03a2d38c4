/**
 * Builders for evaluator tests: Gateway models from YAML-shaped objects, requests from URLs, and short views of
 * answers. The conformance cases use the Gateway API conformance suite's Gateway `same-namespace` in namespace
 * `gateway-conformance-infra` (kubernetes-sigs/gateway-api conformance/base/manifests.yaml).
 */
import { parseAllDocuments } from "yaml";
import { evaluateGateway, GatewayAnswer, GatewayModel, ListenerModel, listenersFromManifest, RouteObject } from "../../lib/private/routing/gateway";
import { requestFromUrl } from "../../lib/private/routing/request";

export const CONFORMANCE_NS = "gateway-conformance-infra";

/** The conformance suite's `same-namespace` Gateway: one HTTP listener on 80 admitting routes of its namespace. */
export const HTTP_80: ListenerModel = { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } };

/** Route objects from a YAML stream; `created` follows document order when `ordered` is set. */
export function routesFromYaml(text: string, ordered = false): RouteObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((m) => m && (m.kind === "HTTPRoute" || m.kind === "GRPCRoute"))
    .map((manifest, i) => ({
      manifest: { ...manifest, metadata: { namespace: CONFORMANCE_NS, ...manifest.metadata } },
      created: ordered ? i : undefined,
    }));
}

/** A Gateway model named like the conformance suite's, with the given listeners (or the one listener http:80). */
export function model(routes: readonly RouteObject[], listeners: readonly ListenerModel[] = [HTTP_80], name = "same-namespace"): GatewayModel {
  return { namespace: CONFORMANCE_NS, name, listeners, routes };
}

/** A Gateway model from a YAML stream holding a Gateway and routes. */
export function modelFromYaml(text: string): GatewayModel {
  const docs = parseAllDocuments(text).map((d) => d.toJS());
  const gateway = docs.find((d) => d?.kind === "Gateway");
  return { ...model(routesFromYaml(text), listenersFromManifest(gateway), gateway.metadata.name) };
}

/** Evaluates `url` (default host example.com) with optional method and headers. */
export function ask(gateway: GatewayModel, url: string, options: { method?: string; headers?: { [name: string]: string } } = {}): GatewayAnswer {
  return evaluateGateway(gateway, requestFromUrl(url, options));
}

/** The backend that gets the request (the first with a positive weight), `404`, `500`, a redirect, or `refused`. */
export function outcome(answer: GatewayAnswer): string {
  if (answer.refused) return "refused";
  if (answer.redirect !== null) return `${answer.status} ${answer.redirect}`;
  if (answer.status !== null) return String(answer.status);
  return answer.backends
    .filter((b) => b.weight > 0)
    .map((b) => b.service)
    .join(",");
}
