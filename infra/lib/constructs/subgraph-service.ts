import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import { traceSidecar, type TracingBackend } from './trace-sidecar.ts';

export interface SubgraphServiceProps {
  readonly cluster: ecs.ICluster;
  /** Service name; with `serviceConnect` also the DNS name other services call it by. */
  readonly name: string;
  readonly port: number;
  readonly image: ecs.ContainerImage;
  /** Plain settings beyond the ones every service gets (PORT, NODE_ENV, LOG_LEVEL, AWS_*, SEED_PROFILE, METRICS_EMF). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Settings injected from Secrets Manager; only this task's execution role may read them. */
  readonly secrets?: Readonly<Record<string, ecs.Secret>>;
  /**
   * Publish the service in the cluster's Service Connect namespace under `name`.
   * Without it the service is a Service Connect client only (the gateway, reached through the ALB).
   * @default true
   */
  readonly serviceConnect?: boolean;
  /** @default 512 (0.5 vCPU) */
  readonly cpu?: number;
  /** @default 1024 */
  readonly memoryLimitMiB?: number;
  /** @default 2, one task per AZ */
  readonly minCapacity?: number;
  /** @default 6 */
  readonly maxCapacity?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default the AWS X-Ray daemon 3.x from the public ECR gallery */
  readonly xrayDaemonImage?: ecs.ContainerImage;
  /**
   * The X-Ray SDK with the X-Ray daemon as the sidecar, or OpenTelemetry with the ADOT
   * collector (which also takes the daemon's protocol) as the sidecar.
   * @default 'xray'
   */
  readonly tracingBackend?: TracingBackend;
}

/**
 * One Tributary service on Fargate: its task (app container and X-Ray daemon
 * sidecar), its own log group, task role and security group, Service Connect
 * registration, and CPU/memory target-tracking scaling. The gateway uses it too.
 */
export class SubgraphService extends Construct {
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly container: ecs.ContainerDefinition;
  readonly logGroup: logs.LogGroup;
  readonly scaling: ecs.ScalableTaskCount;
  readonly port: number;

  constructor(scope: Construct, id: string, props: SubgraphServiceProps) {
    super(scope, id);
    this.port = props.port;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      family: `tributary-${props.name}`,
      cpu: props.cpu ?? 512,
      memoryLimitMiB: props.memoryLimitMiB ?? 1024,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    // The only AWS API the task role needs beyond data grants made by the caller.
    // X-Ray's trace APIs support no resource-level permissions.
    this.taskDefinition.addToTaskRolePolicy(
      new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        resources: ['*'],
      }),
    );

    const logging = ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: props.name });
    const backend = props.tracingBackend ?? 'xray';
    const sidecar = traceSidecar(backend);

    this.container = this.taskDefinition.addContainer('app', {
      image: props.image,
      essential: true,
      portMappings: [{ name: 'http', containerPort: props.port, appProtocol: ecs.AppProtocol.http }],
      environment: {
        PORT: String(props.port),
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        AWS_REGION: Stack.of(this).region,
        ...sidecar.appEnvironment,
        SEED_PROFILE: 'none',
        // GraphQL metrics as embedded metric format lines: the awslogs driver sends them to
        // CloudWatch Logs, which publishes them for the observability stack's dashboard and alarms.
        METRICS_EMF: 'true',
        ...props.environment,
      },
      secrets: { ...props.secrets },
      logging,
      // Liveness only; readiness (/ready) is the load balancer's and Service Connect's concern.
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${props.port}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(30),
      },
      // SIGTERM starts the service's drain; SIGKILL follows only after this.
      stopTimeout: Duration.seconds(30),
      linuxParameters: new ecs.LinuxParameters(this, 'Linux', { initProcessEnabled: true }),
    });

    const tracer = this.taskDefinition.addContainer(sidecar.name, {
      image: backend === 'xray' && props.xrayDaemonImage ? props.xrayDaemonImage : ecs.ContainerImage.fromRegistry(sidecar.image),
      essential: false,
      cpu: 32,
      memoryReservationMiB: 64,
      environment: sidecar.environment,
      portMappings: sidecar.portMappings.map(({ containerPort, protocol }) => ({ containerPort, protocol: protocol === 'udp' ? ecs.Protocol.UDP : ecs.Protocol.TCP })),
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: sidecar.streamPrefix }),
    });
    this.container.addContainerDependencies({ container: tracer, condition: ecs.ContainerDependencyCondition.START });

    const vpc = props.cluster.vpc;
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      serviceName: props.name,
      desiredCount: props.minCapacity ?? 2,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      securityGroups: [
        new ec2.SecurityGroup(this, 'SecurityGroup', {
          vpc,
          description: `Tributary ${props.name} tasks`,
          allowAllOutbound: true,
        }),
      ],
      serviceConnectConfiguration: {
        logDriver: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'service-connect' }),
        services:
          props.serviceConnect === false
            ? []
            : // Discovery names must differ per service (the default, the port name, would not):
              // it is also the Cloud Map service name code outside ECS looks the tasks up by.
              [{ portMappingName: 'http', discoveryName: props.name, dnsName: props.name, port: props.port }],
      },
    });

    acknowledge(this.taskDefinition, {
      'AwsSolutions-ECS2':
        'Plain environment holds only non-secret settings (ports, table names, URLs of internal services); credentials come from Secrets Manager.',
      'AwsSolutions-IAM5[Resource::*]':
        'X-Ray trace APIs and ecr:GetAuthorizationToken support no resource-level permissions; everything else is scoped to this service\'s own resources.',
    });

    this.scaling = this.service.autoScaleTaskCount({
      minCapacity: props.minCapacity ?? 2,
      maxCapacity: props.maxCapacity ?? 6,
    });
    this.scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    this.scaling.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 75 });
  }

  /** Lets `caller` reach this service on its port (Service Connect traffic goes task to task). */
  allowFrom(caller: SubgraphService): void {
    this.service.connections.allowFrom(caller.service, ec2.Port.tcp(this.port), `${caller.node.id} calls ${this.node.id}`);
  }
}
