// Loaded by a test in a fresh process: a tracer with the backend named after the module's path
// on the command line, once its SDK has loaded (`off`: tracing disabled).
import { Tracer, createLogger } from '@tributary/service-kit';

const backend = process.argv[2] as 'xray' | 'otel' | 'off';
const tracer = new Tracer({
  service: 'probe',
  enabled: backend !== 'off',
  backend: backend === 'off' ? 'xray' : backend,
  daemonAddress: '127.0.0.1:9',
  otlpEndpoint: 'http://127.0.0.1:9',
  samplingRate: 0,
  reservoirPerSecond: 0,
  logger: createLogger('probe', 'silent'),
});
await tracer.ready();
