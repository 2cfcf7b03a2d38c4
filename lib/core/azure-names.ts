/**
 * Checks of the free-text Azure values users type: regions, VM sizes, subscription IDs, tags, and the names of
 * the state backend's resource group, storage account and container. Each returns `undefined` for a valid
 * value or a short description of the problem (with the fix where there is an obvious one), which callers
 * put into a ValidationError. Shared by the constructs and the stacks; not exported from the package.
 */

/**
 * Region names (`az account list-locations --query "[].name"`) of the public, US Government and China clouds,
 * November 2026. Used to catch typos: an unknown name close to a known one is refused with a suggestion; an
 * unknown name far from all of them is accepted, since Azure adds regions.
 */
export const KNOWN_AZURE_REGIONS: readonly string[] = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral",
  "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral",
  "denmarkeast", "eastasia", "eastus", "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral",
  "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
  "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope",
  "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus",
  "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
  "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2",
  "westus3", "usgovarizona", "usgovtexas", "usgovvirginia", "usdodcentral", "usdodeast", "chinaeast", "chinaeast2",
  "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3",
];

/** The name azurerm stores for a region as typed (`West Europe` → `westeurope`, as its location normalizer does). */
export function normalizeRegion(value: string): string {
  return value.replace(/\s+/g, "").toLowerCase();
}

/** Why `value` is not an Azure region azurerm accepts, or `undefined`. */
export function regionProblem(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]$/.test(value)) {
    return 'is not an Azure region name (letters and digits, e.g. "swedencentral" or "West Europe")';
  }
  const name = normalizeRegion(value);
  if (KNOWN_AZURE_REGIONS.includes(name)) return undefined;
  const near = KNOWN_AZURE_REGIONS.filter((r) => editDistance(r, name) <= 2);
  if (near.length > 0) return `is not an Azure region; did you mean ${near.map((n) => JSON.stringify(n)).join(" or ")}?`;
  return undefined;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/**
 * Why `value` is not a VM size AKS can use for a node pool, or `undefined`. Names are matched as Azure spells
 * them (`Standard_D4ds_v5`): AKS returns that spelling, so another casing would show as a change on every plan
 * of a ForceNew attribute. AKS node pools need at least 2 vCPUs (AKS docs: use-system-pools.md), read from the
 * size name (`D4ds` → 4, constrained `E8-4ds` → 4 active).
 */
export function vmSizeProblem(value: string): string | undefined {
  if (!/^Standard_[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/.test(value)) {
    return /^standard_/i.test(value)
      ? `must be spelled as Azure spells VM sizes, with "Standard_" (got ${JSON.stringify(value.slice(0, 9))})`
      : 'is not an Azure VM size name such as "Standard_D4ds_v5"';
  }
  const m = /^Standard_[A-Z]+(\d+)(?:-(\d+))?/.exec(value);
  const vcpus = m ? Number(m[2] ?? m[1]) : undefined;
  if (vcpus !== undefined && vcpus < 2) return `has ${vcpus} vCPU; AKS node pools need at least 2 vCPUs`;
  return undefined;
}

/** Why `value` is not a subscription ID (a GUID), or `undefined`. */
export function subscriptionIdProblem(value: string): string | undefined {
  return /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(value)
    ? undefined
    : 'is not a subscription ID (a GUID such as "00000000-0000-0000-0000-000000000000"; `az account show --query id -o tsv` prints yours)';
}

/** Azure's tag limits (Azure docs: azure-resource-manager/management/tag-resources.md, "Limitations"). */
export const TAG_LIMITS = { maxTags: 50, maxNameLength: 512, maxValueLength: 256 } as const;

/** The problems of a tag set, one per offending tag, or `[]`. */
export function tagProblems(tags: { readonly [name: string]: string }): string[] {
  const entries = Object.entries(tags);
  const problems: string[] = [];
  if (entries.length > TAG_LIMITS.maxTags) problems.push(`has ${entries.length} tags; Azure allows at most ${TAG_LIMITS.maxTags} per resource`);
  for (const [name, value] of entries) {
    if (name.length === 0 || name.length > TAG_LIMITS.maxNameLength) {
      problems.push(`tag name ${JSON.stringify(name)} must be 1-${TAG_LIMITS.maxNameLength} characters`);
    } else if (/[<>%&\\?/]/.test(name)) {
      problems.push(`tag name ${JSON.stringify(name)} contains one of < > % & \\ ? /, which Azure refuses in tag names`);
    }
    if (typeof value !== "string" || value.length > TAG_LIMITS.maxValueLength) {
      problems.push(`tag ${JSON.stringify(name)} has a value that is not a string of at most ${TAG_LIMITS.maxValueLength} characters`);
    }
  }
  return problems;
}

/** Why `value` is not a resource group name (1-90 letters, digits, `_ - . ( )`, not ending in `.`), or `undefined`. */
export function resourceGroupNameProblem(value: string): string | undefined {
  if (value.length < 1 || value.length > 90) return `is ${value.length} characters long; resource group names are 1-90`;
  if (!/^[-\w.()]+$/u.test(value) || value.endsWith(".")) {
    return "is not a resource group name (letters, digits, '_', '-', '.', '(' and ')', not ending in '.')";
  }
  return undefined;
}

/** Why `value` is not a storage account name (3-24 lower-case letters and digits), or `undefined`. */
export function storageAccountNameProblem(value: string): string | undefined {
  return /^[a-z0-9]{3,24}$/.test(value)
    ? undefined
    : "is not a storage account name (3-24 lower-case letters and digits, no hyphens)";
}

/** Why `value` is not a blob container name (3-63 lower-case letters, digits and single hyphens), or `undefined`. */
export function containerNameProblem(value: string): string | undefined {
  return /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(value)
    ? undefined
    : "is not a blob container name (3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)";
}

/** Why `value` cannot prefix blob names (`<prefix>/<stack>.tfstate`), or `undefined`. */
export function blobPrefixProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 512) return "must be 1-512 characters";
  if (/\\/.test(value) || value.startsWith("/") || value.endsWith("/") || value.split("/").some((s) => s === "" || s === "." || s === "..")) {
    return "must be '/'-separated path segments without empty, '.' or '..' segments, leading or trailing '/', or '\\'";
  }
  return undefined;
}
