/**
 * The whole answer of `route`: the edge step, then the Gateway's, with the tenant that owns the winning route.
 */
import { evaluateGateway, GatewayAnswer, HttpRequest } from "../../lib/private/routing";
import { gatewayFor, gatewayModelOf, RouteApp, tenantOf } from "./app";
import { EdgeAnswer, evaluateEdge } from "./edge";

/** What `route --json` prints. */
export interface RouteAnswer {
  readonly request: { readonly method: string; readonly url: string; readonly headers: { readonly [name: string]: string } };
  /** null: forwarded to the backends; otherwise the status the client gets (404, a redirect, 500, ...). */
  readonly status: number | null;
  /** Set when the request gets no HTTP answer at all; status is then null. */
  readonly refused: string | null;
  readonly tenant: string | null;
  readonly namespace: string | null;
  readonly route: GatewayAnswer["route"] | null;
  readonly backends: ReadonlyArray<{ readonly service: string; readonly namespace: string; readonly port: number; readonly weight: number }>;
  /** The Location of a redirect, from the edge or from a RequestRedirect. */
  readonly redirect: string | null;
  readonly edge: EdgeAnswer | null;
  readonly gateway:
    | (Omit<GatewayAnswer, "status" | "refused" | "route" | "backends" | "redirect" | "steps"> & {
        readonly namespace: string;
        readonly name: string;
      })
    | null;
  readonly steps: readonly string[];
}

/** The app has no Gateway to answer with; the message says what to synthesize. */
export class NoGatewayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoGatewayError";
  }
}

/** Where `request` goes on the app: through its Application Gateway (if any) to its Gateway. */
export function answerRoute(app: RouteApp, request: HttpRequest, url: string): RouteAnswer {
  const steps: string[] = [];
  const head = { request: { method: request.method, url, headers: request.headers } };
  let edge: EdgeAnswer | null = null;
  let forward: HttpRequest | undefined = request;
  if (app.applicationGateways.length > 0) {
    if (app.applicationGateways.length > 1)
      steps.push(
        `Edge: the app has ${app.applicationGateways.length} Application Gateways; the first, ${app.applicationGateways[0].value?.name}, is used.`
      );
    ({ edge, forward } = evaluateEdge(app.applicationGateways[0], app.wafPolicies, request, steps));
    if (edge.probe && matchesProbe(edge, request)) steps.push(probeStep(edge));
  } else {
    steps.push("No Application Gateway in this app: the request goes to the Gateway directly.");
  }
  const empty = { tenant: null, namespace: null, route: null, backends: [], gateway: null };
  if (edge?.refused)
    return ordered({ ...head, ...empty, status: null, refused: edge.refused, redirect: null, edge, steps: [...steps, edge.refused] });
  if (!forward) return ordered({ ...head, ...empty, status: edge?.status ?? null, refused: null, redirect: edge?.redirect ?? null, edge, steps });
  const { gateway, ambiguous } = gatewayFor(app, edge?.backend?.addresses ?? []);
  if (!gateway)
    throw new NoGatewayError(
      "the app has no Gateway (a kubernetes_manifest of kind Gateway); synthesize the traffic stack too, or pass the --dir that holds it."
    );
  if (ambiguous)
    steps.push(
      `The app has ${app.gateways.length} Gateways and none is pinned to the edge's backend address; ${gateway.metadata?.namespace}/${gateway.metadata?.name} is used.`
    );
  return combine(app, head, edge, gateway, evaluateGateway(gatewayModelOf(app, gateway), forward), steps);
}

function combine(
  app: RouteApp,
  head: Pick<RouteAnswer, "request">,
  edge: EdgeAnswer | null,
  gateway: any,
  answer: GatewayAnswer,
  steps: string[]
): RouteAnswer {
  const namespace = answer.route?.namespace ?? null;
  const tenant = namespace === null ? null : tenantOf(app, namespace) ?? null;
  const missing = answer.backends.filter((b) => !app.services.has(`${b.namespace}/${b.service}`));
  const notes = missing.map(
    (b) => `Service ${b.namespace}/${b.service} is not defined in this app: deploy it by other means, or Istio answers 500 (backend not found).`
  );
  const owner =
    namespace === null
      ? []
      : [tenant !== null ? `Owner: tenant ${tenant} (namespace ${namespace}).` : `Owner: the platform (namespace ${namespace} has no tenant label).`];
  const { status, refused, route, backends, redirect, steps: gatewaySteps, ...rest } = answer;
  return ordered({
    ...head,
    status,
    refused: refused ?? null,
    tenant,
    namespace,
    route: route ?? null,
    backends,
    redirect,
    edge,
    gateway: { namespace: String(gateway.metadata?.namespace), name: String(gateway.metadata?.name), ...rest },
    steps: [...steps, ...gatewaySteps, ...owner, ...notes],
  });
}

/** The answer with its keys in the documented order (what `--json` prints). */
function ordered(a: RouteAnswer): RouteAnswer {
  const { request, status, refused, tenant, namespace, route, backends, redirect, edge, gateway, steps } = a;
  return { request, status, refused, tenant, namespace, route, backends, redirect, edge, gateway, steps };
}

/** Whether the request looks like the Application Gateway's own health probe (same Host). */
function matchesProbe(edge: EdgeAnswer, request: HttpRequest): boolean {
  return edge.probe?.host !== undefined && edge.probe.host.toLowerCase() === request.host.toLowerCase();
}

function probeStep(edge: EdgeAnswer): string {
  const p = edge.probe!;
  return `Edge: ${p.host} is the Host the Application Gateway's health probe sends (GET ${
    p.path
  } over ${p.protocol.toUpperCase()} straight to the backend, without listener or WAF).`;
}
