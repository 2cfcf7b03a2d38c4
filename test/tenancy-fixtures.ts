import { TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ISharedGateway } from "../lib/gateway/gateway-ref";
import { RouteOwnership } from "../lib/gateway/route-ownership";

/** A stand-in for the shared Gateway: records admitted namespaces and keeps a real ownership registry. */
export class FakeGateway implements ISharedGateway {
  public readonly routeOwnership = new RouteOwnership();
  public readonly admitted: string[] = [];

  constructor(
    public readonly gatewayName = "shared",
    public readonly gatewayNamespace = "gateway-system",
    public readonly listenerNames: string[] = ["https"],
  ) {}

  public admitNamespace(namespace: string): void {
    this.admitted.push(namespace);
  }
}

/** A stack with a kubernetes provider (so `Testing.synth(stack, true)` runs validations) and a fake gateway. */
export function tenancyStack(): { stack: TerraformStack; gateway: FakeGateway } {
  const stack = new TerraformStack(Testing.app(), "test");
  new KubernetesProvider(stack, "kubernetes", {});
  return { stack, gateway: new FakeGateway() };
}
