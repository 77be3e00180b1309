import { parseArgs } from 'node:util';

/** One command-line flag and the environment variable it stands for. */
interface Flag {
  name: string;
  /** The environment variable the flag sets; the flag wins when both are given. */
  env?: string;
  /** What the flag sets the variable to, for flags without a value. */
  sets?: string;
  value?: string;
  description: string;
  default?: string;
}

export const FLAGS: readonly Flag[] = [
  { name: 'supergraph', env: 'SUPERGRAPH_PATH', value: '<file>', description: 'Serve this composed supergraph SDL file (e.g. from `rover supergraph compose`).', default: "Tributary's storefront supergraph" },
  { name: 'config', env: 'SUPERGRAPH_CONFIG', value: '<file>', description: 'Compose this rover supergraph.yaml at start and on every reload (subgraph schemas from `file`, `subgraph_url` or `sdl`).' },
  { name: 'port', env: 'PORT', value: '<port>', description: 'Port to listen on; 0 picks a free one.', default: '4000' },
  { name: 'host', env: 'HOST', value: '<address>', description: 'Interface to listen on.', default: '0.0.0.0' },
  { name: 'poll-interval', env: 'POLL_INTERVAL_MS', value: '<ms>', description: 'Also reload every <ms> milliseconds, introspecting `subgraph_url` subgraphs again; 0: never.', default: '0' },
  { name: 'no-watch', env: 'WATCH', sets: 'false', description: 'Do not reload when the supergraph file, the config or a subgraph SDL file changes (WATCH=false).' },
  { name: 'help', description: 'Print this help and exit.' },
];

/** Settings only the environment carries. */
const ENV_ONLY: readonly [string, string][] = [
  ['SUBGRAPH_<NAME>_URL', 'Send subgraph <NAME> (as in the supergraph, upper case) here instead of its routing URL.'],
  ['SUBGRAPH_TIMEOUT_MS', 'How long a subgraph fetch may take before its fields fail with SUBGRAPH_UNAVAILABLE (default 5000).'],
  ['SUBGRAPH_<NAME>_TIMEOUT_MS', 'The same for subgraph <NAME> only, e.g. SUBGRAPH_REVIEWS_TIMEOUT_MS.'],
  ['SUBGRAPH_MAX_RETRIES', 'Retries of a query fetch after a failed connection or HTTP 502/503/504; mutations and timeouts are never retried (default 2).'],
  ['SUBGRAPH_RETRY_DELAY_MS', 'First retry backoff; later ones grow exponentially with jitter, up to 1 s (default 50).'],
  ['SUBGRAPH_RETRY_BUDGET_RATIO', "Retries stay below this fraction of a subgraph's requests over 10 s, 3 at least (default 0.1)."],
  ['CIRCUIT_BREAKER_FAILURES', "Consecutive failures that open a subgraph's circuit: its fields then fail at once (default 5)."],
  ['CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS', 'How long an open circuit waits before one probe call; success closes it (default 10000).'],
  ['SUBGRAPH_KEEPALIVE_IDLE_MS', "Idle sockets to subgraphs close after this; keep it below the subgraphs' keep-alive (65 s) (default 30000)."],
  ['READINESS_TIMEOUT_MS', 'How long a subgraph may take to answer the /ready probe (default 2000).'],
  ['LOG_LEVEL', 'fatal, error, warn, info (default), debug, trace or silent; logs are JSON lines on stdout.'],
  ['NODE_ENV', '`production` turns introspection, field suggestions, the landing page and extensions.chattiness off.'],
  ['REDIS_URL', 'Redis for automatic persisted queries (shared by replicas) and the response cache; unset: in process.'],
  ['RESPONSE_CACHE_ENABLED', 'true caches whole responses of cacheable operations, PRIVATE ones per user (default false).'],
  ['APQ_TTL_SECONDS', 'How long a persisted query stays known (default 604800).'],
  ['CACHE_KEY_PREFIX', 'Starts every key the gateway writes to Redis (default tributary).'],
  ['REDIS_COMMAND_TIMEOUT_MS', 'A slower Redis command counts as a miss (default 250).'],
  ['TRACING_ENABLED', 'false makes and sends no X-Ray segments (default true).'],
  ['AWS_XRAY_DAEMON_ADDRESS', 'Where segments go by UDP (default 127.0.0.1:2000); `npm run traces` listens there.'],
  ['XRAY_SAMPLING_RATE', 'Fraction of requests traced beyond the reservoir (default 0.05).'],
  ['XRAY_SAMPLING_RESERVOIR', 'Requests per second always traced (default 1).'],
  ['AWS_REGION', 'Accepted for symmetry with the services; the gateway calls no AWS API.'],
  ['SEED_PROFILE', 'Accepted for symmetry with the services; the gateway has no store.'],
  ['AUTH_JWKS_URL', 'Verify `Authorization: Bearer <JWT>` against this JSON Web Key Set (Cognito: the user pool jwks.json); invalid tokens get 401. Unset: every request is anonymous.'],
  ['AUTH_ISSUER', 'The `iss` tokens must carry (required with AUTH_JWKS_URL).'],
  ['AUTH_AUDIENCE', 'The `aud` tokens must carry, or without one their `client_id` (required with AUTH_JWKS_URL).'],
  ['AUTH_ALGORITHMS', 'Comma-separated signing algorithms accepted (default RS256,ES256).'],
  ['AUTH_USER_ID_CLAIM', 'The claim holding the user id (default sub).'],
  ['AUTH_JWKS_COOLDOWN_MS', 'After a key set fetch, how long before an unknown kid fetches it again (default 30000).'],
  ['IDENTITY_SIGNING_SECRET', 'HMAC key (32+ characters) shared with the subgraphs, signing the identity sent to them (required with AUTH_JWKS_URL).'],
  ['MAX_BODY_BYTES', 'Largest request body; larger get 413 (default 1048576).'],
  ['MAX_DOCUMENT_BYTES', 'Largest GraphQL document, in bytes (default 32768).'],
  ['MAX_TOKENS', 'Most lexical tokens in a document; the parser stops there (default 2000).'],
  ['MAX_DEPTH', 'Deepest field nesting, through fragments; introspection aside (default 12).'],
  ['MAX_ALIASES', 'Most aliases in a document (default 30).'],
  ['MAX_DIRECTIVES', 'Most directives in a document (default 50).'],
  ['MAX_COST', 'Most an operation may cost: 1 per object, lists multiply by `first` (default 10000).'],
  ['DEFAULT_LIST_SIZE', 'What a list without `first` or a default for it counts as (default 10).'],
  ['MAX_BATCH_SIZE', 'Most operations in one batched POST; 0 turns batching off (default 0).'],
  ['RATE_LIMIT_PER_SECOND', 'Requests per second per client (user, else address), refilling a token bucket in Redis when REDIS_URL is set; 0: off (default 100).'],
  ['RATE_LIMIT_BURST', 'Requests a client may send at once (default 200).'],
  ['TRUSTED_PROXY_HOPS', 'Proxies in front appending to X-Forwarded-For, e.g. 1 behind an ALB (default 0).'],
  ['CORS_ALLOWED_ORIGINS', 'Comma-separated origins browsers may call from, or * (no credentials); default none.'],
  ['PERSISTED_OPERATIONS_PATH', 'A JSON manifest (sha256 → document): run only these operations.'],
  ['APOLLO_TELEMETRY_DISABLED', 'Apollo libraries make no calls home unless set to an empty value (default 1).'],
];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CliCommand = { help: true } | { help: false; env: Record<string, string> };

/** Parses the command line into the environment variables it sets, or a request for help. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: Object.fromEntries(FLAGS.map((flag) => [flag.name, { type: flag.value ? 'string' : 'boolean' }] as const)),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    // parseArgs' messages name the flag; the rest of them point at the help.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  if (parsed.values.help) return { help: true };
  const env: Record<string, string> = {};
  for (const flag of FLAGS) {
    const value = parsed.values[flag.name];
    if (value === undefined || !flag.env) continue;
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${flag.name} needs a value`);
    env[flag.env] = typeof value === 'string' ? value : flag.sets!;
  }
  return { help: false, env };
}

/** `PORT: …` becomes `--port / PORT: …`, so the message names what the user typed. */
export function nameFlags(problem: string): string {
  const flag = FLAGS.find((f) => f.env && problem.startsWith(`${f.env}:`));
  return flag ? `--${flag.name} / ${problem}` : problem;
}

const wrap = (text: string, width: number, indent: number): string => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
};

const table = (rows: [string, string][]): string => {
  const column = Math.max(...rows.map(([left]) => left.length)) + 4;
  return rows.map(([left, right]) => `  ${left.padEnd(column - 2)}${wrap(right, 100 - column, column)}`).join('\n');
};

export function helpText(): string {
  const flags = table(
    FLAGS.map((flag) => [
      `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`,
      [flag.description, flag.env && !flag.sets ? `Env: ${flag.env}.` : '', flag.default ? `Default: ${flag.default}.` : '']
        .filter(Boolean)
        .join(' '),
    ]),
  );
  return `Usage: tributary-gateway [options]

An Apollo Federation 2 gateway: serves one GraphQL endpoint at http://<host>:<port>/graphql over
your subgraphs, with GET /health (live) and GET /ready (a supergraph is loaded and every subgraph
answers). Flags win over their environment variables.

Options:
${flags}

Environment only:
${table([...ENV_ONLY])}

Reloading: when the supergraph file, the config or a subgraph SDL file it lists changes, or on
SIGHUP, the gateway loads the supergraph again and swaps it in without a restart; requests in
flight finish on the schema they started with. If the new supergraph cannot be loaded, the last
good one stays served and the log says why. At start, problems are printed and the exit code is 1
(2 for a bad command line).
`;
}
