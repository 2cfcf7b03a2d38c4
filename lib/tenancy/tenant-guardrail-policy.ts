import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ISharedGateway } from "../gateway/gateway-ref";
import { tenantAdmissionPolicy } from "./private/tenant-admission";
import { ADMISSION_LABEL_CEL, GUARDRAIL_POLICY_CEL, isPlatformPrincipal } from "./private/admission-cel";
import { GATEWAY_ADMISSION_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../core/tenant-metadata";

/**
 * The identities that run the platform (Terraform), by their Kubernetes user name or Entra ID group object id
 * as the API server sees them (`kubectl auth whoami`).
 */
export interface PlatformPrincipals {
  /**
   * Kubernetes user names (for an Entra ID service principal on AKS, its object id).
   *
   * @default - none
   */
  readonly users?: string[];
  /**
   * Entra ID group object ids.
   *
   * @default - none
   */
  readonly groups?: string[];
}

/** Properties of a {@link TenantGuardrailPolicy}. */
export interface TenantGuardrailPolicyProps {
  /** The shared Gateway whose tenants the policy protects (it names the policy). */
  readonly gateway: ISharedGateway;
  /**
   * Who may add, change or remove the Gateway admission label on namespaces. Given, only these principals may;
   * everyone else is denied, platform administrators included.
   *
   * @default - ServiceAccounts (workloads) and a namespace's own tenant owners are denied; other principals who
   * can update namespaces (cluster administrators) may.
   */
  readonly platformPrincipals?: PlatformPrincipals;
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
 * It also guards the Gateway admission label (`cdktf-aks-gateway/gateway`), by which the shared Gateway's
 * listeners select the namespaces whose routes may attach: on every Namespace, adding, changing or removing it is
 * denied to ServiceAccounts and to the namespace's own tenant owners, or, with `platformPrincipals`, to everyone
 * but those principals.
 *
 * Create one per gateway (the traffic stack does). Needs Kubernetes 1.30+. Children: `Resource` (the
 * policy), `Binding`, and `AdmissionLabel/Resource` and `AdmissionLabel/Binding` (the label guard).
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
  /** The policy (and binding, children of the same scope) guarding the Gateway admission label on namespaces. */
  public readonly admissionLabelPolicy: Manifest;

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
    this.admissionLabelPolicy = admissionLabelGuard(new Construct(this, "AdmissionLabel"), props);
  }
}

/**
 * A ValidatingAdmissionPolicy (child `Resource`) and binding (child `Binding`, every namespace) that deny adding,
 * changing or removing the Gateway admission label on a Namespace to anyone but the platform.
 */
function admissionLabelGuard(scope: Construct, props: TenantGuardrailPolicyProps): Manifest {
  const gateway = props.gateway;
  const name = `tenant-admission-label.${gateway.gatewayName}.${gateway.gatewayNamespace}`;
  const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  const principals = props.platformPrincipals;
  const forbidden = (expression: string, message: string) => ({
    expression: `${ADMISSION_LABEL_CEL.unchanged} || (${expression})`,
    message,
    reason: "Forbidden",
  });
  const validations = principals
    ? [forbidden(isPlatformPrincipal(principals.users ?? [], principals.groups ?? []), `Only the platform may add, change or remove the ${GATEWAY_ADMISSION_LABEL} label.`)]
    : [
        forbidden(ADMISSION_LABEL_CEL.notAServiceAccount, `ServiceAccounts cannot add, change or remove the ${GATEWAY_ADMISSION_LABEL} label.`),
        forbidden(ADMISSION_LABEL_CEL.notAnOwner, `Tenant owners cannot add, change or remove the ${GATEWAY_ADMISSION_LABEL} label of their namespace.`),
      ];
  const policy = new Manifest(scope, "Resource", {
    manifest: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name, labels },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["namespaces"] }],
        },
        variables: [
          { name: "oldValue", expression: ADMISSION_LABEL_CEL.oldValue },
          { name: "newValue", expression: ADMISSION_LABEL_CEL.newValue },
          { name: "ownerGroups", expression: ADMISSION_LABEL_CEL.ownerGroups },
        ],
        validations,
      },
    },
  });
  new Manifest(scope, "Binding", {
    dependsOn: [policy],
    manifest: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name, labels },
      spec: { policyName: name, validationActions: ["Deny"] },
    },
  });
  return policy;
}
