/**
 * Which Ingresses ingress-nginx serves, by class: the classes asked for, or else the well-known ones plus every
 * IngressClass of the input whose controller is ingress-nginx (an install names its class whatever it likes:
 * `nginx`, `ingress-nginx`, `nginx-internal`). An Ingress without a class belongs to the cluster's default class
 * when the input has one (`ingressclass.kubernetes.io/is-default-class: "true"`), else it is converted.
 */
import { MigrationFinding, MigrationVerdict } from "../finding";
import { KubeObject, ingressClassOf, objectKey } from "./objects";

/** Controllers that are ingress-nginx: upstream's, and the AKS app-routing add-on's NGINX. */
const NGINX_CONTROLLERS = [/^k8s\.io\/ingress-nginx$/, /^approuting\.kubernetes\.azure\.com\//];
const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

/** The Ingresses to convert and a `skipped` finding for each of the others. */
export interface ClassSelection {
  readonly converted: KubeObject[];
  readonly skipped: MigrationFinding[];
  /** `<namespace>/<name> (class <class>)` of each skipped Ingress. */
  readonly skippedNames: string[];
  /** The classes converted, as decided. */
  readonly classes: readonly string[];
}

/** The nginx classes of the input's IngressClass objects. */
function nginxClassesOf(objects: readonly KubeObject[]): string[] {
  return objects
    .filter((o) => o.kind === "IngressClass" && NGINX_CONTROLLERS.some((c) => c.test(String(o.spec?.controller ?? ""))))
    .map((o) => o.metadata?.name ?? "")
    .filter((n) => n !== "");
}

/** The default IngressClass of the input, if one is marked so. */
function defaultClassOf(objects: readonly KubeObject[]): string | undefined {
  const marked = objects.find((o) => o.kind === "IngressClass" && String(o.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION]).toLowerCase() === "true");
  return marked?.metadata?.name;
}

/**
 * Splits `ingresses` by class. `asked` is the `--ingress-class` list (exactly those classes), or undefined for the
 * well-known classes plus the input's ingress-nginx IngressClasses.
 */
export function selectByClass(
  ingresses: readonly KubeObject[],
  objects: readonly KubeObject[],
  asked: readonly string[] | undefined,
  wellKnown: readonly string[],
): ClassSelection {
  const classes = asked ? [...asked] : [...new Set([...wellKnown, ...nginxClassesOf(objects)])];
  const defaultClass = defaultClassOf(objects);
  const converted: KubeObject[] = [];
  const skipped: MigrationFinding[] = [];
  const skippedNames: string[] = [];
  for (const ingress of ingresses) {
    const own = ingressClassOf(ingress);
    const effective = own ?? defaultClass;
    if (effective === undefined || classes.includes(effective)) {
      converted.push(ingress);
      continue;
    }
    const source = ingress.spec?.ingressClassName !== undefined ? "spec.ingressClassName" : own !== undefined ? "kubernetes.io/ingress.class" : "spec.ingressClassName";
    const which = own === undefined ? `no class, so the cluster's default class ${JSON.stringify(defaultClass)}` : `class ${JSON.stringify(own)}`;
    skippedNames.push(`${objectKey(ingress)} (class ${effective})`);
    skipped.push({
      ingress: objectKey(ingress),
      annotation: source,
      verdict: MigrationVerdict.SKIPPED,
      detail:
        `not converted: ${which} is not one of the classes converted (${classes.join(", ")}), so another controller serves it ` +
        `and nothing here changes its traffic. If ingress-nginx serves it, pass --ingress-class ${effective} ` +
        `(ingressClasses in the API).`,
    });
  }
  return { converted, skipped, skippedNames, classes };
}
