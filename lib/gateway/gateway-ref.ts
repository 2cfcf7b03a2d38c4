import { IConstruct } from "constructs";

/**
 * What routes and tenants need from the shared Gateway.
 */
export interface ISharedGateway extends IConstruct {
  /** Name of the Gateway object. */
  readonly gatewayName: string;
  /** Namespace of the Gateway (and of its generated Envoy pods). */
  readonly gatewayNamespace: string;
  /** Names of the Gateway's listeners, which routes attach to as `parentRefs[].sectionName`. */
  readonly listenerNames: string[];
  /**
   * Release of the Gateway API bundle the cluster runs (`v1.2.1` … `v1.5.1`); routes on the Gateway are
   * validated against its CRD schemas.
   */
  readonly gatewayApiVersion: string;
  /**
   * Admits HTTPRoutes from `namespace`: it is added, by its `kubernetes.io/metadata.name`, to every
   * listener's `allowedRoutes`.
   */
  admitNamespace(namespace: string): void;
  /**
   * Lets GRPCRoutes attach to every listener besides HTTPRoutes (`allowedRoutes.kinds`); a tenant's GRPCRoute
   * calls it. A gateway without it admits HTTPRoutes only, and `tenant.addGrpcRoute` fails at synth.
   */
  admitGrpcRoutes?(): void;
}
