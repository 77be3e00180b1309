import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { GATEWAY_PORT } from '../catalog.ts';
import { acknowledge } from '../nag.ts';
import { LoadBalancerAccessLogs } from './load-balancer-access-logs.ts';
import type { SubgraphService } from './subgraph-service.ts';

/** The header CloudFront adds to every request it sends to the API, carrying the shared secret. */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

export interface ApiLoadBalancerProps {
  readonly vpc: ec2.IVpc;
  readonly certificateArn: string;
  readonly gateway: SubgraphService;
  /** The value CloudFront sends in ORIGIN_VERIFY_HEADER; any other request is answered 403. */
  readonly originVerifySecret: secretsmanager.ISecret;
  /** CloudFront's origin-facing managed prefix list: the only addresses allowed in. */
  readonly originPrefixListId: string;
}

/**
 * The gateway behind an internet-facing ALB that only CloudFront can use: its security group
 * admits CloudFront's origin-facing addresses on 443 and nothing else, and its listener forwards
 * only requests carrying the secret origin header (any CloudFront distribution comes from those
 * addresses, so the address check alone would let another distribution in). X-Forwarded-For is
 * appended to, never replaced, which the gateway's trusted hops rely on.
 */
export class ApiLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: ApiLoadBalancerProps) {
    super(scope, id);
    const accessLogs = new s3.Bucket(this, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(accessLogs, { 'AwsSolutions-S1': 'This is the access log bucket; logging it into itself would loop.' });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
      idleTimeout: Duration.seconds(60),
      // The gateway counts EDGE_PROXY_HOPS entries from the right: the ALB must add one, as is.
      xffHeaderProcessingMode: elbv2.XffHeaderProcessingMode.APPEND,
    });
    // Bare addresses: with `ip:port` entries every connection would be a rate-limit bucket of its own.
    this.loadBalancer.setAttribute('routing.http.xff_client_port.enabled', 'false');
    new LoadBalancerAccessLogs(this, 'AccessLogs', { loadBalancer: this.loadBalancer, bucket: accessLogs, prefix: 'alb' });
    // One rule only: the CloudFront list counts as 55 of a security group's 60 rules, so there is
    // no port 80 (CloudFront reaches the origin over HTTPS only).
    this.loadBalancer.connections.allowFrom(
      ec2.Peer.prefixList(props.originPrefixListId),
      ec2.Port.tcp(443),
      'HTTPS from CloudFront origin-facing addresses only',
    );

    this.listener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' }),
    });
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'Gateway', {
      vpc: props.vpc,
      port: GATEWAY_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [props.gateway.service.loadBalancerTarget({ containerName: 'app', containerPort: GATEWAY_PORT })],
      healthCheck: { path: '/ready', healthyHttpCodes: '200', interval: Duration.seconds(15) },
      // Shorter than the container stop timeout: the target leaves the ALB before SIGTERM's drain ends.
      deregistrationDelay: Duration.seconds(20),
    });
    this.listener.addAction('FromCloudFront', {
      priority: 1,
      conditions: [elbv2.ListenerCondition.httpHeader(ORIGIN_VERIFY_HEADER, [props.originVerifySecret.secretValue.unsafeUnwrap()])],
      action: elbv2.ListenerAction.forward([this.targetGroup]),
    });
    props.gateway.scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 1000, targetGroup: this.targetGroup });
  }
}
