import { ConfigError } from '@tributary/service-kit';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args.ts';
import { parseGatewayConfig } from '../config.ts';
import { optionsFrom, startFailure } from './cli.ts';
import { SupergraphError } from '../supergraph/errors.ts';

describe('startFailure', () => {
  it('points a bad command line at --help, exit code 2', () => {
    expect(startFailure(new UsageError("Unknown option '--nope'"))).toEqual({
      message: "tributary-gateway: Unknown option '--nope'\nRun tributary-gateway --help for the options.",
      exitCode: 2,
    });
  });

  it('lists configuration problems with the flag that sets each, exit code 1', () => {
    expect(startFailure(new ConfigError(['PORT: Too big: expected number to be <=65535', 'LOG_LEVEL: Invalid option']))).toEqual({
      message: 'tributary-gateway: invalid configuration\n  - --port / PORT: Too big: expected number to be <=65535\n  - LOG_LEVEL: Invalid option',
      exitCode: 1,
    });
  });

  it('prints supergraph problems with their subgraph and location, no stack', () => {
    const error = new SupergraphError('Composition failed with 1 error:', [
      { code: 'INVALID_GRAPHQL', message: '[books] Unknown type Strin', locations: [{ source: `${process.cwd()}/books.graphql`, subgraph: 'books', line: 3, column: 20 }] },
    ]);
    expect(startFailure(error)).toEqual({
      message: 'tributary-gateway: Composition failed with 1 error:\n  1. INVALID_GRAPHQL: [books] Unknown type Strin\n       at books.graphql:3:20 (subgraph books)',
      exitCode: 1,
    });
  });
});

describe('optionsFrom', () => {
  it('asks for a supergraph when given none: the gateway serves no graph of its own', () => {
    expect(() => optionsFrom(parseGatewayConfig({}))).toThrow(UsageError);
    expect(() => optionsFrom(parseGatewayConfig({}))).toThrow('no supergraph: give --supergraph <file> (SUPERGRAPH_PATH) or --config <supergraph.yaml> (SUPERGRAPH_CONFIG)');
  });

  it('maps each setting to its option, authentication only with a key set', () => {
    const { listen, options } = optionsFrom(parseGatewayConfig({ SUPERGRAPH_PATH: 'g.graphql', PORT: '0', MAX_DEPTH: '5', SUBGRAPH_BOOKS_URL: 'http://books/graphql', NODE_ENV: 'production' }));
    expect(listen).toEqual({ port: 0, host: '0.0.0.0' });
    expect(options).toMatchObject({ supergraphPath: 'g.graphql', limits: { maxDepth: 5 }, subgraphUrls: { books: 'http://books/graphql' }, introspection: false, costSummary: false });
    expect(options).not.toHaveProperty('authentication');
  });
});
