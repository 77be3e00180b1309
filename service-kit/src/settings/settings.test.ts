import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, defineSettings, helpText, markdownTable, nameFlags, parseFlags, replaceBlock, UsageError } from './settings.ts';

const settings = defineSettings({
  service: 'demo',
  settings: {
    PORT: { type: z.coerce.number().int().min(0).max(65535), default: 4000, option: 'listen.port', flag: { name: 'port', value: '<port>' }, description: 'Port to listen on.' },
    WATCH: {
      type: z.enum(['true', 'false']).transform((value) => value === 'true'),
      default: true,
      option: 'watch',
      flag: { name: 'no-watch', sets: 'false', description: 'Do not reload on changes.' },
      description: 'Reload on changes.',
    },
    TOKEN_URL: { type: z.url(), option: 'auth.url', description: 'Where keys are.' },
    TOKEN_CLAIM: { type: z.string(), default: 'sub', option: 'auth.claim', description: 'The claim holding the user.' },
    DATABASE_URL: { type: z.string().startsWith('postgres://'), required: true, description: 'The database.' },
    drainMs: { type: z.number(), default: 20_000, option: 'listen.drainMs', optionOnly: true, description: 'Drain time.' },
  },
  patterns: {
    urls: { env: 'UPSTREAM_<NAME>_URL', type: z.url(), option: 'upstreams', description: 'Where upstream <NAME> is.' },
  },
  checks: [(config) => (config.TOKEN_CLAIM === 'none' ? ['TOKEN_CLAIM: cannot be none'] : [])],
});

const problems = (env: Record<string, string>) => {
  try {
    settings.parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('defineSettings', () => {
  it('applies defaults, converts values, collects each pattern by lower-case name', () => {
    const config = settings.parse({ DATABASE_URL: 'postgres://db', UPSTREAM_BOOK_SHOP_URL: 'http://shop', WATCH: 'false' });
    expect(config).toEqual({ PORT: 4000, WATCH: false, TOKEN_CLAIM: 'sub', DATABASE_URL: 'postgres://db', urls: { book_shop: 'http://shop' } });
    expect(Object.keys(settings.schema.shape)).toEqual(['PORT', 'WATCH', 'TOKEN_URL', 'TOKEN_CLAIM', 'DATABASE_URL']);
  });

  it('lists every problem at once: variables in table order, then patterns; empty values are unset', () => {
    expect(problems({ PORT: 'x', DATABASE_URL: '', UPSTREAM_A_URL: 'nope' }).map((p) => p.split(':')[0])).toEqual(['PORT', 'DATABASE_URL', 'UPSTREAM_A_URL']);
  });

  it('checks across settings once each is valid, before pattern problems', () => {
    expect(problems({ DATABASE_URL: 'postgres://db', TOKEN_CLAIM: 'none', UPSTREAM_A_URL: 'nope' })).toEqual(['TOKEN_CLAIM: cannot be none', 'UPSTREAM_A_URL: Invalid URL']);
  });

  it('nests defaults and options by option path', () => {
    expect(settings.defaults).toEqual({ listen: { port: 4000, drainMs: 20_000 }, watch: true, auth: { claim: 'sub' } });
    const config = settings.parse({ DATABASE_URL: 'postgres://db', TOKEN_URL: 'https://keys', UPSTREAM_A_URL: 'http://a' });
    expect(settings.options(config)).toEqual({ listen: { port: 4000 }, watch: true, auth: { url: 'https://keys', claim: 'sub' }, upstreams: { a: 'http://a' } });
  });

  it('fills defaults at every depth, but a group with a member without default only when given', () => {
    expect(settings.withDefaults({ listen: { port: 1, drainMs: undefined } })).toEqual({ listen: { port: 1, drainMs: 20_000 }, watch: true });
    expect(settings.withDefaults({ auth: { url: 'https://keys' } }).auth).toEqual({ url: 'https://keys', claim: 'sub' });
  });
});

describe('flags', () => {
  it('turn into the variables they stand for, switches into what they set', () => {
    expect(parseFlags(settings, ['--port', '8080', '--no-watch'])).toEqual({ help: false, env: { PORT: '8080', WATCH: 'false' } });
    expect(parseFlags(settings, ['--port', '1', '--help'])).toEqual({ help: true });
  });

  it.each([
    [['--prot', '1'], "Unknown option '--prot'"],
    [['serve'], "Unexpected argument 'serve'"],
    [['--port', ' '], '--port needs a value'],
  ])('refuse %j with a usage error', (argv, message) => {
    expect(() => parseFlags(settings, argv)).toThrow(UsageError);
    expect(() => parseFlags(settings, argv)).toThrow(message);
  });

  it('are named next to their variable in a problem', () => {
    expect(nameFlags(settings, 'PORT: Too big')).toBe('--port / PORT: Too big');
    expect(nameFlags(settings, 'TOKEN_URL: Invalid URL')).toBe('TOKEN_URL: Invalid URL');
  });
});

describe('--help and the README table', () => {
  it('show every flag with its variable and default, then the variables without one, patterns last', () => {
    const help = helpText(settings, { usage: 'Usage: demo', summary: 'A demo.' });
    expect(help).toContain('--port <port>  Port to listen on. Env: PORT. Default: 4000.');
    expect(help).toContain('--no-watch     Do not reload on changes. Sets WATCH=false.');
    expect(help.indexOf('TOKEN_URL')).toBeLessThan(help.indexOf('UPSTREAM_<NAME>_URL'));
    expect(help).toContain('The claim holding the user. Default: sub.');
    expect(help).not.toContain('drainMs');
  });

  it('make one markdown row per variable and pattern', () => {
    expect(markdownTable(settings.settings, settings.patterns).split('\n')).toEqual([
      '| variable | flag | default | description |',
      '| --- | --- | --- | --- |',
      '| `PORT` | `--port <port>` | `4000` | Port to listen on. |',
      '| `WATCH` | `--no-watch` | `true` | Reload on changes. |',
      '| `TOKEN_URL` |  | none | Where keys are. |',
      '| `TOKEN_CLAIM` |  | `sub` | The claim holding the user. |',
      '| `DATABASE_URL` |  | required | The database. |',
      '| `UPSTREAM_<NAME>_URL` |  | none | Where upstream &lt;NAME> is. |',
    ]);
  });

  it('replace what stands between their markers, and only that', () => {
    const text = 'a\n<!-- generated:t -->\nold\n<!-- /generated:t -->\nb';
    expect(replaceBlock(text, 't', 'new')).toBe('a\n<!-- generated:t -->\nnew\n<!-- /generated:t -->\nb');
    expect(() => replaceBlock(text, 'other', 'x')).toThrow('no <!-- generated:other -->');
  });
});
