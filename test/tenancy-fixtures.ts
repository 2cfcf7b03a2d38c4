import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ISharedGateway } from "../lib/gateway/gateway-ref";
import { AppRegistry } from "../lib/private/app-registry";
import { RouteOwnership } from "../lib/private/route-ownership";

/** A stand-in for the shared Gateway: records admitted namespaces; its ownership registry is the app's. */
export class FakeGateway extends Construct implements ISharedGateway {
  public readonly admitted: string[] = [];

  constructor(
    scope: Construct,
    public readonly gatewayName = "shared",
    public readonly gatewayNamespace = "gateway-system",
    public readonly listenerNames: string[] = ["https"],
    public readonly gatewayApiVersion = "v1.2.1",
  ) {
    super(scope, `FakeGateway-${gatewayName}`);
  }

  public admitNamespace(namespace: string): void {
    this.admitted.push(namespace);
  }

  public grpcRoutesAdmitted = false;

  public admitGrpcRoutes(): void {
    this.grpcRoutesAdmitted = true;
  }
}

/** The ownership registry of a gateway (it lives on the gateway's app). */
export function ownershipOf(gateway: ISharedGateway): RouteOwnership {
  return AppRegistry.of(gateway).ownership(gateway);
}

/** A stack with a kubernetes provider (so `Testing.synth(stack, true)` runs validations) and a fake gateway. */
export function tenancyStack(): { stack: TerraformStack; gateway: FakeGateway } {
  const stack = new TerraformStack(Testing.app(), "test");
  new KubernetesProvider(stack, "kubernetes", {});
  return { stack, gateway: new FakeGateway(stack) };
}
