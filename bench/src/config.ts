import { defineSettings, settingTypes, type ConfigOf } from '@tributary/service-kit';
import { z } from 'zod';

export const settings = defineSettings({
  service: 'npm run bench',
  settings: {
    BENCH_DATABASE_URL: {
      type: settingTypes.postgresUrl,
      shownDefault: 'tributary_bench_<profile> on 127.0.0.1',
      description: 'A PostgreSQL database the benchmark may own: created if missing, seeded once.',
    },
    BENCH_REDIS_URL: { type: settingTypes.redisUrl, default: 'redis://127.0.0.1:6379', description: 'The Redis the services cache in.' },
    BENCH_PROFILE: { type: z.enum(['small', 'large']), default: 'large', description: 'The seed profile measured.' },
    BENCH_HOP_LATENCY_MS: {
      type: z.coerce.number().min(0).max(100),
      default: 1,
      description: 'Latency added to every one-way network hop (client→gateway, gateway→subgraph, client→subgraph).',
    },
    BENCH_CONCURRENCY: { type: z.coerce.number().int().min(1).max(64), default: 8, description: 'Requests in flight at once in each throughput run.' },
    BENCH_REQUESTS: {
      type: z.coerce.number().int().min(5).max(10_000),
      default: 100,
      description: 'Page loads measured per way of serving; the chatty client gets a fifth of it (each is ~300 requests).',
    },
    BENCH_GATEWAY_EXECUTOR: {
      type: z.enum(['tributary', 'apollo']),
      default: 'tributary',
      description: "The gateway's GATEWAY_EXECUTOR: `apollo` measures the same pages on `@apollo/gateway`'s executor.",
    },
    BENCH_RESULTS_DIR: { type: z.string(), default: new URL('../results', import.meta.url).pathname, shownDefault: 'bench/results', description: 'Where the results are written.' },
  },
});

export type BenchConfig = ConfigOf<typeof settings.settings>;

/** The only place the benchmark reads its environment. */
export function readConfig(): BenchConfig & { BENCH_DATABASE_URL: string } {
  const config = settings.load(process.env);
  // One database per profile: a database seeded with one profile is never measured as another.
  return { ...config, BENCH_DATABASE_URL: config.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/tributary_bench_${config.BENCH_PROFILE}` };
}

export const inheritedEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
});
