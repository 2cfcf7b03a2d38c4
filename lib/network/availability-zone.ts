/**
 * An Azure availability zone. Regions with zones have three; give `[]` where a region has none.
 *
 * @see https://learn.microsoft.com/azure/reliability/availability-zones-overview
 */
export enum AvailabilityZone {
  ONE = "1",
  TWO = "2",
  THREE = "3",
}

/** All three zones, the default spread of zone-redundant resources. */
export const ALL_AVAILABILITY_ZONES: readonly AvailabilityZone[] = [
  AvailabilityZone.ONE,
  AvailabilityZone.TWO,
  AvailabilityZone.THREE,
];
