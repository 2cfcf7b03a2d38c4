export * from "./provider";
export * from "./update-resource";
