import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_CALLBACK_PATH, SITE_FILES, SITE_GRAPHQL_PATH } from '../lib/storefront.ts';
import { SiteDeployment } from '../lib/web/site-deployment.ts';
import { resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template, assembly } = synthTributary();
const web = template(stacks.web);
const deployments = Object.entries(resourcesOf(web, 'Custom::CDKBucketDeployment'));
const [assetsId, assets] = deployments.find(([id]) => id.startsWith('SiteDeploymentAssets'))!;
const [, shell] = deployments.find(([id]) => id.startsWith('SiteDeploymentShell'))!;
/** The files of a staged asset, by its object key (`<hash>.zip`). */
const staged = (key: string) => join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));

describe('the storefront deployment', () => {
  it('uploads the content-hashed assets under assets/, cached a year as immutable', () => {
    expect(assets.Properties).toMatchObject({
      DestinationBucketName: { Ref: expect.stringMatching(/^Site/) },
      DestinationBucketKeyPrefix: `${SITE_FILES.assets}/`,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Prune: false,
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(files(staged(assets.Properties.SourceObjectKeys[0]))).toEqual(['index-3f9a1c.js']);
  });

  it('uploads the shell and config.json after them, no-cache, invalidating only those two paths', () => {
    expect(shell.Properties).toMatchObject({
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: expect.stringMatching(/^Distribution/) },
      DistributionPaths: [`/${SITE_FILES.index}`, `/${SITE_FILES.config}`],
      Prune: false,
    });
    expect(shell.DependsOn).toContain(assetsId);
    const [siteKey, configKey] = shell.Properties.SourceObjectKeys;
    // No assets (they are the other deployment's), and the manifest stays the gateway's.
    expect(files(staged(siteKey)).sort()).toEqual(['favicon.svg', SITE_FILES.index]);
    expect(files(staged(configKey))).toEqual([SITE_FILES.config]);
  });

  it('writes config.json with the API path and the sign-in settings, resolved at deploy time', () => {
    const [, configKey] = shell.Properties.SourceObjectKeys;
    const config = JSON.parse(readFileSync(join(staged(configKey), SITE_FILES.config), 'utf8'));
    expect(config).toMatchObject({
      graphqlPath: SITE_GRAPHQL_PATH,
      auth: { kind: 'oauth2-pkce', redirectPath: SIGN_IN_CALLBACK_PATH, logoutPath: '/', scopes: ['openid', 'email', 'profile'], bearerToken: 'access_token' },
    });
    for (const key of ['issuer', 'authorizationEndpoint', 'tokenEndpoint', 'logoutEndpoint', 'clientId']) expect(config.auth[key], key).toMatch(/<<marker:0xbaba:\d+>>/);
    expect(config.auth.authorizationEndpoint).toMatch(/\/oauth2\/authorize$/);
    expect(config.auth.tokenEndpoint).toMatch(/\/oauth2\/token$/);
    const markers = Object.values(shell.Properties.SourceMarkers[1]).map((v) => JSON.stringify(v));
    expect(markers).toContain(JSON.stringify({ Ref: Object.keys(resourcesOf(web, 'AWS::Cognito::UserPoolClient'))[0] }));
    expect(markers).toContain(JSON.stringify({ Ref: Object.keys(resourcesOf(web, 'AWS::Cognito::UserPool'))[0] }));
  });

  it('refuses to synthesize without a built SPA, saying how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'tributary-no-site-'));
    expect(existsSync(join(empty, SITE_FILES.index))).toBe(false);
    const stack = new Stack(new App(), 'Site');
    const bucket = new s3.Bucket(stack, 'Bucket');
    const distribution = new cloudfront.Distribution(stack, 'Distribution', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) } });
    expect(() => new SiteDeployment(stack, 'Deployment', { bucket, distribution, siteDir: empty, config: { graphqlPath: SITE_GRAPHQL_PATH, auth: null } })).toThrow(
      `${join(empty, SITE_FILES.index)} is missing: the web stack uploads the built storefront SPA. Build it first with \`npm run build\` at the repository root (it writes web/dist).`,
    );
  });
});
