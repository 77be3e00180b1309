const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Merges a subgraph's answer into the data fetched so far, as `@apollo/gateway` does: objects
 * merge key by key, lists of the same length item by item, anything else replaces.
 */
export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown> | null | undefined): void {
  if (source == null) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (existing && isObject(value)) {
      deepMerge(existing as Record<string, unknown>, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Record<string, unknown>, value[i] as Record<string, unknown>);
        else existing[i] = value[i];
      }
    } else if (existing === undefined && key in target) {
      // Never through the prototype: a key like `constructor` becomes the object's own.
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }
}
