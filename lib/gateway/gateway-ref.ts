import { IConstruct } from "constructs";

/**
 * What routes and tenants need from the shared Gateway.
 */
export interface ISharedGateway extends IConstruct {
  /** Name of the Gateway object. */
  readonly gatewayName: string;
  /** Namespace of the Gateway (and of its generated Envoy pods). */
  readonly gatewayNamespace: string;
  /** Names of the Gateway's listeners, which routes attach to as `parentRefs[].sectionName`; fixed once the Gateway exists. */
  readonly listenerNames: string[];
  /**
   * Release of the Gateway API bundle the cluster runs (`v1.2.1` … `v1.5.1`); routes on the Gateway are
   * validated against its CRD schemas.
   */
  readonly gatewayApiVersion: string;
  /**
   * The labels a namespace must carry for its routes to attach to this Gateway (its listeners select on them).
   * Namespaces this library creates for routes (tenants, the health responder) carry them.
   */
  readonly admissionLabels: { readonly [key: string]: string };
}
