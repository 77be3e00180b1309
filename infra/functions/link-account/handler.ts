import { AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DiscoverInstancesCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { accountsClient } from './accounts-client.ts';
import { readConfig } from './config.ts';
import { ACCOUNTS_ID_ATTRIBUTE, linkAccount, type PreTokenGenerationEvent } from './link-account.ts';

const config = readConfig();
const cognito = new CognitoIdentityProviderClient({});
const discovery = new ServiceDiscoveryClient({});

const createAccountsUser = accountsClient(async () => {
  const { Instances = [] } = await discovery.send(
    new DiscoverInstancesCommand({ NamespaceName: config.ACCOUNTS_NAMESPACE, ServiceName: config.ACCOUNTS_SERVICE, HealthStatus: 'HEALTHY_OR_ELSE_ALL' }),
  );
  const addresses = Instances.map((i) => i.Attributes?.AWS_INSTANCE_IPV4).filter((a): a is string => Boolean(a));
  if (addresses.length === 0) throw new Error(`No ${config.ACCOUNTS_SERVICE} task is registered in ${config.ACCOUNTS_NAMESPACE}`);
  return `http://${addresses[Math.floor(Math.random() * addresses.length)]}:${config.ACCOUNTS_PORT}/graphql`;
}, config.ACCOUNTS_TIMEOUT_MS);

export const handler = (event: PreTokenGenerationEvent) =>
  linkAccount(event, {
    createAccountsUser,
    saveAccountsId: async (userPoolId, userName, accountsId) => {
      await cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: userName, UserAttributes: [{ Name: ACCOUNTS_ID_ATTRIBUTE, Value: accountsId }] }),
      );
    },
  });
