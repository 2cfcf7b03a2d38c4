import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ISharedGateway } from "../gateway/gateway-ref";
import { OWNED_HOSTNAMES_ANNOTATION, OWNED_PATH_PREFIXES_ANNOTATION } from "./tenant-metadata";
import { tenantAdmissionPolicy } from "./private/tenant-admission";

/** Properties of a {@link HostnameAdmissionPolicy}. */
export interface HostnameAdmissionPolicyProps {
  /** The shared Gateway whose tenants the policy protects (it names the policy). */
  readonly gateway: ISharedGateway;
}

/**
 * `namespaceObject.metadata.annotations[key]` split on commas, without empty entries (an empty prefix would
 * cover every path), or `[]` when the annotation is missing.
 */
function annotationList(key: string): string {
  return (
    `has(namespaceObject.metadata.annotations) && '${key}' in namespaceObject.metadata.annotations ` +
    `? namespaceObject.metadata.annotations['${key}'].split(',').filter(s, s != '') : []`
  );
}

const HOSTNAME_COVERS = "o == h || (o.startsWith('*.') && h.endsWith(o.substring(1)))";
const PATH_COVERS =
  "p == '/' || (has(m.path) && has(m.path.type) && has(m.path.value) && m.path.type != 'RegularExpression' && " +
  "(m.path.value == p || m.path.value.startsWith(p + '/')))";
/** Whether the tenant owns every path. */
const OWNS_ROOT = "variables.ownedPathPrefixes.exists(p, p == '/')";

/**
 * CEL of the policy. Variables read the tenant's ownership from its namespace annotations (written by
 * `Tenant`); validations then check the route against them.
 *
 * - `ownedHostnames`: the `cdktf-aks-gateway/owned-hostnames` annotation as a list (empty entries dropped).
 * - `ownedPathPrefixes`: the `cdktf-aks-gateway/owned-path-prefixes` annotation as a list (empty entries
 *   dropped: `''.split(',')` is `['']`, and an empty prefix would pass every path as below it).
 * - hostnames required: a route without `spec.hostnames` would serve every hostname of the listener.
 * - hostnames owned: each route hostname `h` equals an owned hostname `o`, or `o` is a wildcard `*.d` and
 *   `h` ends with `.d` (so `*.d` covers `a.d`, `a.b.d` and `*.a.d`, not `d`) — the same rule as
 *   `hostnameCovers` at synth.
 * - paths owned: every match path equals an owned prefix `p` or starts with `p + '/'`. A route or rule
 *   without matches (or a match without a path) means every path, so it needs `/`. Owning `/` allows any
 *   path, including regular expressions, which are refused otherwise because their reach cannot be checked.
 */
export const HOSTNAME_POLICY_CEL = {
  ownedHostnames: annotationList(OWNED_HOSTNAMES_ANNOTATION),
  ownedPathPrefixes: annotationList(OWNED_PATH_PREFIXES_ANNOTATION),
  /** Predicate: owned hostname `o` covers route hostname `h`. */
  hostnameCovers: HOSTNAME_COVERS,
  /** Predicate: owned prefix `p` covers the path of match `m`. */
  pathCovers: PATH_COVERS,
  hostnamesRequired: "has(object.spec.hostnames) && size(object.spec.hostnames) > 0",
  hostnamesOwned:
    `!has(object.spec.hostnames) || object.spec.hostnames.all(h, variables.ownedHostnames.exists(o, ${HOSTNAME_COVERS}))`,
  pathsOwned:
    `has(object.spec.rules) && size(object.spec.rules) > 0 ? object.spec.rules.all(r, ` +
    `has(r.matches) && size(r.matches) > 0 ? r.matches.all(m, variables.ownedPathPrefixes.exists(p, ${PATH_COVERS})) ` +
    `: ${OWNS_ROOT}) : ${OWNS_ROOT}`,
} as const;

/**
 * A ValidatingAdmissionPolicy and its binding that stop tenants from taking over each other's traffic with
 * `kubectl`: in tenant namespaces (labelled `app.kubernetes.io/managed-by: cdktf-aks-gateway` and carrying
 * the `cdktf-aks-gateway/tenant` label, which only `Tenant` sets), an HTTPRoute is rejected on create or
 * update unless it lists `spec.hostnames`, every hostname lies within the namespace's owned hostnames
 * (wildcards as suffix match), and every match path lies within its owned path prefixes. The CEL is in
 * {@link HOSTNAME_POLICY_CEL}.
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
          resources: ["httproutes"],
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
