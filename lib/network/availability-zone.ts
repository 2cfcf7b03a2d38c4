/**
 * An Azure availability zone. Regions with zones have three; give `[]` where a region has none.
 *
 * @see https://learn.microsoft.com/azure/reliability/availability-zones-overview
 */
export enum AvailabilityZone {
  /** Zone 1. */
  ONE = "1",
  /** Zone 2. */
  TWO = "2",
  /** Zone 3. */
  THREE = "3",
}

/** All three zones, the default spread of zone-redundant resources. */
export const ALL_AVAILABILITY_ZONES: readonly AvailabilityZone[] = [
  AvailabilityZone.ONE,
  AvailabilityZone.TWO,
  AvailabilityZone.THREE,
];
