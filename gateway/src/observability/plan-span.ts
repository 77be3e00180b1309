import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequestScope } from '@tributary/service-kit';

/**
 * The planning step as a subsegment: opened when execution starts (the gateway's executor plans
 * first) and closed when the query plan is ready (ApolloGateway's didResolveQueryPlan).
 */
export const planSpanPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async executionDidStart() {
        const scope = currentRequestScope();
        if (scope?.span?.sampled) scope.planSpan = scope.span.child('plan');
      },
    };
  },
};

/** Pass as ApolloGateway's experimental_didResolveQueryPlan. */
export function closePlanSpan(): void {
  const scope = currentRequestScope();
  scope?.planSpan?.close();
  if (scope) delete scope.planSpan;
}
