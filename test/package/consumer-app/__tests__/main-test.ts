import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { buildShop } from "../stacks";

describe("the shop platform", () => {
  test("matches its snapshots (construct ids are Terraform addresses)", () => {
    const { platform, traffic } = buildShop(Testing.app());
    expect(Testing.synth(platform)).toMatchSnapshot();
    expect(Testing.synth(traffic)).toMatchSnapshot();
  });

  test("the WAF blocks and each tenant's route goes to its own API", () => {
    const { platform, traffic } = buildShop(Testing.app());
    expect(Testing.synth(platform)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({ mode: "Prevention" }),
    });
    for (const name of ["cart", "catalog"]) {
      expect(Testing.synth(traffic)).toHaveResourceWithProperties(Manifest, {
        manifest: expect.objectContaining({
          kind: "HTTPRoute",
          metadata: expect.objectContaining({ name: "api", namespace: name }),
        }),
      });
    }
  });

  test("synth-time validations pass", () => {
    const { traffic } = buildShop(Testing.app());
    expect(() => Testing.synth(traffic, true)).not.toThrow();
  });
});
