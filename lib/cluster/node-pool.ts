import { AvailabilityZone } from "../network/availability-zone";

/**
 * Where a node keeps its operating system disk.
 *
 * @see https://learn.microsoft.com/azure/aks/concepts-storage#ephemeral-os-disk
 */
export enum OsDiskType {
  /**
   * On the VM's local cache or temporary disk: no storage charge, lower latency, faster scaling and re-imaging;
   * the OS disk is lost when the node is re-imaged, which containers expect. Needs a VM size whose cache or
   * temporary disk holds the OS disk.
   */
  EPHEMERAL = "Ephemeral",
  /** A network-attached managed disk, billed separately; works on every VM size. */
  MANAGED = "Managed",
}

/**
 * Operating system of the nodes. Switching between the two updates the pool in place.
 *
 * @see https://learn.microsoft.com/azure/aks/use-azure-linux
 */
export enum NodeOsSku {
  /** Azure Linux (the AKS baseline's choice): a small image with fewer packages to patch. */
  AZURE_LINUX = "AzureLinux",
  /** Ubuntu. */
  UBUNTU = "Ubuntu",
}

/**
 * What a taint does to pods that do not tolerate it.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export enum TaintEffect {
  /** New pods that do not tolerate the taint are not scheduled on the node. */
  NO_SCHEDULE = "NoSchedule",
  /** The scheduler avoids the node for such pods, but may still use it. */
  PREFER_NO_SCHEDULE = "PreferNoSchedule",
  /** Such pods are not scheduled, and running ones are evicted. */
  NO_EXECUTE = "NoExecute",
}

/**
 * A Kubernetes node taint, rendered as AKS takes it: `key=value:Effect` (or `key:Effect` without a value).
 *
 * @see https://learn.microsoft.com/azure/aks/use-node-taints
 */
export interface NodeTaint {
  /** Taint key: a Kubernetes label key (`[prefix/]name`), outside the `kubernetes.azure.com` domain AKS reserves. */
  readonly key: string;
  /**
   * Taint value: a Kubernetes label value.
   *
   * @default - no value (`key:Effect`)
   */
  readonly value?: string;
  /** What the taint does to pods that do not tolerate it. */
  readonly effect: TaintEffect;
}

/** Sizing and operating system of an autoscaling node pool. */
export interface NodePoolOptions {
  /**
   * VM size of the nodes.
   *
   * @default "Standard_D4ds_v5"
   */
  readonly vmSize?: string;
  /**
   * Minimum node count of the autoscaler.
   *
   * @default 2
   */
  readonly minCount?: number;
  /**
   * Maximum node count of the autoscaler; at least `minCount` (which defaults to 2).
   *
   * @default - 3 for the system pool, 5 for the user pool and added pools
   */
  readonly maxCount?: number;
  /**
   * Availability zones the pool spreads across.
   *
   * @default ["1", "2", "3"]
   */
  readonly zones?: AvailabilityZone[];
  /**
   * Where the nodes keep their OS disk. `OsDiskType.EPHEMERAL` is checked at synth when the VM size is one of the
   * sizes the library knows (the Dsv2, Dv3/Dsv3, Dv5/Dsv5 and Ddsv5 families, listed in docs/configuration.md):
   * the size's cache or temporary disk must hold the OS disk. Other sizes, and tokens, are left to Azure.
   *
   * @default - `OsDiskType.EPHEMERAL` when the VM size is a known size whose local storage holds the OS disk
   * (the default `Standard_D4ds_v5` does: 150 GiB temporary disk); `OsDiskType.MANAGED` otherwise
   * @see https://learn.microsoft.com/azure/virtual-machines/ephemeral-os-disks
   */
  readonly osDiskType?: OsDiskType;
  /**
   * OS disk size in GiB, at least 30 (the smallest AKS node image).
   *
   * @default - with an ephemeral OS disk on a known VM size, 128 or the size's local storage if smaller; otherwise
   * the AKS default for the VM size
   */
  readonly osDiskSizeGb?: number;
  /**
   * Operating system of the nodes.
   *
   * @default NodeOsSku.AZURE_LINUX
   */
  readonly osSku?: NodeOsSku;
  /**
   * Maximum pods per node, 10 to 250 with Azure CNI overlay. Fewer pods per node leave more memory to each pod and
   * make a noisy pod's neighbours fewer; the AKS baseline uses 30.
   *
   * @default - the AKS default for Azure CNI overlay, 250
   * @see https://learn.microsoft.com/azure/aks/azure-cni-overlay#maximum-pods-per-node
   */
  readonly maxPods?: number;
  /**
   * Kubernetes labels on every node of the pool (Kubernetes label syntax), for `nodeSelector` and affinity.
   *
   * @default - no labels besides the ones AKS sets
   */
  readonly labels?: { readonly [key: string]: string };
}

/** A user pool's options: the common ones plus taints, which the system pool cannot have. */
export interface UserNodePoolOptions extends NodePoolOptions {
  /**
   * Taints on every node of the pool. On the main user pool (`userPool`) only `TaintEffect.PREFER_NO_SCHEDULE` is
   * accepted: the shared Gateway, the health responder and the tenants tolerate no taints and must schedule there.
   * Pools added with `addNodePool` take any effect.
   *
   * @default - no taints
   */
  readonly taints?: NodeTaint[];
}

/** Options of {@link AksCluster.addNodePool}: a further autoscaling user pool. */
export interface AddNodePoolOptions extends UserNodePoolOptions {
  /**
   * Agent pool name: a lower-case letter, then up to 8 lower-case letters or digits. The library names the
   * pool's rotation pool `<name>tmp` (AKS pool names have at most 12 characters). Not `system` or `user`.
   */
  readonly name: string;
}
