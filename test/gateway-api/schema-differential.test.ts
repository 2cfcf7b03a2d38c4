/**
 * The generated schema checks agree with an independent JSON Schema implementation (Ajv, at test time only) on
 * randomly mutated fixtures, for every served schema of every bundle: Ajv gets the CRD schema with unknown
 * fields forbidden (additionalProperties: false where the API server would prune), and both must flag the same
 * (path, keyword) pairs. The generated defaulting agrees with Ajv's `useDefaults`. Not compared: the list-type uniqueness and
 * CEL rules (Kubernetes extensions Ajv does not know), `metadata` (ObjectMeta, checked separately).
 */
import Ajv from "ajv";
import * as fc from "fast-check";
import { CATALOG } from "../../lib/private/gateway-api/generated";
import { schemaModule } from "../../lib/private/gateway-api/load";
import { isIPv4Format, isIPv6Format } from "../../lib/private/gateway-api/runtime/ip";
import { Problem } from "../../lib/private/gateway-api/runtime/problem";
import { backendTlsPolicy, copy, gateway, gatewayClass, grpcRoute, httpRoute, Json, listenerSet, referenceGrant, tlsRoute } from "./fixtures";
import { Schema, servedSchemas } from "./tools";

const FIXTURE: { [kind: string]: () => Json } = {
  Gateway: gateway,
  HTTPRoute: httpRoute,
  GRPCRoute: grpcRoute,
  GatewayClass: gatewayClass,
  ReferenceGrant: () => referenceGrant(),
  BackendTLSPolicy: backendTlsPolicy,
  TLSRoute: tlsRoute,
  ListenerSet: listenerSet,
  TCPRoute: () => ({ spec: { parentRefs: [{ name: "g", sectionName: "db" }], rules: [{ backendRefs: [{ name: "db", port: 5432 }] }] } }),
  UDPRoute: () => ({ spec: { parentRefs: [{ name: "g" }], rules: [{ backendRefs: [{ name: "dns", port: 53 }] }] } }),
};

/** The CRD schema as plain JSON Schema: unknown fields forbidden where the API server prunes them. */
function toJsonSchema(schema: Schema, root = true): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith("x-kubernetes-") || (root && k === "properties")) continue;
    if (k === "properties") out.properties = Object.fromEntries(Object.entries<Schema>(v).map(([n, s]) => [n, toJsonSchema(s, false)]));
    else if (k === "items" || k === "not" || (k === "additionalProperties" && typeof v === "object")) out[k] = toJsonSchema(v, false);
    else if (k === "anyOf" || k === "oneOf") out[k] = v.map((s: Schema) => toJsonSchema(s, false));
    else out[k] = v;
  }
  if (root) {
    const { status: _status, metadata: _metadata, ...props } = schema.properties;
    out.properties = { ...Object.fromEntries(Object.entries<Schema>(props).map(([n, s]) => [n, toJsonSchema(s, false)])), metadata: { type: "object" } };
  }
  const structural = schema.type === "object" && schema.additionalProperties === undefined;
  if (structural && !root) out.additionalProperties = false;
  if (root) out.additionalProperties = false;
  return out;
}

function ajv(useDefaults: boolean): Ajv {
  const a = new Ajv({ allErrors: true, strict: false, useDefaults, unicodeRegExp: true });
  a.addFormat("ipv4", isIPv4Format);
  a.addFormat("ipv6", isIPv6Format);
  a.addFormat("int32", true); // formats of integers: the API server ignores them, as Ajv does
  a.addFormat("int64", true);
  return a;
}

/** The JSON Schema keyword behind one of our messages. */
const KEYWORDS: Array<[RegExp, string]> = [
  [/^must be an? /, "type"],
  [/^is required$/, "required"],
  [/^unknown field$/, "additionalProperties"],
  [/ is not one of /, "enum"],
  [/ does not match /, "pattern"],
  [/characters long, at most/, "maxLength"],
  [/characters long, at least/, "minLength"],
  [/items, at most/, "maxItems"],
  [/items, at least/, "minItems"],
  [/entries, at most/, "maxProperties"],
  [/entries, at least/, "minProperties"],
  [/less than the minimum/, "minimum"],
  [/greater than the maximum/, "maximum"],
  [/is not a valid ipv[46] address/, "format"],
];

function keyword(message: string): string {
  return KEYWORDS.find(([re]) => re.test(message))?.[1] ?? message;
}

/** `spec.rules[0]["a"]` → `spec/rules/0/a`: a path both sides can be compared on. */
function ourPath(path: string): string {
  const parts = [...path.matchAll(/\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)];
  return parts.map((m) => m[1] ?? m[2] ?? JSON.parse(m[3])).join("/");
}

function ajvPaths(errors: NonNullable<ReturnType<Ajv["compile"]>["errors"]>): string[] {
  return errors
    .filter((e) => !/anyOf|oneOf|\/not\//.test(e.schemaPath) && !["anyOf", "oneOf", "not"].includes(e.keyword))
    .map((e) => {
      const base = e.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      const extra = (e.params as { missingProperty?: string; additionalProperty?: string });
      const leaf = extra.missingProperty ?? extra.additionalProperty;
      return `${[...base, ...(leaf !== undefined ? [leaf] : [])].join("/")}#${e.keyword}`;
    });
}

/** All paths (as key lists) in a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

const LENGTHS = [1, 63, 64, 253, 254, 255, 1024, 1025, 4096, 4097];
const VALUES: unknown[] = [
  ...["", "a", "A b", "-", "HTTP", "/a", "10.0.0.1", "::1", "Selector", "1h", "1000000h"],
  ...LENGTHS.map((n) => "a".repeat(n)),
  ...[-1, 0, 1, 1.5, 65535, 65536, 1000000, 2147483647, 2147483648, true, {}, []],
];

/** Applies one mutation (kind, path index, value index) to `object` in place. */
function mutate(object: Json, [kind, at, v]: [string, number, number]): void {
  const all = paths(object).filter((p) => p.length > 0);
  const p = all[at % all.length];
  const parent = p.slice(0, -1).reduce((o: any, k) => o[k], object);
  const key = p[p.length - 1];
  const value = VALUES[v % VALUES.length];
  if (kind === "set") parent[key] = copy(value);
  if (kind === "delete" && !Array.isArray(parent)) delete parent[key];
  if (kind === "unknown" && parent[key] && typeof parent[key] === "object" && !Array.isArray(parent[key])) parent[key].zzz = 1;
  if (kind === "grow" && Array.isArray(parent[key])) parent[key].push(...Array.from({ length: 70 }, () => copy(parent[key][0] ?? "a")));
}

const MUTATION = fc.tuple(fc.constantFrom("set", "set", "delete", "unknown", "grow"), fc.nat(), fc.nat());

const SCHEMAS = [...new Map(servedSchemas().map((s) => [`${s.kind.toLowerCase()}-${s.hash}`, s])).entries()];

describe.each(SCHEMAS)("%s", (module, { kind, tag, version, schema }) => {
  const validate = ajv(false).compile(toJsonSchema(schema));
  const ours = schemaModule(module);
  const base = (): Json => ({ ...FIXTURE[kind](), apiVersion: `gateway.networking.k8s.io/${version}`, kind, metadata: { name: "x" } });

  test(`flags the same paths and keywords as Ajv (${kind} ${version} in ${tag})`, () => {
    const samples = fc.sample(fc.array(MUTATION, { minLength: 1, maxLength: 3 }), { numRuns: 150, seed: 7 });
    const mismatches = samples.flatMap((mutations) => {
      const object = base();
      mutations.forEach((m) => mutate(object, m));
      ours.applyDefaults(object);
      const problems: Problem[] = [];
      ours.validateSchema(object, problems);
      const mine = problems.filter((p) => !p.message.startsWith("duplicate entry")).map((p) => `${ourPath(p.path)}#${keyword(p.message)}`);
      const valid = validate(object);
      const theirs = valid ? [] : ajvPaths(validate.errors ?? []);
      if (theirs.some((p) => p.startsWith("spec/addresses")) || mine.some((p) => p.startsWith("spec/addresses"))) {
        return (mine.length === 0) === valid ? [] : [{ mutations, mine, theirs }];
      }
      const same = JSON.stringify([...new Set(mine)].sort()) === JSON.stringify([...new Set(theirs)].sort());
      return same ? [] : [{ mutations, mine, theirs }];
    });
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  test("applies the same defaults as Ajv's useDefaults", () => {
    const withDefaults = ajv(true).compile(toJsonSchema(schema));
    const samples = fc.sample(fc.array(fc.tuple(fc.constant("delete"), fc.nat(), fc.nat()), { maxLength: 3 }), { numRuns: 50, seed: 11 });
    for (const mutations of samples) {
      const object = base();
      mutations.forEach((m) => mutate(object, m as [string, number, number]));
      const theirs = copy(object);
      withDefaults(theirs);
      ours.applyDefaults(object);
      expect(object).toEqual(theirs);
    }
  });
});

test("covers every served schema", () => {
  const modules = new Set(Object.values(CATALOG).flatMap((kinds) => Object.values(kinds).flatMap((crd) => Object.values(crd.versions).map((v) => v.module))));
  modules.delete(undefined);
  expect(SCHEMAS.map(([m]) => m).sort()).toEqual([...modules].sort());
});
