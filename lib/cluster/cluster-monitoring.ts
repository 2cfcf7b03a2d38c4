import { Construct } from "constructs";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { MonitorDataCollectionEndpoint } from "@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint";
import { MonitorWorkspace } from "@cdktf/provider-azurerm/lib/monitor-workspace";
import { IResourceGroup } from "../network/resource-group";

/**
 * AKS control-plane log categories a diagnostic setting can send to Log Analytics.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-containerservice-managedclusters-logs
 */
export enum ControlPlaneLogCategory {
  /** API server requests and responses: large. */
  KUBE_APISERVER = "kube-apiserver",
  /** Every audit event, `get` and `list` included: the largest category. */
  KUBE_AUDIT = "kube-audit",
  /** Audit events that change something (no `get` or `list`): who did what, at a fraction of `kube-audit`. */
  KUBE_AUDIT_ADMIN = "kube-audit-admin",
  /** Controller manager. */
  KUBE_CONTROLLER_MANAGER = "kube-controller-manager",
  /** Scheduler: useful while tuning scheduling, little value otherwise. */
  KUBE_SCHEDULER = "kube-scheduler",
  /** Cluster autoscaler decisions. */
  CLUSTER_AUTOSCALER = "cluster-autoscaler",
  /** Cloud controller manager (load balancers, routes). */
  CLOUD_CONTROLLER_MANAGER = "cloud-controller-manager",
  /** Entra ID and Azure RBAC authentication and authorization decisions. */
  GUARD = "guard",
  /** Azure Disk CSI controller. */
  CSI_AZUREDISK_CONTROLLER = "csi-azuredisk-controller",
  /** Azure Files CSI controller. */
  CSI_AZUREFILE_CONTROLLER = "csi-azurefile-controller",
  /** CSI snapshot controller. */
  CSI_SNAPSHOT_CONTROLLER = "csi-snapshot-controller",
}

/**
 * What the cluster sends to Azure Monitor. Log Analytics ingestion is billed per GB and Azure Monitor workspace
 * ingestion per metric sample; see each option.
 *
 * @see https://learn.microsoft.com/azure/aks/monitor-aks
 */
export interface ClusterMonitoringOptions {
  /**
   * Resource ID of the Log Analytics workspace that receives Container Insights data, control-plane logs and, with
   * `defender`, Microsoft Defender data. `PlatformStack` sets it from `logAnalytics` or
   * `existingLogAnalyticsWorkspaceId`.
   *
   * @default - no workspace: no Container Insights, no control-plane logs, no Defender
   */
  readonly logAnalyticsWorkspaceId?: string;
  /**
   * Container Insights: the Azure Monitor agent (`oms_agent` with managed-identity authentication) and a data
   * collection rule sending container logs (ContainerLogV2), Kubernetes inventory and events and node performance
   * to the workspace every minute. Costs Log Analytics ingestion per GB, which grows with container log volume.
   * Needs `logAnalyticsWorkspaceId`.
   *
   * @default - on when `logAnalyticsWorkspaceId` is given, off otherwise
   * @see https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
   */
  readonly containerInsights?: boolean;
  /**
   * Control-plane log categories sent to the workspace by a diagnostic setting on the cluster, into
   * resource-specific tables (`AKSAudit`, `AKSAuditAdmin`, `AKSControlPlane`). Costs Log Analytics ingestion per
   * GB; `kube-audit` and `kube-apiserver` are large. Needs `logAnalyticsWorkspaceId`; `[]` sends none.
   *
   * @default - with a workspace, the AKS baseline's `kube-audit-admin`, `guard`, `cluster-autoscaler` and
   * `kube-controller-manager` (`AksCluster.DEFAULT_CONTROL_PLANE_LOGS`); none without one
   * @see https://learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs
   */
  readonly controlPlaneLogs?: ControlPlaneLogCategory[];
  /**
   * Azure Monitor managed service for Prometheus: an Azure Monitor workspace `amw-<prefix>`, a data collection
   * endpoint and rule, and their association with the cluster, which turns on the metrics add-on
   * (`monitor_metrics`). Costs per metric sample ingested and queried; needs no Log Analytics workspace.
   *
   * @default false
   * @see https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
   */
  readonly managedPrometheus?: boolean;
}

/** {@link ClusterMonitoringOptions} with defaults applied, as {@link ClusterMonitoring} renders them. */
export interface ClusterMonitoringSettings {
  /** Workspace of Container Insights, control-plane logs and Defender. */
  readonly logAnalyticsWorkspaceId?: string;
  /** Whether Container Insights is on. */
  readonly containerInsights: boolean;
  /** Control-plane categories sent to the workspace. */
  readonly controlPlaneLogs: readonly ControlPlaneLogCategory[];
  /** Whether managed Prometheus is on. */
  readonly managedPrometheus: boolean;
}

/** Props of {@link ClusterMonitoring}. */
export interface ClusterMonitoringProps {
  /** Resource ID of the cluster. */
  readonly clusterId: string;
  /** Resource group (and region) of the monitoring resources. */
  readonly resourceGroup: IResourceGroup;
  /** Prefix of the Azure names. */
  readonly namePrefix: string;
  /** What to turn on. */
  readonly settings: ClusterMonitoringSettings;
}

/**
 * Streams of the Container Insights data collection rule: the defaults of Azure's onboarding template
 * (microsoft/Docker-Provider: scripts/onboarding/aks/onboarding-msi-terraform/variables.tf) without the legacy
 * `Microsoft-ContainerLog`, since ContainerLogV2 is on and would carry the same logs twice.
 */
const CONTAINER_INSIGHTS_STREAMS = [
  "Microsoft-ContainerLogV2",
  "Microsoft-KubeEvents",
  "Microsoft-KubePodInventory",
  "Microsoft-KubeNodeInventory",
  "Microsoft-KubePVInventory",
  "Microsoft-KubeServices",
  "Microsoft-KubeMonAgentEvents",
  "Microsoft-InsightsMetrics",
  "Microsoft-ContainerInventory",
  "Microsoft-ContainerNodeInventory",
  "Microsoft-Perf",
];

const PROMETHEUS_STREAM = "Microsoft-PrometheusMetrics";

/**
 * The Azure Monitor resources around a cluster: the control-plane diagnostic setting, the Container Insights data
 * collection rule and association, and managed Prometheus (Azure Monitor workspace, data collection endpoint,
 * rule and association), each as Azure documents it. The cluster's own attributes (`oms_agent`, `monitor_metrics`)
 * are set by {@link AksCluster}. Created by `AksCluster` as its child `Monitoring` when anything is on.
 *
 * Construct ids: `ControlPlaneLogs`, `ContainerInsightsRule`, `ContainerInsightsAssociation`,
 * `PrometheusWorkspace`, `PrometheusEndpoint`, `PrometheusRule`, `PrometheusAssociation`.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable
 */
export class ClusterMonitoring extends Construct {
  /** The diagnostic setting sending control-plane logs, when categories are on. */
  public readonly controlPlaneLogs?: MonitorDiagnosticSetting;
  /** The Container Insights data collection rule, when Container Insights is on. */
  public readonly containerInsightsRule?: MonitorDataCollectionRule;
  /** The Azure Monitor workspace holding Prometheus metrics, when managed Prometheus is on. */
  public readonly prometheusWorkspace?: MonitorWorkspace;

  constructor(scope: Construct, id: string, props: ClusterMonitoringProps) {
    super(scope, id);
    const { settings } = props;
    const workspaceId = settings.logAnalyticsWorkspaceId;
    if (workspaceId !== undefined && settings.controlPlaneLogs.length > 0) {
      this.controlPlaneLogs = new MonitorDiagnosticSetting(this, "ControlPlaneLogs", {
        name: `diag-aks-${props.namePrefix}`,
        targetResourceId: props.clusterId,
        logAnalyticsWorkspaceId: workspaceId,
        logAnalyticsDestinationType: "Dedicated",
        enabledLog: settings.controlPlaneLogs.map((category) => ({ category })),
      });
    }
    if (workspaceId !== undefined && settings.containerInsights) {
      this.containerInsightsRule = this.containerInsights(props, workspaceId);
    }
    if (settings.managedPrometheus) this.prometheusWorkspace = this.prometheus(props);
  }

  /** The data collection rule and association of Azure's Container Insights onboarding template. */
  private containerInsights(props: ClusterMonitoringProps, workspaceId: string): MonitorDataCollectionRule {
    const rule = new MonitorDataCollectionRule(this, "ContainerInsightsRule", {
      name: `dcr-ci-${props.namePrefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      description: "Container Insights data of the AKS cluster",
      destinations: { logAnalytics: [{ name: "ciworkspace", workspaceResourceId: workspaceId }] },
      dataFlow: [{ streams: CONTAINER_INSIGHTS_STREAMS, destinations: ["ciworkspace"] }],
      dataSources: {
        extension: [
          {
            name: "ContainerInsightsExtension",
            extensionName: "ContainerInsights",
            streams: CONTAINER_INSIGHTS_STREAMS,
            extensionJson: JSON.stringify({
              dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
            }),
          },
        ],
      },
    });
    new MonitorDataCollectionRuleAssociation(this, "ContainerInsightsAssociation", {
      name: "ContainerInsightsExtension",
      targetResourceId: props.clusterId,
      dataCollectionRuleId: rule.id,
      description: "Container Insights of the cluster; deleting it stops the collection.",
    });
    return rule;
  }

  /** Workspace, endpoint, rule and association of Azure's managed Prometheus template (Azure/prometheus-collector). */
  private prometheus(props: ClusterMonitoringProps): MonitorWorkspace {
    const common = { resourceGroupName: props.resourceGroup.name, location: props.resourceGroup.location };
    const workspace = new MonitorWorkspace(this, "PrometheusWorkspace", { ...common, name: `amw-${props.namePrefix}` });
    const endpoint = new MonitorDataCollectionEndpoint(this, "PrometheusEndpoint", { ...common, name: `dce-${props.namePrefix}`, kind: "Linux" });
    const rule = new MonitorDataCollectionRule(this, "PrometheusRule", {
      ...common,
      name: `dcr-prom-${props.namePrefix}`,
      kind: "Linux",
      description: "Managed Prometheus metrics of the AKS cluster",
      dataCollectionEndpointId: endpoint.id,
      destinations: { monitorAccount: [{ name: "MonitoringAccount1", monitorAccountId: workspace.id }] },
      dataFlow: [{ streams: [PROMETHEUS_STREAM], destinations: ["MonitoringAccount1"] }],
      dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_STREAM] }] },
    });
    new MonitorDataCollectionRuleAssociation(this, "PrometheusAssociation", {
      name: `dcra-prom-${props.namePrefix}`,
      targetResourceId: props.clusterId,
      dataCollectionRuleId: rule.id,
      description: "Managed Prometheus of the cluster; deleting it stops the collection.",
    });
    return workspace;
  }
}
