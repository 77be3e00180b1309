import type { App } from 'aws-cdk-lib';
import { fileURLToPath } from 'node:url';
import { tracingBackendOf } from './constructs/trace-sidecar.ts';
import { DataStack } from './data-stack.ts';
import { NetworkStack } from './network-stack.ts';
import { ObservabilityStack } from './observability-stack.ts';
import { RegistryStack } from './registry-stack.ts';
import { ServicesStack } from './services-stack.ts';
import { SITE_DIR } from './storefront.ts';
import { WebStack } from './web-stack.ts';

export interface TributaryStacks {
  readonly registry: RegistryStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly web: WebStack;
  readonly services: ServicesStack;
  readonly observability: ObservabilityStack;
}

export interface TributaryOptions {
  /**
   * The built SPA the web stack uploads.
   * @default the repository's `web/dist`
   */
  readonly siteDir?: string;
}

/**
 * Every Tributary stack, wired together. Stacks are environment-agnostic
 * (account and region come from the deploy), so synthesis needs no credentials.
 * Context values (`-c name=value`): `cloudFrontPrefixListId` skips the deploy-time lookup of
 * CloudFront's origin-facing prefix list; `signInDomainPrefix` names the hosted sign-in domain;
 * `tracingBackend=otel` traces with OpenTelemetry through the ADOT collector instead of the X-Ray
 * SDK and daemon.
 */
export function addTributaryStacks(app: App, options: TributaryOptions = {}): TributaryStacks {
  const context = (name: string): string | undefined => app.node.tryGetContext(name) ?? undefined;
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
  const signInDomainPrefix = context('signInDomainPrefix');
  const web = new WebStack(app, 'Tributary-Web', {
    description: 'Tributary: storefront SPA on S3 and CloudFront, /graphql to the API, Cognito sign-in',
    vpc: network.vpc,
    siteDir: options.siteDir ?? fileURLToPath(new URL(`../../${SITE_DIR}`, import.meta.url)),
    ...(signInDomainPrefix ? { signInDomainPrefix } : {}),
  });
  const cloudFrontPrefixListId = context('cloudFrontPrefixListId');
  const services = new ServicesStack(app, 'Tributary-Services', {
    description: 'Tributary: ECS Fargate subgraphs and gateway behind an ALB only CloudFront reaches',
    vpc: network.vpc,
    data,
    repositories: registry.repositories,
    originVerifySecret: web.originVerifySecret,
    users: web.users,
    ...(cloudFrontPrefixListId ? { cloudFrontPrefixListId } : {}),
    tracingBackend: tracingBackendOf(context('tracingBackend')),
  });
  const observability = new ObservabilityStack(app, 'Tributary-Observability', {
    description: 'Tributary: alarms and dashboard',
    services,
    data,
  });
  return { registry, network, data, web, services, observability };
}
