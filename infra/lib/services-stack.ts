import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';
import { GATEWAY_PORT, SUBGRAPHS, type SubgraphName, type SubgraphSpec, subgraphUrlVar } from './catalog.ts';
import { LoadBalancerAccessLogs } from './constructs/load-balancer-access-logs.ts';
import { DatabaseBootstrap } from './constructs/database-bootstrap.ts';
import { SubgraphService } from './constructs/subgraph-service.ts';
import { DataStack } from './data-stack.ts';
import type { ServiceName } from './registry-stack.ts';

export interface ServicesStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
  readonly repositories: Readonly<Record<ServiceName, ecr.IRepository>>;
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
        name: 'tributary.internal',
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
        environment: { ...settings[spec.name].environment, ...callees },
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
      serviceConnect: false,
      environment: {
        // The storefront's composed supergraph, in the image beside the gateway.
        SUPERGRAPH_PATH: 'schema/supergraph.graphql',
        ...Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVar(s.name), urlOf(s)])),
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
    for (const name of ['accounts', 'reviews'] as const) {
      subgraphs[name].service.connections.allowToDefaultPort(data.postgres.instance, `${name} to PostgreSQL`);
      subgraphs[name].service.node.addDependency(bootstrap.trigger);
    }
    DataStack.grantItemAccess(data.productsTable, subgraphs.products.taskDefinition.taskRole, ['byRank']);
    DataStack.grantItemAccess(data.inventoryTable, subgraphs.inventory.taskDefinition.taskRole);

    const { loadBalancer, targetGroup } = this.loadBalance(vpc, certificateArn.valueAsString);
    this.loadBalancer = loadBalancer;
    this.targetGroup = targetGroup;

    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: loadBalancer.loadBalancerDnsName,
      description: 'Point the API domain (the certificate name) at this with a CNAME or alias record',
    });
  }

  /** The gateway behind an internet-facing ALB: HTTPS only, HTTP redirected, scaled on CPU and requests. */
  private loadBalance(vpc: ec2.IVpc, certificateArn: string) {
    const accessLogs = new s3.Bucket(this, 'LoadBalancerLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
      idleTimeout: Duration.seconds(60),
    });
    acknowledge(accessLogs, { 'AwsSolutions-S1': 'This is the access log bucket; logging it into itself would loop.' });
    new LoadBalancerAccessLogs(this, 'LoadBalancerAccessLogs', { loadBalancer, bucket: accessLogs, prefix: 'alb' });
    loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
    acknowledge(loadBalancer, {
      'AwsSolutions-EC23':
        'The public API endpoint: HTTPS (443) from anywhere, and port 80 only to redirect to HTTPS. Tasks stay in private subnets.',
    });

    const listener = loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    });
    const targetGroup = listener.addTargets('Gateway', {
      port: GATEWAY_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.gateway.service.loadBalancerTarget({ containerName: 'app', containerPort: GATEWAY_PORT })],
      healthCheck: { path: '/ready', healthyHttpCodes: '200', interval: Duration.seconds(15) },
      // Shorter than the container stop timeout: the target leaves the ALB before SIGTERM's drain ends.
      deregistrationDelay: Duration.seconds(20),
    });
    this.gateway.scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 1000, targetGroup });
    return { loadBalancer, targetGroup };
  }
}
