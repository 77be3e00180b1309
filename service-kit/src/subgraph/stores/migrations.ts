import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './postgres.ts';

const FILE = /^(\d{3,})_[a-z0-9_]+\.sql$/;

/**
 * Applies `NNN_name.sql` files from `dir` in order, each once, in the service's own schema.
 * A transaction-scoped advisory lock keeps replicas starting together from racing.
 * Returns the versions applied now.
 */
export async function migrate(db: Db, schema: string, dir: string): Promise<string[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const files = (await readdir(dir)).filter((f) => FILE.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: string }>(
      `SELECT version FROM ${schema}.schema_migrations`,
    );
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      await tx.query(await readFile(join(dir, file), 'utf8'));
      await tx.query(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [version]);
      applied.push(version);
    }
    return applied;
  });
}
