import { GraphQLError, isCompositeType, isObjectType, type FieldNode, type GraphQLSchema } from 'graphql';
import { type CompiledSelection, type CompiledType, type Condition } from './projection-compiler.ts';

type Path = (string | number)[];
type Data = Record<string, unknown>;

/** What one projection needs besides the fetched data. */
export interface ProjectionInput {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  introspect: (field: FieldNode) => unknown;
}

interface Run extends ProjectionInput {
  errors: GraphQLError[];
}

const BUBBLE = 1;
const hasOwn = Object.prototype.hasOwnProperty;
const own = (object: Data, key: string): unknown => (hasOwn.call(object, key) ? object[key] : undefined);

const invalid = (message: string, path: Path) => new GraphQLError(message, { path: [...path], extensions: { code: 'INVALID_GRAPHQL' } });

function skipped(conditions: Condition[] | undefined, variables: Record<string, unknown>): boolean {
  if (!conditions) return false;
  for (const { skip, value } of conditions) {
    const on = typeof value === 'boolean' ? value : variables[value] === true;
    if (skip === on) return true;
  }
  return false;
}

/** How errors name the value at the end of `path`: the field by its schema name, or a list item. */
function describe(path: Path, type: CompiledType, parentType: string, fieldName: string): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `field ${parentType}.${fieldName}` : `array element of type ${type.printed} at index ${last}`;
}

/** Apollo's rule: the object's `__typename` decides, else the type the selection is on. */
function applies(appliesTo: ReadonlySet<string> | undefined, typename: unknown, parentType: string): boolean {
  if (!appliesTo) return true;
  return appliesTo.has(typeof typename === 'string' && typename ? typename : parentType);
}

/**
 * Writes the client's answer from the fetched data in one walk of the compiled operation: the
 * client's fields in its order under its response names, nothing the plan added (keys,
 * `@requires` inputs), `__typename`, leaf values checked against their type, and a null where
 * the spec puts one, with its error. Repeated response names merge, as GraphQL's field merging
 * does. The same walk as `@apollo/gateway`'s result shaping, over a tree compiled once.
 */
export function project(input: Data, selections: CompiledSelection[], rootType: string, options: ProjectionInput): { data: Data | null; errors: GraphQLError[] } {
  const run: Run = { ...options, errors: [] };
  const data: Data = Object.create(null);
  const result = applySelections(run, input, selections, data, [], rootType);
  return { data: result === BUBBLE ? null : data, errors: run.errors };
}

function applySelections(run: Run, input: Data, selections: CompiledSelection[], output: Data, path: Path, parentType: string): number {
  for (const selection of selections) {
    if (skipped(selection.conditions, run.variables)) continue;
    if (selection.kind === 'fragment') {
      if (!applies(selection.appliesTo, input.__typename, parentType)) continue;
      if (applySelections(run, input, selection.selections, output, path, selection.typeCondition ?? parentType) === BUBBLE) return BUBBLE;
      continue;
    }
    const { responseName } = selection;
    const outputValue = output[responseName];
    if (selection.introspection) {
      if (outputValue === undefined) output[responseName] = run.introspect(selection.introspection);
      continue;
    }
    let inputValue = own(input, responseName) ?? null;
    if (selection.name === '__typename') {
      if (outputValue !== undefined) continue;
      if (inputValue === null && responseName !== '__typename') inputValue = input.__typename ?? null;
      const named = typeof inputValue === 'string' ? run.schema.getType(inputValue) : undefined;
      const type = named ?? run.schema.getType(parentType);
      // An interface name from an @interfaceObject subgraph no later fetch corrected: no object
      // type to name, so the object is null, and that is an error of its non-null __typename.
      if (!isObjectType(type)) {
        path.push(responseName);
        run.errors.push(invalid(`Cannot return null for non-nullable field ${parentType}.__typename.`, path));
        path.pop();
        return BUBBLE;
      }
      output[responseName] = type.name;
      continue;
    }
    path.push(responseName);
    const updated = updateValue(run, outputValue, selection.type, inputValue, selection.selections, path, parentType, selection.name);
    output[responseName] = updated.value;
    path.pop();
    if (updated.invalid) return BUBBLE;
  }
  return 0;
}

interface Updated {
  value: unknown;
  invalid?: boolean;
  hasErrors?: boolean;
}

function updateValue(
  run: Run,
  outputValue: unknown,
  type: CompiledType,
  inputValue: unknown,
  selections: CompiledSelection[] | undefined,
  path: Path,
  parentType: string,
  fieldName: string,
): Updated {
  if (outputValue === null || (outputValue !== undefined && !selections)) return { value: outputValue };
  switch (type.kind) {
    case 'nonNull': {
      const inner = updateValue(run, outputValue, type.ofType, inputValue, selections, path, parentType, fieldName);
      if (inner.value !== null) return { value: inner.value };
      if (!inner.hasErrors) run.errors.push(invalid(`Cannot return null for non-nullable ${describe(path, type.ofType, parentType, fieldName)}.`, path));
      return { value: null, invalid: true, hasErrors: true };
    }
    case 'list': {
      if (inputValue === null) return { value: null };
      if (!Array.isArray(inputValue)) throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type.printed}`);
      const current = outputValue as unknown[] | undefined;
      if (current !== undefined && (!Array.isArray(current) || current.length !== inputValue.length)) throw new Error(`Mismatched list lengths for list type ${type.printed}`);
      let nullify = false;
      let hasErrors = false;
      const value = new Array<unknown>(inputValue.length);
      for (let i = 0; i < inputValue.length; i++) {
        path.push(i);
        const item = updateValue(run, current?.[i], type.ofType, inputValue[i] ?? null, selections, path, parentType, fieldName);
        path.pop();
        nullify ||= !!item.invalid;
        hasErrors ||= !!item.hasErrors;
        value[i] = item.value;
      }
      return { value: nullify ? null : value, hasErrors };
    }
    case 'composite': {
      if (inputValue === null) return { value: null };
      if (typeof inputValue !== 'object') throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.printed}`);
      const typename = (inputValue as Data).__typename;
      let objectType = type.name;
      if (typename) {
        const named = typeof typename === 'string' ? run.schema.getType(typename) : undefined;
        // The message names no type: the subgraph's may be one the API schema hides.
        if (!named || !isCompositeType(named)) {
          run.errors.push(invalid(`Invalid __typename found for object at ${describe(path, type, parentType, fieldName)}.`, path));
          return { value: null, hasErrors: true };
        }
        objectType = named.name;
      }
      const object = (outputValue as Data | undefined) ?? (Object.create(null) as Data);
      const bubbled = applySelections(run, inputValue as Data, selections!, object, path, objectType) === BUBBLE;
      return { value: bubbled ? null : object, hasErrors: bubbled };
    }
    case 'leaf': {
      if (inputValue === null) return { value: null };
      if (type.isValid(inputValue)) return { value: inputValue };
      run.errors.push(invalid(`Invalid value found for ${describe(path, type, parentType, fieldName)}.`, path));
      return { value: null, hasErrors: true };
    }
  }
}
