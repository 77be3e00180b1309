import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseEnv, ConfigError, parseConfig, postgresEnv } from './config.ts';

const schema = z.object({ ...baseEnv, PORT: baseEnv.PORT.default(4001), ...postgresEnv });

describe('parseConfig', () => {
  it('applies defaults', () => {
    const config = parseConfig(schema, { DATABASE_URL: 'postgres://localhost/db' });
    expect(config).toMatchObject({ PORT: 4001, LOG_LEVEL: 'info', SEED_PROFILE: 'none', DATABASE_POOL_MAX: 10, AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' });
  });

  it('reports every problem at once', () => {
    try {
      parseConfig(schema, { PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
    }
  });

  it('treats empty values as unset', () => {
    expect(parseConfig(schema, { DATABASE_URL: 'postgres://h/d', PORT: '', REDIS_URL: '' }).PORT).toBe(4001);
  });
});
