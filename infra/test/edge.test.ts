import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../lib/constructs/api-load-balancer.ts';
import { CLOUDFRONT_ORIGIN_FACING } from '../lib/constructs/managed-prefix-list.ts';
import { EDGE_PROXY_HOPS, GATEWAY_MANIFEST_PATH, STOREFRONT_GATEWAY_LIMITS } from '../lib/storefront.ts';
import { appContainers, resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const services = template(stacks.services);
const web = template(stacks.web);
const gateway = appContainers(services).gateway!.container;
const env = Object.fromEntries(gateway.Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));

const [albId] = Object.keys(resourcesOf(services, 'AWS::ElasticLoadBalancingV2::LoadBalancer'));
const albGroup = Object.keys(resourcesOf(services, 'AWS::EC2::SecurityGroup')).find((id) => id.startsWith('ApiLoadBalancerSecurityGroup'))!;
const ingressTo = (groupId: string) =>
  Object.values(resourcesOf(services, 'AWS::EC2::SecurityGroupIngress')).filter(
    (r) => JSON.stringify(r.Properties.GroupId) === JSON.stringify({ 'Fn::GetAtt': [groupId, 'GroupId'] }),
  );
const secretRef = (template: string) => Match.stringLikeRegexp(template);

describe('the API load balancer, reachable only through CloudFront', () => {
  it('admits only CloudFront\'s origin-facing prefix list, on 443, in one rule', () => {
    const rules = ingressTo(albGroup);
    expect(rules.map((r) => r.Properties)).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: { 'Fn::GetAtt': [expect.stringMatching(/^CloudFrontOriginFacingLookup/), 'PrefixLists.0.PrefixListId'] } }),
    ]);
    expect(JSON.stringify(resourcesOf(services, 'AWS::EC2::SecurityGroup')[albGroup])).not.toMatch(/CidrIp/);
    // No port 80: CloudFront reaches the origin over HTTPS only.
    services.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
  });

  it('finds the prefix list by its documented name when the stacks deploy, not at synth', () => {
    const lookup = Object.entries(resourcesOf(services, 'Custom::AWS')).find(([id]) => id.startsWith('CloudFrontOriginFacingLookup'))![1];
    const call = JSON.parse(lookup.Properties.Create);
    expect(call).toMatchObject({
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT_ORIGIN_FACING] }] },
      outputPaths: ['PrefixLists.0.PrefixListId'],
    });
  });

  it('takes a known prefix list id from the cloudFrontPrefixListId context instead, with no lookup', () => {
    const known = synthTributary({ cloudFrontPrefixListId: 'pl-3b927c52' });
    const stack = known.template(known.stacks.services);
    stack.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 443, SourcePrefixListId: 'pl-3b927c52' });
    expect(Object.keys(resourcesOf(stack, 'Custom::AWS')).filter((id) => id.startsWith('CloudFrontOriginFacing'))).toEqual([]);
  }, 120_000); // a second synthesis of the whole app

  it('forwards only requests with the secret origin header and answers anything else 403', () => {
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '403' }) }],
    });
    const rules = Object.values(resourcesOf(services, 'AWS::ElasticLoadBalancingV2::ListenerRule'));
    expect(rules).toHaveLength(1);
    const [rule] = rules;
    expect(rule!.Properties.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: expect.stringMatching(/^ApiGateway/) } }]);
    expect(rule!.Properties.Conditions).toHaveLength(1);
    const header = rule!.Properties.Conditions[0];
    expect(header.Field).toBe('http-header');
    expect(header.HttpHeaderConfig.HttpHeaderName).toBe(ORIGIN_VERIFY_HEADER);
    // The value is the web stack's secret, resolved by CloudFormation: never written in the template.
    expect(JSON.stringify(header.HttpHeaderConfig.Values)).toMatch(/\{\{resolve:secretsmanager:.*ImportValue.*Tributary-Web:ExportsOutputRefOriginVerifySecret.*:SecretString:::\}\}/);
  });

  it('has CloudFront send that secret header to the API origin', () => {
    const distribution = Object.values(resourcesOf(web, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const api = distribution.Origins.find((o: any) => o.DomainName?.Ref === 'ApiDomainName');
    expect(api.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: expect.stringMatching(/^OriginVerifySecret/) }, ':SecretString:::}}']] } },
    ]);
    web.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      Description: secretRef(ORIGIN_VERIFY_HEADER),
    });
  });

  it('appends to X-Forwarded-For with bare addresses, and lets only the ALB reach the gateway', () => {
    const attributes = Object.fromEntries(
      resourcesOf(services, 'AWS::ElasticLoadBalancingV2::LoadBalancer')[albId!]!.Properties.LoadBalancerAttributes.map((a: { Key: string; Value: unknown }) => [a.Key, a.Value]),
    );
    expect(attributes).toMatchObject({
      'routing.http.xff_header_processing.mode': 'append',
      'routing.http.xff_client_port.enabled': 'false',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
    });
    const gatewayGroup = Object.keys(resourcesOf(services, 'AWS::EC2::SecurityGroup')).find((id) => id.startsWith('gatewaySecurityGroup'))!;
    expect(ingressTo(gatewayGroup).map((r) => [r.Properties.FromPort, r.Properties.SourceSecurityGroupId])).toEqual([
      [4000, { 'Fn::GetAtt': [albGroup, 'GroupId'] }],
    ]);
  });
});

describe('the gateway task as deployed behind CloudFront and the ALB', () => {
  it(`trusts ${EDGE_PROXY_HOPS} proxy hops: CloudFront's and the ALB's X-Forwarded-For entries`, () => {
    expect(env.TRUSTED_PROXY_HOPS).toBe(String(EDGE_PROXY_HOPS));
  });

  it('sets the storefront limits explicitly rather than leaving the generic defaults', () => {
    expect(env).toMatchObject(STOREFRONT_GATEWAY_LIMITS);
    expect(Number(env.MAX_COST)).toBeGreaterThanOrEqual(3415);
  });

  it('runs only the persisted operations baked into its image', () => {
    expect(env.PERSISTED_OPERATIONS_PATH).toBe(GATEWAY_MANIFEST_PATH);
  });
});
