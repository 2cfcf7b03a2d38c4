/**
 * What the migration says about each `nginx.ingress.kubernetes.io/*` annotation, `tls` section and rule of an
 * Ingress it converts.
 */

/** How an annotation (or rule, or TLS section) carries over to the Gateway API platform. */
export enum MigrationVerdict {
  /** An exact Gateway API equivalent is emitted. */
  CONVERTED = "converted",
  /** Something close is emitted; the finding's detail says what differs, in one sentence. */
  APPROXIMATED = "approximated",
  /** Done by the Application Gateway or its WAF instead (custom rules, policy limits, the HTTPS listener). */
  EDGE = "edge",
  /** A blocker: nothing equivalent is emitted; the detail gives the reason and the recommended path. */
  UNSUPPORTED = "unsupported",
  /**
   * The whole Ingress is left alone: its class is not one being converted, so another controller serves it. Not a
   * blocker; the detail names the class and how to convert it anyway.
   */
  SKIPPED = "skipped",
}

/** One verdict on one part of one Ingress. */
export interface MigrationFinding {
  /** The Ingress, as `<namespace>/<name>`. */
  readonly ingress: string;
  /**
   * The full annotation key (`nginx.ingress.kubernetes.io/rewrite-target`), or the part of the spec the
   * verdict is about (`spec.tls[0]`, `spec.rules[1]`, `spec.rules[0].http.paths[2]`, `spec.defaultBackend`); for a
   * skipped Ingress, where its class comes from (`spec.ingressClassName` or `kubernetes.io/ingress.class`).
   */
  readonly annotation: string;
  /** The verdict. */
  readonly verdict: MigrationVerdict;
  /** What was done, what differs, or why it is a blocker and what to do instead. */
  readonly detail: string;
}

/** Verdicts on converted parts, from mildest to most severe: a later check may only make a finding more severe. */
export const VERDICT_SEVERITY: readonly MigrationVerdict[] = [
  MigrationVerdict.CONVERTED,
  MigrationVerdict.EDGE,
  MigrationVerdict.APPROXIMATED,
  MigrationVerdict.UNSUPPORTED,
];

/** The prefix of the annotations ingress-nginx reads. */
export const NGINX_ANNOTATION_PREFIX = "nginx.ingress.kubernetes.io/";
