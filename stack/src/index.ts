// The stack as a library: what `npm start` runs, for the end-to-end tests and the benchmark.
export { launchStack, type LaunchOptions, type Stack } from './launch.ts';
export { configSchema, inheritedEnv, type StackConfig } from './config.ts';
export { startEmbeddedDynamo } from './embedded-dynamodb.ts';
export { startEmbeddedKinesis } from './embedded-kinesis.ts';
export { spaManifestPath } from './site/site.ts';
