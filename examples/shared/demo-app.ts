import { Construct } from "constructs";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { ITerraformDependable } from "cdktf";

/** Props for {@link DemoApp}. */
export interface DemoAppProps {
  /** Namespace (the tenant's). */
  readonly namespace: string;
  /** Name of the Deployment and Service. */
  readonly name: string;
  /** Container image, pinned to a version. */
  readonly image: string;
  /** Container arguments. @default - The image's own command */
  readonly args?: string[];
  /** Port the container listens on. */
  readonly containerPort: number;
  /** Port of the Service. */
  readonly servicePort: number;
  /** Replicas. @default 2 */
  readonly replicas?: number;
  /** What must exist first (the tenant namespace). @default - Nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A small stateless web app for the examples: a hardened Deployment and a ClusterIP Service.
 * Not part of the library; tenants deploy their own apps.
 */
export class DemoApp extends Construct {
  public readonly serviceName: string;
  public readonly servicePort: number;

  constructor(scope: Construct, id: string, props: DemoAppProps) {
    super(scope, id);
    const labels = { "app.kubernetes.io/name": props.name };
    new DeploymentV1(this, "Deployment", {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        replicas: String(props.replicas ?? 2),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: "65532", seccompProfile: { type: "RuntimeDefault" } },
            container: [
              {
                name: props.name,
                image: props.image,
                args: props.args,
                port: [{ name: "http", containerPort: props.containerPort }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ["ALL"] },
                },
                resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
                readinessProbe: { tcpSocket: [{ port: String(props.containerPort) }], periodSeconds: 5 },
              },
            ],
          },
        },
      },
      dependsOn: props.dependsOn,
    });
    new ServiceV1(this, "Service", {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: { selector: labels, port: [{ name: "http", port: props.servicePort, targetPort: "http" }] },
      dependsOn: props.dependsOn,
    });
    // A literal, not a reference: kubernetes_manifest routes must be fully known at plan time.
    this.serviceName = props.name;
    this.servicePort = props.servicePort;
  }
}
