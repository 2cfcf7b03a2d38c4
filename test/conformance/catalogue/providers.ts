// Provider blocks, azapi_update_resource and terraform.required_providers.
import { readFileSync } from "fs";
import { CheckContext, ResourceCatalogue, blocksAt, instancesOf, isNonEmpty, isSet, isUnknown, referencedAddress, resolve } from "../model";
import { exactlyOneOf, matches, maxItems, rule } from "../rules";
import { isArmResourceType, isUuid } from "../validators";
import { admits } from "../version-constraint";
import { FILES, arm, azapi, azurerm, facts } from "./sources";

const UPDATE = "azapi_update_resource";
const u = (key: string) => azapi("internal/services/azapi_update_resource.go", key);

/**
 * Arguments of the azapi provider block and of `azapi_update_resource` (no prebuilt binding exists, so the schema is
 * written out here). Computed-only attributes (`id`, `output`) are left out: setting them is an error.
 */
export const AZAPI_SCHEMA: { readonly [resource: string]: readonly string[] } = {
  "provider.azapi": [
    "subscription_id", "client_id", "client_id_file_path", "tenant_id", "auxiliary_tenant_ids", "endpoint", "environment",
    "client_certificate_path", "client_certificate", "client_certificate_password", "client_secret", "client_secret_file_path",
    "skip_provider_registration", "oidc_request_token", "oidc_request_url", "oidc_token", "oidc_token_file_path", "use_oidc",
    "use_cli", "use_msi", "use_aks_workload_identity", "partner_id", "custom_correlation_request_id",
    "disable_correlation_request_id", "disable_terraform_partner_id", "default_name", "default_naming_prefix",
    "default_naming_suffix", "default_location", "default_tags", "enable_hcl_output_for_data_source", "alias",
  ],
  [UPDATE]: [
    "name", "parent_id", "resource_id", "type", "body", "ignore_casing", "ignore_missing_property", "response_export_values",
    "locks", "retry", "timeouts", "update_headers", "update_query_parameters", "read_headers", "read_query_parameters",
    "depends_on", "lifecycle", "provider", "count", "for_each",
  ],
};

/** The ARM shape of `properties.ingressProfile` the library may send, keys spelled as ARM spells them (FACTS §2). */
const INGRESS_PROFILE: any = {
  gatewayAPI: { installation: ["Disabled", "Standard"] },
  webAppRouting: {
    enabled: "boolean",
    dnsZoneResourceIds: "array",
    nginx: { defaultIngressControllerType: ["AnnotationControlled", "Internal", "External", "None"] },
    gatewayAPIImplementations: { appRoutingIstio: { mode: ["Enabled", "Disabled"] } },
  },
};

function shapeErrors(value: any, shape: any, path: string): string[] {
  if (Array.isArray(shape)) return shape.includes(value) ? [] : [`${path} = ${JSON.stringify(value)} is not one of ${shape.join(" | ")}`];
  if (shape === "boolean") return typeof value === "boolean" ? [] : [`${path} is not a boolean`];
  if (shape === "array") return Array.isArray(value) ? [] : [`${path} is not an array`];
  if (typeof value !== "object" || value === null) return [`${path} is not an object`];
  return Object.entries(value).flatMap(([key, v]) =>
    shape[key] === undefined ? [`${path}.${key} is not an ARM property (check the casing)`] : shapeErrors(v, shape[key], `${path}.${key}`),
  );
}

function bodyShape(body: any): string[] {
  if (!`${body.type}`.startsWith("Microsoft.ContainerService/managedClusters@")) return [];
  const props = body.body?.properties ?? {};
  const unknownKeys = Object.keys(body.body ?? {}).filter((k) => k !== "properties").concat(Object.keys(props).filter((k) => k !== "ingressProfile"));
  return [...unknownKeys.map((k) => `body key ${k} is outside properties.ingressProfile, which the library owns`), ...shapeErrors(props.ingressProfile ?? {}, INGRESS_PROFILE, "properties.ingressProfile")];
}

/** The cluster the update targets, when `resource_id` references one in the same stack. */
function targetCluster(body: any, ctx: CheckContext): any | undefined {
  const address = referencedAddress(body.resource_id);
  return address?.startsWith("azurerm_kubernetes_cluster.") ? resolve(ctx, address) : undefined;
}

function webAppRoutingDeclared(body: any, ctx: CheckContext): string[] {
  const routing = body.body?.properties?.ingressProfile?.webAppRouting;
  const cluster = targetCluster(body, ctx);
  if (routing?.enabled !== true || !cluster) return [];
  const declared = blocksAt(cluster, "web_app_routing");
  if (declared.length === 0) return ["webAppRouting is enabled but the cluster does not declare web_app_routing, so azurerm plans to turn it off"];
  return declared.filter((w) => w.default_nginx_controller !== "None").map((w) => `cluster web_app_routing.default_nginx_controller is ${JSON.stringify(w.default_nginx_controller)}, not None`);
}

/** The update must wait for the cluster's node pools, or its PUT races an agent pool operation. */
function waitsForNodePools(body: any, ctx: CheckContext): string[] {
  const cluster = referencedAddress(body.resource_id);
  if (!cluster?.startsWith("azurerm_kubernetes_cluster.")) return [];
  const deps: string[] = body.depends_on ?? [];
  return instancesOf(ctx.stack, "azurerm_kubernetes_cluster_node_pool")
    .filter((p) => referencedAddress(p.body.kubernetes_cluster_id) === cluster && !deps.includes(`azurerm_kubernetes_cluster_node_pool.${p.name}`))
    .map((p) => `does not depend on azurerm_kubernetes_cluster_node_pool.${p.name}, so its PUT can run while the pool is created`);
}

function apiVersion(type: string): string {
  return type.split("@")[1] ?? "";
}

function updateRules() {
  return [
    matches(UPDATE, "type", "<Namespace>/<type>@<api-version>", isArmResourceType, u('schema "type" (myvalidator.StringIsResourceType)')),
    rule(UPDATE, "required", "type is set (Required)", u('schema "type"'), "validate", (body) => (isSet(body.type) ? [] : ["type is missing"])),
    exactlyOneOf(UPDATE, "", ["name", "resource_id"], u("ValidateConfig"), "validate"),
    rule(UPDATE, "relation", "name and parent_id are set together", u("ValidateConfig"), "validate", (body) =>
      isSet(body.name) !== isSet(body.parent_id) ? ["name and parent_id must be set together"] : [],
    ),
    matches(UPDATE, "resource_id", "an ARM resource ID", (v) => /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+/.test(v), u('schema "resource_id" (myvalidator.StringIsResourceID)')),
    rule(UPDATE, "format", "body is an object, not a JSON string", u('schema "body" (DynamicIsNotStringValidator)'), "validate", (body) =>
      isSet(body.body) && (typeof body.body !== "object" || Array.isArray(body.body)) ? ["body is not an object"] : [],
    ),
    rule(UPDATE, "format", "response_export_values is a list of paths or a map of JMESPath queries", u('schema "response_export_values" (dynamic)'), "validate", (body) => {
      const v = body.response_export_values;
      if (!isSet(v) || isUnknown(v)) return [];
      const ok = Array.isArray(v) ? v.every((p) => typeof p === "string" && p.length > 0) : typeof v === "object" && Object.values(v).every((p) => typeof p === "string");
      return ok ? [] : [`response_export_values ${JSON.stringify(v)}`];
    }),
    rule(UPDATE, "format", "ignore_missing_property and ignore_casing are booleans", u('schema "ignore_missing_property"'), "validate", (body) =>
      ["ignore_missing_property", "ignore_casing"].filter((a) => isSet(body[a]) && typeof body[a] !== "boolean").map((a) => `${a} is not a boolean`),
    ),
    rule(UPDATE, "arm", "type uses a stable api-version", `${facts("§2")} (preview api-versions retire about a year after release)`, "apply", (body) =>
      /preview/.test(apiVersion(`${body.type}`)) ? [`${body.type} is a preview api-version`] : [],
    ),
    rule(UPDATE, "arm", "managedClusters updates of ingressProfile use api-version 2026-02-01 or later", `${facts("§2")} (gatewayAPI and gatewayAPIImplementations are @added(2026-02-01))`, "apply", (body) =>
      `${body.type}`.startsWith("Microsoft.ContainerService/managedClusters@") && isSet(body.body?.properties?.ingressProfile) && apiVersion(body.type) < "2026-02-01"
        ? [`${body.type} predates the ingressProfile Gateway API properties`]
        : [],
    ),
    rule(UPDATE, "arm", "the managedClusters body is the ARM ingressProfile shape, keys cased as ARM spells them", `${facts("§2")}; ARM spec 2026-02-01 ManagedClusterIngressProfile`, "apply", bodyShape),
    rule(UPDATE, "arm", "enabling webAppRouting keeps the default NGINX controller off", `${facts("§2")} (defaultIngressControllerType defaults to AnnotationControlled: a public NGINX)`, "apply", (body) => {
      const w = body.body?.properties?.ingressProfile?.webAppRouting;
      return w?.enabled === true && w?.nginx?.defaultIngressControllerType !== "None" ? ["webAppRouting.enabled without nginx.defaultIngressControllerType None"] : [];
    }),
    rule(UPDATE, "arm", "resource_id references the azurerm cluster it updates, which orders the update after it", facts("§4"), "apply", (body, ctx) =>
      `${body.type}`.startsWith("Microsoft.ContainerService/managedClusters@") && isUnknown(body.resource_id) && !targetCluster(body, ctx)
        ? [`resource_id ${body.resource_id} is not an azurerm_kubernetes_cluster id in this stack`]
        : [],
    ),
    rule(UPDATE, "arm", "the update depends on every node pool of the cluster it updates", arm("managedClusters PUT during an agent pool operation fails with OperationNotAllowed"), "apply", waitsForNodePools),
    rule(UPDATE, "arm", "a cluster with app routing enabled through azapi declares web_app_routing with NGINX None in azurerm", `${facts("§3")}; ${azurerm(FILES.aks, "expandKubernetesClusterIngressProfile")}`, "plan", webAppRoutingDeclared),
  ];
}

function bindingVersion(pkg: string): string {
  return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).cdktf.provider.version;
}

const PINNED_BINDINGS: { readonly [provider: string]: string } = {
  azurerm: "@cdktf/provider-azurerm",
  kubernetes: "@cdktf/provider-kubernetes",
  helm: "@cdktf/provider-helm",
};

function requiredProviderRules() {
  return [
    rule("terraform", "version", "required_providers.azapi admits no version without the managedClusters@2026-03-01 schema (< 2.11.0) and no 3.x", `${facts("§15")}; ${azapi("internal/services/azapi_update_resource.go", "CreateUpdate: without a schema (ResourceDef nil) the whole GET body is PUT back")}`, "validate", (tf) => {
      const c = tf.required_providers?.azapi;
      if (!c) return [];
      const bad = ["2.9.0", "2.10.0", "2.10.1", "3.0.0"].filter((v) => admits(c.version, v));
      const good = ["2.11.0", "2.12.0"].filter((v) => !admits(c.version, v));
      return [
        ...(c.source === "Azure/azapi" ? [] : [`azapi source ${c.source}`]),
        ...bad.map((v) => `azapi "${c.version}" admits ${v}; constrain to "~> 2.11" (or ">= 2.11.0, < 3.0.0")`),
        ...good.map((v) => `azapi "${c.version}" refuses ${v}`),
      ];
    }),
    rule("terraform", "version", "required_providers pin the provider versions the prebuilt bindings were generated from", "package.json cdktf.provider.version of @cdktf/provider-azurerm 14.23.1, -kubernetes 12.1.1, -helm 12.1.2", "validate", (tf) =>
      Object.entries(PINNED_BINDINGS).flatMap(([name, pkg]) => {
        const c = tf.required_providers?.[name];
        const expected = bindingVersion(pkg);
        return c && c.version !== expected ? [`${name} is pinned to ${c.version}, the binding is generated from ${expected}`] : [];
      }),
    ),
  ];
}

/** provider.azurerm, provider.azapi, azapi_update_resource and the terraform block. */
export const PROVIDER_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: "provider.azurerm",
    source: `${azurerm(FILES.features, "schemaFeatures (Required, MinItems 1, MaxItems 1)")}; provider attributes per the 4.55.0 binding (lib/provider)`,
    reviewed: ["features", "subscription_id"],
    constraints: [
      rule("provider.azurerm", "required", "features is set (Required, MinItems 1)", azurerm(FILES.features, "schemaFeatures"), "validate", (body) => (isSet(body.features) ? [] : ["features block is missing"])),
      maxItems("provider.azurerm", "features", 1, azurerm(FILES.features, "schemaFeatures")),
      matches("provider.azurerm", "subscription_id", "a subscription GUID", isUuid, arm("subscription IDs are GUIDs; without one azurerm 4.x reads ARM_SUBSCRIPTION_ID"), "plan"),
    ],
  },
  {
    resource: "provider.azapi",
    source: azapi("internal/provider/provider.go", "Schema"),
    reviewed: ["subscription_id", "alias"],
    constraints: [matches("provider.azapi", "subscription_id", "a subscription GUID", isUuid, arm("subscription IDs are GUIDs; azapi falls back to ARM_SUBSCRIPTION_ID"), "plan")],
  },
  {
    resource: UPDATE,
    source: `${u("Schema, ValidateConfig, CreateUpdate")} (read on main: same arguments as 2.11.x for what the library emits)`,
    reviewed: ["type", "resource_id", "body", "response_export_values", "depends_on"],
    constraints: updateRules(),
  },
  {
    resource: "terraform",
    source: "terraform.required_providers (Terraform core) against FACTS §15 and the prebuilt bindings",
    reviewed: ["required_providers.azapi", "required_providers.azurerm", "required_providers.kubernetes", "required_providers.helm", "backend"],
    constraints: requiredProviderRules(),
  },
];

/** True when any stack of a provider block sets it more than once without aliases (Terraform refuses duplicates). */
export function duplicateProviders(json: any): string[] {
  return Object.entries(json.provider ?? {}).flatMap(([name, blocks]: [string, any]) => {
    const unaliased = (blocks as any[]).filter((b) => !isNonEmpty(b.alias)).length;
    return unaliased > 1 ? [`provider ${name} is configured ${unaliased} times without alias`] : [];
  });
}

