import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addTributaryStacks } from '../lib/tributary.ts';

/** The whole app, synthesized once per test file (to a temporary directory). */
export function synthTributary() {
  const app = new App();
  const stacks = addTributaryStacks(app);
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  return { app, stacks, template };
}

type Resource = { Type: string; Properties: Record<string, any>; Condition?: string };

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
