import { CfnOutput, CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';
import { GATEWAY_PORT, SERVICE_CONNECT_NAMESPACE, SUBGRAPHS, type SubgraphName, type SubgraphSpec, subgraphUrlVar } from './catalog.ts';
import { ApiLoadBalancer } from './constructs/api-load-balancer.ts';
import { DatabaseBootstrap } from './constructs/database-bootstrap.ts';
import { ManagedPrefixList } from './constructs/managed-prefix-list.ts';
import { SubgraphService } from './constructs/subgraph-service.ts';
import type { TracingBackend } from './constructs/trace-sidecar.ts';
import { DataStack } from './data-stack.ts';
import { OUTBOX_INDEX } from './data/event-stream.ts';
import type { ServiceName } from './registry-stack.ts';
import { EDGE_PROXY_HOPS, GATEWAY_MANIFEST_PATH, STOREFRONT_GATEWAY_LIMITS } from './storefront.ts';
import type { StorefrontUsers } from './web/storefront-users.ts';

/** The subgraphs with an outbox: each writes its domain events to the stream. */
export const EVENT_PUBLISHERS = SUBGRAPHS.map((s) => s.name).filter((name) => name !== 'audit');

export interface ServicesStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
  readonly repositories: Readonly<Record<ServiceName, ecr.IRepository>>;
  /** The value CloudFront sends in the origin header (the web stack's); the ALB refuses requests without it. */
  readonly originVerifySecret: secretsmanager.ISecret;
  /** The user pool the gateway verifies tokens of, and the function that links its users to accounts users. */
  readonly users: StorefrontUsers;
  /**
   * Id of CloudFront's origin-facing managed prefix list in the deployment region.
   * @default looked up by name at deploy time (`cloudFrontPrefixListId` context value)
   */
  readonly cloudFrontPrefixListId?: string;
  /**
   * Every task's tracer and sidecar: the X-Ray SDK and daemon, or OpenTelemetry and the ADOT
   * collector (`tracingBackend` context value).
   * @default 'xray'
   */
  readonly tracingBackend?: TracingBackend;
}

/**
 * The ECS cluster, one Fargate service per subgraph reachable only inside the
 * VPC through Service Connect, and the gateway behind an HTTPS Application
 * Load Balancer.
 */
export class ServicesStack extends Stack {
  readonly cluster: ecs.Cluster;
  readonly gateway: SubgraphService;
  readonly subgraphs: Readonly<Record<SubgraphName, SubgraphService>>;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { vpc, data } = props;

    const imageTag = new CfnParameter(this, 'ImageTag', {
      type: 'String',
      description: 'Tag of the service images pushed to the tributary/<service> ECR repositories',
      allowedPattern: '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}',
    });
    const certificateArn = new CfnParameter(this, 'CertificateArn', {
      type: 'String',
      description: 'ACM certificate (same region) for the API domain served by the load balancer',
      allowedPattern: 'arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+',
    });
    const image = (name: ServiceName) => ecs.ContainerImage.fromEcrRepository(props.repositories[name], imageTag.valueAsString);

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
      defaultCloudMapNamespace: {
        name: SERVICE_CONNECT_NAMESPACE,
        type: servicediscovery.NamespaceType.HTTP,
        useForServiceConnect: true,
      },
    });

    const bootstrap = new DatabaseBootstrap(this, 'DatabaseBootstrap', {
      cluster: this.cluster,
      instance: data.postgres.instance,
      passwords: data.postgres.passwords,
    });

    const urlOf = (s: SubgraphSpec) => `http://${s.name}:${s.port}/graphql`;
    const redisUrl = ecs.Secret.fromSecretsManager(data.redis.url);
    // The gateway signs each caller's verified identity with it; every subgraph verifies.
    const identitySecret = new secretsmanager.Secret(this, 'IdentitySigningSecret', {
      description: 'IDENTITY_SIGNING_SECRET: HMAC key of the identity the gateway passes to the subgraphs',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(identitySecret, {
      'AwsSolutions-SMG4':
        'Every service must hold the same value: rotate by updating the secret and redeploying all services together (identities live at most five minutes, so requests in flight during the switch are all that is refused).',
    });
    const identity = ecs.Secret.fromSecretsManager(identitySecret);
    // Every service reads or writes the one event stream.
    const events = { EVENT_STREAM_NAME: data.events.stream.streamName };
    const settings: Record<SubgraphName, { environment: Record<string, string>; secrets: Record<string, ecs.Secret> }> = {
      accounts: {
        environment: { DATABASE_POOL_MAX: '10' },
        secrets: { DATABASE_URL: ecs.Secret.fromSecretsManager(data.postgres.urls.accounts!), REDIS_URL: redisUrl },
      },
      products: {
        environment: { PRODUCTS_TABLE: data.productsTable.tableName },
        secrets: { REDIS_URL: redisUrl },
      },
      inventory: {
        environment: { INVENTORY_TABLE: data.inventoryTable.tableName },
        secrets: { REDIS_URL: redisUrl },
      },
      reviews: {
        environment: { DATABASE_POOL_MAX: '10' },
        secrets: { DATABASE_URL: ecs.Secret.fromSecretsManager(data.postgres.urls.reviews!), REDIS_URL: redisUrl },
      },
      orders: {
        environment: { DATABASE_POOL_MAX: '10' },
        secrets: { DATABASE_URL: ecs.Secret.fromSecretsManager(data.postgres.urls.orders!), REDIS_URL: redisUrl },
      },
      payments: {
        environment: { PAYMENTS_TABLE: data.paymentsTable.tableName },
        secrets: { REDIS_URL: redisUrl },
      },
      audit: {
        environment: { DATABASE_POOL_MAX: '5' },
        secrets: { DATABASE_URL: ecs.Secret.fromSecretsManager(data.postgres.urls.audit!), REDIS_URL: redisUrl },
      },
    };

    const subgraphs = {} as Record<SubgraphName, SubgraphService>;
    for (const spec of SUBGRAPHS) {
      const callees = Object.fromEntries(
        spec.calls.map((name) => [subgraphUrlVar(name), urlOf(SUBGRAPHS.find((s) => s.name === name)!)]),
      );
      const svc = new SubgraphService(this, spec.name, {
        cluster: this.cluster,
        name: spec.name,
        port: spec.port,
        image: image(spec.name),
        tracingBackend: props.tracingBackend,
        environment: { ...settings[spec.name].environment, ...events, ...callees },
        secrets: { ...settings[spec.name].secrets, IDENTITY_SIGNING_SECRET: identity },
      });
      subgraphs[spec.name] = svc;
    }
    this.subgraphs = subgraphs;

    this.gateway = new SubgraphService(this, 'gateway', {
      cluster: this.cluster,
      name: 'gateway',
      port: GATEWAY_PORT,
      image: image('gateway'),
      tracingBackend: props.tracingBackend,
      serviceConnect: false,
      environment: {
        // The storefront's composed supergraph, in the image beside the gateway.
        SUPERGRAPH_PATH: 'schema/supergraph.graphql',
        ...Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVar(s.name), urlOf(s)])),
        // placeOrder runs a whole saga (three services, several writes) in one request.
        SUBGRAPH_ORDERS_TIMEOUT_MS: '30000',
        // CloudFront and the ALB each append to X-Forwarded-For (see EDGE_PROXY_HOPS).
        TRUSTED_PROXY_HOPS: String(EDGE_PROXY_HOPS),
        ...STOREFRONT_GATEWAY_LIMITS,
        // The SPA's trusted documents, baked into the image: nothing else runs in production.
        PERSISTED_OPERATIONS_PATH: GATEWAY_MANIFEST_PATH,
        ...props.users.gatewayEnvironment,
      },
      secrets: { REDIS_URL: redisUrl, IDENTITY_SIGNING_SECRET: identity },
      cpu: 1024,
      memoryLimitMiB: 2048,
      maxCapacity: 10,
    });

    // Who may call whom: the gateway every subgraph, and each subgraph the ones it queries.
    for (const spec of SUBGRAPHS) {
      subgraphs[spec.name].allowFrom(this.gateway);
      for (const callee of spec.calls) subgraphs[callee].allowFrom(subgraphs[spec.name]);
      // Service Connect clients must start after the endpoints they resolve exist.
      this.gateway.service.node.addDependency(subgraphs[spec.name].service);
    }

    // Stores: each service reaches only its own. Rules are added from the service side so they
    // live in this stack: the data stack must not depend on this one.
    for (const svc of [...Object.values(subgraphs), this.gateway]) {
      svc.service.connections.allowTo(data.redis.securityGroup, ec2.Port.tcp(data.redis.port), `${svc.node.id} to Redis`);
    }
    for (const name of ['accounts', 'reviews', 'orders', 'audit'] as const) {
      subgraphs[name].service.connections.allowToDefaultPort(data.postgres.instance, `${name} to PostgreSQL`);
      subgraphs[name].service.node.addDependency(bootstrap.trigger);
    }
    // Sign-in creates the accounts user through the accounts subgraph, task to task.
    subgraphs.accounts.service.connections.allowFrom(
      props.users.linking.securityGroup,
      ec2.Port.tcp(subgraphs.accounts.port),
      'account linking calls accounts',
    );
    DataStack.grantItemAccess(data.productsTable, subgraphs.products.taskDefinition.taskRole, ['byRank', OUTBOX_INDEX]);
    DataStack.grantItemAccess(data.inventoryTable, subgraphs.inventory.taskDefinition.taskRole, ['byExpiry', OUTBOX_INDEX]);
    DataStack.grantItemAccess(data.paymentsTable, subgraphs.payments.taskDefinition.taskRole, [OUTBOX_INDEX]);
    // Each service that changes state publishes its events (its outbox relay); audit only reads them.
    for (const name of EVENT_PUBLISHERS) data.events.stream.grantWrite(subgraphs[name].taskDefinition.taskRole);
    data.events.stream.grantRead(subgraphs.audit.taskDefinition.taskRole);

    const api = new ApiLoadBalancer(this, 'Api', {
      vpc,
      certificateArn: certificateArn.valueAsString,
      gateway: this.gateway,
      originVerifySecret: props.originVerifySecret,
      originPrefixListId: props.cloudFrontPrefixListId ?? new ManagedPrefixList(this, 'CloudFrontOriginFacing').prefixListId,
    });
    this.loadBalancer = api.loadBalancer;
    this.targetGroup = api.targetGroup;

    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: api.loadBalancer.loadBalancerDnsName,
      description: 'Point the API domain (the certificate name) at this with a CNAME or alias record; only CloudFront may call it',
    });
  }
}
