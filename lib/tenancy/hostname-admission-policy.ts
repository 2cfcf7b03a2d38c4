import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ISharedGateway } from "../gateway/gateway-ref";
import { tenantAdmissionPolicy } from "./private/tenant-admission";
import { HOSTNAME_POLICY_CEL } from "./private/admission-cel";

/** Properties of a {@link HostnameAdmissionPolicy}. */
export interface HostnameAdmissionPolicyProps {
  /** The shared Gateway whose tenants the policy protects (it names the policy). */
  readonly gateway: ISharedGateway;
}


/**
 * A ValidatingAdmissionPolicy and its binding that stop tenants from taking over each other's traffic with
 * `kubectl`: in tenant namespaces (labelled `app.kubernetes.io/managed-by: cdktf-aks-gateway` and carrying
 * the `cdktf-aks-gateway/tenant` label, which only `Tenant` sets), an HTTPRoute or GRPCRoute is rejected on create or
 * update unless it lists `spec.hostnames`, every hostname lies within the namespace's owned hostnames
 * (wildcards as suffix match), and every match path lies within its owned path prefixes. The CEL reads the
 * ownership `Tenant` writes into its namespace annotations.
 *
 * Synth-time checks already hold the routes this library creates to the same rules; this policy covers
 * routes created in the cluster. Create one per gateway (the traffic stack does). Needs Kubernetes 1.30+
 * (`admissionregistration.k8s.io/v1`). Children: `Resource` (the policy) and `Binding`.
 *
 * @see https://gateway-api.sigs.k8s.io/concepts/security/ ("Avoiding hostname/domain hijacking")
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class HostnameAdmissionPolicy extends Construct {
  /** The `kubernetes_manifest` holding the ValidatingAdmissionPolicy. */
  public readonly resource: Manifest;
  /** The `kubernetes_manifest` holding the ValidatingAdmissionPolicyBinding. */
  public readonly binding: Manifest;
  /** Name of the policy and of its binding. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: HostnameAdmissionPolicyProps) {
    super(scope, id);
    const created = tenantAdmissionPolicy(this, "HostnameAdmissionPolicy", props.gateway, {
      namePrefix: "tenant-routes",
      resourceRules: [
        {
          apiGroups: ["gateway.networking.k8s.io"],
          apiVersions: ["*"],
          operations: ["CREATE", "UPDATE"],
          resources: ["httproutes", "grpcroutes"],
        },
      ],
      variables: [
        { name: "ownedHostnames", expression: HOSTNAME_POLICY_CEL.ownedHostnames },
        { name: "ownedPathPrefixes", expression: HOSTNAME_POLICY_CEL.ownedPathPrefixes },
      ],
      validations: [
        {
          expression: HOSTNAME_POLICY_CEL.hostnamesRequired,
          message:
            "HTTPRoutes in tenant namespaces must list spec.hostnames: a route without hostnames serves every hostname of the gateway.",
          reason: "Invalid",
        },
        {
          expression: HOSTNAME_POLICY_CEL.hostnamesOwned,
          message: "HTTPRoute hostnames must lie within the hostnames this tenant namespace owns.",
          messageExpression:
            "'HTTPRoute hostnames must lie within the hostnames this tenant namespace owns: ' + " +
            "variables.ownedHostnames.join(', ')",
          reason: "Forbidden",
        },
        {
          expression: HOSTNAME_POLICY_CEL.pathsOwned,
          message: "HTTPRoute match paths must lie within the path prefixes this tenant namespace owns.",
          messageExpression:
            "'HTTPRoute match paths must lie within the path prefixes this tenant namespace owns: ' + " +
            "variables.ownedPathPrefixes.join(', ')",
          reason: "Forbidden",
        },
      ],
    });
    this.policyName = created.policyName;
    this.resource = created.resource;
    this.binding = created.binding;
  }
}
