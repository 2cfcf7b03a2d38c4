/**
 * Evaluates a ValidatingAdmissionPolicy's CEL the way the API server does, with a real CEL implementation
 * (@marcbachmann/cel-js). Shared by the admission policy tests.
 */
// cel-js is an ES module, which jest's module loader cannot load, so Node's own require loads it (Node
// 20.19+ requires ES modules). It then lives in Node's main realm and accepts only objects and arrays of
// that realm, so inputs are copied with the main realm's JSON.
const nodeRequire = process.getBuiltinModule("module").createRequire(__filename);
export const cel: typeof import("@marcbachmann/cel-js") = nodeRequire("@marcbachmann/cel-js");
const mainRealmJson: JSON = nodeRequire("vm").runInThisContext("JSON");

export function toCel<T>(value: T): T {
  return mainRealmJson.parse(JSON.stringify(value ?? null));
}

export interface Variable {
  readonly name: string;
  readonly expression: string;
}
export interface Validation {
  readonly expression: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
}
export interface Policy {
  readonly spec: { readonly variables: Variable[]; readonly validations: Validation[]; readonly [key: string]: any };
  readonly [key: string]: any;
}

/** What the API server makes of one request: each validation's result, and the messages of the failed ones. */
export interface Verdict {
  readonly admitted: boolean;
  /** Per validation: its boolean result, or the evaluation error (which denies: failurePolicy Fail). */
  readonly results: (boolean | string)[];
  readonly messages: string[];
}

export interface AdmissionRequest {
  readonly object: any;
  readonly namespaceObject: any;
  readonly oldObject?: any;
  readonly operation?: "CREATE" | "UPDATE" | "DELETE";
  /** The requested resource. @default HTTPRoute (gateway.networking.k8s.io/v1 httproutes) */
  readonly resource?: { readonly group: string; readonly version: string; readonly kind: string; readonly resource: string };
  /** Groups of the requesting user. @default ["system:authenticated"] */
  readonly userGroups?: string[];
  /** Name of the requesting user. @default "alice@example.com" */
  readonly username?: string;
}

function errorText(e: unknown): string {
  return `error: ${(e as Error).message.split("\n")[0]}`;
}

/**
 * Evaluates a policy like the API server: variables in order (each sees the earlier ones under
 * `variables`), then every validation; a request is admitted only if every validation is `true`.
 */
export function evaluatePolicy(policy: Policy, req: AdmissionRequest): Verdict {
  const operation = req.operation ?? "CREATE";
  const r = req.resource ?? { group: "gateway.networking.k8s.io", version: "v1", kind: "HTTPRoute", resource: "httproutes" };
  const base = {
    object: operation === "DELETE" ? null : req.object,
    oldObject: operation === "UPDATE" ? (req.oldObject ?? req.object) : operation === "DELETE" ? req.object : null,
    namespaceObject: req.namespaceObject,
    request: {
      kind: { group: r.group, version: r.version, kind: r.kind },
      resource: { group: r.group, version: r.version, resource: r.resource },
      name: req.object?.metadata?.name ?? "",
      namespace: req.namespaceObject?.metadata?.name ?? "",
      operation,
      userInfo: { username: req.username ?? "alice@example.com", groups: req.userGroups ?? ["system:authenticated"] },
    },
  };
  const variables: Record<string, unknown> = {};
  const failedVariables: Record<string, string> = {};
  for (const v of policy.spec.variables ?? []) {
    try {
      variables[v.name] = cel.evaluate(v.expression, toCel({ ...base, variables }));
    } catch (e) {
      failedVariables[v.name] = errorText(e);
    }
  }
  const run = (expression: string): unknown => {
    // Variables are evaluated lazily: only an expression that uses a failed variable fails with it.
    const failed = Object.keys(failedVariables).find((n) => expression.includes(`variables.${n}`));
    if (failed) throw new Error(failedVariables[failed]);
    return cel.evaluate(expression, toCel({ ...base, variables }));
  };
  const results: (boolean | string)[] = [];
  const messages: string[] = [];
  for (const v of policy.spec.validations) {
    let result: boolean | string;
    try {
      const value = run(v.expression);
      result = typeof value === "boolean" ? value : `error: expression returned ${JSON.stringify(value)}, not a bool`;
    } catch (e) {
      result = errorText(e);
    }
    results.push(result);
    if (result !== true) messages.push(failureMessage(v, run));
  }
  return { admitted: results.every((r) => r === true), results, messages };
}

/** The message the API server returns for a failed validation (messageExpression, else message). */
function failureMessage(v: Validation, run: (expression: string) => unknown): string {
  if (v.messageExpression) {
    try {
      const m = run(v.messageExpression);
      if (typeof m === "string" && m.trim() !== "" && !/[\r\n]/.test(m)) return m;
    } catch {
      // Falls back to message, as the API server does.
    }
  }
  return v.message ?? `failed expression: ${v.expression}`;
}

/** A namespace as the API server hands it to the policy, from the synthesized `kubernetes_namespace_v1`. */
export function namespaceObject(metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: metadata.name,
      labels: { ...metadata.labels, "kubernetes.io/metadata.name": metadata.name },
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
    },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  };
}

