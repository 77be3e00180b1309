import type { App } from 'aws-cdk-lib';
import { DataStack } from './data-stack.ts';
import { NetworkStack } from './network-stack.ts';
import { ObservabilityStack } from './observability-stack.ts';
import { RegistryStack } from './registry-stack.ts';
import { ServicesStack } from './services-stack.ts';
import { WebStack } from './web-stack.ts';

export interface TributaryStacks {
  readonly registry: RegistryStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly services: ServicesStack;
  readonly web: WebStack;
  readonly observability: ObservabilityStack;
}

/**
 * Every Tributary stack, wired together. Stacks are environment-agnostic
 * (account and region come from the deploy), so synthesis needs no credentials.
 */
export function addTributaryStacks(app: App): TributaryStacks {
  const registry = new RegistryStack(app, 'Tributary-Registry', {
    description: 'Tributary: ECR repositories for the service images',
  });
  const network = new NetworkStack(app, 'Tributary-Network', {
    description: 'Tributary: VPC, subnets and VPC endpoints',
  });
  const data = new DataStack(app, 'Tributary-Data', {
    description: 'Tributary: RDS PostgreSQL, DynamoDB tables, ElastiCache Redis',
    vpc: network.vpc,
  });
  const services = new ServicesStack(app, 'Tributary-Services', {
    description: 'Tributary: ECS Fargate subgraphs and gateway behind an ALB',
    vpc: network.vpc,
    data,
    repositories: registry.repositories,
  });
  const web = new WebStack(app, 'Tributary-Web', {
    description: 'Tributary: storefront SPA on S3 and CloudFront, /graphql to the API',
  });
  const observability = new ObservabilityStack(app, 'Tributary-Observability', {
    description: 'Tributary: alarms and dashboard',
    services,
    data,
  });
  return { registry, network, data, services, web, observability };
}
