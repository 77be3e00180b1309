import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { fileURLToPath } from 'node:url';
import { addTributaryStacks } from '../lib/tributary.ts';

// The cdk CLI passes its output directory; run directly (npm run synth), write next to this app.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? fileURLToPath(new URL('../cdk.out', import.meta.url)) });
addTributaryStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
