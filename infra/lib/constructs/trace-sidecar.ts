/**
 * Who traces in a task: the X-Ray SDK to the X-Ray daemon (`xray`, the default), or
 * OpenTelemetry to the AWS Distro for OpenTelemetry collector (`otel`). Chosen for the whole app
 * with `-c tracingBackend=otel`.
 */
export type TracingBackend = 'xray' | 'otel';

export const TRACING_BACKENDS: readonly TracingBackend[] = ['xray', 'otel'];

/** The context value, checked: a typo fails the synth instead of deploying the default. */
export function tracingBackendOf(value: string | undefined): TracingBackend {
  if (value === undefined) return 'xray';
  if ((TRACING_BACKENDS as readonly string[]).includes(value)) return value as TracingBackend;
  throw new Error(`tracingBackend must be one of ${TRACING_BACKENDS.join(', ')}, got "${value}"`);
}

/** The daemon's UDP port: the X-Ray SDK sends segments there, and the collector listens there too. */
export const XRAY_UDP_PORT = 2000;
/** OTLP/HTTP: the services' default OTEL_EXPORTER_OTLP_ENDPOINT is this port on localhost. */
export const OTLP_HTTP_PORT = 4318;

export const XRAY_DAEMON_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.x';
/** Pinned: a collector's configuration keys change between releases. */
export const ADOT_COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0';

/**
 * The collector's configuration (given in `AOT_CONFIG_CONTENT`): spans by OTLP/HTTP and segments
 * by the daemon's protocol, both exported to X-Ray. Either backend can run beside it, so tasks can
 * switch one at a time.
 */
export const ADOT_COLLECTOR_CONFIG = `receivers:
  otlp:
    protocols:
      http:
        endpoint: 0.0.0.0:${OTLP_HTTP_PORT}
  awsxray:
    endpoint: 0.0.0.0:${XRAY_UDP_PORT}
    transport: udp
processors:
  batch/traces:
    timeout: 1s
    send_batch_size: 50
exporters:
  awsxray:
    index_all_attributes: false
service:
  pipelines:
    traces:
      receivers: [otlp, awsxray]
      processors: [batch/traces]
      exporters: [awsxray]
`;

/** A task's tracing sidecar, and the settings the app container gets to reach it. */
export interface TraceSidecar {
  name: string;
  image: string;
  /** Its log stream prefix in the task's log group. */
  streamPrefix: string;
  environment: Record<string, string>;
  portMappings: { containerPort: number; protocol: 'tcp' | 'udp' }[];
  /** Both sidecars take the daemon's protocol, so the X-Ray SDK's address is set either way. */
  appEnvironment: Record<string, string>;
}

const daemonAddress = { AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${XRAY_UDP_PORT}` };

/** The sidecar for a backend. */
export function traceSidecar(backend: TracingBackend): TraceSidecar {
  if (backend === 'otel') {
    return {
      name: 'otel-collector',
      image: ADOT_COLLECTOR_IMAGE,
      streamPrefix: 'otel-collector',
      environment: { AOT_CONFIG_CONTENT: ADOT_COLLECTOR_CONFIG },
      portMappings: [
        { containerPort: OTLP_HTTP_PORT, protocol: 'tcp' },
        { containerPort: XRAY_UDP_PORT, protocol: 'udp' },
      ],
      appEnvironment: { TRACING_BACKEND: 'otel', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${OTLP_HTTP_PORT}`, ...daemonAddress },
    };
  }
  return {
    name: 'xray-daemon',
    image: XRAY_DAEMON_IMAGE,
    streamPrefix: 'xray',
    environment: {},
    portMappings: [{ containerPort: XRAY_UDP_PORT, protocol: 'udp' }],
    appEnvironment: { TRACING_BACKEND: 'xray', ...daemonAddress },
  };
}
