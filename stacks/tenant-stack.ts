import { Construct } from "constructs";
import { Aspects, TerraformOutput, TerraformStack } from "cdktf";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { ClusterCredentials } from "./cluster-credentials";
import { connectToCluster } from "./private/cluster-connection";
import { createTenant } from "./private/add-tenant";
import { addTenantDnsRecords } from "./private/tenant-dns";
import { checkRouteCheck, routeCheckProblems, routeChecksOutputValue, tenantHostnamesOutputValue } from "./route-checks";
import { StateBackend } from "./state-backend";
import type { RouteCheck, TrafficStack } from "./traffic-stack";

/** Configuration of a {@link TenantStack}. */
export interface TenantStackConfig {
  /** The traffic stack whose shared Gateway the tenants route through; it is deployed before this stack. */
  readonly traffic: TrafficStack;
  /**
   * How the Kubernetes provider authenticates.
   *
   * @default - the traffic stack's credentials
   */
  readonly credentials?: ClusterCredentials;
  /**
   * Where Terraform state lives; use the same kind as the other stacks.
   *
   * @default StateBackend.local()
   */
  readonly backend?: StateBackend;
}

/**
 * A Terraform stack of tenants of the shared Gateway: one tenant, or a named group of them. Each tenant stack
 * has its own state, so adding, changing or removing a tenant plans only that stack, a tenant's failing apply
 * blocks no other, and tenant stacks deploy in parallel (`cdktf deploy '<prefix>-tenant-*' --parallelism N`).
 *
 * The shared Gateway admits tenant namespaces by a label, so a new tenant changes no other stack: synthesize an
 * app with N and N+1 tenants and every stack but the new tenant's is byte-identical. Synth-time checks still
 * span the app: ownership of (hostname, path) space, namespaces and names are checked across every stack.
 *
 * The stack reads the cluster with a data source, like the traffic stack, and depends on the traffic stack, so
 * `cdktf deploy` orders it after the Gateway. Tenants are children named after the tenant (`<stack>/<name>`).
 */
export class TenantStack extends TerraformStack {
  /** The traffic stack whose Gateway the tenants use. */
  public readonly traffic: TrafficStack;
  private readonly tenants: Tenant[] = [];
  private readonly checks: RouteCheck[] = [];

  constructor(scope: Construct, id: string, config: TenantStackConfig) {
    super(scope, id);
    this.traffic = config.traffic;
    this.addDependency(config.traffic);
    (config.backend ?? StateBackend.local()).bind(this);
    Aspects.of(this).add(new PlatformPolicy());
    connectToCluster(this, config.traffic.cluster, config.credentials ?? config.traffic.credentials);
    this.node.addValidation({ validate: () => routeCheckProblems(this, this.checks, this.traffic) });
    new TerraformOutput(this, "tenant_hostnames", {
      staticId: true,
      description: "Hostnames of this stack's tenants (the verifier checks each exact one's certificate and redirect)",
      value: tenantHostnamesOutputValue(this.tenants),
    });
    new TerraformOutput(this, "route_checks", {
      staticId: true,
      description: "Requests the post-deploy verifier sends through the public endpoint for this stack's tenants",
      value: routeChecksOutputValue(this.checks),
    });
  }

  /**
   * Adds a tenant on the traffic stack's Gateway. Its construct path is `<stack>/<name>`, so renaming a tenant
   * (or moving it to another stack) replaces its resources. In the self-managed Istio mode, tenants join the
   * ambient mesh unless `ambient: false` is given.
   */
  public addTenant(options: Omit<TenantProps, "gateway">): Tenant {
    const tenant = createTenant(this, options, this.traffic.gateway, this.traffic.gatewayMode);
    // Records live here, beside the tenant: the traffic and platform stacks do not change.
    if (this.traffic.dns) addTenantDnsRecords(this, tenant, this.traffic.dns);
    this.tenants.push(tenant);
    return tenant;
  }

  /**
   * Declares a request the post-deploy verifier sends and checks, as an output of this stack (so adding it
   * changes no other stack). Checked like `TrafficStack.addRouteCheck`.
   */
  public addRouteCheck(check: RouteCheck): void {
    checkRouteCheck(this, check, this.checks);
    this.checks.push(check);
  }

  /** The tenants of this stack. */
  public get allTenants(): readonly Tenant[] {
    return this.tenants;
  }

  /** The route checks of this stack. */
  public get routeChecks(): readonly RouteCheck[] {
    return this.checks;
  }
}
