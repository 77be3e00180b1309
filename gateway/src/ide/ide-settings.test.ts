import { describe, expect, it } from 'vitest';
import { ConfigError } from '@tributary/service-kit';
import { parseGatewayConfig } from '../config.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    parseGatewayConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('the IDE settings of the gateway', () => {
  it('are optional (the IDE then follows NODE_ENV) and taken as given', () => {
    const unset = parseGatewayConfig({});
    expect([unset.IDE, unset.IDE_DEFAULT_HEADERS]).toEqual([undefined, undefined]);
    expect(parseGatewayConfig({ IDE: 'sandbox', IDE_DEFAULT_HEADERS: '// hint\n{"authorization":"Bearer t"}' })).toMatchObject({
      IDE: 'sandbox',
      IDE_DEFAULT_HEADERS: '// hint\n{"authorization":"Bearer t"}',
    });
    expect(parseGatewayConfig({ NODE_ENV: 'production', IDE: 'none' }).IDE).toBe('none');
  });

  it('refuse an IDE and a token in production, and headers that are not a JSON object', () => {
    expect(problems({ NODE_ENV: 'production', IDE: 'graphiql' })).toEqual(['IDE: must be none with NODE_ENV=production (introspection is off), not graphiql']);
    expect(problems({ NODE_ENV: 'production', IDE_DEFAULT_HEADERS: '{"authorization":"Bearer t"}' })).toEqual([
      'IDE_DEFAULT_HEADERS: not with NODE_ENV=production (no IDE there, and no development token)',
    ]);
    expect(problems({ IDE: 'playground' })[0]).toMatch(/^IDE: /);
    expect(problems({ IDE_DEFAULT_HEADERS: 'Bearer t' })[0]).toMatch(/^IDE_DEFAULT_HEADERS: is not a JSON object/);
  });
});
