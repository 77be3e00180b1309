import { z } from 'zod';

export const configSchema = z.object({
  /** Service Connect namespace the accounts service registers in. */
  ACCOUNTS_NAMESPACE: z.string().min(1),
  /** Its discovery name there. */
  ACCOUNTS_SERVICE: z.string().min(1),
  ACCOUNTS_PORT: z.coerce.number().int().min(1).max(65_535),
  /** Cognito waits 5 s for the trigger: the accounts call must give up well before. */
  ACCOUNTS_TIMEOUT_MS: z.coerce.number().int().min(100).max(4_000).default(2_500),
});

export type LinkAccountConfig = z.infer<typeof configSchema>;

/** The only place the function reads its environment. */
export function readConfig(env: Record<string, string | undefined> = process.env): LinkAccountConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(', ')}`);
  return parsed.data;
}
