/**
 * Host names as Gateway API attaches routes to listeners and as Envoy picks a virtual host. Pure functions; not
 * part of the public API.
 */

/** A route or listener without hostnames: any host. Istio names the virtual host of such routes `*`. */
export const ANY_HOST = "*";

/**
 * Whether `pattern` matches `host`. `*` matches any host; `*.example.com` matches any host ending in
 * `.example.com` with at least one more label (`a.example.com`, `a.b.example.com`, not `example.com`): Gateway API
 * HTTPRouteSpec.Hostnames ("a match for `*.example.com` would match both `test.example.com`, and
 * `foo.test.example.com`, but not `example.com`"), and Envoy's suffix wildcards never match the empty string.
 * A wildcard `host` (`*.a.example.com`) is matched as the names it stands for.
 */
export function hostnameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === ANY_HOST || p === h) return true;
  if (!p.startsWith("*.")) return false;
  const bare = h.startsWith("*.") ? h.slice(1) : h;
  return bare.endsWith(p.slice(1)) && bare.length > p.length - 1;
}

/**
 * The hostnames a route serves through a listener: Gateway API's intersection of the route's `hostnames` and the
 * listener's `hostname` (gateway-api apis/v1/httproute_types.go, HTTPRouteSpec.Hostnames: "If both the Listener
 * and HTTPRoute have specified hostnames, any HTTPRoute hostnames that do not match the Listener hostname MUST be
 * ignored"; a wildcard route hostname matching a more specific listener hostname serves the listener's). Empty:
 * the route does not attach to that listener (conformance/tests/httproute-hostname-intersection).
 */
export function intersectHostnames(routeHostnames: readonly string[], listenerHostname: string | undefined): string[] {
  const route = routeHostnames.map((h) => h.toLowerCase());
  if (listenerHostname === undefined || listenerHostname === "") return route.length > 0 ? [...new Set(route)] : [ANY_HOST];
  const listener = listenerHostname.toLowerCase();
  if (route.length === 0) return [listener];
  const out = route.flatMap((h) => {
    if (hostnameMatches(listener, h)) return [h];
    if (h.startsWith("*.") && hostnameMatches(h, listener)) return [listener];
    return [];
  });
  return [...new Set(out)];
}

/** How Envoy chose a virtual host domain. */
export type DomainMatch = "exact" | "wildcard" | "any";

/**
 * The virtual host domain Envoy picks for `host` among `domains`, in Envoy's domain search order
 * (envoyproxy/envoy api/envoy/config/route/v3/route_components.proto, VirtualHost.domains): exact names first,
 * then suffix wildcards (`*.foo.com`), the longest first, then the special `*`. Undefined when none matches: Envoy
 * answers 404.
 */
export function selectDomain(domains: readonly string[], host: string): { domain: string; how: DomainMatch } | undefined {
  const h = host.toLowerCase();
  if (domains.includes(h)) return { domain: h, how: "exact" };
  const wildcards = domains.filter((d) => d.startsWith("*.") && hostnameMatches(d, h) && !h.startsWith("*."));
  if (wildcards.length > 0) {
    const longest = wildcards.reduce((a, b) => (b.length > a.length ? b : a));
    return { domain: longest, how: "wildcard" };
  }
  return domains.includes(ANY_HOST) ? { domain: ANY_HOST, how: "any" } : undefined;
}

/**
 * How specific a listener hostname is for `host`, higher first: 3 exact, 2 + length/1000 wildcard, 1 no hostname;
 * 0 when it does not match. Envoy picks an HTTPS filter chain by SNI the same way (exact server name, then the
 * longest wildcard, then the chain without server names).
 */
export function listenerSpecificity(listenerHostname: string | undefined, host: string): number {
  if (listenerHostname === undefined || listenerHostname === "") return 1;
  const l = listenerHostname.toLowerCase();
  if (l === host.toLowerCase()) return 3;
  return hostnameMatches(l, host) ? 2 + l.length / 1000 : 0;
}
