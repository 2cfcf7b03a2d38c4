/**
 * Node pool options with their defaults applied, and the synth-time checks of one pool. Internal to the cluster
 * layer: AksCluster resolves and checks every pool, then cluster-config renders them.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../../private/errors";
import { labelKeyProblem, labelValueProblem } from "../../private/validation";
import { vmSizeProblem } from "../../core/azure-names";
import { ALL_AVAILABILITY_ZONES, AvailabilityZone } from "../../network/availability-zone";
import { NodeOsSku, NodeTaint, OsDiskType, TaintEffect, UserNodePoolOptions } from "../node-pool";
import { DEFAULT_EPHEMERAL_OS_DISK_GIB, MIN_OS_DISK_GIB, ephemeralCapacityGiB } from "./vm-local-storage";

/** Default VM size of every pool. */
export const DEFAULT_VM_SIZE = "Standard_D4ds_v5";

/** A pool's options with defaults applied. */
export interface PoolSettings {
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly zones: AvailabilityZone[];
  readonly osDiskType: OsDiskType;
  /** `undefined`: the AKS default for the VM size. */
  readonly osDiskSizeGb?: number;
  readonly osSku: NodeOsSku;
  /** `undefined`: the AKS default (250 with Azure CNI overlay). */
  readonly maxPods?: number;
  readonly labels: { readonly [key: string]: string };
  readonly taints: readonly NodeTaint[];
}

/** Which pool is checked: the rules for taints and counts differ. */
export type PoolRole = "system" | "user" | "added";

/** The options with their defaults; the OS disk is ephemeral where the VM size is known to hold it. */
export function resolvePool(options: UserNodePoolOptions | undefined, defaultMax: number): PoolSettings {
  const vmSize = options?.vmSize ?? DEFAULT_VM_SIZE;
  const capacity = Token.isUnresolved(vmSize) ? undefined : ephemeralCapacityGiB(vmSize);
  const wanted = options?.osDiskSizeGb;
  const fits = capacity !== undefined && capacity >= (Token.isUnresolved(wanted) ? Infinity : (wanted ?? MIN_OS_DISK_GIB));
  const osDiskType = options?.osDiskType ?? (fits ? OsDiskType.EPHEMERAL : OsDiskType.MANAGED);
  const defaultSize = osDiskType === OsDiskType.EPHEMERAL && capacity ? Math.min(DEFAULT_EPHEMERAL_OS_DISK_GIB, capacity) : undefined;
  return {
    vmSize,
    minCount: options?.minCount ?? 2,
    maxCount: options?.maxCount ?? defaultMax,
    zones: options?.zones ?? [...ALL_AVAILABILITY_ZONES],
    osDiskType,
    osDiskSizeGb: wanted ?? defaultSize,
    osSku: options?.osSku ?? NodeOsSku.AZURE_LINUX,
    maxPods: options?.maxPods,
    labels: options?.labels ?? {},
    taints: options?.taints ?? [],
  };
}

/** A taint as AKS takes it: `key=value:Effect`, or `key:Effect` without a value. */
export function taintText(taint: NodeTaint): string {
  return `${taint.key}${taint.value === undefined ? "" : `=${taint.value}`}:${taint.effect}`;
}

/** Every check of one pool, in the order users meet them; `label` is the prop (`userPool`, `nodePools.gpu`). */
export function checkPool(scope: IConstruct, label: string, pool: PoolSettings, role: PoolRole): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, `${label}${message}`);
  };
  const sizeProblem = Token.isUnresolved(pool.vmSize) ? undefined : vmSizeProblem(pool.vmSize);
  if (sizeProblem) fail(`.vmSize ${show(pool.vmSize)} ${sizeProblem}. Example: ${show(DEFAULT_VM_SIZE)}.`);
  checkCounts(pool, role, fail);
  checkZones(pool.zones, fail);
  checkChoice(pool.osDiskType, OsDiskType, "osDiskType", "OsDiskType", fail);
  checkChoice(pool.osSku, NodeOsSku, "osSku", "NodeOsSku", fail);
  checkOsDisk(pool, fail);
  checkMaxPods(pool.maxPods, fail);
  checkLabels(pool.labels, fail);
  checkTaints(pool.taints, role, fail);
}

type Fail = (message: string) => never;

function checkCounts(pool: PoolSettings, role: PoolRole, fail: Fail): void {
  const { minCount, maxCount } = pool;
  if (Token.isUnresolved(minCount) || Token.isUnresolved(maxCount)) return;
  // The default pool takes min_count 1-1000, a node pool resource 0-1000 (azurerm v4.55.0: kubernetes_nodepool.go,
  // kubernetes_cluster_node_pool_resource.go); the main user pool keeps a node for the Gateway.
  const lowest = role === "added" ? 0 : 1;
  const maxBelow = Math.max(minCount, 1);
  if (!Number.isInteger(minCount) || minCount < lowest || !Number.isInteger(maxCount) || maxCount < maxBelow || maxCount > 1000) {
    fail(
      ` needs whole numbers ${lowest} <= minCount <= maxCount <= 1000${lowest === 0 ? " and maxCount >= 1" : ""}, got ${show({ minCount, maxCount })} ` +
        `(minCount defaults to 2). ` +
        `Example: { minCount: 2, maxCount: 5 }.`,
    );
  }
}

function checkZones(zones: AvailabilityZone[], fail: Fail): void {
  if (Token.isUnresolved(zones)) return;
  const bad = zones.filter((z) => !Token.isUnresolved(z) && !["1", "2", "3"].includes(z));
  if (bad.length > 0 || new Set(zones).size !== zones.length) {
    fail(`.zones must be distinct values among "1", "2", "3", got ${show(zones)}. Use [] for a region without zones.`);
  }
}

/** A closed set given by a JavaScript caller as a free string. */
function checkChoice(value: string, choices: object, prop: string, enumName: string, fail: Fail): void {
  const allowed: string[] = Object.values(choices);
  if (!allowed.includes(value)) fail(`.${prop} must be one of ${enumName} (${show(allowed)}), got ${show(value)}.`);
}

/**
 * Ephemeral needs the VM size's local storage to hold the OS disk (MicrosoftDocs/azure-docs:
 * articles/virtual-machines/ephemeral-os-disks.md, "Size requirements"); unknown sizes and tokens are left to Azure.
 */
function checkOsDisk(pool: PoolSettings, fail: Fail): void {
  const size = pool.osDiskSizeGb;
  if (size !== undefined && !Token.isUnresolved(size) && (!Number.isInteger(size) || size < MIN_OS_DISK_GIB)) {
    fail(`.osDiskSizeGb must be a whole number of GiB, at least ${MIN_OS_DISK_GIB} (the smallest AKS node image), got ${show(size)}.`);
  }
  if (pool.osDiskType !== OsDiskType.EPHEMERAL || Token.isUnresolved(pool.vmSize)) return;
  const capacity = ephemeralCapacityGiB(pool.vmSize);
  if (capacity === 0) {
    fail(
      `.osDiskType is OsDiskType.EPHEMERAL, but vmSize ${show(pool.vmSize)} has no local storage for an ephemeral OS disk ` +
        `(no cache or temporary disk, or no Premium storage). Use OsDiskType.MANAGED, or a size with a temporary disk such as ` +
        `${show(DEFAULT_VM_SIZE)}.`,
    );
  }
  if (capacity !== undefined && size !== undefined && !Token.isUnresolved(size) && size > capacity) {
    fail(
      `.osDiskSizeGb ${show(size)} does not fit the ${capacity} GiB of local storage of vmSize ${show(pool.vmSize)}, where an ` +
        `ephemeral OS disk lives. Lower osDiskSizeGb to at most ${capacity}, choose a larger VM size, or use OsDiskType.MANAGED.`,
    );
  }
}

/** Azure CNI overlay takes 10 to 250 pods per node (AKS docs: azure-cni-overlay.md, "Maximum pods per node"). */
function checkMaxPods(maxPods: number | undefined, fail: Fail): void {
  if (maxPods === undefined || Token.isUnresolved(maxPods)) return;
  if (!Number.isInteger(maxPods) || maxPods < 10 || maxPods > 250) {
    fail(`.maxPods must be a whole number from 10 to 250 (Azure CNI overlay), got ${show(maxPods)}. The AKS baseline uses 30.`);
  }
}

function checkLabels(labels: { readonly [key: string]: string }, fail: Fail): void {
  if (Token.isUnresolved(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) fail(`.labels key ${show(key)} ${keyProblem}.`);
    const valueProblem = Token.isUnresolved(value) ? undefined : labelValueProblem(`${value}`);
    if (valueProblem) fail(`.labels value ${show(value)} of key ${show(key)} ${valueProblem}.`);
  }
}

function checkTaints(taints: readonly NodeTaint[], role: PoolRole, fail: Fail): void {
  if (role === "system" && taints.length > 0) {
    fail(
      `.taints ${show(taints)} was given, but the system pool carries only CriticalAddonsOnly=true:NoSchedule: azurerm 4.x has no ` +
        `node_taints on the default node pool. Put tainted workloads on a pool of their own (addNodePool).`,
    );
  }
  const seen = new Set<string>();
  for (const taint of taints) {
    checkTaint(taint, fail);
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) fail(`.taints has two taints with key ${show(taint.key)} and effect ${show(taint.effect)}; Kubernetes allows one.`);
    seen.add(id);
    if (role === "user" && taint.effect !== TaintEffect.PREFER_NO_SCHEDULE) {
      fail(
        `.taints ${show(taintText(taint))} would keep the shared Gateway, the health responder and the tenants, which tolerate no ` +
          `taints, off the main user pool. Use TaintEffect.PREFER_NO_SCHEDULE here, or taint a pool of its own (addNodePool).`,
      );
    }
  }
}

/**
 * Kubernetes taint syntax, and no key in the `kubernetes.azure.com` domain, which the AKS resource provider reserves
 * (Azure/karpenter-provider-azure: hack/validation/taint.sh mirrors the AKS node taints validator).
 */
function checkTaint(taint: NodeTaint, fail: Fail): void {
  if (Token.isUnresolved(taint.key)) return;
  const keyProblem = labelKeyProblem(taint.key);
  if (keyProblem) fail(`.taints key ${show(taint.key)} ${keyProblem}.`);
  const slash = taint.key.indexOf("/");
  if (slash > 0 && taint.key.slice(0, slash).endsWith("kubernetes.azure.com")) {
    fail(`.taints key ${show(taint.key)} is in the kubernetes.azure.com domain, which AKS reserves. Choose a key of your own.`);
  }
  if (taint.value !== undefined && !Token.isUnresolved(taint.value)) {
    const valueProblem = labelValueProblem(taint.value);
    if (valueProblem) fail(`.taints value ${show(taint.value)} of key ${show(taint.key)} ${valueProblem}.`);
  }
  checkChoice(taint.effect, TaintEffect, "taints effect", "TaintEffect", fail);
}
