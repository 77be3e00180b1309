import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SERVICE_DIRS, SUBGRAPHS } from '../lib/catalog.ts';
import type { ServiceName } from '../lib/registry-stack.ts';
import { accepts, CONFIG_IMPORT_TIMEOUT_MS, loadConfigSchema, requiredKeys } from './config-schemas.ts';
import { appContainers, resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const services = template(stacks.services);
const containers = appContainers(services);
const tributary = Object.keys(SERVICE_DIRS) as ServiceName[];

/** Statements of the inline policies attached to a role, by the role's logical id prefix. */
function statementsOfRole(rolePrefix: string): any[] {
  return Object.values(resourcesOf(services, 'AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((r: any) => r.Ref?.startsWith(rolePrefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('services', () => {
  it('runs one Fargate service per subgraph and the gateway, in private subnets without public IPs', () => {
    const all = Object.values(resourcesOf(services, 'AWS::ECS::Service'));
    expect(all.map((s) => s.Properties.ServiceName).sort()).toEqual([...tributary].sort());
    for (const service of all) {
      expect(service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
      const subnets = JSON.stringify(service.Properties.NetworkConfiguration.AwsvpcConfiguration.Subnets);
      expect(subnets).toMatch(/appSubnet/);
      expect(subnets).not.toMatch(/publicSubnet/);
    }
  });

  it('publishes each subgraph in Service Connect under its name and port', () => {
    for (const { name, port } of SUBGRAPHS) {
      services.hasResourceProperties('AWS::ECS::Service', {
        ServiceName: name,
        ServiceConnectConfiguration: Match.objectLike({
          Enabled: true,
          Services: [Match.objectLike({ PortName: 'http', ClientAliases: [{ DnsName: name, Port: port }] })],
        }),
      });
    }
  });

  it.each(tributary)('%s writes its GraphQL metrics as embedded metric format lines to its logs', (name) => {
    expect(containers[name]!.container.Environment).toContainEqual({ Name: 'METRICS_EMF', Value: 'true' });
  });

  it.each(tributary)('%s has an X-Ray daemon sidecar, a liveness check and time to drain', (name) => {
    const { container, task } = containers[name]!;
    const names = task.Properties.ContainerDefinitions.map((c: any) => c.Name);
    expect(names).toContain('xray-daemon');
    expect(container.HealthCheck.Command.join(' ')).toContain('/health');
    expect(container.StopTimeout).toBe(30);
    expect(container.Environment).toContainEqual({ Name: 'AWS_XRAY_DAEMON_ADDRESS', Value: '127.0.0.1:2000' });
  });

  it.each(tributary)('%s gets only settings its configSchema declares, and every required one', async (name) => {
    const schema = await loadConfigSchema(name);
    const { container } = containers[name]!;
    const keys = [...container.Environment, ...(container.Secrets ?? [])].map((e: any) => e.Name);
    expect(keys.filter((k) => !accepts(schema, k))).toEqual([]);
    expect(requiredKeys(schema).filter((k) => !keys.includes(k))).toEqual([]);
  }, CONFIG_IMPORT_TIMEOUT_MS);

  it('serves the gateway over HTTPS with the certificate parameter and checks /ready', () => {
    services.hasParameter('CertificateArn', { Type: 'String' });
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: { Ref: 'CertificateArn' } }],
    });
    services.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/ready',
      Port: 4000,
    });
  });

  it('gives every Service Connect service its own discovery name, the one account linking looks up', () => {
    const names = Object.values(resourcesOf(services, 'AWS::ECS::Service')).flatMap((s) =>
      (s.Properties.ServiceConnectConfiguration.Services ?? []).map((c: { DiscoveryName: string }) => c.DiscoveryName),
    );
    expect(names.sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
  });

  it('scales the gateway on CPU and on requests per target', () => {
    const metrics = Object.values(resourcesOf(services, 'AWS::ApplicationAutoScaling::ScalingPolicy')).map(
      (p) => p.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType,
    );
    expect(metrics).toContain('ALBRequestCountPerTarget');
    expect(metrics.filter((m) => m === 'ECSServiceAverageCPUUtilization')).toHaveLength(tributary.length);
  });

  it('lets only products touch the products table, only inventory the inventory table, only payments the payments table', () => {
    const dynamo = (prefix: string) =>
      statementsOfRole(prefix).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(JSON.stringify(dynamo('productsTaskTaskRole'))).toMatch(/ProductsTable/);
    expect(JSON.stringify(dynamo('productsTaskTaskRole'))).not.toMatch(/InventoryTable/);
    expect(JSON.stringify(dynamo('inventoryTaskTaskRole'))).toMatch(/InventoryTable/);
    expect(JSON.stringify(dynamo('inventoryTaskTaskRole'))).not.toMatch(/ProductsTable/);
    expect(JSON.stringify(dynamo('paymentsTaskTaskRole'))).toMatch(/PaymentsTable/);
    expect(JSON.stringify(dynamo('paymentsTaskTaskRole'))).not.toMatch(/InventoryTable|ProductsTable/);
    expect(JSON.stringify(dynamo('inventoryTaskTaskRole'))).not.toMatch(/PaymentsTable/);
    for (const name of ['accounts', 'reviews', 'orders', 'gateway']) expect(dynamo(`${name}TaskTaskRole`)).toEqual([]);
    for (const s of [...dynamo('productsTaskTaskRole'), ...dynamo('inventoryTaskTaskRole'), ...dynamo('paymentsTaskTaskRole')]) {
      expect([s.Action].flat()).not.toContain('dynamodb:Scan');
      expect(JSON.stringify(s.Resource)).not.toMatch(/index\/\*/);
    }
  });

  it('lets each execution role read only its own secrets', () => {
    const secretReads = (name: string) =>
      JSON.stringify(
        statementsOfRole(`${name}TaskExecutionRole`).filter((s) =>
          [s.Action].flat().includes('secretsmanager:GetSecretValue'),
        ),
      );
    expect(secretReads('accounts')).toMatch(/accountsDatabaseUrl/);
    expect(secretReads('accounts')).not.toMatch(/reviewsDatabaseUrl/);
    expect(secretReads('reviews')).not.toMatch(/accountsDatabaseUrl/);
    expect(secretReads('products')).not.toMatch(/DatabaseUrl/);
    for (const name of tributary) expect(secretReads(name)).toMatch(/RedisUrl/);
  });

  it('lets stores be reached only by the services that own them', () => {
    const ingress = Object.values(resourcesOf(services, 'AWS::EC2::SecurityGroupIngress'));
    const toPostgres = ingress.filter((r) => r.Properties.FromPort === 5432 || JSON.stringify(r).includes('PostgresInstance'));
    const sources = toPostgres.map((r) => JSON.stringify(r.Properties.SourceSecurityGroupId));
    expect(sources.some((s) => s.includes('accounts'))).toBe(true);
    expect(sources.some((s) => s.includes('reviews'))).toBe(true);
    expect(sources.some((s) => s.includes('orders'))).toBe(true);
    expect(sources.some((s) => s.includes('products') || s.includes('inventory') || s.includes('payments') || s.includes('gateway'))).toBe(false);
  });
});
