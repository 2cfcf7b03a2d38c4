/**
 * The request evaluator: where a request goes on the platform's Gateway, as Istio answers it. Shared by the `route`
 * command and the migration's `--compare`. Not part of the public API.
 */
export type { HttpRequest } from "./request";
export { RequestError, requestFromUrl, defaultPort, matchHost, normalizedPath } from "./request";
export type { ListenerModel, RouteObject, GatewayModel, GatewayAnswer, RouteRef } from "./gateway";
export { evaluateGateway, gatewayModelFromManifests, listenersFromManifest } from "./gateway";
export type { LabelSelector } from "./attachment";
export { selectorMatches } from "./attachment";
export { hostnameMatches, intersectHostnames, selectDomain } from "./hostnames";
