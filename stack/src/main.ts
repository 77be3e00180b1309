// `npm start`: the whole graph on this machine.
import { inheritedEnv, readConfig } from './config.ts';
import { loadOrCreateDevIssuer } from './dev-issuer.ts';
import { launchStack } from './launch.ts';

const started = performance.now();
const config = readConfig();

let stack: Awaited<ReturnType<typeof launchStack>>;
try {
  stack = await launchStack(config, inheritedEnv(), { issuer: await loadOrCreateDevIssuer(config.DEV_ISSUER_FILE) });
} catch (error) {
  console.error(`Tributary failed to start: ${(error as Error).message}`);
  process.exit(1);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const example = '{ topProducts(first: 2) { name price inStock shippingEstimate reviews(first: 1) { body author { name } } } }';
console.log(`
Tributary is up in ${seconds} s (PostgreSQL: ${stack.embedded.postgres ? 'embedded PGlite' : 'DATABASE_URL'}, DynamoDB: ${
  stack.embedded.dynamodb ? 'embedded dynalite' : 'DYNAMODB_ENDPOINT'
}, Kinesis: ${stack.embedded.kinesis ? 'embedded kinesalite' : 'KINESIS_ENDPOINT'}, seed: ${config.SEED_PROFILE}).

  Storefront: ${stack.siteUrl}  (sign in as any seeded user)
  Gateway:    ${stack.gatewayUrl}
${Object.entries(stack.subgraphUrls).map(([name, url]) => `  ${name.padEnd(11)} ${url}`).join('\n')}
  Traces:     ${stack.tracesUrl ?? (config.TRACING_BACKEND === 'otel' ? 'sent to the OTLP collector at OTEL_EXPORTER_OTLP_ENDPOINT' : 'sent to the X-Ray daemon at AWS_XRAY_DAEMON_ADDRESS')}

Try it:
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' \\
    -d '${JSON.stringify({ query: example })}'

Sign in as user 1 (tokens from the development issuer; add --scope admin for catalog and stock):
  TOKEN=$(npm run -s token -- --user 1)
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '${JSON.stringify({ query: '{ me { name email } }' })}'

Press Ctrl+C to stop.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping every service…`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
