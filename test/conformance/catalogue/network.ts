// Resource group, VNet, subnets, NSGs, rules and associations.
import { CheckContext, ResourceCatalogue, instancesOf, isNonEmpty, isUnknown, referencedAddress, resolve } from "../model";
import { armId, conflictsWith, exactlyOneOf, intBetween, matches, minItems, oneOf, rule } from "../rules";
import { cidrContains, cidrWithin, hasNoSlashQuestionPercent, isCidr, isIpv4, isPortRange, isResourceGroupName, notEmpty } from "../validators";
import { FILES, IDS, arm, azurerm, binding, helpers } from "./sources";

const RULE = "azurerm_network_security_rule";
const SUBNET = "azurerm_subnet";
const r = (key: string) => azurerm(FILES.nsgRule, key);
const s = (key: string) => azurerm(FILES.subnet, key);

function tagRules(resource: string) {
  return rule(resource, "items", "tags: at most 50, keys up to 512 and values up to 256 characters", helpers("commonschema/tags.go", "ValidateTags"), "validate", (body) => {
    const tags = Object.entries(body.tags ?? {});
    return [
      ...(tags.length > 50 ? [`${tags.length} tags`] : []),
      ...tags.filter(([key, value]) => key.length > 512 || `${value}`.length > 256).map(([key]) => `tag ${JSON.stringify(key)} is too long`),
    ];
  });
}

function portRule(side: "source" | "destination") {
  const one = `${side}_port_range`;
  const many = `${side}_port_ranges`;
  return [
    conflictsWith(RULE, "", one, many, r(`schema "${one}" ConflictsWith`)),
    rule(RULE, "arm", `${side}: one of ${one} and ${many} is set`, arm("security rule without a port range"), "apply", (body) =>
      isNonEmpty(body[one]) || isNonEmpty(body[many]) ? [] : [`neither ${one} nor ${many}`],
    ),
    matches(RULE, one, "*, a port or a port range", isPortRange, arm("security rule port range format"), "apply"),
    matches(RULE, many, "a port or a port range", (v) => v !== "*" && isPortRange(v), arm("security rule port ranges format"), "apply"),
  ];
}

/** Rules of one NSG must not share (direction, priority) or a name; the NSG is known by its name reference. */
function uniqueInGroup(body: any, ctx: CheckContext): string[] {
  const same = instancesOf(ctx.stack, RULE)
    .map((i) => i.body)
    .filter((o) => o !== body && o.network_security_group_name === body.network_security_group_name && o.resource_group_name === body.resource_group_name);
  return [
    ...same.filter((o) => o.direction === body.direction && o.priority === body.priority).map((o) => `priority ${body.priority} (${body.direction}) is also used by ${o.name}`),
    ...same.filter((o) => o.name === body.name).map(() => `name ${body.name} is used twice in the NSG`),
  ];
}

function ruleRules() {
  return [
    matches(RULE, "name", "free of / \\ ? %", hasNoSlashQuestionPercent, r('schema "name" (StringDoesNotContainAny)')),
    matches(RULE, "description", "at most 140 characters", (v) => v.length <= 140, r('schema "description" (StringLenBetween(0, 140))')),
    oneOf(RULE, "protocol", ["*", "Tcp", "Udp", "Icmp", "Ah", "Esp"], r('schema "protocol"')),
    oneOf(RULE, "access", ["Allow", "Deny"], r('schema "access"')),
    oneOf(RULE, "direction", ["Inbound", "Outbound"], r('schema "direction"')),
    intBetween(RULE, "priority", 100, 4096, r('schema "priority"')),
    exactlyOneOf(RULE, "", ["source_address_prefix", "source_address_prefixes", "source_application_security_group_ids"], r('schema "source_address_prefix" ExactlyOneOf')),
    exactlyOneOf(RULE, "", ["destination_address_prefix", "destination_address_prefixes", "destination_application_security_group_ids"], r('schema "destination_address_prefix" ExactlyOneOf')),
    ...portRule("source"),
    ...portRule("destination"),
    rule(RULE, "arm", "priority per direction and name are unique within the NSG", arm("SecurityRuleConflict / duplicate rule name"), "apply", uniqueInGroup),
  ];
}

const isV4Cidr = (c: string): boolean => isCidr(c) && isIpv4(c.split("/")[0]);

/** A subnet's prefixes are CIDRs inside its VNet's address space and do not overlap sibling subnets (IPv4 compared). */
function subnetLayout(body: any, ctx: CheckContext): string[] {
  const vnetAddress = referencedAddress(body.virtual_network_name);
  const vnet = vnetAddress ? resolve(ctx, vnetAddress) : undefined;
  const space: string[] = (vnet?.address_space ?? []).filter((c: string) => !isUnknown(c) && isV4Cidr(c));
  const prefixes: string[] = (body.address_prefixes ?? []).filter((c: string) => !isUnknown(c));
  const siblings = instancesOf(ctx.stack, SUBNET).map((i) => i.body).filter((o) => o !== body && o.virtual_network_name === body.virtual_network_name);
  return prefixes.flatMap((p) => [
    ...(isCidr(p) ? [] : [`${p} is not a CIDR`]),
    ...(space.length > 0 && isV4Cidr(p) && !space.some((v) => cidrWithin(v, p)) ? [`${p} lies outside ${space.join(", ")}`] : []),
    ...siblings.flatMap((o) => (o.address_prefixes ?? []).filter((q: string) => isV4Cidr(q) && isV4Cidr(p) && overlaps(p, q)).map((q: string) => `${p} overlaps ${q} of ${o.name}`)),
  ]);
}

function overlaps(a: string, b: string): boolean {
  return cidrContains(a, b.split("/")[0]) || cidrContains(b, a.split("/")[0]);
}

/** resource group, VNet, subnet, NSG, NSG rule and subnet-NSG association. */
export const NETWORK_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: "azurerm_resource_group",
    source: `${binding("resource-group")}; ${helpers("resourcegroups/validate.go", "ValidateName")}; ${helpers("commonschema/tags.go", "ValidateTags")}`,
    reviewed: ["name", "location", "tags"],
    constraints: [
      matches("azurerm_resource_group", "name", "a resource group name (1-90 of [-\\w._()], no trailing period)", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName")),
      matches("azurerm_resource_group", "location", "not empty", notEmpty, helpers("commonschema/location.go", "Location")),
      tagRules("azurerm_resource_group"),
    ],
  },
  {
    resource: "azurerm_virtual_network",
    source: `${azurerm(FILES.vnet, "resourceVirtualNetworkSchema")}; read at commit 010e52b1 (4.x: address_space is a set)`,
    reviewed: ["name", "location", "resource_group_name", "address_space"],
    constraints: [
      matches("azurerm_virtual_network", "name", "not empty", notEmpty, azurerm(FILES.vnet, 'schema "name"')),
      minItems("azurerm_virtual_network", "address_space", 1, azurerm(FILES.vnet, 'schema "address_space"')),
      matches("azurerm_virtual_network", "address_space", "not empty", notEmpty, azurerm(FILES.vnet, 'schema "address_space"')),
      matches("azurerm_virtual_network", "address_space", "a CIDR", isCidr, arm("VNet address prefixes"), "apply"),
    ],
  },
  {
    resource: SUBNET,
    source: `${azurerm(FILES.subnet, "schema")}; read at commit 00030056 (the 4.55.0 release: its CHANGELOG tops at 4.55.0)`,
    reviewed: ["name", "resource_group_name", "virtual_network_name", "address_prefixes"],
    constraints: [
      minItems(SUBNET, "address_prefixes", 1, s('schema "address_prefixes"')),
      matches(SUBNET, "address_prefixes", "not empty", notEmpty, s('schema "address_prefixes"')),
      exactlyOneOf(SUBNET, "", ["address_prefixes", "ip_address_pool"], s('schema "address_prefixes" ExactlyOneOf')),
      rule(SUBNET, "arm", "address_prefixes are CIDRs inside the VNet and disjoint from sibling subnets", arm("subnet prefixes"), "apply", subnetLayout),
    ],
  },
  {
    resource: "azurerm_network_security_group",
    source: binding("network-security-group"),
    reviewed: ["name", "location", "resource_group_name"],
    constraints: [matches("azurerm_network_security_group", "resource_group_name", "a resource group name", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName"))],
  },
  {
    resource: RULE,
    source: `${azurerm(FILES.nsgRule, "schema")}; read at commit 003ae81d (network 2025-01-01)`,
    reviewed: [
      "name", "resource_group_name", "network_security_group_name", "priority", "direction", "access", "protocol",
      "source_address_prefix", "source_port_range", "destination_address_prefix", "destination_port_range",
      "destination_port_ranges", "description",
    ],
    constraints: ruleRules(),
  },
  {
    resource: "azurerm_subnet_network_security_group_association",
    source: `${azurerm(FILES.association, "schema")}; read at commit 033f40eb`,
    reviewed: ["subnet_id", "network_security_group_id"],
    constraints: [
      armId("azurerm_subnet_network_security_group_association", "subnet_id", IDS.subnet, azurerm(FILES.association, 'schema "subnet_id" (commonids.ValidateSubnetID)')),
      armId("azurerm_subnet_network_security_group_association", "network_security_group_id", IDS.networkSecurityGroup, azurerm(FILES.association, 'schema "network_security_group_id"')),
      rule("azurerm_subnet_network_security_group_association", "arm", "one association per subnet", azurerm(FILES.association, "Create (an existing NSG must be imported)"), "apply", (body, ctx) =>
        instancesOf(ctx.stack, "azurerm_subnet_network_security_group_association").filter((i) => i.body !== body && i.body.subnet_id === body.subnet_id).map(() => `subnet ${body.subnet_id} is associated twice`),
      ),
    ],
  },
];
