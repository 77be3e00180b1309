import { Aws, CfnOutput, CfnParameter, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from './constructs/api-load-balancer.ts';
import { acknowledge } from './nag.ts';
import { SITE_GRAPHQL_PATH } from './storefront.ts';
import { SiteDeployment } from './web/site-deployment.ts';
import { StorefrontUsers } from './web/storefront-users.ts';

export interface WebStackProps extends StackProps {
  /** The VPC of the services: the account linking trigger calls accounts inside it. */
  readonly vpc: ec2.IVpc;
  /** The built SPA (`web/dist`); synthesis fails, saying how to build it, when it is missing. */
  readonly siteDir: string;
  /**
   * Origins besides the site's own that sign-in may return to, for the SPA on a developer's machine.
   * @default ["http://localhost:5173"] (Vite's dev server)
   */
  readonly developmentOrigins?: readonly string[];
  /**
   * Domain prefix of the hosted sign-in page (`<prefix>.auth.<region>.amazoncognito.com`).
   * @default `tributary-<account id>`
   */
  readonly signInDomainPrefix?: string;
}

/**
 * The storefront: the SPA in a private S3 bucket read by CloudFront through Origin Access
 * Control, `/graphql*` forwarded to the API domain (the ALB) with a secret origin header, the
 * shoppers' user pool, and the upload of the built SPA with its runtime `config.json`.
 */
export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** Sent by CloudFront in ORIGIN_VERIFY_HEADER on every API request; the ALB forwards nothing else. */
  readonly originVerifySecret: secretsmanager.Secret;
  readonly users: StorefrontUsers;
  readonly site: SiteDeployment;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    const apiDomainName = new CfnParameter(this, 'ApiDomainName', {
      type: 'String',
      description: 'Domain name of the API: the name on the load balancer certificate, pointed at the ALB',
      allowedPattern: '[a-z0-9.-]+',
    });

    const logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
          override: true,
        },
      },
    });

    this.originVerifySecret = new secretsmanager.Secret(this, 'OriginVerifySecret', {
      description: `${ORIGIN_VERIFY_HEADER} value CloudFront sends to the API load balancer, which refuses requests without it`,
      // ALB header conditions take at most 128 characters and treat * and ? as wildcards.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(this.originVerifySecret, {
      'AwsSolutions-SMG4':
        'CloudFront and the ALB listener rule read it at deploy time: rotate by putting a new value and deploying Tributary-Web then Tributary-Services; requests between the two deploys are refused with 403.',
    });

    // POST is never cached by CloudFront. GET (persisted queries) is cached only as long as
    // the gateway's Cache-Control allows (default TTL 0), keyed by the whole query string and
    // by Authorization, so one caller's data is never served to another.
    const graphqlCache = new cloudfront.CachePolicy(this, 'GraphqlCache', {
      comment: 'GraphQL GET: honour origin Cache-Control',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // Client-side routes (no file extension) get the SPA shell. A function on the default
    // behavior only, unlike distribution error responses, which would also rewrite API errors.
    const spaRoutes = new cloudfront.Function(this, 'SpaRoutes', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (!r.uri.includes('.')) r.uri = '/index.html'; return r; }",
      ),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Tributary storefront',
      defaultRootObject: 'index.html',
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaRoutes, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/graphql*': {
          origin: new origins.HttpOrigin(apiDomainName.valueAsString, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            customHeaders: { [ORIGIN_VERIFY_HEADER]: this.originVerifySecret.secretValue.unsafeUnwrap() },
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
          cachePolicy: graphqlCache,
          // Forwards the trace header, content type and Apollo client headers; Host stays the API's.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });

    acknowledge(this.distribution, {
      'AwsSolutions-CFR4':
        'Served on the default *.cloudfront.net certificate, for which CloudFront fixes the viewer policy; minimumProtocolVersion TLSv1.2_2021 applies once a custom domain certificate is attached.',
      'AwsSolutions-CFR1': 'A storefront open to every country; restrict per market if the business requires it.',
      'AwsSolutions-CFR2':
        'No WAF web ACL yet: it must live in us-east-1 and is a per-request cost; add one when abuse shows up (rate-based rules on /graphql*).',
    });

    const siteOrigin = `https://${this.distribution.distributionDomainName}`;
    this.users = new StorefrontUsers(this, 'Users', {
      vpc: props.vpc,
      origins: [siteOrigin, ...(props.developmentOrigins ?? ['http://localhost:5173'])],
      domainPrefix: props.signInDomainPrefix ?? Fn.join('-', ['tributary', Aws.ACCOUNT_ID]),
    });

    this.site = new SiteDeployment(this, 'SiteDeployment', {
      bucket: this.bucket,
      distribution: this.distribution,
      siteDir: props.siteDir,
      config: { graphqlPath: SITE_GRAPHQL_PATH, auth: this.users.siteAuth },
    });

    new CfnOutput(this, 'SiteBucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'SiteUrl', { value: siteOrigin, description: 'The storefront; the API is /graphql on the same origin' });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId, description: 'The SPA app client (public, PKCE)' });
    new CfnOutput(this, 'SignInDomain', { value: this.users.domain.baseUrl(), description: 'Hosted sign-in (OAuth endpoints under /oauth2)' });
    new CfnOutput(this, 'TokenIssuer', { value: this.users.siteAuth.issuer });
  }
}
