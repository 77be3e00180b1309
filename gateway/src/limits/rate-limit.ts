import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { recordRateLimited } from '@tributary/service-kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import type { TokenBuckets } from './token-bucket.ts';

/**
 * The caller's address. Behind `trustedProxyHops` proxies (an ALB is one; CloudFront and an ALB
 * are two), the address the outermost trusted proxy saw is that many entries from the right of
 * X-Forwarded-For; entries further left are whatever the client wrote, so they are never trusted.
 * A header with fewer entries than that did not pass every trusted proxy, so any of its entries
 * may be the client's own writing: the TCP peer is the only address left that nobody forged.
 */
export function clientAddress(req: IncomingMessage, trustedProxyHops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops === 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? socket;
}

/** Whose bucket a request takes from: the user's when the context names one, else the address's. */
export function rateLimitKey(context: GatewayContext, req: IncomingMessage, trustedProxyHops: number): string {
  return context.viewer ? `user:${context.viewer.userId}` : `ip:${clientAddress(req, trustedProxyHops)}`;
}

/** Takes a token for `key`; when none is left, throws RATE_LIMITED, answered with HTTP 429 and Retry-After. */
export async function enforceRateLimit(buckets: TokenBuckets, key: string): Promise<void> {
  const { allowed, retryAfterMs } = await buckets.take(key);
  if (allowed) return;
  recordRateLimited();
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  // Apollo answers with the status and headers of `extensions.http` (typed loosely: graphql-yoga,
  // a dev dependency, declares another shape for it).
  const extensions: Record<string, unknown> = {
    code: 'RATE_LIMITED',
    retryAfterSeconds: seconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
  };
  throw new GraphQLError(`Too many requests: retry in ${seconds} s`, { extensions });
}
