import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ISharedGateway } from "../../gateway/gateway-ref";
import { ValidationError, show } from "../../private/errors";
import { AppRegistry, Taken } from "../../private/app-registry";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, TENANT_LABEL } from "../../core/tenant-metadata";

/** The parts of a ValidatingAdmissionPolicy spec that differ between the tenant policies. */
export interface TenantAdmissionSpec {
  /** Name prefix; the policy is named `<prefix>.<gateway>.<gateway namespace>`. */
  readonly namePrefix: string;
  /** `spec.matchConstraints.resourceRules`. */
  readonly resourceRules: object[];
  /** `spec.variables`. */
  readonly variables: Array<{ name: string; expression: string }>;
  /** `spec.validations`. */
  readonly validations: object[];
}

/** What {@link tenantAdmissionPolicy} creates. */
export interface TenantAdmissionManifests {
  readonly policyName: string;
  readonly resource: Manifest;
  readonly binding: Manifest;
}

/**
 * Creates a ValidatingAdmissionPolicy (child `Resource`, failure policy Fail) and its binding (child
 * `Binding`, action Deny) that apply to tenant namespaces only: those carrying the `cdktf-aks-gateway/tenant`
 * label, which only `Tenant` sets, on the namespaces it creates and on those it adopts (which keep their own
 * `app.kubernetes.io/managed-by`). Throws when `scope`'s kind of policy already exists for the gateway.
 */
export function tenantAdmissionPolicy(
  scope: Construct,
  kind: string,
  gateway: ISharedGateway,
  spec: TenantAdmissionSpec,
): TenantAdmissionManifests {
  const existing = AppRegistry.of(gateway).take(`${Taken.ADMISSION_POLICY}:${kind}`, gateway, kind, scope);
  if (existing) {
    throw new ValidationError(
      scope,
      `gateway ${show(gateway.gatewayName)} already has a ${kind} (at ${existing}). Create one per gateway.`,
    );
  }

  const policyName = `${spec.namePrefix}.${gateway.gatewayName}.${gateway.gatewayNamespace}`;
  const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  const resource = new Manifest(scope, "Resource", {
    manifest: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name: policyName, labels },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: { resourceRules: spec.resourceRules },
        variables: spec.variables,
        validations: spec.validations,
      },
    },
  });
  const binding = new Manifest(scope, "Binding", {
    dependsOn: [resource],
    manifest: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name: policyName, labels },
      spec: {
        policyName,
        validationActions: ["Deny"],
        matchResources: {
          namespaceSelector: {
            matchExpressions: [{ key: TENANT_LABEL, operator: "Exists" }],
          },
        },
      },
    },
  });
  return { policyName, resource, binding };
}
