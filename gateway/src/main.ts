// The gateway's entry point, as a service (`node gateway/src/main.ts`) and as `tributary-gateway`.
import { runCli } from './cli/cli.ts';

await runCli(process.argv.slice(2));
