import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADOT_COLLECTOR_IMAGE, OTLP_HTTP_PORT, tracingBackendOf, XRAY_DAEMON_IMAGE, XRAY_UDP_PORT } from '../lib/constructs/trace-sidecar.ts';
import { resourcesOf, synthTributary } from './tributary-app.ts';

/** Every Tributary task's containers, by family, with each container's environment as an object. */
function tasks(context: Record<string, string> = {}) {
  const { stacks, template } = synthTributary(context);
  const out: Record<string, Record<string, { image: unknown; env: Record<string, unknown>; ports: unknown[]; dependsOn?: unknown }>> = {};
  for (const task of Object.values(resourcesOf(template(stacks.services), 'AWS::ECS::TaskDefinition'))) {
    const family = task.Properties.Family as string;
    if (!family?.startsWith('tributary-')) continue;
    out[family] = Object.fromEntries(
      task.Properties.ContainerDefinitions.map((c: any) => [
        c.Name,
        { image: c.Image, env: Object.fromEntries((c.Environment ?? []).map((e: any) => [e.Name, e.Value])), ports: c.PortMappings ?? [], dependsOn: c.DependsOn },
      ]),
    );
  }
  return out;
}

// Synthesized once each, outside the tests: a synth of the whole app takes seconds.
const byDefault = tasks();
const withOtel = tasks({ tracingBackend: 'otel' });

describe('the tracing backend of the deployed services', () => {
  it('by default: the X-Ray SDK in every service, the X-Ray daemon beside it', () => {
    const all = byDefault;
    expect(Object.keys(all).length).toBeGreaterThanOrEqual(8);
    for (const [family, containers] of Object.entries(all)) {
      expect(Object.keys(containers).sort(), family).toEqual(['app', 'xray-daemon']);
      expect(containers['xray-daemon']!.image).toBe(XRAY_DAEMON_IMAGE);
      expect(containers.app!.env).toMatchObject({ TRACING_BACKEND: 'xray', AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${XRAY_UDP_PORT}` });
    }
  });

  it('with -c tracingBackend=otel: OpenTelemetry in every service, spans by OTLP to the ADOT collector, which exports to X-Ray', () => {
    for (const [family, containers] of Object.entries(withOtel)) {
      expect(Object.keys(containers).sort(), family).toEqual(['app', 'otel-collector']);
      const collector = containers['otel-collector']!;
      expect(collector.image).toBe(ADOT_COLLECTOR_IMAGE);
      expect(collector.ports).toEqual(
        expect.arrayContaining([expect.objectContaining({ ContainerPort: OTLP_HTTP_PORT, Protocol: 'tcp' }), expect.objectContaining({ ContainerPort: XRAY_UDP_PORT, Protocol: 'udp' })]),
      );
      const config = parse(collector.env.AOT_CONFIG_CONTENT as string);
      expect(config.receivers.otlp.protocols.http.endpoint).toBe(`0.0.0.0:${OTLP_HTTP_PORT}`);
      expect(config.receivers.awsxray).toMatchObject({ endpoint: `0.0.0.0:${XRAY_UDP_PORT}`, transport: 'udp' });
      expect(config.service.pipelines.traces).toMatchObject({ receivers: ['otlp', 'awsxray'], exporters: ['awsxray'] });
      expect(containers.app!.env).toMatchObject({ TRACING_BACKEND: 'otel', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${OTLP_HTTP_PORT}` });
      expect(containers.app!.dependsOn).toEqual([{ ContainerName: 'otel-collector', Condition: 'START' }]);
    }
  });

  it('refuses a backend it does not know, before anything is synthesized', () => {
    expect(tracingBackendOf(undefined)).toBe('xray');
    expect(() => tracingBackendOf('jaeger')).toThrow('tracingBackend must be one of xray, otel, got "jaeger"');
    expect(() => synthTributary({ tracingBackend: 'otle' })).toThrow(/tracingBackend must be one of/);
  });
});
