import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { AppRegistry, Taken } from "../private/app-registry";
import { ValidationError, checkedId, show } from "../private/errors";
import { validatedGatewayApiManifest } from "../private/manifest";
import { gatewayApiBundleOf } from "../private/gateway-api/bundles";
import { kebabName } from "../private/validation";
import { HttpBackend } from "./backend";
import { HttpRouteFilter } from "./route-filter";
import { HttpRouteMatch } from "./route-match";
import type { Tenant } from "./tenant";
import { HttpRouteChecks } from "./private/http-route-checks";
import { renderHttpRoute } from "./private/http-route-render";

/** Request timeouts of a rule, as Gateway API durations (`10s`, `1m30s`, `500ms`; `0s` disables). */
export interface HttpRouteTimeouts {
  /**
   * Time for the gateway to answer the client, including retries.
   *
   * @default - the implementation's default (Istio: none)
   */
  readonly request?: string;
  /**
   * Time for one request from the gateway to a backend; at most `request`.
   *
   * @default - the implementation's default
   */
  readonly backendRequest?: string;
}

/**
 * One rule of an HTTPRoute: which requests (matches), what to change (filters), where to send them
 * (backends). A rule needs backends, or a redirect filter instead.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 */
export interface HttpRouteRule {
  /**
   * Request conditions; a request matching any of them takes this rule. At most 64 per rule and 128 per
   * route. Every path must lie inside the tenant's path prefixes.
   *
   * @default - every request (`PathMatch.prefix("/")`), which needs the tenant to own `/`
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Changes applied to matching requests, in order; each filter type at most once. At most 16.
   *
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /**
   * Services in the tenant's namespace receiving the traffic, split by weight. At most 16.
   *
   * @default - none; then the rule needs a redirect filter
   */
  readonly backends?: HttpBackend[];
  /**
   * Request timeouts.
   *
   * @default - the implementation's defaults
   */
  readonly timeouts?: HttpRouteTimeouts;
}

/** Options of {@link Tenant.addRoute}. */
export interface HttpRouteOptions {
  /**
   * Name of the HTTPRoute object (a DNS-1123 subdomain), unique within the tenant.
   *
   * @default - the construct id in kebab case (`ApiV2` → `api-v2`)
   */
  readonly name?: string;
  /**
   * Hostnames the route serves; each must lie within the tenant's hostnames. At most 16.
   *
   * @default - the tenant's hostnames
   */
  readonly hostnames?: string[];
  /** The rules, evaluated by Gateway API precedence (most specific match first). 1 to 16. */
  readonly rules: HttpRouteRule[];
}

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps extends HttpRouteOptions {
  /** The tenant whose namespace and routing space the route uses. */
  readonly tenant: Tenant;
}

/**
 * An HTTPRoute in a tenant's namespace, attached to every listener of the tenant's gateway (one
 * `parentRefs` entry per listener, by `sectionName`).
 *
 * Everything is checked at synth: hostnames must lie within the tenant's hostnames, paths within its path
 * prefixes and outside platform reservations (such as `/healthz`), backends are Services in the tenant's
 * namespace with a port, and the Gateway API limits hold. The object is validated against the CRD schema of
 * the Gateway API bundle the cluster runs (the gateway's `gatewayApiVersion`) and emitted as a
 * `kubernetes_manifest` (child `Resource`).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export class HttpRoute extends Construct {
  /** The `kubernetes_manifest` holding the HTTPRoute. */
  public readonly resource: Manifest;
  /** Name of the HTTPRoute object. */
  public readonly routeName: string;
  /** The tenant the route belongs to. */
  public readonly tenant: Tenant;
  /** Hostnames the route serves. */
  public readonly hostnames: readonly string[];

  private readonly rules: readonly HttpRouteRule[];

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, HttpRoute.preflight(scope, id, props));
    this.tenant = props.tenant;
    this.routeName = props.name ?? kebabName(id);
    this.hostnames = [...(props.hostnames ?? props.tenant.hostnames)];
    this.rules = props.rules ?? [];

    const checks = new HttpRouteChecks({ scope: this, tenant: this.tenant, name: this.routeName, hostnames: this.hostnames, rules: this.rules });
    checks.checkAll();
    this.takeName();
    // The gateway's listeners are fixed when it is created, so the route renders (and fails on schema errors)
    // once, here.
    this.resource = new Manifest(this, "Resource", { dependsOn: [this.tenant.namespaceResource], manifest: this.toManifest() });
    // Platform reservations made after this route (e.g. the health route) are checked again at synth.
    this.node.addValidation({ validate: () => checks.reservationProblems() });
  }

  /**
   * Checks what the constructs framework would otherwise refuse with its own message, before `super` gives it
   * the id: a route name the tenant already has, an empty or taken id.
   */
  private static preflight(scope: Construct, id: string, props: HttpRouteProps): string {
    const name = props.name ?? (typeof id === "string" ? kebabName(id) : id);
    const holder = typeof name === "string" ? AppRegistry.of(props.tenant).holderOf(Taken.ROUTE, props.tenant, name) : undefined;
    if (holder) {
      throw new ValidationError(
        `${scope.node.path}/${id}`,
        `route ${show(name)} of tenant ${show(props.tenant.tenantName)}: tenant ${show(props.tenant.tenantName)} ` +
          `already has a route named ${show(name)} (at ${holder}). Give this route another id or name.`,
      );
    }
    return checkedId(scope, id, `route ${show(name)} of tenant ${show(props.tenant.tenantName)}`);
  }

  /** Records the route's name in its tenant (`preflight` has refused a name the tenant already has). */
  private takeName(): void {
    AppRegistry.of(this).take(Taken.ROUTE, this.tenant, this.routeName, this);
  }

  /** Renders the HTTPRoute and validates it against the schema of the gateway's Gateway API bundle. */
  private toManifest(): { [key: string]: any } {
    const gateway = this.tenant.gateway;
    const object = renderHttpRoute({
      name: this.routeName,
      namespace: this.tenant.namespaceName,
      gateway,
      hostnames: this.hostnames,
      rules: this.rules,
    });
    return validatedGatewayApiManifest(this, object, gatewayApiBundleOf(this, gateway.gatewayApiVersion));
  }
}
