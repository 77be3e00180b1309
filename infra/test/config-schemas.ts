import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SERVICE_DIRS } from '../lib/catalog.ts';
import type { ServiceName } from '../lib/registry-stack.ts';

/** The slice of a zod object schema these checks use. */
export interface ConfigSchema {
  readonly shape: Record<string, { safeParse(value: unknown): { success: boolean } }>;
  safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } };
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
  const schema = (await import(path)).configSchema as ConfigSchema | undefined;
  if (!schema?.shape) throw new Error(`${path} must export configSchema, a zod object schema over the raw env`);
  return schema;
}

export function acceptedKeys(schema: ConfigSchema): string[] {
  return Object.keys(schema.shape);
}

/** Keys without a default that may not be absent. */
export function requiredKeys(schema: ConfigSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);
}
