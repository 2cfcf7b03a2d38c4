import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { CidrError, isIpv4, parseCidr } from "../private/cidr";

/** How the Kubernetes API server is reached. */
export enum ApiServerAccessKind {
  /** The public endpoint, open only to the listed IPv4 ranges. */
  AUTHORIZED_IP_RANGES = "AuthorizedIpRanges",
  /** A private endpoint in the cluster's VNet; no public API server. */
  PRIVATE_CLUSTER = "PrivateCluster",
}

/** Options of {@link ApiServerAccess.privateCluster}. */
export interface PrivateClusterOptions {
  /**
   * Also publish a public DNS name (`private_cluster_public_fqdn_enabled`) that resolves to the private IP, so
   * clients in peered networks without the private DNS zone can resolve the API server. The endpoint stays private.
   *
   * @default false
   * @see https://learn.microsoft.com/azure/aks/private-clusters#disable-a-public-fqdn
   */
  readonly publicFqdn?: boolean;
}

/** An {@link ApiServerAccess} validated for one cluster. */
export interface ApiServerAccessConfig {
  /** How the API server is reached. */
  readonly kind: ApiServerAccessKind;
  /** Authorized IPv4 ranges (empty for a private cluster). */
  readonly authorizedIpRanges: readonly string[];
  /** Whether the API server has a private endpoint only. */
  readonly privateCluster: boolean;
  /** Whether a private cluster also publishes a public DNS name. */
  readonly publicFqdn: boolean;
}

/**
 * Who can reach the Kubernetes API server. Without one, AKS opens the API server to the whole internet (behind
 * Entra ID authentication), which `PlatformPolicy` rule AKSGW-11 refuses unless suppressed with a reason.
 *
 * Whatever you choose, the machine that runs `cdktf deploy` for the traffic and tenant stacks must reach the API
 * server: list its egress IP, or run it inside (or peered with) the cluster's VNet for a private cluster
 * (docs/ci.md, "Reaching the API server").
 *
 * @see https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
 * @see https://learn.microsoft.com/azure/aks/private-clusters
 */
export class ApiServerAccess {
  /** AKS accepts at most 200 authorized ranges (AKS docs: api-server-authorized-ip-ranges.md, "Limitations"). */
  public static readonly MAX_AUTHORIZED_IP_RANGES = 200;

  /**
   * The public endpoint, reachable only from these IPv4 ranges (CIDR blocks; write a single address as `/32`).
   * Include the egress IPs of whoever runs kubectl and `cdktf deploy`.
   */
  public static fromIpRanges(...cidrs: string[]): ApiServerAccess {
    return new ApiServerAccess(ApiServerAccessKind.AUTHORIZED_IP_RANGES, cidrs, false);
  }

  /**
   * A private cluster: the API server gets a private endpoint in the cluster's VNet and a private DNS zone that AKS
   * manages (`System`); it has no public endpoint. Authorized ranges do not apply to it.
   *
   * Chosen at creation: switching an existing cluster to or from private replaces it (azurerm 4.55.0 marks
   * `private_cluster_enabled` and `private_dns_zone_id` ForceNew), so decide before the first deploy.
   */
  public static privateCluster(options: PrivateClusterOptions = {}): ApiServerAccess {
    return new ApiServerAccess(ApiServerAccessKind.PRIVATE_CLUSTER, [], options.publicFqdn ?? false);
  }

  private constructor(
    /** How the API server is reached. */
    public readonly kind: ApiServerAccessKind,
    private readonly cidrs: readonly string[],
    private readonly publicFqdn: boolean,
  ) {}

  /** Validates the access for one cluster; errors name `scope`. Called by {@link AksCluster}. */
  public bind(scope: IConstruct): ApiServerAccessConfig {
    if (this.kind === ApiServerAccessKind.AUTHORIZED_IP_RANGES) this.checkRanges(scope);
    return {
      kind: this.kind,
      authorizedIpRanges: [...this.cidrs],
      privateCluster: this.kind === ApiServerAccessKind.PRIVATE_CLUSTER,
      publicFqdn: this.publicFqdn,
    };
  }

  private checkRanges(scope: IConstruct): void {
    const fail = (message: string): never => {
      throw new ValidationError(scope, `apiServerAccess: ${message}`);
    };
    if (this.cidrs.length === 0) {
      fail(
        "ApiServerAccess.fromIpRanges() got no range, which AKS reads as \"no restriction\": the API server would be open to " +
          'the whole internet. List the egress ranges that must reach it (e.g. "203.0.113.0/24"), or use ApiServerAccess.privateCluster().',
      );
    }
    if (this.cidrs.length > ApiServerAccess.MAX_AUTHORIZED_IP_RANGES) {
      fail(`${this.cidrs.length} authorized ranges were given; AKS accepts at most ${ApiServerAccess.MAX_AUTHORIZED_IP_RANGES}. Merge ranges.`);
    }
    const seen = new Set<string>();
    for (const cidr of this.cidrs) {
      if (Token.isUnresolved(cidr)) continue;
      rangeProblem(cidr, fail);
      if (seen.has(cidr)) fail(`authorized range ${show(cidr)} is listed twice.`);
      seen.add(cidr);
    }
  }
}

/** Each range is an IPv4 CIDR block without host bits (azurerm v4.55.0 validates `validate.CIDR`). */
function rangeProblem(cidr: string, fail: (message: string) => never): void {
  if (typeof cidr !== "string") fail(`authorized range ${show(cidr)} is not a CIDR block such as "203.0.113.0/24".`);
  if (isIpv4(cidr)) {
    fail(`authorized range ${show(cidr)} is an address, not a CIDR block; write ${show(`${cidr}/32`)} for one address.`);
  }
  try {
    parseCidr(cidr);
  } catch (e) {
    if (e instanceof CidrError) fail(`authorized range ${e.message}.`);
    throw e;
  }
}
