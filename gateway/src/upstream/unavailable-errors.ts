import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type FieldNode, type SelectionSetNode } from 'graphql';
import type { FailureReason } from './subgraph-failure.ts';

type SubgraphError = { message: string; path: (string | number)[]; extensions: Record<string, unknown> };

const responseKeys = (selectionSet: SelectionSetNode | undefined, typename?: string): string[] =>
  (selectionSet?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [(selection.alias ?? selection.name).value];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      return !condition || !typename || condition === typename ? responseKeys(selection.selectionSet, typename) : [];
    }
    return [];
  });

/**
 * What a subgraph would have answered had each field it was asked for failed: one error per
 * field, with the path the gateway maps into the client's response (`_entities.<i>.<field>`
 * becomes e.g. `topProducts.3.inStock`). The other subgraphs' fields still come back, and only
 * these fields are null.
 */
export function unavailableErrors(
  subgraph: string,
  reason: FailureReason,
  request: GraphQLDataSourceProcessOptions['request'],
): SubgraphError[] {
  const message = `Subgraph "${subgraph}" is unavailable (${reason})`;
  const extensions = { code: 'SUBGRAPH_UNAVAILABLE', reason };
  const operation = parse(request.query ?? '{ __typename }').definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const rootFields = (operation?.selectionSet.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const entities = rootFields.find((field) => field.name.value === '_entities');
  const representations = request.variables?.representations;
  if (!entities || !Array.isArray(representations)) {
    return responseKeys(operation?.selectionSet).map((key) => ({ message, path: [key], extensions }));
  }
  return representations.flatMap((representation: { __typename?: string }, index) =>
    responseKeys(entities.selectionSet, representation.__typename).map((key) => ({ message, path: ['_entities', index, key], extensions })),
  );
}
