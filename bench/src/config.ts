import { loadConfig } from '@tributary/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  /** A PostgreSQL database the benchmark may own: created if missing, seeded once. @default tributary_bench_<profile> on 127.0.0.1 */
  BENCH_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional(),
  BENCH_REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  BENCH_PROFILE: z.enum(['small', 'large']).default('large'),
  /** Latency added to every one-way network hop (client→gateway, gateway→subgraph, client→subgraph). */
  BENCH_HOP_LATENCY_MS: z.coerce.number().min(0).max(100).default(1),
  /** Requests in flight at once in each throughput run. */
  BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Page loads measured per way of serving; the chatty client gets a fifth of it (each is ~300 requests). */
  BENCH_REQUESTS: z.coerce.number().int().min(5).max(10_000).default(100),
  BENCH_RESULTS_DIR: z.string().default(new URL('../results', import.meta.url).pathname),
});

export type BenchConfig = z.infer<typeof configSchema>;

/** The only place the benchmark reads its environment. */
export function readConfig(): BenchConfig & { BENCH_DATABASE_URL: string } {
  const config = loadConfig(configSchema, process.env);
  // One database per profile: a database seeded with one profile is never measured as another.
  return { ...config, BENCH_DATABASE_URL: config.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/tributary_bench_${config.BENCH_PROFILE}` };
}

export const inheritedEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
});
