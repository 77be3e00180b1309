import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/** Whether an object of the supergraph matches a type condition of the plan, by its `__typename`. */
export function isObjectOfType(schema: GraphQLSchema, object: Record<string, unknown>, condition: string, whenUnknown = false): boolean {
  const typename = object.__typename;
  if (!typename || typeof typename !== 'string') return whenUnknown;
  if (typename === condition) return true;
  const type = schema.getType(typename);
  const conditionType = schema.getType(condition);
  if (!type || !conditionType || !isAbstractType(conditionType)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(conditionType, type);
}
