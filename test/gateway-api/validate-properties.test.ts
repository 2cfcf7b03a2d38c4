/**
 * Properties: random HTTPRoutes built within the documented limits are valid on every bundle (no false
 * positives), and breaking one documented constraint is always reported.
 */
import * as fc from "fast-check";
import { GATEWAY_API_BUNDLES } from "../../lib/private/gateway-api/bundles";
import { validateGatewayApiObject } from "../../lib/private/gateway-api/validate";
import { GROUP, Json, V1_2 } from "./fixtures";

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const hostname = fc.tuple(fc.boolean(), fc.array(label, { minLength: 2, maxLength: 4 })).map(([wild, labels]) => `${wild ? "*." : ""}${labels.join(".")}`);
const segment = fc.stringMatching(/^[a-zA-Z0-9._~-]{1,8}$/).filter((s) => s !== "." && s !== "..");
const path = fc.array(segment, { maxLength: 4 }).map((s) => `/${s.join("/")}`);
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);

const match = fc.record(
  {
    path: fc.record({ type: fc.constantFrom("Exact", "PathPrefix"), value: path }),
    headers: fc.uniqueArray(fc.record({ name: headerName, value: fc.stringMatching(/^[ -~]{1,16}$/) }), { maxLength: 3, selector: (h) => h.name.toLowerCase() }),
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
  },
  { requiredKeys: ["path"] },
);

const backendRef = fc.record({ name: label, port: fc.integer({ min: 1, max: 65535 }), weight: fc.integer({ min: 0, max: 1_000_000 }) });

const headerFilter = fc
  .uniqueArray(fc.record({ name: headerName, value: fc.stringMatching(/^[ -~]{1,16}$/) }), { minLength: 1, maxLength: 4, selector: (h) => h.name.toLowerCase() })
  .map((set) => ({ type: "RequestHeaderModifier", requestHeaderModifier: { set } }));

const timeouts = fc
  .tuple(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 3600 }))
  .map(([request, backend]) => ({ request: `${request}s`, backendRequest: `${Math.min(request, backend)}s` }));

const rule = fc.record(
  {
    matches: fc.array(match, { minLength: 1, maxLength: 32 }),
    filters: headerFilter.map((f) => [f]),
    backendRefs: fc.array(backendRef, { minLength: 1, maxLength: 4 }),
    timeouts,
  },
  { requiredKeys: ["matches", "backendRefs"] },
);

const route: fc.Arbitrary<Json> = fc
  .record({
    hostnames: fc.uniqueArray(hostname, { maxLength: 16 }),
    sections: fc.uniqueArray(label, { minLength: 1, maxLength: 3 }),
    rules: fc.array(rule, { minLength: 1, maxLength: 4 }),
  })
  .map(({ hostnames, sections, rules }) => ({
    apiVersion: `${GROUP}/v1`,
    kind: "HTTPRoute",
    metadata: { name: "r", namespace: "app1" },
    spec: {
      parentRefs: sections.map((sectionName) => ({ name: "shared-gateway", namespace: "gateway-system", sectionName })),
      hostnames,
      rules,
    },
  }));

test("routes within the limits are valid on every bundle", () => {
  fc.assert(
    fc.property(route, (r) => {
      for (const b of GATEWAY_API_BUNDLES) expect(validateGatewayApiObject(r, b)).toEqual([]);
    }),
    { numRuns: 60, seed: 42 },
  );
});

test("a backendRequest timeout above the request timeout is always reported", () => {
  fc.assert(
    fc.property(route, fc.integer({ min: 1, max: 3600 }), (r, extra) => {
      const seconds = Number(/^(\d+)s$/.exec(r.spec.rules[0].timeouts?.request ?? "60s")![1]);
      r.spec.rules[0].timeouts = { request: `${seconds}s`, backendRequest: `${seconds + extra}s` };
      expect(validateGatewayApiObject(r, V1_2)).toEqual(["spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout"]);
    }),
    { numRuns: 40, seed: 43 },
  );
});

test("a repeated sectionName is always reported", () => {
  fc.assert(
    fc.property(route, (r) => {
      r.spec.parentRefs.push({ ...r.spec.parentRefs[0] });
      expect(validateGatewayApiObject(r, V1_2)).toContain(
        "spec.parentRefs: sectionName must be unique when parentRefs includes 2 or more references to the same parent",
      );
    }),
    { numRuns: 40, seed: 44 },
  );
});
