/**
 * How much local storage (VM cache or temporary disk) known VM sizes offer an ephemeral OS disk, in GiB. An
 * ephemeral OS disk fits when that storage is at least the OS disk size, and needs a size that supports Premium
 * storage (MicrosoftDocs/azure-docs: articles/virtual-machines/ephemeral-os-disks.md, "Size requirements"). AKS
 * places it on the cache when the size has one, else on the temporary disk, so the larger of the two counts.
 *
 * Figures, read 2026-12 from MicrosoftDocs/azure-docs (articles/virtual-machines/):
 * - dv3-dsv3-series.md: Dsv3 "cache size in GiB" 50 … 1600 (temporary disk smaller); Dv3 has no Premium storage.
 * - ddv5-ddsv5-series.md: Ddsv5 "Temp storage (SSD) GiB" 75 … 2400 (no cache size published); "Ephemeral OS Disks:
 *   Supported".
 * - dv5-dsv5-series.md: Dv5 and Dsv5 have "Remote Storage Only" and "Ephemeral OS Disks: Not Supported".
 * - ephemeral-os-disks.md: Standard_DS2_v2 cache 86 GiB, Standard_DS3_v2 cache 172 GiB.
 *
 * Sizes not listed are unknown here: the library does not check them, and their pools default to a managed OS disk.
 */
const CAPACITY_GIB: { readonly [vmSize: string]: number } = {
  // Dsv2 (ephemeral-os-disks.md)
  standard_ds2_v2: 86,
  standard_ds3_v2: 172,
  // Dsv3: cache size (dv3-dsv3-series.md)
  standard_d2s_v3: 50,
  standard_d4s_v3: 100,
  standard_d8s_v3: 200,
  standard_d16s_v3: 400,
  standard_d32s_v3: 800,
  standard_d48s_v3: 1200,
  standard_d64s_v3: 1600,
  // Ddsv5: temporary disk (ddv5-ddsv5-series.md)
  standard_d2ds_v5: 75,
  standard_d4ds_v5: 150,
  standard_d8ds_v5: 300,
  standard_d16ds_v5: 600,
  standard_d32ds_v5: 1200,
  standard_d48ds_v5: 1800,
  standard_d64ds_v5: 2400,
  // Dv3 (no Premium storage) and Dv5/Dsv5 (no local storage): no ephemeral OS disk
  ...Object.fromEntries(
    [
      ...[2, 4, 8, 16, 32, 48, 64].map((n) => `standard_d${n}_v3`),
      ...[2, 4, 8, 16, 32, 48, 64, 96].flatMap((n) => [`standard_d${n}_v5`, `standard_d${n}s_v5`]),
    ].map((size) => [size, 0]),
  ),
};

/** The OS disk size AKS node pools get when nothing else is said, in GiB. */
export const DEFAULT_EPHEMERAL_OS_DISK_GIB = 128;

/** The smallest OS disk an AKS node image fits on, in GiB (AKS docs: cluster-configuration.md, "Ephemeral OS"). */
export const MIN_OS_DISK_GIB = 30;

/**
 * Local storage `vmSize` offers an ephemeral OS disk, in GiB: `0` when the size cannot have one, `undefined` when
 * the size is not in the table. VM size names compare without case, as Azure compares them.
 */
export function ephemeralCapacityGiB(vmSize: string): number | undefined {
  return CAPACITY_GIB[vmSize.toLowerCase()];
}
