export * from "./cluster-credentials";
export * from "./platform-stack";
export * from "./state-backend";
export * from "./tenant-stack";
export * from "./traffic-stack";
