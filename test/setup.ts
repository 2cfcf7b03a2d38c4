// Loads the cdktf jest matchers (toHaveResourceWithProperties, …) and their types.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();
