import { benchmarkQuery } from './subgraphs/subgraphs.ts';

export type WorkloadName = 'identical' | 'varied';

export interface Workload {
  name: WorkloadName;
  description: string;
  /** The body of the next request. */
  body: () => Buffer;
}

const identicalBody = Buffer.from(JSON.stringify({ query: benchmarkQuery, operationName: 'TestQuery' }));
const [variedPrefix, variedSuffix] = JSON.stringify({ query: benchmarkQuery, operationName: 'TestQuery', variables: { nonce: 0 } })
  .split('"nonce":0')
  .map((part, i) => Buffer.from(i === 0 ? `${part}"nonce":` : part));

/**
 * The two workloads. Varied: every request carries a variable of its own, `nonce`, which the
 * operation does not declare. GraphQL ignores it (the answer is the same bytes), but it is
 * part of the request as sent, so no deduplication keyed on the request (nor any response cache)
 * can share work between two requests; a declared variable would have to change the benchmark query, which stays
 * verbatim.
 */
let nonce = 0;

export const workloads: Workload[] = [
  { name: 'identical', description: 'every client sends the same request', body: () => identicalBody },
  {
    name: 'varied',
    description: 'the same operation with a distinct (undeclared) variable on every request',
    // Counted across every run of the process: no two requests of a benchmark share a nonce.
    body: () => Buffer.concat([variedPrefix!, Buffer.from(String((nonce += 1))), variedSuffix!]),
  },
];
