/**
 * The cluster's guardrail and monitoring options with defaults applied, and their synth-time checks: each
 * feature that sends data to Log Analytics needs a workspace, and asking for one without it fails with the fix
 * instead of passing silently. Internal to the cluster layer.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../../private/errors";
import { LOG_ANALYTICS_WORKSPACE_ID, armIdProblem } from "../../core/azure-ids";
import { ClusterMonitoringOptions, ClusterMonitoringSettings, ControlPlaneLogCategory } from "../cluster-monitoring";

/** The AKS baseline's control-plane categories (mspnp/aks-baseline: workload-team/cluster-stamp.bicep, mc_diagnosticSettings). */
export const DEFAULT_CONTROL_PLANE_LOGS: readonly ControlPlaneLogCategory[] = [
  ControlPlaneLogCategory.KUBE_AUDIT_ADMIN,
  ControlPlaneLogCategory.GUARD,
  ControlPlaneLogCategory.CLUSTER_AUTOSCALER,
  ControlPlaneLogCategory.KUBE_CONTROLLER_MANAGER,
];

/** Where the fix for a missing workspace lives, for every message that asks for one. */
const WORKSPACE_FIX =
  "Give monitoring.logAnalyticsWorkspaceId (with PlatformStack: logAnalytics: true, or existingLogAnalyticsWorkspaceId)";

/** The monitoring options with their defaults: with a workspace, Container Insights and the baseline's log categories. */
export function resolveMonitoring(options: ClusterMonitoringOptions | undefined): ClusterMonitoringSettings {
  const workspaceId = options?.logAnalyticsWorkspaceId;
  const hasWorkspace = workspaceId !== undefined;
  return {
    logAnalyticsWorkspaceId: workspaceId,
    containerInsights: options?.containerInsights ?? hasWorkspace,
    controlPlaneLogs: options?.controlPlaneLogs ?? (hasWorkspace ? DEFAULT_CONTROL_PLANE_LOGS : []),
    managedPrometheus: options?.managedPrometheus ?? false,
  };
}

/** Checks the workspace ID, the categories, and that every feature needing the workspace has one. */
export function checkGuardrails(scope: IConstruct, options: ClusterMonitoringOptions | undefined, defender: boolean): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, message);
  };
  const workspaceId = options?.logAnalyticsWorkspaceId;
  const problem = workspaceId === undefined || Token.isUnresolved(workspaceId) ? undefined : armIdProblem(workspaceId, LOG_ANALYTICS_WORKSPACE_ID);
  if (problem) fail(`monitoring.logAnalyticsWorkspaceId ${show(workspaceId)} ${problem}.`);
  checkCategories(options?.controlPlaneLogs, fail);
  if (workspaceId !== undefined) return;
  if (options?.containerInsights === true) {
    fail(`monitoring.containerInsights is true, but Container Insights sends its data to a Log Analytics workspace and none was given. ${WORKSPACE_FIX}, or leave containerInsights out.`);
  }
  if ((options?.controlPlaneLogs ?? []).length > 0) {
    fail(
      `monitoring.controlPlaneLogs ${show(options!.controlPlaneLogs)} were given, but the diagnostic setting needs a Log Analytics ` +
        `workspace to send them to and none was given. ${WORKSPACE_FIX}, or leave controlPlaneLogs out.`,
    );
  }
  if (defender) {
    fail(`defender is true, but Microsoft Defender for Containers reports to a Log Analytics workspace and none was given. ${WORKSPACE_FIX}, or leave defender out.`);
  }
}

function checkCategories(categories: ControlPlaneLogCategory[] | undefined, fail: (message: string) => never): void {
  if (categories === undefined || Token.isUnresolved(categories)) return;
  const allowed: string[] = Object.values(ControlPlaneLogCategory);
  const unknown = categories.find((c) => !allowed.includes(c));
  if (unknown !== undefined) {
    fail(`monitoring.controlPlaneLogs has ${show(unknown)}, which is not a ControlPlaneLogCategory (${show(allowed)}).`);
  }
  if (new Set(categories).size !== categories.length) {
    fail(`monitoring.controlPlaneLogs lists a category twice: ${show(categories)}. List each category once.`);
  }
}
