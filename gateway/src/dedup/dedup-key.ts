import { Kind, visit, BREAK, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** What one client operation is, as far as its answer can tell. */
export interface OperationIdentity {
  schema: GraphQLSchema;
  /** sha256 of the document's source, as Apollo Server computed it. */
  queryHash: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  /** The verified caller, signed into every subgraph request. */
  viewer: unknown;
  /** Every other header or context value the subgraph requests would carry (trace headers aside). */
  forwarded: unknown;
}

const schemaIds = new WeakMap<GraphQLSchema, number>();
let nextSchemaId = 0;

/** A schema reload builds a new schema object, so the same document on it is another operation. */
function schemaId(schema: GraphQLSchema): number {
  let id = schemaIds.get(schema);
  if (id === undefined) schemaIds.set(schema, (id = nextSchemaId++));
  return id;
}

const incremental = new WeakMap<DocumentNode, boolean>();

/** `@defer` and `@stream` answer in parts, per client: not a plain query. */
function isIncremental(document: DocumentNode): boolean {
  let found = incremental.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      [Kind.DIRECTIVE](node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    incremental.set(document, found);
  }
  return found;
}

/** Only plain queries may be shared: never a mutation or subscription, nor an incremental answer. */
export function isShareable(identity: Pick<OperationIdentity, 'operation' | 'document'>): boolean {
  return identity.operation.operation === 'query' && !isIncremental(identity.document);
}

/**
 * The deduplication key of a shareable operation: two requests with the same key get the same
 * answer, because everything that can change it is in the key. JSON of an array, so no part can
 * run into the next.
 */
export function dedupKey(identity: OperationIdentity): string {
  return JSON.stringify([
    schemaId(identity.schema),
    identity.queryHash,
    identity.operationName ?? null,
    identity.variables ?? {},
    identity.viewer ?? null,
    identity.forwarded ?? null,
  ]);
}
