import { recordRefusal } from '@tributary/service-kit';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

/** Bounds on the shape of a document, checked after parsing and before anything is planned. */
export interface DocumentLimits {
  /** Deepest field nesting, fragments included; introspection fields do not count. */
  maxDepth: number;
  /** Aliased fields in the whole document. */
  maxAliases: number;
  /** Directives in the whole document. */
  maxDirectives: number;
  /** Size of the document's source in UTF-8 bytes. */
  maxDocumentBytes: number;
}

/** `__schema` and `__type` are bounded by introspection being off in production, not by depth. */
const isIntrospection = (name: string) => name === '__schema' || name === '__type';

/** Deepest field nesting under `set`; each fragment is measured once, and cycles (reported by graphql's own rule) count as 0. */
export function selectionDepth(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (isIntrospection(selection.name.value)) continue;
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        if (!memo.has(name)) {
          visiting.add(name);
          memo.set(name, depthOf(fragment.selectionSet));
          visiting.delete(name);
        }
        deepest = Math.max(deepest, memo.get(name)!);
      }
    }
    return deepest;
  };
  let deepest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) deepest = Math.max(deepest, depthOf(definition.selectionSet));
  }
  return deepest;
}

/** Aliases and directives written in the document (a fragment counts once, however often it is spread). */
export function countNodes(document: DocumentNode): { aliases: number; directives: number } {
  let aliases = 0;
  let directives = 0;
  visit(document, {
    Field(field) {
      if (field.alias) aliases += 1;
    },
    Directive() {
      directives += 1;
    },
  });
  return { aliases, directives };
}

const tooBig = (message: string, node: ASTNode) => {
  recordRefusal('GRAPHQL_VALIDATION_FAILED');
  return new GraphQLError(message, { nodes: [node] });
};

/**
 * A validation rule checking every limit on entering the document, before graphql's own rules
 * walk its selections; errors come back as GRAPHQL_VALIDATION_FAILED with HTTP 400.
 */
export function documentLimitsRule(limits: DocumentLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      const bytes = Buffer.byteLength(document.loc?.source.body ?? '');
      if (bytes > limits.maxDocumentBytes) {
        context.reportError(tooBig(`The document is ${bytes} bytes, more than the limit of ${limits.maxDocumentBytes}`, document));
      }
      const depth = selectionDepth(document);
      if (depth > limits.maxDepth) {
        context.reportError(tooBig(`The operation nests fields ${depth} deep, more than the limit of ${limits.maxDepth}`, document));
      }
      const { aliases, directives } = countNodes(document);
      if (aliases > limits.maxAliases) {
        context.reportError(tooBig(`The document has ${aliases} aliases, more than the limit of ${limits.maxAliases}`, document));
      }
      if (directives > limits.maxDirectives) {
        context.reportError(tooBig(`The document has ${directives} directives, more than the limit of ${limits.maxDirectives}`, document));
      }
    },
  });
}
