import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVICE_DIRS } from '../lib/catalog.ts';
import type { ServiceName } from '../lib/registry-stack.ts';

/** The slice of a zod object schema these checks use, and the service's variable families (`SUBGRAPH_<NAME>_URL`). */
export interface ConfigSchema {
  readonly shape: Record<string, { safeParse(value: unknown): { success: boolean } }>;
  safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
  patterns?: RegExp[];
}

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Importing a service's config module loads its dependencies cold: seconds for the gateway's on a busy machine. */
export const CONFIG_IMPORT_TIMEOUT_MS = 30_000;

export function configPath(service: ServiceName): string {
  return `${repoRoot}${SERVICE_DIRS[service]}/src/config.ts`;
}

/** A service's `configSchema`, imported from its own `src/config.ts`: the contract the infra must meet. */
export async function loadConfigSchema(service: ServiceName): Promise<ConfigSchema> {
  const path = configPath(service);
  if (!existsSync(path)) throw new Error(`${path} is missing: every service exports configSchema from src/config.ts`);
  const module = await import(path);
  const schema = module.configSchema as ConfigSchema | undefined;
  if (!schema?.shape) throw new Error(`${path} must export configSchema, a zod object schema over the raw env`);
  const families = Object.values((module.settings?.patterns ?? {}) as Record<string, { env: string }>);
  const patterns = families.map(({ env }) => new RegExp(`^${env.replace('<NAME>', '[A-Z0-9_]+')}$`));
  return { shape: schema.shape, safeParse: (value) => schema.safeParse(value), patterns };
}

/** Whether the service reads `key`: a variable of its schema, or one of a family it declares. */
export function accepts(schema: ConfigSchema, key: string): boolean {
  return key in schema.shape || (schema.patterns ?? []).some((pattern) => pattern.test(key));
}

/** Keys without a default that may not be absent. */
export function requiredKeys(schema: ConfigSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);
}
