import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge cdk-nag findings on `scope` and its children, one reason per
 * finding. Keys are rule ids (`AwsSolutions-ECS2`) or finding ids
 * (`AwsSolutions-IAM5[Resource::*]`).
 */
export function acknowledge(scope: IConstruct, findings: Readonly<Record<string, string>>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(scope).acknowledge({ id, reason });
}
