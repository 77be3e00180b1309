import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addTributaryStacks } from '../lib/tributary.ts';
import { fakeSite } from './tributary-app.ts';

const app = new App();
addTributaryStacks(app, { siteDir: fakeSite() });
const report = new AwsSolutionsChecks().validateScope(app);

/** Every acknowledgement recorded anywhere in the app. */
function acknowledgements(): { id: string; reason: string; path: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason, path: construct.node.path })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error', () => {
    const errors = report.violations
      .filter((v) => v.severity?.toLowerCase() === 'error')
      .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`);
    expect(errors).toEqual([]);
  });

  it('reports no unacknowledged warning either', () => {
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('gives a reason of substance for every acknowledgement', () => {
    const all = acknowledgements().filter((a) => a.id.includes('AwsSolutions-'));
    expect(all.length).toBeGreaterThan(0);
    for (const { id, reason, path } of all) expect(reason.length, `${id} on ${path}`).toBeGreaterThan(40);
  });
});
