/**
 * ObjectMeta checks the API server makes for a custom resource on create (the CRD schema says only
 * `metadata: {type: object}`): name, namespace against the CRD scope, labels, annotations. Fields the server
 * sets itself (uid, resourceVersion, ...) do not belong in a manifest and are reported.
 */
import { child, entry, isObject, show } from "./runtime/schema";
import { Problem } from "./runtime/problem";

// The apimachinery name checks (util/validation/validation.go). Not ../validation: that module loads `net`,
// which costs ~2 ms of cold start, and this one is on the synth path of every Gateway API object.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `is ${value.length} characters long (at most 253)`;
  return DNS_SUBDOMAIN.test(value) ? undefined : "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')";
}

function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long (at most 63)`;
  return DNS_LABEL.test(value) ? undefined : "is not a DNS-1123 label (lower-case letters, digits and '-')";
}

/** A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name 1 to 63 characters. */
function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const name = key.slice(slash + 1);
  if (slash >= 0 && dnsSubdomainProblem(key.slice(0, slash))) return "has a prefix that is not a DNS-1123 subdomain";
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return "has a name part that is not 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value === "" || (value.length <= 63 && QUALIFIED_NAME.test(value))) return undefined;
  return "is not 0 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
}

/** Fields a manifest may set; the others are set by the API server (and uid/resourceVersion make creates fail). */
const WRITABLE = new Set(["name", "generateName", "namespace", "labels", "annotations", "finalizers", "ownerReferences"]);
/** Kubernetes' limit on the total size of the annotations (apimachinery: TotalAnnotationSizeLimitB). */
const ANNOTATIONS_LIMIT = 256 * 1024;

function problem(path: string, message: string, blocking = false): Problem {
  return { path, message, blocking };
}

function nameProblems(meta: { [key: string]: unknown }, out: Problem[]): void {
  const name = meta.name;
  if (name === undefined || name === "") {
    if (typeof meta.generateName !== "string" || meta.generateName === "") out.push(problem("metadata.name", "is required", true));
    return;
  }
  if (typeof name !== "string") out.push(problem("metadata.name", `must be a string, got ${show(name)}`, true));
  else {
    const p = dnsSubdomainProblem(name);
    if (p) out.push(problem("metadata.name", `${show(name)} ${p}`));
  }
}

function namespaceProblems(namespace: unknown, scope: string, kind: string, out: Problem[]): void {
  if (namespace === undefined || namespace === "") return;
  if (scope === "Cluster") {
    out.push(problem("metadata.namespace", `must not be set: ${kind} is cluster-scoped`));
    return;
  }
  const p = typeof namespace === "string" ? dnsLabelProblem(namespace) : "must be a string";
  if (p) out.push(problem("metadata.namespace", `${show(namespace)} ${p}`));
}

/** Checks `labels` or `annotations`: a map of strings with qualified-name keys. */
function stringMapProblems(value: unknown, path: string, labels: boolean, out: Problem[]): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    out.push(problem(path, `must be an object of strings, got ${show(value)}`, true));
    return;
  }
  let size = 0;
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = qualifiedNameProblem(k);
    if (keyProblem) out.push(problem(entry(path, k), `key ${keyProblem}`));
    if (typeof v !== "string") {
      out.push(problem(entry(path, k), `must be a string, got ${show(v)}`, true));
      continue;
    }
    size += k.length + v.length;
    const valueProblem = labels ? labelValueProblem(v) : undefined;
    if (valueProblem) out.push(problem(entry(path, k), `${show(v)} ${valueProblem}`));
  }
  if (!labels && size > ANNOTATIONS_LIMIT) out.push(problem(path, `total size ${size} is over the limit of ${ANNOTATIONS_LIMIT} characters`));
}

/** Problems of `metadata` for an object of `kind` with the CRD's `scope`. */
export function metadataProblems(metadata: unknown, kind: string, scope: string): Problem[] {
  const out: Problem[] = [];
  if (metadata === undefined) return [problem("metadata.name", "is required", true)];
  if (!isObject(metadata)) return [problem("metadata", `must be an object, got ${show(metadata)}`, true)];
  nameProblems(metadata, out);
  namespaceProblems(metadata.namespace, scope, kind, out);
  stringMapProblems(metadata.labels, "metadata.labels", true, out);
  stringMapProblems(metadata.annotations, "metadata.annotations", false, out);
  for (const k of Object.keys(metadata)) {
    if (!WRITABLE.has(k)) out.push(problem(child("metadata", k), "is set by the API server; remove it from the manifest"));
  }
  return out;
}
