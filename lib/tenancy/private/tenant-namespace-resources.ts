/**
 * The Terraform resources that put a tenant's metadata on its namespace: a `kubernetes_namespace_v1` it creates, or,
 * for an adopted namespace, `kubernetes_labels` and `kubernetes_annotations` that manage only the tenant's own keys.
 */
import { Construct } from "constructs";
import { Annotations as NamespaceAnnotations } from "@cdktf/provider-kubernetes/lib/annotations";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, TENANT_LABEL, AMBIENT_LABEL } from "../../core/tenant-metadata";
import { GuardrailRollout } from "../tenant-namespace";
import { POD_SECURITY_ENFORCE_LABEL } from "./tenant-checks";

/** Field manager of the labels and annotations an adopted namespace gets (server-side apply, forced). */
export const TENANT_FIELD_MANAGER = "cdktf-aks-gateway";
/** Field manager of an adopted namespace's Pod Security labels (server-side apply, not forced). */
export const POD_SECURITY_FIELD_MANAGER = "cdktf-aks-gateway-pod-security";

const POD_SECURITY_PREFIX = "pod-security.kubernetes.io/";

/** What the namespace carries, whoever puts it there. */
export interface NamespaceMetadata {
  readonly name: string;
  readonly tenant: string;
  /** The tenant's own labels (props.labels), Pod Security ones included. */
  readonly labels: { readonly [key: string]: string };
  /** Labels by which the Gateway admits the namespace's routes. */
  readonly admissionLabels: { readonly [key: string]: string };
  readonly ambient: boolean;
  readonly annotations: { readonly [key: string]: string };
  /** The Pod Security level enforced unless `labels` sets one. */
  readonly defaultPodSecurity: string;
}

/** The namespace a tenant creates (construct id `Resource`): every label and annotation is its own. */
export function createdNamespace(scope: Construct, m: NamespaceMetadata): NamespaceV1 {
  return new NamespaceV1(scope, "Resource", {
    metadata: {
      name: m.name,
      labels: {
        [POD_SECURITY_ENFORCE_LABEL]: m.defaultPodSecurity,
        ...m.labels,
        [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        ...tenantLabels(m),
      },
      annotations: { ...m.annotations },
    },
  });
}

/** The resources that make an adopted namespace the tenant's, without owning the namespace. */
export interface AdoptedNamespace {
  /** `NamespaceLabels`: the tenant and admission labels and the tenant's own (forced). */
  readonly labels: Labels;
  /** `PodSecurityLabels`: the Pod Security labels (not forced), unless the rollout defers them and none are given. */
  readonly podSecurityLabels?: Labels;
  /** `NamespaceAnnotations`: the owned hostnames, path prefixes and owner groups (forced). */
  readonly annotations: NamespaceAnnotations;
}

/**
 * Labels and annotations on a namespace that exists. Destroying them removes only these keys (the provider applies
 * an empty set with the same field manager); the namespace stays. `managed-by` is not set: the namespace is not ours.
 */
export function adoptedNamespace(scope: Construct, m: NamespaceMetadata, podSecurity: GuardrailRollout): AdoptedNamespace {
  const metadata = { name: m.name };
  const own = Object.fromEntries(Object.entries(m.labels).filter(([k]) => !k.startsWith(POD_SECURITY_PREFIX)));
  const labels = new Labels(scope, "NamespaceLabels", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata,
    labels: { ...own, ...tenantLabels(m) },
    fieldManager: TENANT_FIELD_MANAGER,
    force: true,
  });
  const psa = podSecurityLabels(m, podSecurity);
  const podSecurityResource =
    Object.keys(psa).length === 0
      ? undefined
      : new Labels(scope, "PodSecurityLabels", {
          dependsOn: [labels],
          apiVersion: "v1",
          kind: "Namespace",
          metadata,
          labels: psa,
          fieldManager: POD_SECURITY_FIELD_MANAGER,
          force: false,
        });
  const annotations = new NamespaceAnnotations(scope, "NamespaceAnnotations", {
    dependsOn: [labels],
    apiVersion: "v1",
    kind: "Namespace",
    metadata,
    annotations: { ...m.annotations },
    fieldManager: TENANT_FIELD_MANAGER,
    force: true,
  });
  return { labels, podSecurityLabels: podSecurityResource, annotations };
}

/** The Pod Security labels of an adopted namespace for the rollout: enforce, warn and audit only, or none. */
function podSecurityLabels(m: NamespaceMetadata, rollout: GuardrailRollout): { [key: string]: string } {
  const given = Object.fromEntries(Object.entries(m.labels).filter(([k]) => k.startsWith(POD_SECURITY_PREFIX)));
  const level = given[POD_SECURITY_ENFORCE_LABEL] ?? m.defaultPodSecurity;
  switch (rollout) {
    case GuardrailRollout.ENFORCE:
      return { [POD_SECURITY_ENFORCE_LABEL]: level, ...given };
    case GuardrailRollout.AUDIT:
      return { [`${POD_SECURITY_PREFIX}warn`]: level, [`${POD_SECURITY_PREFIX}audit`]: level, ...given };
    default:
      return given;
  }
}

function tenantLabels(m: NamespaceMetadata): { [key: string]: string } {
  return { [TENANT_LABEL]: m.tenant, ...m.admissionLabels, ...(m.ambient ? { [AMBIENT_LABEL]: "ambient" } : {}) };
}
