import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../context.ts';
import { clientAddress, rateLimitKey } from './rate-limit.ts';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;
const anonymous = { viewer: null } as unknown as GatewayContext;
const signedIn = (userId: string) => ({ viewer: { userId, scopes: [], expiresAt: 0 } }) as unknown as GatewayContext;

describe('rate limit keys', () => {
  it('key on the verified user, wherever the requests come from', () => {
    expect(rateLimitKey(signedIn('42'), request('10.0.0.1'), 0)).toBe('user:42');
    expect(rateLimitKey(signedIn('42'), request('10.0.0.2'), 0)).toBe('user:42');
  });

  it('key anonymous callers on their address, trusting only the proxies configured', () => {
    expect(rateLimitKey(anonymous, request('10.0.0.1', '6.6.6.6'), 0)).toBe('ip:10.0.0.1');
    expect(clientAddress(request('10.0.0.1', '6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
  });

  // As deployed: the viewer writes what it likes, CloudFront appends the viewer's address, the
  // ALB appends CloudFront's; the gateway's TCP peer is the ALB.
  it('behind CloudFront and an ALB (2 hops), keys on the viewer whatever it wrote before them', () => {
    const viewer = '198.51.100.7';
    const edge = '130.176.0.12';
    for (const forged of [undefined, '6.6.6.6', '6.6.6.6, 7.7.7.7', `${viewer}, 1.2.3.4`]) {
      const chain = [forged, viewer, edge].filter(Boolean).join(', ');
      expect(rateLimitKey(anonymous, request('10.0.1.5', chain), 2), chain).toBe(`ip:${viewer}`);
    }
  });

  it('falls back to the TCP peer, never to a client-written entry, when a trusted proxy was skipped', () => {
    expect(clientAddress(request('203.0.113.50', '6.6.6.6'), 2)).toBe('203.0.113.50');
    expect(clientAddress(request('203.0.113.50'), 2)).toBe('203.0.113.50');
  });
});
