import {
  defaultFieldResolver,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { forbidden, unauthenticated } from '../../graphql/errors.ts';
import type { Identity } from '../../identity/signed-identity.ts';

/**
 * A named rule for Federation's `@policy`, e.g. `owner`: may this viewer read this field of
 * `parent` (the object the field belongs to)?
 */
export type Policy = (parent: unknown, viewer: Identity) => boolean;

/** What the check reads of a request's context: the identity the service verified, if any. */
interface ViewerContext {
  viewer?: Identity | null;
}

interface Rule {
  /** `@requiresScopes`: any one group, all scopes of it. */
  scopes: string[][];
  /** `@policy`: any one group, all policies of it. */
  policies: string[][];
}

// Imported unprefixed (`import: ["@authenticated"]`) or not imported at all (`@federation__…`).
const named = (node: ConstDirectiveNode, name: string) => node.name.value === name || node.name.value === `federation__${name}`;

const groups = (node: ConstDirectiveNode, argument: string): string[][] => {
  const value = node.arguments?.find((a) => a.name.value === argument)?.value;
  return value ? (valueFromASTUntyped(value) as string[][]) : [];
};

/** The rule the directives on these AST nodes declare, or undefined when they declare none. */
function ruleOf(directives: readonly ConstDirectiveNode[]): Rule | undefined {
  let rule: Rule | undefined;
  for (const node of directives) {
    if (named(node, 'authenticated')) rule ??= { scopes: [], policies: [] };
    else if (named(node, 'requiresScopes')) (rule ??= { scopes: [], policies: [] }).scopes.push(...groups(node, 'scopes'));
    else if (named(node, 'policy')) (rule ??= { scopes: [], policies: [] }).policies.push(...groups(node, 'policies'));
  }
  return rule;
}

// Not graphql's isObjectType: @apollo/subgraph builds the schema with graphql's CommonJS build, and
// where ESM imports resolve to its .mjs build (vitest) that instanceof check fails across the two.
const isObjectType = (type: GraphQLNamedType): type is GraphQLObjectType =>
  Object.prototype.toString.call(type) === '[object GraphQLObjectType]';

const anyGroup = (of: string[][], passes: (name: string) => boolean) => of.length === 0 || of.some((group) => group.every(passes));

/**
 * Enforces the schema's `@authenticated`, `@requiresScopes` and `@policy` (on a field, or on an
 * object type for all its fields) by wrapping the resolvers: the gateway carries these directives
 * into the supergraph but does not enforce them. A denied field resolves to null with an
 * UNAUTHENTICATED (no viewer) or FORBIDDEN (wrong viewer) error, before its resolver runs, so a
 * denied mutation writes nothing. Every policy the schema names must be given.
 */
export function enforceAuthorization(
  schema: GraphQLSchema,
  policies: Record<string, Policy> = {},
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeDirectives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []);
    for (const field of Object.values(type.getFields())) {
      const rule = ruleOf([...typeDirectives, ...(field.astNode?.directives ?? [])]);
      if (!rule) continue;
      const coordinate = `${type.name}.${field.name}`;
      for (const name of rule.policies.flat()) {
        if (!policies[name]) throw new Error(`${coordinate} names @policy "${name}", which this service does not implement`);
      }
      const resolve: GraphQLFieldResolver<unknown, ViewerContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context: ViewerContext, info) => {
        const viewer = context.viewer ?? null;
        if (!viewer) throw unauthenticated(`Sign in to use ${coordinate}`);
        if (!anyGroup(rule.scopes, (scope) => viewer.scopes.includes(scope))) {
          throw forbidden(`${coordinate} needs scope ${rule.scopes.map((g) => g.join(' and ')).join(' or ')}`);
        }
        if (!anyGroup(rule.policies, (name) => policies[name]!(parent, viewer))) throw forbidden(`${coordinate} is not yours to use`);
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
