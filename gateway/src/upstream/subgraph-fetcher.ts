import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Keep-alive connections to the subgraphs. An idle socket is closed by us after
 * `idleSocketTimeoutMs`, before the subgraph would close it (service-kit keeps them 65 s), so a
 * request never goes out on a socket the other end is closing: the `socket hang up` trap. The
 * cap also overrides longer `Keep-Alive: timeout=` hints from subgraphs or proxies.
 */
export function createSubgraphAgent(idleSocketTimeoutMs: number): Agent {
  return new Agent({ keepAliveTimeout: idleSocketTimeoutMs, keepAliveMaxTimeout: idleSocketTimeoutMs });
}

/** A fetcher for one subgraph's data source: each call aborts after `timeoutMs`, body included. */
export function subgraphFetcher(agent: Agent, timeoutMs: number): Fetcher {
  const fetcher = (url: string, init?: Parameters<Fetcher>[1]) =>
    fetch(url, { ...(init as object), dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
  // undici's Response is a WHATWG Response, which Apollo's fetcher interface describes.
  return fetcher as unknown as Fetcher;
}
