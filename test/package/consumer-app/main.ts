import { App } from "cdktf";
import { buildShop } from "./stacks";

const app = new App();
buildShop(app);
app.synth();
