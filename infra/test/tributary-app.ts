import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SITE_FILES } from '../lib/storefront.ts';
import { addTributaryStacks } from '../lib/tributary.ts';

/** A built SPA as the web workspace lays it out, so the infra tests need no SPA build. */
export function fakeSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-site-'));
  mkdirSync(join(dir, SITE_FILES.assets));
  writeFileSync(join(dir, SITE_FILES.index), '<!doctype html><script type="module" src="/assets/index-3f9a1c.js"></script>');
  writeFileSync(join(dir, SITE_FILES.assets, 'index-3f9a1c.js'), 'console.log("storefront")');
  writeFileSync(join(dir, SITE_FILES.manifest), JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [] }));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

/** The whole app, synthesized once per test file (to a temporary directory). */
export function synthTributary(context: Record<string, string> = {}) {
  const app = new App({ context });
  const stacks = addTributaryStacks(app, { siteDir: fakeSite() });
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  return { app, assembly, stacks, template };
}

type Resource = { Type: string; Properties: Record<string, any>; Condition?: string; DependsOn?: string[] };

/** Resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The app container of each Tributary task definition, by family (`tributary-accounts`, ...). */
export function appContainers(template: Template) {
  const out: Record<string, { container: any; task: Resource }> = {};
  for (const task of Object.values(resourcesOf(template, 'AWS::ECS::TaskDefinition'))) {
    const family = task.Properties.Family;
    if (typeof family !== 'string' || !family.startsWith('tributary-')) continue;
    out[family.slice('tributary-'.length)] = {
      container: task.Properties.ContainerDefinitions.find((c: any) => c.Name === 'app'),
      task,
    };
  }
  return out;
}
