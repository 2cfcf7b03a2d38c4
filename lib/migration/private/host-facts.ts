/**
 * What ingress-nginx decided per host, read from the nginx model, that the conversion of one Ingress needs: whether
 * the host's paths are regular expressions (and because of which Ingress), whether it has a certificate, which
 * Ingress created its server (whose root location answers the paths no rule names), and whose app-root it uses.
 */
import { CATCH_ALL, NginxConfig, NginxLocation, NginxServer } from "./nginx/config";

/** Host facts for the conversion; a host no Ingress names is the catch-all server `_` (rules without a host). */
export class HostFacts {
  constructor(
    private readonly config: NginxConfig,
    /** Hostnames that stand for the catch-all server (`defaultHostnames`). */
    private readonly defaultHosts: readonly string[] = [],
  ) {}

  /** The server ingress-nginx uses for `host`. */
  public server(host: string): NginxServer {
    if (this.defaultHosts.includes(host)) return this.config.servers.get(CATCH_ALL)!;
    return this.config.servers.get(host) ?? this.config.servers.get(CATCH_ALL)!;
  }

  /** Whether nginx matched every path of `host` as a case-insensitive regular expression. */
  public regex(host: string): boolean {
    return this.server(host).enforceRegex;
  }

  /** The Ingresses whose use-regex or rewrite made `host` a regex host. */
  public regexCause(host: string): string {
    const causes = this.server(host).locations.filter((l) => l.settings?.useRegex || (l.settings?.rewriteTarget && l.settings.rewriteTarget !== l.path));
    return [...new Set(causes.map((l) => l.settings!.ingress))].join(", ") || "an Ingress";
  }

  /** Whether a certificate is configured for `host` (some Ingress lists it under `tls`), so nginx redirected HTTP. */
  public hasCertificate(host: string): boolean {
    return this.server(host).hasCertificate;
  }

  /**
   * The root location of `host` when Ingress `ingress` created the server and no path "/" replaced it: it answers
   * the paths no rule names, with the Ingress's defaultBackend (or 404) and its annotations.
   */
  public rootOf(host: string, ingress: string): NginxLocation | undefined {
    const root = this.server(host).locations.find((l) => l.isDefaultRoot);
    return root?.settings?.ingress === ingress ? root : undefined;
  }

  /** The Ingress whose app-root the host answers `/` with (the first location that has one). */
  public appRootIngress(host: string): string | undefined {
    return this.server(host).locations.find((l) => l.settings?.appRoot)?.settings?.ingress;
  }

  /** Whether `host` is also named by an Ingress rule (so it cannot stand for the catch-all). */
  public isNamed(host: string): boolean {
    return this.config.servers.has(host);
  }
}
