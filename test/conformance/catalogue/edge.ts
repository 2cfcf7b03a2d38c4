// The edge: Application Gateway, WAF policy, public IP, and the optional Log Analytics diagnostics.
import { CheckContext, ResourceCatalogue, blocksAt, instancesOf, isNonEmpty, isSet, isUnknown, referencedAddress, resolve } from "../model";
import {
  armId,
  atLeastOneOf,
  conflictsWith,
  exactlyOneOf,
  intBetween,
  matches,
  maxItems,
  minItems,
  oneOf,
  oneOfIgnoringCase,
  rule,
} from "../rules";
import { isIpv4, isPortRange, isKeyVaultNestedItemId, isKeyVaultSecretId, isResourceGroupName, isWorkspaceName, notEmpty } from "../validators";
import { FILES, IDS, arm, azurerm, binding, facts, helpers } from "./sources";

const AGW = "azurerm_application_gateway";
const WAF = "azurerm_web_application_firewall_policy";
const PIP = "azurerm_public_ip";
const g = (key: string) => azurerm(FILES.agw, key);
const w = (key: string) => azurerm(FILES.waf, key);

/** Predefined TLS policies Azure accepts (azurerm does not validate `ssl_policy.policy_name`, FACTS §15). */
export const PREDEFINED_TLS_POLICIES = [
  "AppGwSslPolicy20150501",
  "AppGwSslPolicy20170401",
  "AppGwSslPolicy20170401S",
  "AppGwSslPolicy20220101",
  "AppGwSslPolicy20220101S",
];

/** Managed rule set versions Azure serves per type; azurerm validates one flat list (FACTS §8, §15). */
export const RULE_SET_VERSIONS: { readonly [type: string]: readonly string[] } = {
  OWASP: ["3.0", "3.1", "3.2"],
  Microsoft_DefaultRuleSet: ["2.1"],
  Microsoft_BotManagerRuleSet: ["0.1", "1.0", "1.1"],
};

const names = (body: any, block: string): string[] => blocksAt(body, block).map((b) => b.name);

/** Sub-resource references by name resolve inside the same gateway (azurerm builds the IDs without checking). */
function dangling(body: any, block: string, attr: string, target: string): string[] {
  const known = names(body, target);
  return blocksAt(body, block).flatMap((b) =>
    (Array.isArray(b[attr]) ? b[attr] : [b[attr]])
      .filter((ref: unknown) => isNonEmpty(ref) && !isUnknown(ref) && !known.includes(ref as string))
      .map((ref: unknown) => `${block} ${JSON.stringify(b.name)}: ${attr} ${JSON.stringify(ref)} names no ${target}`),
  );
}

function referenceRules() {
  const refs: Array<[string, string, string]> = [
    ["backend_http_settings", "probe_name", "probe"],
    ["backend_http_settings", "trusted_root_certificate_names", "trusted_root_certificate"],
    ["http_listener", "frontend_ip_configuration_name", "frontend_ip_configuration"],
    ["http_listener", "frontend_port_name", "frontend_port"],
    ["http_listener", "ssl_certificate_name", "ssl_certificate"],
    ["request_routing_rule", "http_listener_name", "http_listener"],
    ["request_routing_rule", "backend_address_pool_name", "backend_address_pool"],
    ["request_routing_rule", "backend_http_settings_name", "backend_http_settings"],
    ["request_routing_rule", "redirect_configuration_name", "redirect_configuration"],
    ["redirect_configuration", "target_listener_name", "http_listener"],
  ];
  return refs.map(([block, attr, target]) =>
    rule(AGW, "arm", `${block}.${attr} names an existing ${target}`, `${g(`expandApplicationGateway* builds <gateway>/${target}s/<name> IDs`)}; ${arm("dangling sub-resource reference")}`, "apply", (body) =>
      dangling(body, block, attr, target),
    ),
  );
}

function unique(values: unknown[]): unknown[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function routingRules() {
  const rr = "request_routing_rule";
  return [
    minItems(AGW, rr, 1, g(`schema "${rr}"`)),
    oneOf(AGW, `${rr}.rule_type`, ["Basic", "PathBasedRouting"], g(`schema "${rr}.rule_type"`)),
    intBetween(AGW, `${rr}.priority`, 1, 20000, g(`schema "${rr}.priority"`)),
    conflictsWith(AGW, rr, "backend_address_pool_name", "redirect_configuration_name", g("expandApplicationGatewayRequestRoutingRules"), "apply"),
    conflictsWith(AGW, rr, "backend_http_settings_name", "redirect_configuration_name", g("expandApplicationGatewayRequestRoutingRules"), "apply"),
    rule(AGW, "provider-apply", `${rr}: priority on every rule or on none`, g("expandApplicationGatewayRequestRoutingRules"), "apply", (body) => {
      const rules = blocksAt(body, rr);
      const withPriority = rules.filter((r) => isSet(r.priority)).length;
      return withPriority > 0 && withPriority < rules.length ? ["some request_routing_rule blocks have a priority and some do not"] : [];
    }),
    rule(AGW, "arm", `${rr}: v2 SKUs need a unique priority on every rule`, arm("applicationGateways API 2021-08-01+: rule priority required and unique on v2 SKUs"), "apply", (body) => {
      const rules = blocksAt(body, rr);
      const missing = rules.filter((r) => !isSet(r.priority)).map((r) => `${rr} ${JSON.stringify(r.name)} has no priority`);
      return [...missing, ...unique(rules.map((r) => r.priority).filter(isSet)).map((p) => `priority ${p} is used twice`)];
    }),
    rule(AGW, "arm", `${rr}: a Basic rule has a backend pool and settings, or a redirect`, arm("Basic request routing rule targets"), "apply", (body) =>
      blocksAt(body, rr)
        .filter((r) => r.rule_type === "Basic" && !isNonEmpty(r.redirect_configuration_name) && !(isNonEmpty(r.backend_address_pool_name) && isNonEmpty(r.backend_http_settings_name)))
        .map((r) => `${rr} ${JSON.stringify(r.name)} has neither backend pool + settings nor a redirect`),
    ),
    oneOf(AGW, "redirect_configuration.redirect_type", ["Permanent", "Temporary", "Found", "SeeOther"], g('schema "redirect_configuration.redirect_type"')),
    exactlyOneOf(AGW, "redirect_configuration", ["target_listener_name", "target_url"], g("expandApplicationGatewayRedirectConfigurations"), "apply"),
  ];
}

function probeRules() {
  return [
    oneOf(AGW, "probe.protocol", ["Http", "Https"], g('schema "probe.protocol"')),
    intBetween(AGW, "probe.port", 1, 65535, g('schema "probe.port" (validate.PortNumber)')),
    rule(AGW, "provider-apply", "probe: exactly one of host and pick_host_name_from_backend_http_settings", g("resourceApplicationGatewayCreate/Update probe loop (FACTS §15)"), "apply", (body) =>
      blocksAt(body, "probe").flatMap((p) => {
        const host = isNonEmpty(p.host);
        const pick = p.pick_host_name_from_backend_http_settings === true;
        if (host === pick) return [`probe ${JSON.stringify(p.name)}: ${host ? "both host and pick_host_name_from_backend_http_settings" : "neither host nor pick_host_name_from_backend_http_settings"} set`];
        return [];
      }),
    ),
    intBetween(AGW, "probe.interval", 1, 86400, arm("probe interval 1-86400 s; azurerm has no ValidateFunc"), "apply"),
    intBetween(AGW, "probe.timeout", 1, 86400, arm("probe timeout 1-86400 s; azurerm has no ValidateFunc"), "apply"),
    intBetween(AGW, "probe.unhealthy_threshold", 1, 20, arm("probe unhealthyThreshold 1-20; azurerm has no ValidateFunc"), "apply"),
    matches(AGW, "probe.path", "a path starting with /", (v) => v.startsWith("/"), arm("probe path must start with /"), "apply"),
    maxItems(AGW, "probe.match", 1, g('schema "probe.match"')),
    matches(AGW, "probe.match.status_code", "a status code or range within 200-599", (v) => {
      const m = /^(\d{3})(?:-(\d{3}))?$/.exec(v);
      return m !== null && Number(m[1]) >= 200 && Number(m[2] ?? m[1]) <= 599 && Number(m[1]) <= Number(m[2] ?? m[1]);
    }, arm("probe match statusCodes"), "apply"),
  ];
}

function backendRules() {
  const bs = "backend_http_settings";
  return [
    matches(AGW, "backend_address_pool.ip_addresses", "an IPv4 address", isIpv4, g('schema "backend_address_pool.ip_addresses" (validate.IPv4Address)')),
    minItems(AGW, bs, 1, g(`schema "${bs}"`)),
    intBetween(AGW, `${bs}.port`, 1, 65535, g(`schema "${bs}.port" (validate.PortNumber)`)),
    oneOf(AGW, `${bs}.protocol`, ["Http", "Https"], g(`schema "${bs}.protocol"`)),
    oneOf(AGW, `${bs}.cookie_based_affinity`, ["Enabled", "Disabled"], g(`schema "${bs}.cookie_based_affinity"`)),
    intBetween(AGW, `${bs}.request_timeout`, 1, 86400, g(`schema "${bs}.request_timeout"`)),
    rule(AGW, "provider-apply", `${bs}: host_name and pick_host_name_from_backend_address are not both set`, g("resourceApplicationGatewayCreate/Update backend settings loop (FACTS §15)"), "apply", (body) =>
      blocksAt(body, bs)
        .filter((s) => isNonEmpty(s.host_name) && s.pick_host_name_from_backend_address === true)
        .map((s) => `${bs} ${JSON.stringify(s.name)} sets host_name and pick_host_name_from_backend_address`),
    ),
  ];
}

function frontendRules() {
  return [
    minItems(AGW, "frontend_ip_configuration", 1, g('schema "frontend_ip_configuration"')),
    intBetween(AGW, "frontend_port.port", 1, 65535, g('schema "frontend_port.port" (validate.PortNumber)')),
    rule(AGW, "arm", "frontend ports and sub-resource names are unique", arm("duplicate frontend port or sub-resource name"), "apply", (body) => [
      ...unique(blocksAt(body, "frontend_port").map((p) => p.port)).map((p) => `frontend port ${p} is declared twice`),
      ...["frontend_port", "http_listener", "probe", "backend_address_pool", "backend_http_settings", "request_routing_rule"].flatMap((b) =>
        unique(names(body, b)).map((n) => `${b} name ${JSON.stringify(n)} is used twice`),
      ),
    ]),
    maxItems(AGW, "gateway_ip_configuration", 2, g('schema "gateway_ip_configuration"')),
    armId(AGW, "gateway_ip_configuration.subnet_id", IDS.subnet, g('schema "gateway_ip_configuration.subnet_id" (commonids.ValidateSubnetID)')),
    oneOf(AGW, "http_listener.protocol", ["Http", "Https"], g('schema "http_listener.protocol"')),
    conflictsWith(AGW, "http_listener", "host_name", "host_names", g("expandApplicationGatewayHTTPListeners"), "apply"),
    rule(AGW, "arm", "an Https listener names an ssl_certificate", arm("HTTPS listener without certificate"), "apply", (body) =>
      blocksAt(body, "http_listener")
        .filter((l) => l.protocol === "Https" && !isNonEmpty(l.ssl_certificate_name))
        .map((l) => `http_listener ${JSON.stringify(l.name)} is Https without ssl_certificate_name`),
    ),
    rule(AGW, "arm", "the public frontend uses a Standard, Static public IP whose zones cover the gateway's", arm("Application Gateway v2 public frontend"), "apply", publicFrontend),
    rule(AGW, "arm", "the gateway subnet's NSG admits GatewayManager on TCP 65200-65535 (v2 infrastructure ports)", `${arm("a v2 gateway fails to provision behind an NSG that blocks its infrastructure ports")}; ${facts("§8")}`, "apply", gatewayManagerAllowed),
  ];
}

function publicFrontend(body: any, ctx: CheckContext): string[] {
  return blocksAt(body, "frontend_ip_configuration").flatMap((f) => {
    const address = referencedAddress(f.public_ip_address_id);
    const pip = address ? resolve(ctx, address) : undefined;
    if (!pip) return [];
    const out: string[] = [];
    if (pip.sku !== "Standard" || pip.allocation_method !== "Static") out.push(`${address} is ${pip.sku}/${pip.allocation_method}, v2 needs Standard/Static`);
    const missing = (body.zones ?? []).filter((z: string) => !(pip.zones ?? []).includes(z));
    if (missing.length > 0) out.push(`gateway zones ${missing.join(",")} are not zones of ${address}`);
    return out;
  });
}

/** True when a rule's destination ports cover low..high. */
function coversPorts(r: any, low: number, high: number): boolean {
  const ranges: string[] = isSet(r.destination_port_ranges) ? r.destination_port_ranges : [r.destination_port_range];
  return ranges.some((p) => {
    if (p === "*") return true;
    if (typeof p !== "string" || !isPortRange(p)) return false;
    const [a, b = a] = p.split("-").map(Number);
    return a <= low && b >= high;
  });
}

/** The NSG attached to the gateway subnet (through the association the library hands out) admits GatewayManager. */
function gatewayManagerAllowed(body: any, ctx: CheckContext): string[] {
  return blocksAt(body, "gateway_ip_configuration").flatMap((c) => {
    const association = referencedAddress(c.subnet_id);
    const nsg = association ? referencedAddress(resolve(ctx, association)?.network_security_group_id) : undefined;
    if (!nsg) return [];
    const allowed = instancesOf(ctx.stack, "azurerm_network_security_rule")
      .map((i) => i.body)
      .filter((r) => referencedAddress(r.network_security_group_name) === nsg && r.access === "Allow" && r.direction === "Inbound")
      .some((r) => r.source_address_prefix === "GatewayManager" && ["Tcp", "*"].includes(r.protocol) && coversPorts(r, 65200, 65535));
    return allowed ? [] : [`${nsg} (on the gateway subnet) does not allow GatewayManager on TCP 65200-65535`];
  });
}

function skuRules() {
  const pairs: { [name: string]: string } = { Basic: "Basic", Standard_v2: "Standard_v2", WAF_v2: "WAF_v2", Standard_Small: "Standard", Standard_Medium: "Standard", Standard_Large: "Standard", WAF_Medium: "WAF", WAF_Large: "WAF" };
  return [
    maxItems(AGW, "sku", 1, g('schema "sku"')),
    oneOf(AGW, "sku.name", Object.keys(pairs), g('schema "sku.name"')),
    oneOf(AGW, "sku.tier", ["Basic", "Standard", "Standard_v2", "WAF", "WAF_v2"], g('schema "sku.tier"')),
    rule(AGW, "arm", "sku.name and sku.tier are a pair Azure offers", arm("ApplicationGatewaySku name/tier"), "apply", (body) =>
      blocksAt(body, "sku").filter((s) => pairs[s.name] !== undefined && pairs[s.name] !== s.tier).map((s) => `sku ${s.name} with tier ${s.tier}`),
    ),
    rule(AGW, "provider-apply", "a non-Basic tier sets sku.capacity or autoscale_configuration", g("applicationGatewayCustomizeDiff"), "plan", (body) =>
      blocksAt(body, "sku").filter((s) => s.tier !== "Basic" && !isSet(s.capacity) && !isSet(body.autoscale_configuration)).map(() => "neither sku.capacity nor autoscale_configuration"),
    ),
    maxItems(AGW, "autoscale_configuration", 1, g('schema "autoscale_configuration"')),
    intBetween(AGW, "autoscale_configuration.min_capacity", 0, 100, g('schema "autoscale_configuration.min_capacity"')),
    intBetween(AGW, "autoscale_configuration.max_capacity", 2, 125, g('schema "autoscale_configuration.max_capacity"')),
    rule(AGW, "arm", "autoscale_configuration.min_capacity <= max_capacity", arm("autoscale bounds"), "apply", (body) =>
      blocksAt(body, "autoscale_configuration")
        .filter((a) => typeof a.min_capacity === "number" && typeof a.max_capacity === "number" && a.min_capacity > a.max_capacity)
        .map((a) => `min_capacity ${a.min_capacity} > max_capacity ${a.max_capacity}`),
    ),
    rule(AGW, "arm", "a WAF_v2 gateway has a WAF policy or waf_configuration", arm("WAF_v2 without a firewall policy"), "apply", (body) =>
      blocksAt(body, "sku").filter((s) => s.tier === "WAF_v2" && !isSet(body.firewall_policy_id) && !isSet(body.waf_configuration)).map(() => "WAF_v2 without firewall_policy_id"),
    ),
    armId(AGW, "firewall_policy_id", IDS.wafPolicy, g('schema "firewall_policy_id" (ValidateApplicationGatewayWebApplicationFirewallPolicyID)')),
  ];
}

function tlsRules() {
  return [
    maxItems(AGW, "ssl_policy", 1, g('sslProfileSchema "ssl_policy"')),
    oneOf(AGW, "ssl_policy.policy_type", ["Custom", "CustomV2", "Predefined"], g('sslProfileSchema "policy_type"')),
    rule(AGW, "arm", "ssl_policy Predefined names a predefined policy (azurerm does not validate policy_name)", `${g('sslProfileSchema "policy_name" (no ValidateFunc)')}; ${arm("predefined TLS policy names, FACTS §8")}`, "apply", (body) =>
      blocksAt(body, "ssl_policy")
        .filter((p) => p.policy_type === "Predefined" && !isUnknown(p.policy_name) && !PREDEFINED_TLS_POLICIES.includes(p.policy_name))
        .map((p) => `ssl_policy.policy_name ${JSON.stringify(p.policy_name)} is not a predefined policy`),
    ),
    rule(AGW, "provider-apply", "ssl_policy: disabled_protocols is not combined with policy_type", g("checkSslPolicy (CustomizeDiff)"), "plan", (body) =>
      blocksAt(body, "ssl_policy").filter((p) => isNonEmpty(p.disabled_protocols) && isNonEmpty(p.policy_type)).map(() => "disabled_protocols with policy_type"),
    ),
    matches(AGW, "ssl_certificate.key_vault_secret_id", "a Key Vault nested item ID (https://<vault>/<secrets|…>/<name>[/<version>], type case-sensitive)", isKeyVaultNestedItemId,
      azurerm(FILES.keyVaultParse, "ParseOptionallyVersionedNestedItemID via keyVaultValidate.NestedItemIdWithOptionalVersion (FACTS §15)")),
    matches(AGW, "ssl_certificate.key_vault_secret_id", "a Key Vault secret URL (/secrets/)", isKeyVaultSecretId, arm("listener certificates are read as Key Vault secrets"), "apply"),
    exactlyOneOf(AGW, "ssl_certificate", ["data", "key_vault_secret_id"], g("expandApplicationGatewaySslCertificates"), "apply"),
    rule(AGW, "arm", "a Key Vault certificate (listener or trusted root) is read by a user-assigned identity on the gateway", arm("Key Vault references need a user-assigned identity"), "apply", (body) =>
      ["ssl_certificate", "trusted_root_certificate"].flatMap((block) =>
        blocksAt(body, block)
          .filter((c) => isNonEmpty(c.key_vault_secret_id) && !blocksAt(body, "identity").some((i) => `${i.type}`.includes("UserAssigned") && isNonEmpty(i.identity_ids)))
          .map((c) => `${block} ${JSON.stringify(c.name)} reads Key Vault without a user-assigned identity`),
      ),
    ),
    rule(AGW, "arm", "the gateway has at most one user-assigned identity", `${arm("Application Gateway takes one user-assigned identity")}; Azure/azure-cli#10119 (review: "they cannot have multiple identities"), MicrosoftDocs/azure-docs#119093 ("Application Gateway doesn't support multiple identities")`, "apply", (body) =>
      blocksAt(body, "identity")
        .map((i) => [...new Set((i.identity_ids ?? []).filter((id: unknown) => !isUnknown(id)))])
        .filter((ids) => ids.length > 1)
        .map((ids) => `identity lists ${ids.length} user-assigned identities`),
    ),
    maxItems(AGW, "identity", 1, helpers("commonschema/identity_system_user.go", "SystemAssignedUserAssignedIdentityOptional")),
    oneOf(AGW, "identity.type", ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned"], helpers("commonschema/identity_system_user.go", "SystemAssignedUserAssignedIdentityOptional type")),
    armId(AGW, "identity.identity_ids", IDS.userAssignedIdentity, helpers("commonids/user_assigned_identity.go", "ValidateUserAssignedIdentityID (FACTS §15)")),
    rule(AGW, "provider-apply", "identity of a UserAssigned type lists identity_ids", helpers("identity/", "ExpandSystemAndUserAssignedMap"), "apply", (body) =>
      blocksAt(body, "identity").filter((i) => `${i.type}`.includes("UserAssigned") && !isNonEmpty(i.identity_ids)).map(() => "UserAssigned identity without identity_ids"),
    ),
  ];
}

/** Azure's rules for listener host names (multiple-site-overview.md, "Allowed characters" and "Conditions"). */
function hostNamePatternProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9.*?-]+$/.test(name)) return "has characters outside A-Z, a-z, 0-9, '-', '.', '*', '?'";
  if ((name.match(/\*/g) ?? []).length > 2) return "has more than two '*'";
  if ((name.match(/[*?]/g) ?? []).length > 4) return "has more than 4 wildcard characters";
  if (name.split(".").some((c) => (c.match(/\*/g) ?? []).length > 1)) return "has '*' twice in one component";
  if (/\*\?|\?\*|\*\*/.test(name)) return "combines '*' and '?' (or '**') in one component";
  return undefined;
}

/** The v2 limits Azure publishes (includes/application-gateway-limits.md); DRS or CRS 3.2, so not the CRS 3.1 value 40. */
function limitRules() {
  const limits = arm("Application Gateway v2 limits, MicrosoftDocs/azure-docs includes/application-gateway-limits.md");
  return [
    maxItems(AGW, "ssl_certificate", 100, `${limits}: SSL certificates 100`, "apply"),
    maxItems(AGW, "http_listener", 200, `${limits}: HTTP listeners 200`, "apply"),
    maxItems(AGW, "request_routing_rule", 400, `${limits}: HTTP load-balancing rules 400`, "apply"),
    maxItems(AGW, "frontend_port", 100, `${limits}: frontend ports 100`, "apply"),
    maxItems(AGW, "trusted_root_certificate", 100, `${limits}: trusted root certificates 100`, "apply"),
    maxItems(AGW, "http_listener.host_names", 5, `${limits}: host names per listener 5`, "apply"),
    rule(AGW, "arm", "at most 100 active listeners (listeners whose rule routes to a backend pool)", `${limits}: HTTP listeners, "Limited to 100 active listeners"`, "apply", (body) => {
      const active = new Set(blocksAt(body, "request_routing_rule").filter((r) => isNonEmpty(r.backend_address_pool_name)).map((r) => r.http_listener_name));
      return active.size > 100 ? [`${active.size} active listeners`] : [];
    }),
  ];
}

/** Multi-site listeners (`host_names`) and the redirect toward them. */
function multiSiteRules() {
  const site = (key: string) => azurerm(FILES.agw, key);
  return [
    matches(AGW, "http_listener.host_names", "not empty", notEmpty, site('schema "http_listener.host_names" (StringIsNotEmpty)')),
    rule(AGW, "arm", "http_listener.host_names follow Azure's host name pattern rules (characters, '*' and '?' conditions)", arm("multiple-site-overview.md, Wildcard host names in listener"), "apply", (body) =>
      blocksAt(body, "http_listener").flatMap((l) =>
        ((Array.isArray(l.host_names) ? l.host_names : []) as unknown[])
          .filter((n): n is string => typeof n === "string" && !isUnknown(n))
          .flatMap((n) => {
            const problem = hostNamePatternProblem(n);
            return problem ? [`http_listener ${JSON.stringify(l.name)}: host name ${JSON.stringify(n)} ${problem}`] : [];
          }),
      ),
    ),
    rule(AGW, "arm", "listeners on one frontend IP and port have distinct host names, and at most one has none (basic)", `${arm("ApplicationGatewayHttpListenersUsingSameFrontendPortHostNameAndFrontendIpConfig")}; Azure/application-gateway-kubernetes-ingress#912, #692; MicrosoftDocs/azure-docs#63542`, "apply", duplicateListenerHosts),
    rule(AGW, "arm", "a redirect's target listener has neither a wildcard nor several host names", arm("multiple-site-overview.md: no redirection rule with a target listener that uses wildcard or multiple host names"), "apply", (body) =>
      blocksAt(body, "redirect_configuration").flatMap((r) => {
        const target = blocksAt(body, "http_listener").find((l) => l.name === r.target_listener_name);
        const hosts: unknown[] = Array.isArray(target?.host_names) ? target.host_names : [];
        return hosts.length > 1 || hosts.some((h) => typeof h === "string" && /[*?]/.test(h))
          ? [`redirect_configuration ${JSON.stringify(r.name)} targets ${JSON.stringify(target.name)}, which has ${JSON.stringify(hosts)}`]
          : [];
      }),
    ),
  ];
}

function duplicateListenerHosts(body: any): string[] {
  const byPort = new Map<string, { hosts: string[]; basic: string[] }>();
  for (const l of blocksAt(body, "http_listener")) {
    const key = `${l.frontend_ip_configuration_name}/${l.frontend_port_name}`;
    const entry = byPort.get(key) ?? { hosts: [], basic: [] };
    const hosts: unknown[] = isNonEmpty(l.host_names) ? l.host_names : isNonEmpty(l.host_name) ? [l.host_name] : [];
    if (hosts.length === 0) entry.basic.push(l.name);
    entry.hosts.push(...hosts.filter((h): h is string => typeof h === "string" && !isUnknown(h)).map((h) => h.toLowerCase()));
    byPort.set(key, entry);
  }
  return [...byPort.entries()].flatMap(([key, e]) => [
    ...unique(e.hosts).map((h) => `host name ${JSON.stringify(h)} is on two listeners of ${key}`),
    ...(e.basic.length > 1 ? [`${key} has ${e.basic.length} basic listeners (${e.basic.join(", ")})`] : []),
  ]);
}

function trustedRootRules() {
  const tr = "trusted_root_certificate";
  return [
    matches(AGW, `${tr}.name`, "not empty", notEmpty, g(`schema "${tr}.name" (StringIsNotEmpty)`)),
    matches(AGW, `${tr}.key_vault_secret_id`, "a Key Vault nested item ID (https://<vault>/<secrets|…>/<name>[/<version>], type case-sensitive)", isKeyVaultNestedItemId,
      `${g(`schema "${tr}.key_vault_secret_id" (keyVaultValidate.NestedItemIdWithOptionalVersion)`)}; ${azurerm(FILES.keyVaultParse, "ParseOptionallyVersionedNestedItemID (FACTS §15)")}`),
    matches(AGW, `${tr}.key_vault_secret_id`, "a Key Vault secret URL (/secrets/)", isKeyVaultSecretId, arm("trustedRootCertificates keyVaultSecretId is the secret ID of a 'Secret' or 'Certificate' object"), "apply"),
    exactlyOneOf(AGW, tr, ["data", "key_vault_secret_id"], g("expandApplicationGatewayTrustedRootCertificates (\"either\" / \"only one of\" errors)"), "apply"),
    matches(AGW, "backend_http_settings.trusted_root_certificate_names", "not empty", notEmpty, g('schema "backend_http_settings.trusted_root_certificate_names" (StringIsNotEmpty)')),
    rule(AGW, "arm", "a probe uses the protocol of the backend settings that reference it", arm("application-gateway-probe-overview.md: the probe protocol has to match the backend HTTP settings'"), "apply", (body) =>
      blocksAt(body, "backend_http_settings").flatMap((settings) => {
        const probe = blocksAt(body, "probe").find((p) => p.name === settings.probe_name);
        return probe && !isUnknown(probe.protocol) && !isUnknown(settings.protocol) && probe.protocol !== settings.protocol
          ? [`backend_http_settings ${JSON.stringify(settings.name)} is ${settings.protocol}, its probe ${JSON.stringify(probe.name)} is ${probe.protocol}`]
          : [];
      }),
    ),
  ];
}

function gatewayRules() {
  return [
    matches(AGW, "name", "an Application Gateway name (1-80)", (v) => /^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_])?$/.test(v), arm("Microsoft.Network/applicationGateways name rule"), "apply"),
    matches(AGW, "resource_group_name", "a resource group name", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName")),
    matches(AGW, "zones", "not empty", notEmpty, helpers("commonschema/zones.go", "ZonesMultipleOptionalForceNew")),
    ...backendRules(),
    ...frontendRules(),
    ...routingRules(),
    ...probeRules(),
    ...skuRules(),
    ...tlsRules(),
    ...trustedRootRules(),
    ...multiSiteRules(),
    ...limitRules(),
    ...referenceRules(),
  ];
}

/** custom_rules of the WAF policy: the schema at commit 003ae81d (network 2025-01-01), and what Azure adds at apply. */
function wafCustomRuleRules() {
  const cr = "custom_rules";
  const mc = `${cr}.match_conditions`;
  const k = (key: string) => w(`schema "${cr}"${key}`);
  return [
    oneOf(WAF, `${cr}.action`, ["Allow", "Block", "Log", "JSChallenge"], k(".action")),
    oneOf(WAF, `${cr}.rule_type`, ["MatchRule", "RateLimitRule", "Invalid"], k(".rule_type")),
    oneOf(WAF, `${cr}.rate_limit_duration`, ["OneMin", "FiveMins"], k(".rate_limit_duration (PossibleValuesForApplicationGatewayFirewallRateLimitDuration)")),
    oneOf(WAF, `${cr}.group_rate_limit_by`, ["ClientAddr", "GeoLocation", "None"], k(".group_rate_limit_by (PossibleValuesForApplicationGatewayFirewallUserSessionVariable)")),
    intBetween(WAF, `${cr}.rate_limit_threshold`, 1, Number.MAX_SAFE_INTEGER, k(".rate_limit_threshold (validation.IntAtLeast(1))")),
    oneOf(WAF, `${mc}.match_variables.variable_name`,
      ["RemoteAddr", "RequestMethod", "QueryString", "PostArgs", "RequestUri", "RequestHeaders", "RequestBody", "RequestCookies"], k(".match_conditions.match_variables.variable_name")),
    oneOf(WAF, `${mc}.operator`,
      ["Any", "IPMatch", "GeoMatch", "Equal", "Contains", "LessThan", "GreaterThan", "LessThanOrEqual", "GreaterThanOrEqual", "BeginsWith", "EndsWith", "Regex"], k(".match_conditions.operator")),
    oneOf(WAF, `${mc}.transforms`, ["HtmlEntityDecode", "Lowercase", "RemoveNulls", "Trim", "Uppercase", "UrlDecode", "UrlEncode"], k(".match_conditions.transforms (PossibleValuesForWebApplicationFirewallTransform)")),
    intBetween(WAF, `${cr}.priority`, 1, 100, arm("WAF policy custom rule priority 1-100; azurerm has no ValidateFunc on priority"), "apply"),
    rule(WAF, "arm", "custom rule names and priorities are unique in the policy, at most 100 rules", arm("WAF policy custom rules: unique name and priority, 100 per policy"), "apply", (body) => {
      const rules = blocksAt(body, cr);
      const names = rules.map((r) => r.name).filter((n) => isSet(n) && !isUnknown(n));
      const priorities = rules.map((r) => r.priority).filter((n) => isSet(n) && !isUnknown(n));
      return [
        ...unique(names).map((n) => `custom rule name ${JSON.stringify(n)} is used twice`),
        ...unique(priorities).map((p) => `custom rule priority ${p} is used twice`),
        ...(rules.length > 100 ? [`${rules.length} custom rules, more than 100`] : []),
      ];
    }),
    rule(WAF, "arm", "a rate-limit rule names its threshold and duration", arm("RateLimitRule requires rateLimitThreshold and rateLimitDuration"), "apply", (body) =>
      blocksAt(body, cr)
        .filter((r) => r.rule_type === "RateLimitRule" && (!isSet(r.rate_limit_threshold) || !isSet(r.rate_limit_duration)))
        .map((r) => `rate-limit rule ${JSON.stringify(r.name)} without rate_limit_threshold or rate_limit_duration`),
    ),
    rule(WAF, "arm", "IPMatch conditions match RemoteAddr", arm("IPMatch applies to RemoteAddr only"), "apply", (body) =>
      blocksAt(body, mc)
        .filter((c) => c.operator === "IPMatch" && blocksAt(c, "match_variables").some((v) => v.variable_name !== "RemoteAddr"))
        .map(() => "an IPMatch condition on a variable other than RemoteAddr"),
    ),
  ];
}

function wafRules() {
  const mrs = "managed_rules.managed_rule_set";
  const versions = ["0.1", "1.0", "1.1", "2.1", "2.2.9", "3.0", "3.1", "3.2"];
  return [
    matches(WAF, "name", "not empty", notEmpty, w('schema "name"')),
    maxItems(WAF, "managed_rules", 1, w('schema "managed_rules"')),
    minItems(WAF, mrs, 1, w(`schema "${mrs}"`)),
    oneOf(WAF, `${mrs}.type`, ["OWASP", "Microsoft_BotManagerRuleSet", "Microsoft_DefaultRuleSet"], azurerm(FILES.wafValidate, "ValidateWebApplicationFirewallPolicyRuleSetType")),
    oneOf(WAF, `${mrs}.version`, versions, `${azurerm(FILES.wafValidate, "ValidateWebApplicationFirewallPolicyRuleSetVersion")} (one flat list; 1.1 added by #28039 in 4.x, 2.2 only from 4.60.0)`),
    rule(WAF, "arm", "each managed rule set type is paired with a version Azure serves for that type", `${arm("managed rule set type/version pairs")}; ${facts("§8, §15")}`, "apply", (body) =>
      blocksAt(body, mrs)
        .filter((s) => !isUnknown(s.version) && RULE_SET_VERSIONS[s.type ?? "OWASP"] !== undefined && !RULE_SET_VERSIONS[s.type ?? "OWASP"].includes(s.version))
        .map((s) => `${s.type ?? "OWASP"} ${s.version} does not exist (valid: ${RULE_SET_VERSIONS[s.type ?? "OWASP"].join(", ")})`),
    ),
    rule(WAF, "arm", "each managed rule set type appears once, with exactly one core set (OWASP or Microsoft_DefaultRuleSet)", arm("managed rule sets of a policy"), "apply", (body) => {
      const types = blocksAt(body, mrs).map((s) => s.type ?? "OWASP");
      const core = types.filter((t) => t === "OWASP" || t === "Microsoft_DefaultRuleSet").length;
      return [...unique(types).map((t) => `${t} is listed twice`), ...(core === 1 ? [] : [`${core} core rule sets (OWASP/Microsoft_DefaultRuleSet), exactly one needed`])];
    }),
    maxItems(WAF, "policy_settings", 1, w('schema "policy_settings"')),
    oneOf(WAF, "policy_settings.mode", ["Prevention", "Detection"], w('schema "policy_settings.mode"')),
    intBetween(WAF, "policy_settings.file_upload_limit_in_mb", 1, 4000, w('schema "policy_settings.file_upload_limit_in_mb"')),
    intBetween(WAF, "policy_settings.max_request_body_size_in_kb", 8, 2000, w('schema "policy_settings.max_request_body_size_in_kb"')),
  ];
}

function publicIpRules() {
  const p = (key: string) => azurerm(FILES.pip, key);
  return [
    matches(PIP, "name", "not empty", notEmpty, p('schema "name"')),
    oneOf(PIP, "allocation_method", ["Static", "Dynamic"], p('schema "allocation_method"')),
    oneOf(PIP, "sku", ["Basic", "Standard"], p('schema "sku" (PossibleValuesForPublicIPAddressSkuName, network 2025-01-01)')),
    matches(PIP, "zones", "not empty", notEmpty, helpers("commonschema/zones.go", "ZonesMultipleOptionalForceNew")),
    rule(PIP, "provider-apply", "a Standard public IP is Static; no new Basic public IPs", p("CustomizeDiff"), "plan", (body) => [
      ...((body.sku ?? "Standard") === "Standard" && body.allocation_method !== "Static" ? ["sku Standard needs allocation_method Static"] : []),
      ...(body.sku === "Basic" ? ["Basic public IPs can no longer be created"] : []),
    ]),
  ];
}

function diagnosticsRules() {
  const law = "azurerm_log_analytics_workspace";
  const diag = "azurerm_monitor_diagnostic_setting";
  const d = (key: string) => azurerm(FILES.diag, key);
  // Categories by target resource type (Azure Monitor "supported logs" of Microsoft.Network/applicationGateways and
  // Microsoft.ContainerService/managedClusters); the target is read from the setting's target_resource_id reference.
  const categories: { readonly [type: string]: readonly string[] } = {
    azurerm_application_gateway: ["ApplicationGatewayAccessLog", "ApplicationGatewayPerformanceLog", "ApplicationGatewayFirewallLog"],
    azurerm_kubernetes_cluster: [
      "cloud-controller-manager", "cluster-autoscaler", "csi-azuredisk-controller", "csi-azurefile-controller", "csi-snapshot-controller",
      "guard", "kube-apiserver", "kube-audit", "kube-audit-admin", "kube-controller-manager", "kube-scheduler",
    ],
  };
  const targetType = (body: any): string => String(referencedAddress(body.target_resource_id) ?? "").split(".")[0];
  return [
    matches(law, "name", "a workspace name (4-63, alphanumerics and hyphens)", isWorkspaceName, azurerm("loganalytics/validate/log_analytics_workspace_name.go", "LogAnalyticsWorkspaceName")),
    oneOfIgnoringCase(law, "sku", ["Free", "PerGB2018", "PerNode", "Premium", "Standalone", "Standard", "CapacityReservation", "Unlimited"], azurerm(FILES.law, 'schema "sku"')),
    rule(law, "range", "retention_in_days is 7 or 30 to 730", azurerm(FILES.law, 'schema "retention_in_days"'), "validate", (body) =>
      typeof body.retention_in_days === "number" && body.retention_in_days !== 7 && (body.retention_in_days < 30 || body.retention_in_days > 730) ? [`retention_in_days ${body.retention_in_days}`] : [],
    ),
    matches(diag, "name", "not empty", notEmpty, d('schema "name"')),
    armId(diag, "log_analytics_workspace_id", IDS.workspace, d('schema "log_analytics_workspace_id" (workspaces.ValidateWorkspaceID)')),
    atLeastOneOf(diag, "", ["eventhub_authorization_rule_id", "log_analytics_workspace_id", "storage_account_id", "partner_solution_id"], d('schema "log_analytics_workspace_id" AtLeastOneOf')),
    atLeastOneOf(diag, "", ["enabled_log", "enabled_metric", "metric"], d('schema "enabled_log" AtLeastOneOf (enabled_metric per the 4.55.0 binding)')),
    exactlyOneOf(diag, "enabled_log", ["category", "category_group"], arm("diagnostic setting log entry names a category or a category group"), "apply"),
    rule(diag, "arm", "enabled_log categories exist for the target's resource type (Application Gateway, AKS cluster); metrics are AllMetrics",
      arm("Azure Monitor supported categories: reference/supported-logs/microsoft-network-applicationgateways-logs, microsoft-containerservice-managedclusters-logs"), "apply", (body) => [
        ...blocksAt(body, "enabled_log")
          .filter((l) => isSet(l.category) && !(categories[targetType(body)] ?? []).includes(l.category))
          .map((l) => `log category ${l.category} for ${targetType(body) || "an unknown target"}`),
        ...blocksAt(body, "enabled_metric").filter((m) => m.category !== "AllMetrics").map((m) => `metric category ${m.category}`),
      ]),
    oneOf(diag, "log_analytics_destination_type", ["Dedicated", "AzureDiagnostics"], d('schema "log_analytics_destination_type"')),
  ];
}

/** azurerm_application_gateway, azurerm_web_application_firewall_policy, azurerm_public_ip, Log Analytics and diagnostics. */
export const EDGE_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: AGW,
    source: `${azurerm(FILES.agw, "schema, Create/Update, CustomizeDiff")}; read at commit 003ae81d (network 2025-01-01, has dedicated_backend_connection_enabled from 4.52.0: 4.52-4.55 era)`,
    reviewed: [
      "name", "location", "resource_group_name", "zones", "firewall_policy_id", "force_firewall_policy_association",
      "identity.type", "identity.identity_ids", "sku.name", "sku.tier", "autoscale_configuration.min_capacity",
      "autoscale_configuration.max_capacity", "ssl_policy.policy_type", "ssl_policy.policy_name",
      "gateway_ip_configuration.name", "gateway_ip_configuration.subnet_id",
      "frontend_ip_configuration.name", "frontend_ip_configuration.public_ip_address_id",
      "frontend_port.name", "frontend_port.port", "backend_address_pool.name", "backend_address_pool.ip_addresses",
      "backend_http_settings.name", "backend_http_settings.port", "backend_http_settings.protocol",
      "backend_http_settings.cookie_based_affinity", "backend_http_settings.pick_host_name_from_backend_address",
      "backend_http_settings.request_timeout", "backend_http_settings.probe_name", "backend_http_settings.trusted_root_certificate_names",
      "trusted_root_certificate.name", "trusted_root_certificate.key_vault_secret_id",
      "probe.name", "probe.protocol", "probe.path", "probe.host", "probe.pick_host_name_from_backend_http_settings",
      "probe.port", "probe.interval", "probe.timeout", "probe.unhealthy_threshold", "probe.match.status_code",
      "ssl_certificate.name", "ssl_certificate.key_vault_secret_id",
      "http_listener.name", "http_listener.frontend_ip_configuration_name", "http_listener.frontend_port_name",
      "http_listener.protocol", "http_listener.ssl_certificate_name", "http_listener.host_names",
      "redirect_configuration.name", "redirect_configuration.redirect_type", "redirect_configuration.target_listener_name",
      "redirect_configuration.include_path", "redirect_configuration.include_query_string",
      "request_routing_rule.name", "request_routing_rule.rule_type", "request_routing_rule.http_listener_name",
      "request_routing_rule.backend_address_pool_name", "request_routing_rule.backend_http_settings_name",
      "request_routing_rule.redirect_configuration_name", "request_routing_rule.priority", "depends_on",
    ],
    constraints: gatewayRules(),
  },
  {
    resource: WAF,
    source: `${azurerm(FILES.waf, "schema")} read at commit 003ae81d; ${azurerm(FILES.wafValidate, "rule set lists")} read at an older commit, with 1.1 from #28039 (CHANGELOG-v4)`,
    reviewed: [
      "name", "location", "resource_group_name", "managed_rules.managed_rule_set.type", "managed_rules.managed_rule_set.version",
      "policy_settings.enabled", "policy_settings.mode", "policy_settings.request_body_check",
      "policy_settings.max_request_body_size_in_kb", "policy_settings.file_upload_limit_in_mb",
      "policy_settings.request_body_enforcement", "policy_settings.file_upload_enforcement",
      "custom_rules.name", "custom_rules.priority", "custom_rules.rule_type", "custom_rules.action",
      "custom_rules.rate_limit_duration", "custom_rules.rate_limit_threshold", "custom_rules.group_rate_limit_by",
      "custom_rules.match_conditions.operator", "custom_rules.match_conditions.negation_condition",
      "custom_rules.match_conditions.match_values", "custom_rules.match_conditions.transforms",
      "custom_rules.match_conditions.match_variables.variable_name", "custom_rules.match_conditions.match_variables.selector",
    ],
    constraints: [...wafRules(), ...wafCustomRuleRules()],
  },
  {
    resource: PIP,
    source: `${azurerm(FILES.pip, "schema and CustomizeDiff")}; read at commit 06598ec9 (after 4.55.0; StandardV2 is newer and not accepted here)`,
    reviewed: ["name", "location", "resource_group_name", "sku", "allocation_method", "zones"],
    constraints: publicIpRules(),
  },
  {
    resource: "azurerm_log_analytics_workspace",
    source: `${azurerm(FILES.law, "schema")}; read at an old commit (0065eefe); sku and retention rules unchanged in the 4.55.0 binding`,
    reviewed: ["name", "location", "resource_group_name", "sku", "retention_in_days"],
    constraints: diagnosticsRules().filter((c) => c.resource === "azurerm_log_analytics_workspace"),
  },
  {
    resource: "azurerm_monitor_diagnostic_setting",
    source: `${azurerm(FILES.diag, "schema and Create")}; read at commit 03ea3132 (3.x, before enabled_metric); ${binding("monitor-diagnostic-setting")}`,
    reviewed: ["name", "target_resource_id", "log_analytics_workspace_id", "log_analytics_destination_type", "enabled_log.category", "enabled_metric.category"],
    constraints: diagnosticsRules().filter((c) => c.resource === "azurerm_monitor_diagnostic_setting"),
  },
];
