import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import { SITE_DIR, SITE_FILES } from '../storefront.ts';
import type { SiteConfig } from './site-config.ts';

export interface SiteDeploymentProps {
  readonly bucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
  /** The built SPA: `index.html`, content-hashed files under `assets/`, the persisted query manifest. */
  readonly siteDir: string;
  /** Written as `config.json` beside `index.html`, with deploy-time values resolved. */
  readonly config: SiteConfig;
}

/**
 * Uploads the built SPA in two steps. First the content-hashed files under `assets/`, cached a
 * year as immutable (a changed file gets a new name). Then the shell and `config.json`, which
 * browsers must revalidate every time, and an invalidation of just those two paths. Nothing is
 * pruned: a visitor still holding the previous `index.html` can load the assets it names.
 */
export class SiteDeployment extends Construct {
  readonly assets: s3deploy.BucketDeployment;
  readonly shell: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteDeploymentProps) {
    super(scope, id);
    if (!existsSync(join(props.siteDir, SITE_FILES.index))) {
      throw new Error(
        `${join(props.siteDir, SITE_FILES.index)} is missing: the web stack uploads the built storefront SPA. ` +
          `Build it first with \`npm run build\` at the repository root (it writes ${SITE_DIR}).`,
      );
    }
    this.assets = new s3deploy.BucketDeployment(this, 'Assets', {
      destinationBucket: props.bucket,
      destinationKeyPrefix: `${SITE_FILES.assets}/`,
      sources: [s3deploy.Source.asset(join(props.siteDir, SITE_FILES.assets))],
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.days(365)), s3deploy.CacheControl.immutable()],
      prune: false,
      memoryLimit: 512,
    });
    this.shell = new s3deploy.BucketDeployment(this, 'Shell', {
      destinationBucket: props.bucket,
      sources: [
        // The manifest is the gateway's (baked into its image), not the browser's.
        s3deploy.Source.asset(props.siteDir, { exclude: [SITE_FILES.assets, SITE_FILES.manifest, SITE_FILES.config] }),
        s3deploy.Source.jsonData(SITE_FILES.config, props.config),
      ],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      memoryLimit: 512,
      distribution: props.distribution,
      distributionPaths: [`/${SITE_FILES.index}`, `/${SITE_FILES.config}`],
    });
    // A new shell may name new assets: they must be there first.
    this.shell.node.addDependency(this.assets);

    // The deployment's singleton handler, shared by both deployments, is granted by aws-cdk-lib.
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    const bucket = stack.getLogicalId(props.bucket.node.defaultChild as CfnElement);
    const wildcards = ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*', `Resource::<${bucket}.Arn>/*`, 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', 'Resource::*'];
    if (handler) {
      acknowledge(handler, {
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
          'The CDK bucket deployment handler needs only to write its own logs, which is what this managed policy grants.',
        'AwsSolutions-L1': 'The CDK bucket deployment handler runtime is set by aws-cdk-lib and upgraded with it.',
        ...Object.fromEntries(
          wildcards.map((finding) => [
            `AwsSolutions-IAM5[${finding}]`,
            'The CDK bucket deployment handler copies staged asset objects into the site bucket and creates CloudFront invalidations (no resource-level scope); object keys are only known after the build.',
          ]),
        ),
      });
    }
  }
}
