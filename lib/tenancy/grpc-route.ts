import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { AppRegistry } from "../private/app-registry";
import { ValidationError, checkedId, show } from "../private/errors";
import { validatedGatewayApiManifest } from "../private/manifest";
import { gatewayApiBundleOf } from "../private/gateway-api/bundles";
import { kebabName } from "../private/validation";
import { HttpBackend } from "./backend";
import { HttpRouteFilter } from "./route-filter";
import type { Tenant } from "./tenant";
import { GrpcRouteChecks } from "./private/grpc-route-checks";
import { renderGrpcRoute } from "./private/grpc-route-render";

/**
 * Which gRPC calls a rule takes: a service, optionally one of its methods, and headers. A gRPC call is an
 * HTTP/2 request to `/<service>/<method>`, so the match reaches the path `/<service>/<method>` (or everything
 * below `/<service>`), which must lie inside the tenant's path prefixes; a match without a service reaches
 * every path and needs the tenant to own `/`.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcroutematch
 */
export interface GrpcRouteMatch {
  /**
   * Fully qualified gRPC service name, e.g. `helloworld.Greeter`.
   *
   * @default - every service (needs the tenant to own `/`)
   */
  readonly service?: string;
  /**
   * Method of the service, e.g. `SayHello`; needs `service`.
   *
   * @default - every method of the service
   */
  readonly method?: string;
  /**
   * Headers (gRPC metadata) the call must carry, by name, with exactly these values. At most 16.
   *
   * @default - no header condition
   */
  readonly headers?: { readonly [name: string]: string };
}

/** One rule of a GRPCRoute. */
export interface GrpcRouteRule {
  /**
   * Call conditions; a call matching any of them takes this rule. At most 64 per rule.
   *
   * @default - every call (needs the tenant to own `/`)
   */
  readonly matches?: GrpcRouteMatch[];
  /**
   * Changes applied to matching calls: only `requestHeaderModifier`, `responseHeaderModifier` and
   * `requestMirror` (what GRPCRoute supports); each at most once.
   *
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /** Services in the tenant's namespace receiving the calls, split by weight. 1 to 16. */
  readonly backends: HttpBackend[];
}

/** Options of {@link Tenant.addGrpcRoute}. */
export interface GrpcRouteOptions {
  /**
   * Name of the GRPCRoute object (a DNS-1123 subdomain), unique among the tenant's GRPCRoutes.
   *
   * @default - the construct id in kebab case
   */
  readonly name?: string;
  /**
   * Hostnames the route serves; each must lie within the tenant's hostnames. At most 16.
   *
   * @default - the tenant's hostnames
   */
  readonly hostnames?: string[];
  /** The rules. 1 to 16. */
  readonly rules: GrpcRouteRule[];
}

/** Properties of a {@link GrpcRoute}. */
export interface GrpcRouteProps extends GrpcRouteOptions {
  /** The tenant whose namespace and routing space the route uses. */
  readonly tenant: Tenant;
}

/** The registry kind of GRPCRoute names, unique per tenant (separate from HTTPRoute names, as in Kubernetes). */
const GRPC_ROUTE = "grpc-route";

/**
 * A GRPCRoute in a tenant's namespace, attached to the listeners routes attach to on the tenant's gateway (which
 * admits GRPCRoutes besides HTTPRoutes from the tenants' namespaces). Checked like an
 * {@link HttpRoute}: hostnames within the tenant's, the paths its matches reach (`/<service>/<method>`) within
 * its path prefixes, backends in its namespace, Gateway API limits; validated against the CRD schema of the
 * gateway's Gateway API bundle (GRPCRoute is standard in every bundle AKS installs) and emitted as a
 * `kubernetes_manifest` (child `Resource`).
 *
 * Istio sends gRPC to a backend over HTTP/2 only when the Service port says so: `appProtocol: grpc` (or
 * `kubernetes.io/h2c`), or a port name starting with `grpc`.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/grpcroute/
 * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
 */
export class GrpcRoute extends Construct {
  /** The `kubernetes_manifest` holding the GRPCRoute. */
  public readonly resource: Manifest;
  /** Name of the GRPCRoute object. */
  public readonly routeName: string;
  /** The tenant the route belongs to. */
  public readonly tenant: Tenant;
  /** Hostnames the route serves. */
  public readonly hostnames: readonly string[];

  private readonly rules: readonly GrpcRouteRule[];
  private rendered?: { readonly key: string; readonly manifest: { [key: string]: any } };

  constructor(scope: Construct, id: string, props: GrpcRouteProps) {
    super(scope, checkedId(scope, id, `GRPC route ${show(props.name ?? id)} of tenant ${show(props.tenant.tenantName)}`));
    this.tenant = props.tenant;
    this.routeName = props.name ?? kebabName(id);
    this.hostnames = [...(props.hostnames ?? props.tenant.hostnames)];
    this.rules = props.rules ?? [];
    new GrpcRouteChecks({ scope: this, tenant: this.tenant, name: this.routeName, hostnames: this.hostnames, rules: this.rules }).checkAll();
    const existing = AppRegistry.of(this).take(GRPC_ROUTE, this.tenant, this.routeName, this);
    if (existing) {
      throw new ValidationError(
        this,
        `GRPC route ${show(this.routeName)} of tenant ${show(this.tenant.tenantName)}: the tenant already has a GRPCRoute ` +
          `named ${show(this.routeName)} (at ${existing}). Give this route another id or name.`,
      );
    }
    this.toManifest();
    this.resource = new Manifest(this, "Resource", {
      dependsOn: [this.tenant.namespaceResource],
      manifest: Lazy.anyValue({ produce: () => this.toManifest() }) as unknown as { [key: string]: any },
    });
  }

  /** Renders and schema-validates the GRPCRoute, once per set of gateway listeners. */
  private toManifest(): { [key: string]: any } {
    const gateway = this.tenant.gateway;
    const key = gateway.listenerNames.join(",");
    if (this.rendered?.key === key) return this.rendered.manifest;
    const object = renderGrpcRoute({
      name: this.routeName,
      namespace: this.tenant.namespaceName,
      gateway,
      hostnames: this.hostnames,
      rules: this.rules,
    });
    const manifest = validatedGatewayApiManifest(this, object, gatewayApiBundleOf(this, gateway.gatewayApiVersion));
    this.rendered = { key, manifest };
    return manifest;
  }
}
