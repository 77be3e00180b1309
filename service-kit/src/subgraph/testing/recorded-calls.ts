/** One method call on a recorded object: its name and its arguments, in call order. */
export interface RecordedCall {
  method: string;
  args: unknown[];
}

/**
 * The same object, recording every call of its methods into `calls`: wrap an in-memory store (or
 * any stand-in) with it to assert how often, and with what, the resolvers reached it.
 */
export function recordCalls<T extends object>(target: T, calls: RecordedCall[] = []): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ method: property, args });
        return value.apply(object, args);
      };
    },
  });
}

/** The arguments of each call of one method, in order. */
export const callsOf = (calls: readonly RecordedCall[], method: string): unknown[][] =>
  calls.filter((call) => call.method === method).map((call) => call.args);
