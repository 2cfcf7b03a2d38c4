import { IConstruct } from "constructs";
import { ValidationError } from "./errors";

/** A typed Kubernetes model from @kubernetes-models: validates against its schema and serializes. */
export interface KubernetesModel {
  validate(): void;
  toJSON(): unknown;
}

/**
 * Validates a typed Kubernetes object against its JSON schema and returns the plain object to put in a
 * `kubernetes_manifest`. A schema error fails the synth with the construct path and the failing field.
 */
export function validatedManifest(scope: IConstruct, model: KubernetesModel): { [key: string]: any } {
  try {
    model.validate();
  } catch (e) {
    throw new ValidationError(scope, `invalid Kubernetes object: ${(e as Error).message}`);
  }
  // Round-trip drops undefined fields, which Terraform would otherwise see as explicit nulls.
  return JSON.parse(JSON.stringify(model.toJSON()));
}
