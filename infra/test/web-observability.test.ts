import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SERVER_ERROR_CODES } from '@tributary/service-kit/graphql-metrics';
import { SERVICE_DIRS, SUBGRAPHS } from '../lib/catalog.ts';
import { resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const web = template(stacks.web);
const observability = template(stacks.observability);

describe('web', () => {
  it('keeps the site bucket private and reads it through Origin Access Control', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
        ]),
      }),
    });
  });

  it('sends /graphql* to the API over HTTPS, all methods, cached only as the origin allows', () => {
    const distribution = Object.values(resourcesOf(web, 'AWS::CloudFront::Distribution'))[0]!.Properties
      .DistributionConfig;
    const api = distribution.CacheBehaviors.find((b: any) => b.PathPattern === '/graphql*');
    expect(api.AllowedMethods).toContain('POST');
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = distribution.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.DomainName).toEqual({ Ref: 'ApiDomainName' });
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    web.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
        }),
      }),
    });
  });

  it('adds security headers', () => {
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });
});

describe('observability', () => {
  it('keeps every log group for a bounded time', () => {
    for (const stack of [stacks.network, stacks.services]) {
      for (const group of Object.values(resourcesOf(template(stack), 'AWS::Logs::LogGroup'))) {
        expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
      }
    }
  });

  it('alarms on gateway errors and latency, tasks, Redis, RDS and DynamoDB', () => {
    const alarms = Object.values(resourcesOf(observability, 'AWS::CloudWatch::Alarm'));
    const metricNames = JSON.stringify(alarms);
    for (const metric of [
      'HTTPCode_Target_5XX_Count',
      'TargetResponseTime',
      'CPUUtilization',
      'MemoryUtilization',
      'Evictions',
      'EngineCPUUtilization',
      'DatabaseConnections',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
    ]) {
      expect(metricNames, metric).toContain(`"${metric}"`);
    }
    // CPU and memory for each service, 5xx and p99, 2 per Redis node, 2 for RDS, 1 per table; and
    // on GraphQL metrics, 1 per server error code, p99, 1 per subgraph, rate limits, 2 for the saga.
    const graphql = SERVER_ERROR_CODES.length + 1 + SUBGRAPHS.length + 1 + 2;
    expect(alarms).toHaveLength(Object.keys(SERVICE_DIRS).length * 2 + 2 + 4 + 2 + 2 + graphql);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    observability.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ExtendedStatistic: 'p99',
      MetricName: 'TargetResponseTime',
    });
  });

  it('draws one dashboard and routes alarms to an encrypted, TLS-only topic', () => {
    observability.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    observability.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    observability.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      }),
    });
  });
});
