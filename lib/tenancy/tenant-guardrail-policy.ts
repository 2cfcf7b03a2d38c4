import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ISharedGateway } from "../gateway/gateway-ref";
import { tenantAdmissionPolicy } from "./private/tenant-admission";
import { GUARDRAIL_POLICY_CEL } from "./private/admission-cel";

/** Properties of a {@link TenantGuardrailPolicy}. */
export interface TenantGuardrailPolicyProps {
  /** The shared Gateway whose tenants the policy protects (it names the policy). */
  readonly gateway: ISharedGateway;
}


/**
 * A ValidatingAdmissionPolicy and its binding that keep tenant owners from undoing their namespace's
 * guardrails. The built-in `edit` and `admin` ClusterRoles that owners are bound to may write
 * NetworkPolicies, and a NetworkPolicy only ever adds allowed traffic, so without this an owner could
 * delete `tenant-isolation` or add an allow-all policy. In tenant namespaces, this policy
 * denies CREATE, UPDATE and DELETE of NetworkPolicies, ResourceQuotas and LimitRanges to members of the
 * namespace's owner groups (the `cdktf-aks-gateway/owner-groups` annotation `Tenant` writes) and to the
 * namespace's own ServiceAccounts (workloads). Everyone else with the RBAC for it, such as the platform team
 * running Terraform, is unaffected. Owners cannot delegate around it: `TenantRole` offers no `admin`.
 *
 * Create one per gateway (the traffic stack does). Needs Kubernetes 1.30+. Children: `Resource` (the
 * policy) and `Binding`.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class TenantGuardrailPolicy extends Construct {
  /** The `kubernetes_manifest` holding the ValidatingAdmissionPolicy. */
  public readonly resource: Manifest;
  /** The `kubernetes_manifest` holding the ValidatingAdmissionPolicyBinding. */
  public readonly binding: Manifest;
  /** Name of the policy and of its binding. */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: TenantGuardrailPolicyProps) {
    super(scope, id);
    const operations = ["CREATE", "UPDATE", "DELETE"];
    const created = tenantAdmissionPolicy(this, "TenantGuardrailPolicy", props.gateway, {
      namePrefix: "tenant-guardrails",
      resourceRules: [
        { apiGroups: ["networking.k8s.io"], apiVersions: ["*"], operations, resources: ["networkpolicies"] },
        { apiGroups: [""], apiVersions: ["*"], operations, resources: ["resourcequotas", "limitranges"] },
      ],
      variables: [{ name: "ownerGroups", expression: GUARDRAIL_POLICY_CEL.ownerGroups }],
      validations: [
        {
          expression: GUARDRAIL_POLICY_CEL.notANamespaceServiceAccount,
          message:
            "ServiceAccounts of a tenant namespace cannot change its NetworkPolicies, ResourceQuotas or LimitRanges.",
          reason: "Forbidden",
        },
        {
          expression: GUARDRAIL_POLICY_CEL.notAnOwner,
          message:
            "Tenant owners cannot change the NetworkPolicies, ResourceQuotas or LimitRanges of their namespace; " +
            "ask the platform team to change the tenant's definition.",
          reason: "Forbidden",
        },
      ],
    });
    this.policyName = created.policyName;
    this.resource = created.resource;
    this.binding = created.binding;
  }
}
