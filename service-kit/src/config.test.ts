import { describe, expect, it } from 'vitest';
import { baseEnv, ConfigError, identitySecretInProduction, postgresEnv } from './config.ts';
import { defineSettings } from './settings/settings.ts';

const settings = defineSettings({
  service: 'test',
  settings: { ...baseEnv, PORT: { ...baseEnv.PORT, default: 4001 }, ...postgresEnv },
  checks: [identitySecretInProduction],
});

describe('the shared settings', () => {
  it('applies defaults', () => {
    const config = settings.parse({ DATABASE_URL: 'postgres://localhost/db' });
    expect(config).toMatchObject({ PORT: 4001, LOG_LEVEL: 'info', SEED_PROFILE: 'none', DATABASE_POOL_MAX: 10, AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000' });
  });

  it('reports every problem at once', () => {
    try {
      settings.parse({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(problems.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
    }
  });

  it('treats empty values as unset', () => {
    expect(settings.parse({ DATABASE_URL: 'postgres://h/d', PORT: '', REDIS_URL: '' }).PORT).toBe(4001);
  });

  it('requires the identity secret in production only', () => {
    expect(() => settings.parse({ DATABASE_URL: 'postgres://h/d', NODE_ENV: 'production' })).toThrow('IDENTITY_SIGNING_SECRET: is required in production');
    expect(settings.parse({ DATABASE_URL: 'postgres://h/d', NODE_ENV: 'test' }).IDENTITY_SIGNING_SECRET).toBeUndefined();
  });
});
