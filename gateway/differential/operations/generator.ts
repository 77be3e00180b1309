import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { ArgumentValues, FixtureOperation } from '../fixtures/fixture.ts';
import { Random } from './random.ts';
import { canMakeUp, literal, valueOf } from './values.ts';

export interface GeneratorOptions {
  seed: number;
  count: number;
  /** Values to use for `Type.field.argument`, e.g. ids that exist. */
  argumentValues?: ArgumentValues;
  /**
   * Deepest field nesting.
   * @default 5
   */
  maxDepth?: number;
}

/** What one operation is being built from: its variables, fragments and names so far. */
class Draft {
  readonly variables: string[] = [];
  readonly values: Record<string, unknown> = {};
  readonly fragments: string[] = [];
  private names = 0;
  readonly schema: GraphQLSchema;
  readonly random: Random;
  readonly options: GeneratorOptions;

  constructor(schema: GraphQLSchema, random: Random, options: GeneratorOptions) {
    this.schema = schema;
    this.random = random;
    this.options = options;
  }

  name(prefix: string): string {
    this.names += 1;
    return `${prefix}${this.names}`;
  }

  /** A variable of `type` holding `value`; returns `$name`. */
  variable(type: string, value: unknown): string {
    const name = this.name('v');
    this.variables.push(`$${name}: ${type}`);
    this.values[name] = value;
    return `$${name}`;
  }
}

const usable = (field: GraphQLField<unknown, unknown>) =>
  !field.name.startsWith('__') && field.args.every((arg) => !isNonNullType(arg.type) || canMakeUp(arg.type));

function argument(draft: Draft, parent: string, field: string, arg: GraphQLArgument): string | undefined {
  const given = draft.options.argumentValues?.[`${parent}.${field}.${arg.name}`];
  if (!isNonNullType(arg.type) && !draft.random.chance(given ? 0.7 : 0.3)) return undefined;
  if (!given && !canMakeUp(arg.type)) return undefined;
  const value = given ? draft.random.pick(given) : valueOf(arg.type, draft.random);
  const written = draft.random.chance(0.35) ? draft.variable(String(arg.type), value) : literal(value, arg.type);
  return `${arg.name}: ${written}`;
}

function directives(draft: Draft): string {
  if (!draft.random.chance(0.12)) return '';
  const name = draft.random.pick(['skip', 'include']);
  const condition = draft.random.chance(0.7) ? draft.variable('Boolean!', draft.random.chance(0.5)) : String(draft.random.chance(0.5));
  return ` @${name}(if: ${condition})`;
}

function fieldSelection(draft: Draft, parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, depth: number): string[] {
  const named = getNamedType(field.type);
  const times = field.args.length > 0 && draft.random.chance(0.15) ? 2 : 1;
  return Array.from({ length: times }, (_, i) => {
    const args = field.args.map((arg) => argument(draft, parent.name, field.name, arg)).filter(Boolean);
    // The same field twice needs two response names; otherwise an alias only sometimes.
    const alias = times > 1 || draft.random.chance(0.15) ? `${draft.name(i === 0 ? 'a' : 'b')}: ` : '';
    const head = `${alias}${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${directives(draft)}`;
    return isCompositeType(named) ? `${head} ${selectionSet(draft, named, depth + 1)}` : head;
  });
}

function fragmentOn(draft: Draft, type: GraphQLCompositeType, depth: number): string {
  const body = selectionSet(draft, type, depth);
  if (draft.random.chance(0.5)) return `... on ${type.name}${directives(draft)} ${body}`;
  const name = draft.name('F');
  draft.fragments.push(`fragment ${name} on ${type.name} ${body}`);
  return `...${name}`;
}

function selectionSet(draft: Draft, type: GraphQLCompositeType, depth: number): string {
  const { random, schema } = draft;
  const selections: string[] = [];
  const deep = depth < (draft.options.maxDepth ?? 5);
  if (!isAbstractType(type) || isInterfaceType(type)) {
    const fields = Object.values(type.getFields()).filter(usable).filter((f) => deep || isLeafType(getNamedType(f.type)));
    for (const field of random.some(fields, random.int(1, 4))) selections.push(...fieldSelection(draft, type, field, depth));
  }
  if (isAbstractType(type) && deep) {
    for (const possible of random.some(schema.getPossibleTypes(type), random.int(0, 2))) selections.push(fragmentOn(draft, possible, depth));
  }
  if (isObjectType(type) && deep && random.chance(0.08)) {
    const interfaces = type.getInterfaces();
    if (interfaces.length > 0) selections.push(fragmentOn(draft, random.pick(interfaces), depth));
  }
  if (selections.length === 0 || random.chance(0.15)) selections.push(random.chance(0.2) ? `${draft.name('t')}: __typename` : '__typename');
  return `{ ${selections.join(' ')} }`;
}

function operation(schema: GraphQLSchema, random: Random, options: GeneratorOptions): { query: string; variables: Record<string, unknown>; operationName?: string } {
  const draft = new Draft(schema, random, options);
  const root = schema.getQueryType()!;
  const body = selectionSet(draft, root, 1);
  const named = draft.variables.length > 0 || random.chance(0.3) ? draft.name('Op') : undefined;
  const header = named ? `query ${named}${draft.variables.length > 0 ? `(${draft.variables.join(', ')})` : ''} ` : '';
  const query = [`${header}${body}`, ...draft.fragments].join('\n');
  return { query, variables: draft.values, ...(named && random.chance(0.5) ? { operationName: named } : {}) };
}

/**
 * Makes `count` distinct, valid queries over an API schema, the same ones for the same seed:
 * fields with arguments (literal or variables), aliases and the same field twice with other
 * arguments, inline and named fragments on interfaces, unions and their members,
 * `__typename`, `@skip`/`@include`, nested to `maxDepth`. Invalid drafts (e.g. fields that
 * cannot merge) are dropped and drawn again.
 */
export function generateOperations(schema: GraphQLSchema, options: GeneratorOptions): FixtureOperation[] {
  const random = new Random(options.seed);
  const seen = new Set<string>();
  const operations: FixtureOperation[] = [];
  for (let attempts = 0; operations.length < options.count; attempts += 1) {
    if (attempts > options.count * 50) throw new Error(`only ${operations.length} of ${options.count} valid distinct operations after ${attempts} drafts`);
    const draft = operation(schema, random, options);
    if (seen.has(draft.query) || validate(schema, parse(draft.query)).length > 0) continue;
    seen.add(draft.query);
    const variables = Object.keys(draft.variables).length > 0 ? { variables: draft.variables } : {};
    operations.push({ name: `generated ${operations.length + 1}/${options.count} (seed ${options.seed})`, query: draft.query, ...variables, ...(draft.operationName ? { operationName: draft.operationName } : {}) });
  }
  return operations;
}
