import type { Identity } from '@tributary/service-kit';

export interface GatewayContext {
  /**
   * The caller, from a verified bearer token; null when anonymous. Passed to subgraphs signed,
   * and what PRIVATE responses are cached per.
   */
  viewer: Identity | null;
}
