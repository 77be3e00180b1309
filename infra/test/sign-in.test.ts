import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS_ID_ATTRIBUTE, USER_ID_CLAIM } from '../functions/link-account/link-account.ts';
import { SERVICE_CONNECT_NAMESPACE } from '../lib/catalog.ts';
import { SIGN_IN_CALLBACK_PATH } from '../lib/storefront.ts';
import { ADMIN_GROUP } from '../lib/web/storefront-users.ts';
import { appContainers, resourcesOf, synthTributary } from './tributary-app.ts';

const { stacks, template } = synthTributary();
const web = template(stacks.web);
const services = template(stacks.services);
const [poolId] = Object.keys(resourcesOf(web, 'AWS::Cognito::UserPool'));
const [clientId] = Object.keys(resourcesOf(web, 'AWS::Cognito::UserPoolClient'));
const client = resourcesOf(web, 'AWS::Cognito::UserPoolClient')[clientId!]!.Properties;
const siteOrigin = ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^Distribution/), 'DomainName'] }];
const env = Object.fromEntries(appContainers(services).gateway!.container.Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));
const imported = (logicalId: string) => ({ 'Fn::ImportValue': expect.stringMatching(new RegExp(`^Tributary-Web:ExportsOutputRef${logicalId}`)) });

describe('sign-in with Cognito', () => {
  it('keeps shoppers in a user pool signing up by email, with a strong password policy, retained and protected', () => {
    web.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      DeletionProtection: 'ACTIVE',
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      Schema: Match.arrayWith([Match.objectLike({ Name: ACCOUNTS_ID_ATTRIBUTE.replace('custom:', ''), AttributeDataType: 'String' })]),
    });
    web.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('gives the SPA a public client: authorization code (PKCE), no secret, back to the site and to localhost', () => {
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(client.CallbackURLs).toEqual([
      { 'Fn::Join': ['', [...siteOrigin, SIGN_IN_CALLBACK_PATH]] },
      `http://localhost:5173${SIGN_IN_CALLBACK_PATH}`,
    ]);
    expect(client.LogoutURLs).toEqual([{ 'Fn::Join': ['', [...siteOrigin, '/']] }, 'http://localhost:5173/']);
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
  });

  it('lets the client read the accounts id but never write it', () => {
    expect(client.ReadAttributes).toContain(ACCOUNTS_ID_ATTRIBUTE);
    expect(client.WriteAttributes).not.toContain(ACCOUNTS_ID_ATTRIBUTE);
  });

  it('serves the hosted sign-in on a Cognito domain of the account', () => {
    web.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['-', ['tributary', { Ref: 'AWS::AccountId' }]] },
      UserPoolId: { Ref: poolId },
    });
  });

  it('has an admin group, whose members the gateway grants the admin scope', () => {
    web.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: ADMIN_GROUP, UserPoolId: { Ref: poolId } });
  });

  it('links each user to an accounts user in the pre token generation trigger (version 2: access tokens too)', () => {
    web.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UsersLinkingFunction'), 'Arn'] }, LambdaVersion: 'V2_0' } },
    });
    web.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Timeout: 5,
      Environment: { Variables: { ACCOUNTS_NAMESPACE: SERVICE_CONNECT_NAMESPACE, ACCOUNTS_SERVICE: 'accounts', ACCOUNTS_PORT: '4001' } },
      VpcConfig: Match.objectLike({ SubnetIds: Match.arrayWith([Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('appSubnet') })]) }),
    });
    const statements = Object.values(resourcesOf(web, 'AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: 'cognito-idp:AdminUpdateUserAttributes', Effect: 'Allow', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } });
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'servicediscovery:DiscoverInstances', Condition: { StringEquals: { 'servicediscovery:NamespaceName': SERVICE_CONNECT_NAMESPACE, 'servicediscovery:ServiceName': 'accounts' } } }),
    );
    // The trigger reaches accounts task to task, as the gateway does.
    services.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 4001,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^accountsSecurityGroup'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::ImportValue': Match.stringLikeRegexp('UsersLinkingSecurityGroup') },
    });
  });

  it('wires the gateway\'s AUTH_* to the pool, its SPA client and the linked user id claim', () => {
    const issuer = ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', imported(poolId!)];
    expect(env).toMatchObject({
      AUTH_ISSUER: { 'Fn::Join': ['', issuer] },
      AUTH_JWKS_URL: { 'Fn::Join': ['', [...issuer, '/.well-known/jwks.json']] },
      AUTH_AUDIENCE: imported(clientId!),
      AUTH_ALGORITHMS: 'RS256',
      AUTH_USER_ID_CLAIM: USER_ID_CLAIM,
    });
  });

  it('publishes the pool, client, sign-in domain and issuer as outputs', () => {
    for (const name of ['UserPoolId', 'UserPoolClientId', 'SignInDomain', 'TokenIssuer', 'SiteUrl']) web.hasOutput(name, Match.anyValue());
  });
});
