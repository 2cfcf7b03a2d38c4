/**
 * Who owns which (hostname, path prefix) space on a shared Gateway.
 *
 * Every tenant (and the platform's health route) claims its space here; a claim that overlaps another
 * owner's fails at synth. Claims are indexed by hostname, so checking a claim costs time proportional to
 * the hostnames and prefixes it touches, not to the number of tenants.
 */

/** Stands for "any hostname" (a route without `hostnames`). */
export const ANY_HOSTNAME = "*";

/** One claimed piece of routing space. */
export interface RouteClaim {
  /** Who claims it, e.g. `tenant app1` or `health responder`. */
  readonly owner: string;
  /** A hostname, a wildcard hostname (`*.example.com`) or {@link ANY_HOSTNAME}. */
  readonly hostname: string;
  /** A normalised path prefix (`/`, `/app1`). */
  readonly pathPrefix: string;
}

/** Normalises a path prefix: no trailing slash except for the root. */
export function normalizePath(path: string): string {
  if (path.length > 1 && path.endsWith("/")) return path.replace(/\/+$/, "") || "/";
  return path;
}

/**
 * Whether `path` lies inside `prefix` on path-segment boundaries (Gateway API `PathPrefix` semantics):
 * `/app` covers `/app` and `/app/x`, not `/apple`.
 */
export function pathCovers(prefix: string, path: string): boolean {
  const p = normalizePath(prefix);
  const q = normalizePath(path);
  return p === "/" || q === p || q.startsWith(p + "/");
}

/** Whether two path prefixes share any request path. */
export function pathsOverlap(a: string, b: string): boolean {
  return pathCovers(a, b) || pathCovers(b, a);
}

/**
 * Whether the owned hostname `owned` covers `hostname`: equal, {@link ANY_HOSTNAME}, or a wildcard
 * `*.example.com` covering `a.example.com`, `a.b.example.com` and `*.a.example.com` (not `example.com`).
 */
export function hostnameCovers(owned: string, hostname: string): boolean {
  if (owned === ANY_HOSTNAME || owned === hostname) return true;
  if (hostname === ANY_HOSTNAME) return false;
  if (!owned.startsWith("*.")) return false;
  const suffix = owned.slice(1); // ".example.com"
  const bare = hostname.startsWith("*.") ? hostname.slice(1) : hostname;
  return bare.endsWith(suffix) && bare.length > suffix.length;
}

/** Whether some request host matches both hostnames. */
export function hostnamesOverlap(a: string, b: string): boolean {
  return hostnameCovers(a, b) || hostnameCovers(b, a);
}

/** The registry of claims on one Gateway. */
export class RouteOwnership {
  /** Claims on an exact hostname, by hostname. */
  private readonly exact = new Map<string, RouteClaim[]>();
  /** Exact-hostname claims by every proper domain suffix (`b.c` and `c` for `a.b.c`), for wildcard lookups. */
  private readonly exactBySuffix = new Map<string, RouteClaim[]>();
  /** Wildcard claims by their domain (`example.com` for `*.example.com`). */
  private readonly wildcard = new Map<string, RouteClaim[]>();
  /** Claims on any hostname. */
  private readonly anyHost: RouteClaim[] = [];
  private readonly all: RouteClaim[] = [];
  private readonly reserved: RouteClaim[] = [];

  /**
   * Reserves a path prefix on every hostname for the platform (the health route's `/healthz`).
   *
   * Unlike a claim, a reservation does not conflict with broader prefixes: a tenant may own `/` on its
   * hostnames. It conflicts with any claim at or below the reserved prefix, made before or after it, and
   * routes may not use paths inside it. Note that Gateway API gives precedence to the route with the more
   * specific matching hostname before it compares paths, so on a tenant's own hostname a tenant route
   * matching `/` would still win over a hostname-less reserved route: the reservation is meant for requests
   * on hostnames no tenant owns, such as the Application Gateway probe's default Host (the gateway IP).
   */
  public reserve(owner: string, pathPrefix: string): void {
    const prefix = normalizePath(pathPrefix);
    const inside = this.all.find((c) => c.owner !== owner && pathCovers(prefix, c.pathPrefix));
    if (inside) {
      throw new Error(
        `${owner} reserves path prefix ${JSON.stringify(prefix)} on every hostname, but ${inside.owner} already ` +
          `claims ${describe(inside)}. Move that owner's routes off ${JSON.stringify(prefix)}.`,
      );
    }
    this.reserved.push({ owner, hostname: ANY_HOSTNAME, pathPrefix: prefix });
  }

  /** The reservation of another owner covering `path`, if any (route paths must stay out of them). */
  public findReservation(path: string, owner?: string): RouteClaim | undefined {
    return this.reserved.find((r) => r.owner !== owner && pathCovers(r.pathPrefix, path));
  }

  /** Every claim so far, in claim order (reservations not included). */
  public get claims(): readonly RouteClaim[] {
    return this.all;
  }

  /**
   * A claim of another owner that overlaps the given one, if any (one of them when several do; which one follows the
   * index, not the order of claims).
   */
  public findConflict(claim: RouteClaim): RouteClaim | undefined {
    const p = normalizePath(claim.pathPrefix);
    const reservation = this.findReservation(p, claim.owner);
    if (reservation) return reservation;
    const clash = (c: RouteClaim) =>
      c.owner !== claim.owner && pathsOverlap(c.pathPrefix, p) && hostnamesOverlap(c.hostname, claim.hostname);
    for (const c of this.candidates(claim.hostname)) {
      if (clash(c)) return c;
    }
    return undefined;
  }

  /**
   * Records claims for `owner` on every (hostname, prefix) pair; throws an `Error` naming both owners and
   * the overlapping space if any pair overlaps another owner's claim. Nothing is recorded on failure.
   */
  public claim(owner: string, hostnames: readonly string[], pathPrefixes: readonly string[]): void {
    const claims: RouteClaim[] = [];
    for (const hostname of hostnames) {
      for (const prefix of pathPrefixes) {
        const claim = { owner, hostname, pathPrefix: normalizePath(prefix) };
        const conflict = this.findConflict(claim);
        if (conflict) {
          throw new Error(
            `${owner} claims ${describe(claim)}, which overlaps ${describe(conflict)} of ${conflict.owner}. ` +
              `Give each owner its own hostname, or disjoint path prefixes on a shared hostname.`,
          );
        }
        claims.push(claim);
      }
    }
    claims.forEach((c) => this.add(c));
  }

  private add(c: RouteClaim): void {
    this.all.push(c);
    if (c.hostname === ANY_HOSTNAME) {
      this.anyHost.push(c);
    } else if (c.hostname.startsWith("*.")) {
      push(this.wildcard, c.hostname.slice(2), c);
    } else {
      push(this.exact, c.hostname, c);
      for (const s of suffixes(c.hostname)) push(this.exactBySuffix, s, c);
    }
  }

  /** Claims whose hostname may overlap `hostname`. */
  private *candidates(hostname: string): Iterable<RouteClaim> {
    if (hostname === ANY_HOSTNAME) {
      yield* this.all;
      return;
    }
    yield* this.anyHost;
    const isWildcard = hostname.startsWith("*.");
    const domain = isWildcard ? hostname.slice(2) : hostname;
    if (!isWildcard) yield* this.exact.get(domain) ?? [];
    // Wildcards on this domain's suffixes cover it (and, for a wildcard, the same domain too).
    for (const s of isWildcard ? [domain, ...suffixes(domain)] : suffixes(domain)) yield* this.wildcard.get(s) ?? [];
    if (isWildcard) {
      // A wildcard also covers exact hostnames and deeper wildcards below its domain.
      yield* this.exactBySuffix.get(domain) ?? [];
      for (const [d, cs] of this.wildcard) if (d.endsWith("." + domain)) yield* cs;
    }
  }
}

function describe(c: RouteClaim): string {
  const host = c.hostname === ANY_HOSTNAME ? "any hostname" : `hostname ${JSON.stringify(c.hostname)}`;
  return `path prefix ${JSON.stringify(c.pathPrefix)} on ${host}`;
}

function suffixes(hostname: string): string[] {
  const labels = hostname.split(".");
  const out: string[] = [];
  for (let i = 1; i < labels.length; i++) out.push(labels.slice(i).join("."));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
