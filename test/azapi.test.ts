import { Testing } from "cdktf";
import { AzapiProvider } from "../lib/azapi/provider";
import { AzapiUpdateResource } from "../lib/azapi/update-resource";
import { synthJson, testStack } from "./util";

describe("AzapiUpdateResource", () => {
  test("synthesizes type, resource_id, body as an object with ARM casing, and exports", () => {
    const synth = Testing.synthScope((scope) => {
      new AzapiProvider(scope, "azapi");
      new AzapiUpdateResource(scope, "Update", {
        type: "Microsoft.ContainerService/managedClusters@2026-03-01",
        resourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
        body: { properties: { ingressProfile: { gatewayAPI: { installation: "Standard" } } } },
        responseExportValues: ["properties.ingressProfile"],
      });
    });
    expect(synth).toHaveResourceWithProperties(AzapiUpdateResource, {
      type: "Microsoft.ContainerService/managedClusters@2026-03-01",
      resource_id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks",
      body: { properties: { ingressProfile: { gatewayAPI: { installation: "Standard" } } } },
      response_export_values: ["properties.ingressProfile"],
    });
    expect(synth).toHaveProvider(AzapiProvider);
  });

  test("the provider is required from Azure/azapi with a pinned 2.x constraint", () => {
    const stack = testStack();
    new AzapiProvider(stack, "azapi", { subscriptionId: "00000000-0000-0000-0000-000000000000" });
    const json = synthJson(stack);
    expect(json.terraform.required_providers.azapi).toEqual({ source: "Azure/azapi", version: "~> 2.11" });
    expect(json.provider.azapi).toEqual([{ subscription_id: "00000000-0000-0000-0000-000000000000" }]);
  });

  test("omits unset optional arguments", () => {
    const stack = testStack();
    new AzapiUpdateResource(stack, "Update", { type: "Microsoft.Web/sites@2024-04-01", resourceId: "id", body: {} });
    const res = synthJson(stack).resource.azapi_update_resource;
    const only = Object.values(res)[0] as Record<string, unknown>;
    expect(Object.keys(only).sort()).toEqual(["body", "resource_id", "type"]);
  });

  test("throws when the api-version is a preview", () => {
    const stack = testStack();
    expect(
      () =>
        new AzapiUpdateResource(stack, "Update", {
          type: "Microsoft.ContainerService/managedClusters@2024-09-02-preview",
          resourceId: "id",
          body: {},
        }),
    ).toThrow(/test\/Update: preview api-version .*Use a stable api-version/);
  });

  test("throws when the type has no api-version", () => {
    const stack = testStack();
    expect(
      () => new AzapiUpdateResource(stack, "Update", { type: "Microsoft.ContainerService/managedClusters", resourceId: "id", body: {} }),
    ).toThrow(/type must look like .*got "Microsoft.ContainerService\/managedClusters"/);
  });
});
