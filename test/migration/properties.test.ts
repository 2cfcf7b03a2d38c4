/**
 * Properties of the migration over generated Ingress objects: every annotation gets exactly one finding, no
 * emitted route lacks hostnames, and no emitted path carries a `$n` capture reference.
 */
import * as fc from "fast-check";
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { NGINX_ANNOTATION_PREFIX } from "../../lib/migration/finding";
import { synthesizeRoutes } from "../../cli/migrate/synth";

const P = NGINX_ANNOTATION_PREFIX;

/** Annotation values that exercise each family, including malformed ones. */
const ANNOTATIONS: { [suffix: string]: string[] } = {
  canary: ["true", "false"],
  "canary-weight": ["0", "30", "100", "x"],
  "canary-by-header": ["X-Canary"],
  "canary-by-header-value": ["on"],
  "canary-by-cookie": ["beta"],
  "rewrite-target": ["/", "/$1", "/$2", "/new/$2", "/$1/$2", "index"],
  "use-regex": ["true", "false"],
  "app-root": ["/app", "app", "/$1"],
  "permanent-redirect": ["https://example.org/x?y=1", "not a url", "https://new.example.org$request_uri", "https://x.example.org/$1"],
  "permanent-redirect-code": ["308", "301", "999"],
  "temporal-redirect": ["http://example.org/"],
  "ssl-redirect": ["true", "false"],
  "from-to-www-redirect": ["true"],
  "enable-cors": ["true"],
  "cors-allow-origin": ["https://a.example.com", "https://a.example.com, https://b.example.com", "*"],
  "proxy-read-timeout": ["30", "x"],
  "backend-protocol": ["HTTP", "HTTPS", "GRPC", "GRPCS", "FCGI"],
  "upstream-vhost": ["internal.example", "$host"],
  "x-forwarded-prefix": ["/p"],
  "custom-headers": ["missing"],
  "proxy-body-size": ["0", "1m", "64k", "3g", "big"],
  "whitelist-source-range": ["10.0.0.0/8", "10.0.0.0/8,2001:db8::/32", "::1"],
  "denylist-source-range": ["192.0.2.0/24"],
  "limit-rps": ["5", "0"],
  "limit-connections": ["10"],
  affinity: ["cookie"],
  "session-cookie-name": ["route"],
  "auth-url": ["https://auth.example.com"],
  "configuration-snippet": ["return 403;"],
  "ssl-passthrough": ["true"],
  "mirror-target": ["http://shadow:8080$request_uri", "https://elsewhere.example.com"],
  "server-alias": ["alias.example.com"],
  "proxy-buffering": ["on"],
  "made-up-annotation": ["1"],
};

const PATHS = ["/", "/app", "/app/", "/api(/|$)(.*)", "/v1/(.*)", "/img(.*)", "/a.b/[0-9]+", "/x(/.*)", "/helloworld.Greeter", "/$1"];
const HOSTS = ["a.example.com", "b.example.com", "www.c.example.com", "*.d.example.com", undefined];

const pathArb = fc.record({
  path: fc.constantFrom(...PATHS),
  pathType: fc.constantFrom("Exact", "Prefix", "ImplementationSpecific"),
  backend: fc.record({ service: fc.record({ name: fc.constantFrom("svc", "svc2"), port: fc.record({ number: fc.constantFrom(80, 8080) }) }) }),
});

const ingressArb = fc.record({
  namespace: fc.constantFrom("alpha", "beta"),
  annotations: fc.dictionary(fc.constantFrom(...Object.keys(ANNOTATIONS)), fc.nat(), { maxKeys: 6 }),
  rules: fc.array(fc.record({ host: fc.constantFrom(...HOSTS), paths: fc.array(pathArb, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  defaultBackend: fc.boolean(),
});

/** Ingress objects with unique names per namespace. */
const inputArb = fc.array(ingressArb, { minLength: 1, maxLength: 4 }).map((list) =>
  list.map((ing, i) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name: `ing-${i}`,
      namespace: ing.namespace,
      annotations: Object.fromEntries(Object.entries(ing.annotations).map(([k, n]) => [P + k, ANNOTATIONS[k][n % ANNOTATIONS[k].length]])),
    },
    spec: {
      ingressClassName: "nginx",
      defaultBackend: ing.defaultBackend ? { service: { name: "fallback", port: { number: 80 } } } : undefined,
      rules: ing.rules.map((r) => ({ host: r.host, http: { paths: r.paths } })),
    },
  })),
);

/** Every path-like string a route emits: match paths and rewrite or redirect paths. */
function emittedPaths(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(emittedPaths);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === "string" && ["path", "value", "replaceFullPath", "replacePrefixMatch"].includes(k) ? [v] : emittedPaths(v),
  );
}

const versionArb = fc.constantFrom(undefined, "1.34", "1.36");

test("every annotation of every Ingress gets exactly one finding", () => {
  fc.assert(
    fc.property(inputArb, versionArb, (ingresses, kubernetesVersion) => {
      const m = IngressMigration.fromObjects(ingresses, { kubernetesVersion });
      for (const ing of ingresses) {
        const key = `${ing.metadata.namespace}/${ing.metadata.name}`;
        const findings = m.findings.filter((f) => f.ingress === key && f.annotation.startsWith(P)).map((f) => f.annotation);
        expect(findings.sort()).toEqual(Object.keys(ing.metadata.annotations).sort());
      }
    }),
    { numRuns: 300 },
  );
});

test("no planned route lacks hostnames, and no planned path contains $ followed by a digit", () => {
  fc.assert(
    fc.property(inputArb, versionArb, (ingresses, kubernetesVersion) => {
      const m = IngressMigration.fromObjects(ingresses, { kubernetesVersion });
      for (const r of m.tenants.flatMap((t) => t.routes)) {
        expect(r.options.hostnames?.length).toBeGreaterThan(0);
        for (const p of emittedPaths(JSON.parse(JSON.stringify(r.options.rules)))) expect(p).not.toMatch(/\$\d/);
      }
    }),
    { numRuns: 300 },
  );
});

test("the synthesized HTTPRoutes and GRPCRoutes all name hostnames and never carry $n", () => {
  fc.assert(
    fc.property(inputArb, versionArb, (ingresses, kubernetesVersion) => {
      const m = IngressMigration.fromObjects(ingresses, { kubernetesVersion });
      const { routes } = synthesizeRoutes(m, kubernetesVersion);
      for (const r of routes) {
        expect(r.spec.hostnames.length).toBeGreaterThan(0);
        for (const p of emittedPaths(r.spec.rules)) expect(p).not.toMatch(/\$\d/);
      }
    }),
    { numRuns: 12 },
  );
});
