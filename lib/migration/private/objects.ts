/**
 * Reading Kubernetes objects for the migration: multi-document YAML (Helm-rendered output included), `List`
 * kinds, and the Ingresses of the classes ingress-nginx serves, with the Services and ConfigMaps beside them.
 */
import type * as Yaml from "yaml";

/** An object as read: only the fields the migration uses are typed. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly annotations?: { readonly [key: string]: string };
  };
  readonly spec?: any;
  readonly data?: { readonly [key: string]: string };
  readonly items?: unknown[];
}

/** Why the input could not be read. */
export class UnreadableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableInputError";
  }
}

/** Every object of a YAML (or JSON) text, with `List` kinds flattened. */
export function readObjects(text: string, source: string): KubeObject[] {
  // Loaded on first use: apps that never migrate do not pay ~30 ms to load the YAML parser at synth.
  const { parseAllDocuments } = require("yaml") as typeof Yaml;
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: KubeObject[] = [];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      throw new UnreadableInputError(`${source}: document ${i + 1} is not valid YAML: ${doc.errors[0].message.split("\n")[0]}`);
    }
    out.push(...flatten(doc.toJS(), `${source}: document ${i + 1}`));
  });
  return out;
}

/** The objects in `value`: itself, or the items of a `List` (recursively); null documents are skipped. */
export function flatten(value: unknown, where: string): KubeObject[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UnreadableInputError(`${where} is not a Kubernetes object (got ${Array.isArray(value) ? "a list" : typeof value})`);
  }
  const object = value as KubeObject;
  if (typeof object.kind === "string" && object.kind.endsWith("List") && Array.isArray(object.items)) {
    return object.items.flatMap((item, i) => flatten(item, `${where} item ${i + 1}`));
  }
  return [object];
}

/** Whether the object is a `networking.k8s.io/v1` Ingress. */
export function isIngress(object: KubeObject): boolean {
  return object.kind === "Ingress" && object.apiVersion === "networking.k8s.io/v1";
}

/** The namespace of an object; objects without one are in `default`, as `kubectl apply` puts them. */
export function namespaceOf(object: KubeObject): string {
  return object.metadata?.namespace ?? "default";
}

/** `<namespace>/<name>`. */
export function objectKey(object: KubeObject): string {
  return `${namespaceOf(object)}/${object.metadata?.name ?? "(no name)"}`;
}

/** The class of an Ingress: `spec.ingressClassName`, else the legacy `kubernetes.io/ingress.class` annotation. */
export function ingressClassOf(ingress: KubeObject): string | undefined {
  return ingress.spec?.ingressClassName ?? ingress.metadata?.annotations?.["kubernetes.io/ingress.class"];
}
