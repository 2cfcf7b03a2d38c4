/**
 * Benchmark baseline: the smallest useful cdktf app, one stack with one provider and one resource.
 * `cdktf synth --app "node dist/bench/one-resource.js"` of it is the floor `npm run synth` is compared to.
 */
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";

const app = new App();
const stack = new TerraformStack(app, "one-resource");
new AzurermProvider(stack, "azurerm", { features: [{}] });
new ResourceGroup(stack, "Resource", { name: "rg-bench", location: "swedencentral" });
app.synth();
