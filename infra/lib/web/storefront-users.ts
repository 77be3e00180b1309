import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { ACCOUNTS_ID_ATTRIBUTE, USER_ID_CLAIM } from '../../functions/link-account/link-account.ts';
import { acknowledge } from '../nag.ts';
import { SIGN_IN_CALLBACK_PATH } from '../storefront.ts';
import { AccountLinking } from './account-linking.ts';
import type { SiteAuthConfig } from './site-config.ts';

export interface StorefrontUsersProps {
  readonly vpc: ec2.IVpc;
  /** The site's origins (`https://<distribution domain>`, and localhost for development). */
  readonly origins: readonly string[];
  /** The hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  readonly domainPrefix: string;
}

/** The group whose members the gateway grants the `admin` scope (it reads `cognito:groups` as scopes). */
export const ADMIN_GROUP = 'admin';

const SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/**
 * The storefront's shoppers in a Cognito user pool: self sign-up by email, the hosted sign-in
 * page, an app client for the SPA (authorization code with PKCE, no secret), an `admin` group,
 * and the trigger that links each user to an accounts user.
 */
export class StorefrontUsers extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly adminGroup: cognito.UserPoolGroup;
  readonly linking: AccountLinking;
  /** The gateway's `AUTH_*` settings for this pool and client. */
  readonly gatewayEnvironment: Readonly<Record<string, string>>;
  /** The SPA's sign-in settings (its `config.json`). */
  readonly siteAuth: SiteAuthConfig;

  constructor(scope: Construct, id: string, props: StorefrontUsersProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      // Set by the linking trigger only: the app client may read it, not write it.
      customAttributes: { [ACCOUNTS_ID_ATTRIBUTE.replace(/^custom:/, '')]: new cognito.StringAttribute({ minLen: 1, maxLen: 20, mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Essentials: the trigger may write the user id claim into access tokens (event version 2).
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, {
      'AwsSolutions-COG2':
        'Shoppers may enrol a TOTP second factor (MFA optional); requiring it of every shopper would turn most away. Administrators should enrol.',
      'AwsSolutions-COG3':
        'Threat protection needs the Plus feature plan, a per-user cost; enable it (featurePlan PLUS, standardThreatProtectionMode) when the shop warrants it.',
      'AwsSolutions-COG8':
        'Essentials covers what the storefront uses (hosted sign-in, access token claims); Plus adds threat protection at a per-user cost, see COG3.',
    });

    this.linking = new AccountLinking(this, 'Linking', { vpc: props.vpc });
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, this.linking.function, cognito.LambdaVersion.V2_0);
    this.linking.grantLinking(this.userPool);

    this.adminGroup = this.userPool.addGroup('Admin', {
      groupName: ADMIN_GROUP,
      description: 'May change the catalog and stock: the gateway grants members the admin scope',
    });
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    const readable = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(ACCOUNTS_ID_ATTRIBUTE.replace(/^custom:/, ''));
    this.client = this.userPool.addClient('Spa', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: SCOPES,
        callbackUrls: props.origins.map((origin) => `${origin}${SIGN_IN_CALLBACK_PATH}`),
        logoutUrls: props.origins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: readable,
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    const stack = Stack.of(this);
    const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.gatewayEnvironment = {
      AUTH_JWKS_URL: `${issuer}/.well-known/jwks.json`,
      AUTH_ISSUER: issuer,
      // ID tokens carry the client id as `aud`, access tokens as `client_id`: the gateway takes both.
      AUTH_AUDIENCE: this.client.userPoolClientId,
      AUTH_ALGORITHMS: 'RS256',
      AUTH_USER_ID_CLAIM: USER_ID_CLAIM,
    };
    const hosted = this.domain.baseUrl();
    this.siteAuth = {
      kind: 'oauth2-pkce',
      issuer,
      authorizationEndpoint: `${hosted}/oauth2/authorize`,
      tokenEndpoint: `${hosted}/oauth2/token`,
      logoutEndpoint: `${hosted}/logout`,
      clientId: this.client.userPoolClientId,
      scopes: SCOPES.map((s) => s.scopeName),
      redirectPath: SIGN_IN_CALLBACK_PATH,
      logoutPath: '/',
      bearerToken: 'access_token',
    };
  }
}
