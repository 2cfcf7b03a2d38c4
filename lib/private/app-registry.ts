import { IConstruct } from "constructs";
import { RouteOwnership } from "./route-ownership";

/** The kinds of names the registry keeps, and what each is unique within. */
export enum Taken {
  /** Tenant names, unique per gateway. */
  TENANT = "tenant",
  /** HTTPRoute names, unique per tenant. */
  ROUTE = "route",
  /** Namespaces, unique per cluster (keyed by the stack that talks to it). */
  NAMESPACE = "namespace",
  /** Admission policies of one kind, one per gateway. */
  ADMISSION_POLICY = "admission-policy",
}

/** Where the registry hangs on the app: a symbol, so nothing else can collide with it or serialize it. */
const KEY = Symbol.for("cdktf-aks-gateway/app-registry");

/**
 * The uniqueness state of one app: which routing space, names and namespaces are taken. It hangs off the
 * app (the root of the construct tree), so checks span every stack of the app (tenant stacks included) and
 * two apps in one process (tests, tools) never see each other's names. Nothing here is public API: the
 * constructs that own a name check and record it through this registry.
 */
export class AppRegistry {
  /** The registry of the app `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): AppRegistry {
    const root = scope.node.root as IConstruct & { [KEY]?: AppRegistry };
    let registry = root[KEY];
    if (!registry) {
      registry = new AppRegistry();
      Object.defineProperty(root, KEY, { value: registry, enumerable: false });
    }
    return registry;
  }

  private readonly ownerships = new Map<IConstruct, RouteOwnership>();
  private readonly names = new Map<string, Map<IConstruct, Map<string, string>>>();
  private readonly suppressionsByScope = new Map<IConstruct, Map<string, string>>();
  private readonly members = new Map<string, Map<IConstruct, IConstruct[]>>();

  private constructor() {}

  /** Who owns which (hostname, path prefix) space on `gateway`. */
  public ownership(gateway: IConstruct): RouteOwnership {
    let ownership = this.ownerships.get(gateway);
    if (!ownership) {
      ownership = new RouteOwnership();
      this.ownerships.set(gateway, ownership);
    }
    return ownership;
  }

  /**
   * The construct path that already took `name` of `kind` within `within` (a gateway, a tenant, a cluster's
   * stack), or `undefined`, in which case `scope` takes it now.
   */
  public take(kind: Taken | string, within: IConstruct, name: string, scope: IConstruct): string | undefined {
    let byScope = this.names.get(kind);
    if (!byScope) {
      byScope = new Map();
      this.names.set(kind, byScope);
    }
    let taken = byScope.get(within);
    if (!taken) {
      taken = new Map();
      byScope.set(within, taken);
    }
    const existing = taken.get(name);
    if (existing !== undefined) return existing;
    taken.set(name, scope.node.path);
    return undefined;
  }

  /** Records `member` (a tenant, say) as one of `kind` within `within` (its gateway), in creation order. */
  public addMember(kind: Taken | string, within: IConstruct, member: IConstruct): void {
    let byScope = this.members.get(kind);
    if (!byScope) {
      byScope = new Map();
      this.members.set(kind, byScope);
    }
    byScope.set(within, [...(byScope.get(within) ?? []), member]);
  }

  /** The members of `kind` within `within`, across every stack of the app. */
  public membersOf<T extends IConstruct>(kind: Taken | string, within: IConstruct): readonly T[] {
    return (this.members.get(kind)?.get(within) ?? []) as T[];
  }

  /** Policy rule suppressions on `scope` (rule id → reason), created on first use. */
  public suppressions(scope: IConstruct): Map<string, string> {
    let map = this.suppressionsByScope.get(scope);
    if (!map) {
      map = new Map();
      this.suppressionsByScope.set(scope, map);
    }
    return map;
  }

  /** Policy rule suppressions on `scope`, if any. */
  public suppressionsOf(scope: IConstruct): ReadonlyMap<string, string> | undefined {
    return this.suppressionsByScope.get(scope);
  }

  /** The construct path that took `name` of `kind` within `within`, without taking it. */
  public holderOf(kind: Taken | string, within: IConstruct, name: string): string | undefined {
    return this.names.get(kind)?.get(within)?.get(name);
  }
}
