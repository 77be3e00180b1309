// What every GraphQL server here shares: error masking, the plugins, the errors resolvers throw.
export { createGraphQLServer, type GraphQLServerOptions } from './graphql-server.ts';
export { isClientError, maskErrors } from './error-masking.ts';
export { errorCodesPlugin, operationResolutionPlugin, requestStatsPlugin, tracingPlugin, uncacheableMutationsPlugin } from './plugins.ts';
export { badUserInput, checkPageSize, forbidden, Refusal, REFUSAL_CODES, unauthenticated, type RefusalCode } from './errors.ts';
