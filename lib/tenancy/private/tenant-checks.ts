/**
 * The synth-time checks of a Tenant's props, apart from creating its resources. Each throws a ValidationError
 * naming the tenant's construct path, the tenant, the value and the fix.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../../private/errors";
import { reservedNamespaceProblem, systemNamespaceProblem } from "../../private/namespaces";
import {
  cidrProblem,
  dnsLabelProblem,
  hostnameProblem,
  isGuid,
  labelKeyProblem,
  labelValueProblem,
  parseQuantity,
  pathProblem,
} from "../../private/validation";
import { AMBIENT_LABEL, GATEWAY_ADMISSION_LABEL, MANAGED_BY_LABEL, TENANT_LABEL } from "../../core/tenant-metadata";
import { TenantEgress } from "../tenant-egress";
import { AdoptedNamespaceOptions, GuardrailRollout } from "../tenant-namespace";
import { TenantOwners, TenantRole } from "../tenant-owners";
import { TenantLimits, TenantQuota } from "../tenant-quota";

const METADATA_NAME_LABEL = "kubernetes.io/metadata.name";
/** The Pod Security Admission label that enforces a level. */
export const POD_SECURITY_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
/** Labels this library sets on tenant namespaces and relies on; props cannot override them. */
export const RESERVED_TENANT_LABELS = [MANAGED_BY_LABEL, TENANT_LABEL, AMBIENT_LABEL, METADATA_NAME_LABEL, GATEWAY_ADMISSION_LABEL];

/** Checks of one tenant's props. */
export class TenantChecks {
  constructor(private readonly scope: IConstruct) {}

  public checkIdentity(name: string, namespace: string, adopted = false): void {
    if (Token.isUnresolved(name) || Token.isUnresolved(namespace)) {
      throw new ValidationError(
        this.scope,
        `tenant name and namespace must be concrete strings, got ${show(name)} / ${show(namespace)}: ` +
          `they key the tenant's ownership checks at synth.`,
      );
    }
    const nameProblem = dnsLabelProblem(name);
    if (nameProblem) {
      throw new ValidationError(this.scope, `tenant name ${show(name)} ${nameProblem}. Use a name such as "team-a".`);
    }
    const nsProblem = dnsLabelProblem(namespace);
    if (nsProblem) {
      throw new ValidationError(
        this.scope,
        `tenant ${show(name)}: namespace ${show(namespace)} ${nsProblem}. Use a name such as "team-a".`,
      );
    }
    const reserved = adopted ? systemNamespaceProblem(namespace) : reservedNamespaceProblem(namespace);
    if (reserved) {
      const fix =
        !adopted && systemNamespaceProblem(namespace) === undefined
          ? `To route to the workloads already in it, adopt it: namespace: TenantNamespace.adopt(${show(namespace)}).`
          : "Give the tenant its own namespace.";
      throw new ValidationError(this.scope, `tenant ${show(name)}: namespace ${reserved}. ${fix}`);
    }
  }

  /** The rollout of an adopted namespace's guardrails: known values, and AUDIT only where Kubernetes has it. */
  public checkRollout(name: string, rollout: AdoptedNamespaceOptions, labels: { readonly [key: string]: string }): void {
    const known = Object.values(GuardrailRollout) as unknown[];
    const why = {
      networkPolicy: "a Kubernetes NetworkPolicy has no audit or dry-run mode",
      quota: "a ResourceQuota has no audit mode",
    } as const;
    for (const key of ["podSecurity", "networkPolicy", "quota"] as const) {
      const value = rollout[key];
      if (value !== undefined && !known.includes(value)) {
        throw new ValidationError(
          this.scope,
          `tenant ${show(name)}: ${key} rollout ${show(value)} is not a GuardrailRollout. Use GuardrailRollout.ENFORCE, AUDIT or DEFER.`,
        );
      }
      if (key !== "podSecurity" && value === GuardrailRollout.AUDIT) {
        throw new ValidationError(
          this.scope,
          `tenant ${show(name)}: ${key} rollout ${show(value)} is not possible: ${why[key]}. Use GuardrailRollout.DEFER ` +
            `(and suppress PlatformPolicy rule AKSGW-4 on the tenant with a reason) until it can be enforced.`,
        );
      }
    }
    const podSecurity = rollout.podSecurity ?? GuardrailRollout.ENFORCE;
    if (podSecurity !== GuardrailRollout.ENFORCE && labels[POD_SECURITY_ENFORCE_LABEL] !== undefined) {
      throw new ValidationError(
        this.scope,
        `tenant ${show(name)}: labels set ${POD_SECURITY_ENFORCE_LABEL}=${show(labels[POD_SECURITY_ENFORCE_LABEL])} while the ` +
          `podSecurity rollout is ${show(podSecurity)}, which enforces nothing. Remove the label, or use GuardrailRollout.ENFORCE.`,
      );
    }
  }

  public checkSpace(name: string, hostnames: string[], pathPrefixes: string[]): void {
    if (hostnames.length === 0) {
      throw new ValidationError(
        this.scope,
        `tenant ${show(name)} owns no hostnames, got ${show(hostnames)}. ` +
          `List at least one hostname, such as ["app.example.com"].`,
      );
    }
    for (const hostname of hostnames) {
      if (Token.isUnresolved(hostname)) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: hostname ${show(hostname)} is an unresolved token; ownership is checked at synth, ` +
            `so hostnames must be concrete strings.`,
        );
      }
      const problem = hostnameProblem(hostname);
      if (problem) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: hostname ${show(hostname)} ${problem}. Use a name such as "app.example.com" ` +
            `or "*.apps.example.com".`,
        );
      }
    }
    if (pathPrefixes.length === 0) {
      throw new ValidationError(
        this.scope,
        `tenant ${show(name)} owns no path prefixes, got []. Leave pathPrefixes out to own "/", or list prefixes.`,
      );
    }
    for (const prefix of pathPrefixes) {
      if (Token.isUnresolved(prefix)) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: path prefix ${show(prefix)} is an unresolved token; use a concrete path.`,
        );
      }
      const problem = pathProblem(prefix);
      if (problem) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: path prefix ${show(prefix)} ${problem}. Use a path such as "/app1".`,
        );
      }
    }
  }

  public checkQuota(name: string, quota: Required<TenantQuota>, limits: Required<TenantLimits>): void {
    const quantities: [string, string][] = [
      ["quota.requestsCpu", quota.requestsCpu],
      ["quota.requestsMemory", quota.requestsMemory],
      ["quota.limitsCpu", quota.limitsCpu],
      ["quota.limitsMemory", quota.limitsMemory],
      ["limits.defaultRequestCpu", limits.defaultRequestCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory],
      ["limits.defaultLimitCpu", limits.defaultLimitCpu],
      ["limits.defaultLimitMemory", limits.defaultLimitMemory],
    ];
    for (const [field, value] of quantities) {
      if (!Token.isUnresolved(value) && parseQuantity(value) === undefined) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: ${field} ${show(value)} is not a Kubernetes quantity. Use a value such as "500m", "2" or "4Gi".`,
        );
      }
    }
    const counts: [string, number][] = [
      ["quota.pods", quota.pods],
      ["quota.servicesLoadBalancers", quota.servicesLoadBalancers],
      ["quota.servicesNodePorts", quota.servicesNodePorts],
    ];
    for (const [field, value] of counts) {
      if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 0)) {
        throw new ValidationError(this.scope, `tenant ${show(name)}: ${field} must be a whole number ≥ 0, got ${show(value)}.`);
      }
    }
    const notAbove: [string, string, string, string][] = [
      ["limits.defaultRequestCpu", limits.defaultRequestCpu, "limits.defaultLimitCpu", limits.defaultLimitCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory, "limits.defaultLimitMemory", limits.defaultLimitMemory],
      ["limits.defaultRequestCpu", limits.defaultRequestCpu, "quota.requestsCpu", quota.requestsCpu],
      ["limits.defaultRequestMemory", limits.defaultRequestMemory, "quota.requestsMemory", quota.requestsMemory],
      ["limits.defaultLimitCpu", limits.defaultLimitCpu, "quota.limitsCpu", quota.limitsCpu],
      ["limits.defaultLimitMemory", limits.defaultLimitMemory, "quota.limitsMemory", quota.limitsMemory],
    ];
    for (const [smallField, small, bigField, big] of notAbove) {
      if (Token.isUnresolved(small) || Token.isUnresolved(big)) continue;
      if (parseQuantity(small)! > parseQuantity(big)!) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: ${smallField} ${show(small)} is above ${bigField} ${show(big)}, so a container ` +
            `using the defaults could never be admitted. Lower ${smallField} or raise ${bigField}.`,
        );
      }
    }
  }

  public checkOwners(name: string, owners: TenantOwners | undefined): void {
    if (!owners) return;
    if (owners.groupObjectIds.length === 0) {
      throw new ValidationError(
        this.scope,
        `tenant ${show(name)}: owners.groupObjectIds is empty. List at least one Entra ID group object id, or leave owners out.`,
      );
    }
    for (const id of owners.groupObjectIds) {
      if (!Token.isUnresolved(id) && !isGuid(id)) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: owners.groupObjectIds entry ${show(id)} is not an Entra ID object id (a GUID such as ` +
            `"00000000-0000-0000-0000-000000000000"). Use the group's object id, not its name.`,
        );
      }
    }
    if (owners.role !== undefined && !Object.values(TenantRole).includes(owners.role)) {
      throw new ValidationError(this.scope, `tenant ${show(name)}: owners.role ${show(owners.role)} is not a TenantRole.`);
    }
  }

  public checkEgress(name: string, egress: TenantEgress): void {
    for (const cidr of egress.allowCidrs) {
      if (Token.isUnresolved(cidr)) continue;
      const problem = cidrProblem(cidr);
      if (problem) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: egress CIDR ${show(cidr)} ${problem}. Pass blocks such as "10.20.0.0/16".`,
        );
      }
    }
  }

  public checkLabels(name: string, labels: { readonly [key: string]: string }): void {
    for (const [key, value] of Object.entries(labels)) {
      if (RESERVED_TENANT_LABELS.includes(key)) {
        throw new ValidationError(
        this.scope,
          `tenant ${show(name)}: label ${show(key)} is set by the library and cannot be overridden` +
            (key === AMBIENT_LABEL ? "; use the ambient prop instead." : "; remove it from labels."),
        );
      }
      if (Token.isUnresolved(key) || Token.isUnresolved(value)) continue;
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) throw new ValidationError(this.scope, `tenant ${show(name)}: label key ${show(key)} ${keyProblem}.`);
      const valueProblem = labelValueProblem(value);
      if (valueProblem) {
        throw new ValidationError(this.scope, `tenant ${show(name)}: label ${show(key)} value ${show(value)} ${valueProblem}.`);
      }
    }
  }
}
