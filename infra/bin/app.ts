import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { addTributaryStacks } from '../lib/tributary.ts';

// The cdk CLI passes its output directory; run directly (npm run synth), write next to this app.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('../cdk.out', import.meta.url)) });
try {
  addTributaryStacks(app);
} catch (error) {
  // A missing build or a bad context value: say what to do, without a stack trace.
  console.error((error as Error).message);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
