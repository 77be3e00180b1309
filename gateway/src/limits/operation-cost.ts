import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from '@apollo/server';
import { operationCosts, recordRefusal, type Logger } from '@tributary/service-kit';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { hasCostDirectives, NO_COST_DIRECTIVES, readCostDirectives, type CostDirectives, type ListSize } from './cost-directives.ts';

// The gateway's schema comes from @apollo/gateway's copy of graphql (CommonJS), so graphql's
// instanceof-based predicates (isListType, …) would fail on it here: types are read by shape.
interface FieldShape {
  type: unknown;
  args: readonly { name: string; defaultValue?: unknown }[];
}
interface Named {
  name?: string;
  getFields?(): Record<string, FieldShape>;
  getInterfaces?(): unknown;
  getTypes?(): unknown;
}
/** Object and interface types have fields and interfaces; input objects only fields. */
const fieldsOf = (type: Named | undefined) => (typeof type?.getInterfaces === 'function' ? type.getFields?.() : undefined);
const isComposite = (type: Named | undefined) => Boolean(fieldsOf(type) || typeof type?.getTypes === 'function');
/** `[Review!]!` → is a list; `Review` → its named type. */
const isList = (typeRef: unknown) => String(typeRef).replace(/!$/, '').startsWith('[');
const namedTypeName = (typeRef: unknown) => String(typeRef).replace(/[[\]!]/g, '');

/** Without `@listSize`, arguments taken to say how many items a list field returns. */
const SIZE_ARGUMENTS = ['first', 'last', 'limit'];

/** Apollo's base cost of each operation type: a mutation's writes cost 10, reads nothing extra. */
const OPERATION_COST = { query: 0, mutation: 10, subscription: 0 } as const;

export interface CostOptions {
  /** What a list counts as when nothing sizes it. */
  defaultListSize: number;
  /** The supergraph's `@cost` and `@listSize`. */
  directives?: CostDirectives;
}

export interface CostEstimate {
  cost: number;
  /** `@listSize(requireOneSlicingArgument: true)` fields given no or several slicing arguments. */
  problems: string[];
}

const finiteSize = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : undefined);

/** An argument's value as sent (variables resolved), `undefined` when not sent. */
function sentValue(node: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables) : undefined;
}

/** `first` or `input.pagination.first`: the argument, then a path into its input object. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * A list's size by `@listSize`: the largest slicing argument sent (else their schema defaults),
 * else `assumedSize`, else the default.
 */
function sizeByDirective(where: string, listSize: ListSize, node: FieldNode, field: FieldShape, variables: Record<string, unknown>, fallback: number, problems: string[]): number {
  const slicing = listSize.slicingArguments ?? [];
  const at = (source: (name: string) => unknown) =>
    slicing.map((path) => path.split('.')).flatMap(([name, ...rest]) => finiteSize(valueAt(source(name!), rest)) ?? []);
  const sent = at((name) => sentValue(node, name, variables));
  const sizes = sent.length > 0 ? sent : at((name) => field.args.find((a) => a.name === name)?.defaultValue);
  if (slicing.length > 0 && listSize.requireOneSlicingArgument && sizes.length !== 1) {
    problems.push(`${where} needs exactly one of its slicing arguments (${slicing.join(', ')}), not ${sizes.length}`);
  }
  return sizes.length > 0 ? Math.max(...sizes) : (listSize.assumedSize ?? fallback);
}

/** Without `@listSize`: `first`, `last` or `limit` as sent, else its schema default, else the default. */
function sizeByConvention(node: FieldNode, field: FieldShape, variables: Record<string, unknown>, fallback: number): number {
  for (const name of SIZE_ARGUMENTS) {
    const size = finiteSize(sentValue(node, name, variables) ?? field.args.find((a) => a.name === name)?.defaultValue);
    if (size !== undefined) return size;
  }
  return fallback;
}

/** A connection's `sizedFields`, and the size its slicing argument gives them. */
interface Sizing {
  fields: ReadonlySet<string>;
  size: number;
}

/**
 * The operation's cost, the way Apollo's demand control scores it: each object, interface or
 * union a field returns costs 1, scalars and enums 0, unless `@cost(weight:)` on the field or
 * its type says otherwise; arguments add their `@cost`; a list multiplies everything under it by
 * its size (`@listSize`, else a `first`/`last`/`limit` argument, else `defaultListSize`); a
 * mutation adds 10. Introspection fields cost nothing (introspection is off in production). Each
 * fragment is costed once per sizing: cost is linear in the multiplier, so fragment bombs cannot
 * make this slow. Apollo's router scores the query plan, so fields a subgraph needs through
 * `@requires` add to its figure and not to this one.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  options: CostOptions,
): CostEstimate {
  const { defaultListSize, directives = NO_COST_DIRECTIVES } = options;
  const problems: string[] = [];
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const memo = new Map<string, number>();
  const typeNamed = (name: string) => (schema.getType(name) ?? undefined) as unknown as Named | undefined;
  const fieldCost = (node: FieldNode, field: FieldShape, parentName: string, sizing: Sizing | undefined): number => {
    const name = node.name.value;
    const where = `${parentName}.${name}`;
    const typeName = namedTypeName(field.type);
    const type = typeNamed(typeName);
    const base = directives.fieldWeights.get(where) ?? directives.typeWeights.get(typeName) ?? (isComposite(type) ? 1 : 0);
    const argumentsCost = (node.arguments ?? []).reduce((sum, a) => sum + (directives.argumentWeights.get(`${where}(${a.name.value})`) ?? 0), 0);
    const listSize = directives.listSizes.get(where);
    const children: Sizing | undefined = listSize?.sizedFields
      ? { fields: new Set(listSize.sizedFields), size: sizeByDirective(where, listSize, node, field, variables, defaultListSize, problems) }
      : undefined;
    let size = 1;
    if (sizing?.fields.has(name)) size = sizing.size;
    else if (isList(field.type)) {
      size = listSize && !listSize.sizedFields ? sizeByDirective(where, listSize, node, field, variables, defaultListSize, problems) : sizeByConvention(node, field, variables, defaultListSize);
    }
    const inner = node.selectionSet && isComposite(type) ? costOf(node.selectionSet, type, typeName, children) : 0;
    return size * (base + inner) + argumentsCost;
  };
  const costOf = (set: SelectionSetNode, parent: Named | undefined, parentName: string, sizing: Sizing | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldsOf(parent)?.[selection.name.value];
        if (field) cost += fieldCost(selection, field, parentName, sizing);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition?.name.value ?? parentName;
        cost += costOf(selection.selectionSet, typeNamed(on), on, sizing);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment) continue;
        const key = sizing ? `${name} ${sizing.size} ${[...sizing.fields].join(',')}` : name;
        if (!memo.has(key)) {
          // Validation has rejected cycles; the placeholder only guards against looping if it did not.
          memo.set(key, 0);
          const on = fragment.typeCondition.name.value;
          memo.set(key, costOf(fragment.selectionSet, typeNamed(on), on, sizing));
        }
        cost += memo.get(key)!;
      }
    }
    return cost;
  };
  const root = (schema.getRootType(operation.operation) ?? undefined) as unknown as Named | undefined;
  const cost = OPERATION_COST[operation.operation] + costOf(operation.selectionSet, root, root?.name ?? '', undefined);
  return { cost, problems };
}

export interface CostLimitOptions {
  /** Above this, operations are refused; `undefined`: they are measured and reported, never refused. */
  maxCost: number | undefined;
  defaultListSize: number;
  logger: Logger;
}

/** Each request's estimate, for the report plugin that runs after every cache. */
const estimates = new WeakMap<GraphQLRequest, { cost: number; maxCost: number | undefined }>();

/**
 * Estimates each operation's cost once its variables are known, before the gateway plans it,
 * with the `@cost` and `@listSize` of the supergraph served (read again on every reload). With
 * a `maxCost`, an operation costing more is refused with QUERY_TOO_COMPLEX and HTTP 400, and one
 * breaking a `requireOneSlicingArgument` with BAD_USER_INPUT. Every estimate goes to the
 * `tributary_graphql_operation_cost` histogram; without a `maxCost`, each new highest estimate
 * is logged, so a team can choose its limit from what its clients send.
 */
export function costLimitPlugin(options: CostLimitOptions): ApolloServerPlugin<BaseContext> {
  const { maxCost, defaultListSize, logger } = options;
  let directives = NO_COST_DIRECTIVES;
  let highest = 0;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          directives = coreSupergraphSdl ? readCostDirectives(coreSupergraphSdl) : NO_COST_DIRECTIVES;
          const basis = hasCostDirectives(directives) ? "the supergraph's @cost and @listSize" : `lists without a size counted as ${defaultListSize}`;
          const policy = maxCost === undefined ? 'measured, never refused (MAX_COST is not set)' : `refused above ${maxCost}`;
          logger.info({ maxCost: maxCost ?? null }, `operation costs follow ${basis}; ${policy}`);
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const { cost, problems } = operationCost(schema, document, operation, request.variables ?? {}, { defaultListSize, directives });
          operationCosts.observe(cost);
          estimates.set(request, { cost, maxCost });
          if (maxCost === undefined) {
            if (cost > highest) {
              highest = cost;
              logger.info({ cost, operationName: operation.name?.value ?? null }, 'the costliest operation so far (MAX_COST is not set: not refused)');
            }
            return;
          }
          if (problems.length > 0) {
            recordRefusal('BAD_USER_INPUT');
            throw new GraphQLError(`The operation cannot be costed: ${problems.join('; ')}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          if (cost <= maxCost) return;
          recordRefusal('QUERY_TOO_COMPLEX');
          throw new GraphQLError(`The operation costs ${cost}, more than the limit of ${maxCost}: ask for fewer items (smaller \`first\` arguments) or fewer nested lists`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/**
 * Outside production, `extensions.cost` tells the client its operation's estimate (`estimated`)
 * and the limit (`maxCost`, null when none is enforced). Runs after the caches, so no cached
 * response carries it.
 */
export const costReportPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ request, response }) {
        const estimate = estimates.get(request);
        if (!estimate || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { estimated: estimate.cost, maxCost: estimate.maxCost ?? null } };
      },
    };
  },
};
