import { TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ClusterCredentials, KubernetesConnection } from "../cluster-credentials";

import type { ClusterLocation } from "../traffic-stack";

/**
 * The azurerm provider, a data source reading the cluster (construct id `Cluster`), and the Kubernetes provider
 * connected to it, in `stack`. No credential passes through another stack's outputs.
 */
export function connectToCluster(stack: TerraformStack, cluster: ClusterLocation, credentials: ClusterCredentials): KubernetesConnection {
  new AzurermProvider(stack, "azurerm", { features: [{}], subscriptionId: cluster.subscriptionId });
  const data = new DataAzurermKubernetesCluster(stack, "Cluster", {
    name: cluster.clusterName,
    resourceGroupName: cluster.resourceGroupName,
  });
  const connection = credentials.connect(data);
  new KubernetesProvider(stack, "kubernetes", { ...connection, exec: connection.exec ? [connection.exec] : undefined });
  return connection;
}
