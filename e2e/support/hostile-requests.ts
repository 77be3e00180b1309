import { random as mulberry32 } from '@tributary/seed';

/** One generated request: where it goes relative to /graphql, and what it carries. */
export interface HostileRequest {
  kind: string;
  method: string;
  /** Appended to the GraphQL URL: a query string, or a path that replaces /graphql. */
  search?: string;
  path?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** The seed generator's PRNG (mulberry32): a seed gives the same run on every machine. */
export const seededRandom = mulberry32;

const JSON_TYPE = { 'content-type': 'application/json' };
const UNICODE = ['\u0000', '\ufeff', '\u200b', '\u202e', '\ud800', '\udfff', '💥', 'é', '\u0301', '\uffff', '𝕏', '\u2028'];
const FIELDS = ['users', 'topProducts', 'me', 'user(id: "1")', 'product(upc: "100000000001")'];
const NESTED = ['reviews', 'author', 'product', 'reviews'];

/** Generates hostile requests against the storefront graph: the same `count` for the same `seed`. */
export function hostileRequests(seed: number, count: number): HostileRequest[] {
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (length: number) => Array.from({ length }, () => String.fromCharCode(32 + int(95))).join('');
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  const json = (kind: string, body: unknown, headers: Record<string, string> = {}): HostileRequest => ({
    kind,
    method: 'POST',
    headers: { ...JSON_TYPE, ...headers },
    body: JSON.stringify(body),
  });
  const query = (kind: string, document: string, variables?: unknown) => json(kind, { query: document, ...(variables === undefined ? {} : { variables }) });
  const deep = (depth: number) => `{ users { ${Array.from({ length: depth }, (_, i) => `${NESTED[i % NESTED.length]} {`).join(' ')} id ${'}'.repeat(depth)} } }`;

  const generators: (() => HostileRequest)[] = [
    () => ({ kind: 'random bytes', method: 'POST', headers: JSON_TYPE, body: bytes(1 + int(4096)) }),
    () => {
      const valid = JSON.stringify({ query: '{ users { id } }', variables: { a: [1, 2, { b: 'c' }] } });
      return { kind: 'invalid json', method: 'POST', headers: JSON_TYPE, body: pick([valid.slice(0, int(valid.length)), `${valid}}`, valid.replace(/"/g, "'"), text(1 + int(200)), '{"query": "{ users { id } }",}', 'NaN', '[', '{"a":1e999999}']) };
    },
    () => {
      const prefix = new TextEncoder().encode('{"query":"{ users { id } }","variables":{"x":"');
      return { kind: 'invalid utf-8', method: 'POST', headers: JSON_TYPE, body: Uint8Array.from([...prefix, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d, 0x7d]) };
    },
    () => query('deep nesting', deep(5 + int(400))),
    () => query('deep nesting of unknown fields', `${'{ a '.repeat(50 + int(3000))}${'}'.repeat(50 + int(3000))}`),
    () => {
      const depth = 1000 + int(20_000);
      return { kind: 'deep json', method: 'POST', headers: JSON_TYPE, body: `{"query":"query($v: [Int]) { users(first: 1) { id } }","variables":{"v":${'['.repeat(depth)}1${']'.repeat(depth)}}}` };
    },
    () => query('alias bomb', `{ ${Array.from({ length: 20 + int(2000) }, (_, i) => `a${i}: ${pick(FIELDS)} { __typename }`).join(' ')} }`),
    () => {
      const n = 3 + int(30);
      const fragments = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} users { id } }`).join(' ');
      return query('fragment bomb', `{ ...F0 } ${fragments} fragment F${n} on Query { __typename }`);
    },
    () => query('fragment cycle', `{ users { ...A } } fragment A on User { reviews { author { ...B } } } fragment B on User { ...${pick(['A', 'B'])} }`),
    () => query('huge string argument', `{ user(id: "${text(1000 + int(300_000))}") { id } }`),
    () => query('huge string variable', 'query($id: ID!) { user(id: $id) { name } }', { id: text(1000 + int(500_000)) }),
    () => {
      const [document, variables] = pick([
        ['query($n: Int) { users(first: $n) { id } }', { n: pick(['abc', {}, [], 1e308, -1, 2 ** 31, 1.5, true, null, '10']) }],
        ['query($id: ID!) { user(id: $id) { id } }', { id: pick([null, { a: 1 }, [1], true, 1.5]) }],
        ['mutation($i: AddReviewInput!) { addReview(input: $i) { id } }', { i: pick([{}, { rating: 'five' }, { productUpc: 1, authorId: [], body: {}, rating: 1e9 }, 'x']) }],
        ['mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { name: 1, username: {}, email: [] } }],
        ['query($n: Int) { users(first: 5) { id } }', pick(['not an object', [1, 2], 42])],
      ] as const);
      return query('wrong variable types', document, variables);
    },
    () => ({ kind: 'oversized body', method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ query: `{ users { id } } #${'x'.repeat(1024 * 1024 + int(100_000))}` }) }),
    () => ({
      kind: 'batch array',
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(pick([[], [1, 2], Array.from({ length: 1 + int(1000) }, () => ({ query: '{ users { id } }' })), [{ query: '{ users { id } }' }, null]])),
    }),
    () => ({ kind: 'wrong method', method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND']), headers: JSON_TYPE, ...(int(2) ? { body: '{"query":"{ users { id } }"}' } : {}) }),
    () => ({
      kind: 'wrong content type',
      method: 'POST',
      headers: pick<Record<string, string>>([{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, { 'content-type': 'multipart/form-data; boundary=x' }, { 'content-type': 'application/xml' }, { 'content-type': 'application/json; charset=latin1' }, {}]),
      body: pick(['{"query":"{ users { id } }"}', 'query={users{id}}', '<q/>', text(100)]),
    }),
    () => {
      const n = 100 + int(5000);
      const variables = Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, i]));
      const declared = int(2) ? Array.from({ length: Math.min(n, 2000) }, (_, i) => `$v${i}: Int`).join(', ') : '$v0: Int';
      return query('many variables', `query(${declared}) { users(first: 1) { id } }`, variables);
    },
    () => query('unicode oddities', `{ ${pick(UNICODE)}users${pick(UNICODE)} { id } user(id: "${Array.from({ length: 5 + int(50) }, () => pick(UNICODE)).join('')}") { name } }`),
    () => ({ kind: 'unicode in body', method: 'POST', headers: JSON_TYPE, body: `\ufeff{"query":"{ users { id } }","operationName":"${pick(UNICODE)}"}` }),
    () => ({
      kind: 'hostile GET',
      method: 'GET',
      headers: int(2) ? { 'apollo-require-preflight': 'true' } : ({} as Record<string, string>),
      search: `?query=${encodeURIComponent(pick([deep(5 + int(50)), 'mutation { restock(upc: "1", amount: 1) { upc } }', text(int(2000)), '{ __schema { types { name } } }']))}&variables=${encodeURIComponent(pick(['{', '[]', '{"a":1}', text(20)]))}`,
    }),
    () => json('not an operation', pick([null, 1, 'str', true, { query: 123 }, { query: null, variables: 'x' }, { query: '{ users { id } }', operationName: {} }, { query: '{ users { id } }', extensions: 'x' }, {}])),
    () => json('bad persisted query', { extensions: { persistedQuery: pick([{ version: 1, sha256Hash: text(64) }, { version: 2, sha256Hash: 'ab' }, { version: 1 }, 'x', { version: 1, sha256Hash: 'a'.repeat(64) }]) } }),
    () => query('operation oddities', pick([
      'query A { users { id } } query A { users { id } }',
      '{ users { id } } { topProducts { upc } }',
      'subscription { users { id } }',
      'query { __schema { types { name fields { name } } } }',
      '{ __type(name: "User") { fields { name } } }',
      'mutation { restock(upc: "100000000001", amount: 99999999999) { upc } }',
      `{ users(first: ${pick(['99999999999999999999', '-1', '1.5', '"10"', 'null', '0'])}) { id } }`,
      `{ users { id ${'@include(if: true) '.repeat(1 + int(200))} } }`,
      '{ users { id @unknown } }',
      '{ users { passwrd } }',
      `{ topProducts(first: ${1 + int(100)}) { reviews(first: ${1 + int(100)}) { author { reviews(first: ${1 + int(100)}) { id } } } } }`,
    ])),
    () => ({ kind: 'unknown path', method: pick(['GET', 'POST']), path: pick(['/', '/graphql/../etc/passwd', '/%ff', '/graphq', `/x${text(50).replace(/[^A-Za-z0-9._~-]/g, '%25')}`]), headers: JSON_TYPE }),
  ];
  return Array.from({ length: count }, () => pick(generators)());
}
