import { Fn } from "cdktf";
import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";

/** How kubelogin gets an Entra ID token for the Kubernetes and Helm providers. */
export enum KubeloginMode {
  /** The Azure CLI login of the person running `cdktf deploy` (`az login`). */
  AZURE_CLI = "azurecli",
  /** Workload identity federation, e.g. a GitHub Actions or Azure DevOps pipeline. */
  WORKLOAD_IDENTITY = "workloadidentity",
  /** A managed identity of the machine running Terraform. */
  MANAGED_IDENTITY = "msi",
  /** A service principal from `AAD_SERVICE_PRINCIPAL_CLIENT_ID` / `AAD_SERVICE_PRINCIPAL_CLIENT_SECRET`. */
  SERVICE_PRINCIPAL = "spn",
}

/** Connection settings shared by the Kubernetes and Helm providers. */
export interface KubernetesConnection {
  /** API server URL. */
  readonly host: string;
  /** PEM CA certificate of the API server. */
  readonly clusterCaCertificate: string;
  /**
   * PEM client certificate (admin credentials only).
   *
   * @default - None; the exec plugin authenticates
   */
  readonly clientCertificate?: string;
  /**
   * PEM client key (admin credentials only).
   *
   * @default - None; the exec plugin authenticates
   */
  readonly clientKey?: string;
  /**
   * Exec credential plugin (kubelogin).
   *
   * @default - None; the client certificate authenticates
   */
  readonly exec?: { readonly apiVersion: string; readonly command: string; readonly args: string[] };
}

/**
 * How the Kubernetes stack authenticates to the cluster. The endpoint and CA come from a data source read
 * in that stack, so no credential ever passes through stack outputs or state of the Azure stack.
 */
export class ClusterCredentials {
  /** AKS's fixed Entra ID server application ID, the audience of cluster tokens. */
  public static readonly AKS_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

  /**
   * Entra ID tokens through the `kubelogin` exec plugin (must be on PATH). Works with local accounts
   * disabled, the cluster default.
   */
  public static kubelogin(mode: KubeloginMode = KubeloginMode.AZURE_CLI): ClusterCredentials {
    return new ClusterCredentials((cluster) => ({
      host: cluster.kubeConfig.get(0).host,
      clusterCaCertificate: Fn.base64decode(cluster.kubeConfig.get(0).clusterCaCertificate),
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", mode, "--server-id", ClusterCredentials.AKS_SERVER_ID],
      },
    }));
  }

  /**
   * The cluster's admin client certificate. Only for clusters that keep local accounts enabled; the
   * certificate then sits in this stack's Terraform state.
   */
  public static admin(): ClusterCredentials {
    return new ClusterCredentials((cluster) => {
      const admin = cluster.kubeAdminConfig.get(0);
      return {
        host: admin.host,
        clusterCaCertificate: Fn.base64decode(admin.clusterCaCertificate),
        clientCertificate: Fn.base64decode(admin.clientCertificate),
        clientKey: Fn.base64decode(admin.clientKey),
      };
    });
  }

  private constructor(private readonly resolve: (cluster: DataAzurermKubernetesCluster) => KubernetesConnection) {}

  /** The connection settings for a cluster read with a data source. */
  public connect(cluster: DataAzurermKubernetesCluster): KubernetesConnection {
    return this.resolve(cluster);
  }
}
