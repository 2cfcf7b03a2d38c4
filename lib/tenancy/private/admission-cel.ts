/**
 * CEL of the two tenant admission policies. Internal: the policies' behaviour is their API; the expressions
 * are tested by evaluating them with a real CEL implementation (test/cel.ts).
 */
import {
  GATEWAY_ADMISSION_LABEL,
  OWNED_HOSTNAMES_ANNOTATION,
  OWNED_PATH_PREFIXES_ANNOTATION,
  OWNER_GROUPS_ANNOTATION,
} from "../../core/tenant-metadata";

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
/** The path an Exact gRPC method match reaches: `/<service>/<method>`, or `/<service>` for every method. */
const GRPC_PATH = "(has(m.method.method) ? '/' + m.method.service + '/' + m.method.method : '/' + m.method.service)";
const PATH_COVERS =
  "p == '/' || (has(m.path) && has(m.path.type) && has(m.path.value) && m.path.type != 'RegularExpression' && " +
  "(m.path.value == p || m.path.value.startsWith(p + '/'))) || " +
  "(has(m.method) && has(m.method.service) && (!has(m.method.type) || m.method.type == 'Exact') && " +
  `(${GRPC_PATH} == p || ${GRPC_PATH}.startsWith(p + '/')))`;
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
 *   A GRPCRoute match reaches `/<service>/<method>` (or every method below `/<service>`), checked the same way,
 *   as `tenant.addGrpcRoute` does at synth; a match without a service, or a RegularExpression one, needs `/`.
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
 * CEL of the guardrail policy. `ownerGroups` reads the tenant's owner groups from its namespace annotation
 * (written by `Tenant`); the request is denied when the requester belongs to one of them.
 */
export const GUARDRAIL_POLICY_CEL = {
  ownerGroups:
    `has(namespaceObject.metadata.annotations) && '${OWNER_GROUPS_ANNOTATION}' in namespaceObject.metadata.annotations ` +
    `? namespaceObject.metadata.annotations['${OWNER_GROUPS_ANNOTATION}'].split(',').filter(g, g != '') : []`,
  notAnOwner:
    "!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, g in variables.ownerGroups)",
  notANamespaceServiceAccount:
    "!request.userInfo.username.startsWith('system:serviceaccount:' + namespaceObject.metadata.name + ':')",
} as const;

/** `<object>.metadata.labels[key]`, or `''` when the object (null on CREATE for oldObject) or label is missing. */
function labelOf(object: string, key: string): string {
  return `${object} != null && has(${object}.metadata.labels) && '${key}' in ${object}.metadata.labels ? ${object}.metadata.labels['${key}'] : ''`;
}

/**
 * CEL of the admission-label guard: on Namespace CREATE and UPDATE, the Gateway admission label may only be added,
 * changed or removed by the platform. `unchanged` holds when the label keeps its value; each validation then
 * passes, so only requests that touch the label are judged.
 */
export const ADMISSION_LABEL_CEL = {
  oldValue: labelOf("oldObject", GATEWAY_ADMISSION_LABEL),
  newValue: labelOf("object", GATEWAY_ADMISSION_LABEL),
  /** Owner groups of the namespace as it was (an owner cannot relabel their own namespace). */
  ownerGroups:
    `oldObject != null && has(oldObject.metadata.annotations) && '${OWNER_GROUPS_ANNOTATION}' in oldObject.metadata.annotations ` +
    `? oldObject.metadata.annotations['${OWNER_GROUPS_ANNOTATION}'].split(',').filter(g, g != '') : []`,
  unchanged: "variables.oldValue == variables.newValue",
  notAServiceAccount: "!request.userInfo.username.startsWith('system:serviceaccount:')",
  notAnOwner: "!has(request.userInfo.groups) || !request.userInfo.groups.exists(g, g in variables.ownerGroups)",
} as const;

/** CEL: the requester is one of the named users or in one of the named groups. */
export function isPlatformPrincipal(users: readonly string[], groups: readonly string[]): string {
  const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`).join(", ")}]`;
  return (
    `request.userInfo.username in ${list(users)} || ` +
    `(has(request.userInfo.groups) && request.userInfo.groups.exists(g, g in ${list(groups)}))`
  );
}
