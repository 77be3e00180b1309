import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { corsDecision } from './cors.ts';

const request = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as IncomingMessage;
const preflight = (origin: string, requested = 'content-type, authorization') =>
  request('OPTIONS', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requested });

describe('corsDecision', () => {
  const listed = { allowedOrigins: ['https://shop.example.com'] };

  it('allows a listed origin with credentials, and tells preflights what they may send', () => {
    expect(corsDecision(listed, preflight('https://shop.example.com'))).toEqual({
      refusedPreflight: false,
      headers: {
        vary: 'Origin',
        'access-control-allow-origin': 'https://shop.example.com',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-max-age': '600',
      },
    });
  });

  it('refuses preflights from other origins and adds nothing to their requests', () => {
    expect(corsDecision(listed, preflight('https://evil.example.net'))).toEqual({ refusedPreflight: true, headers: { vary: 'Origin' } });
    expect(corsDecision(listed, request('POST', { origin: 'https://evil.example.net' }))).toEqual({ refusedPreflight: false, headers: { vary: 'Origin' } });
  });

  it('answers any origin for `*`, never with credentials', () => {
    const { headers } = corsDecision({ allowedOrigins: ['*'] }, preflight('https://anyone.example'));
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('does not echo a malformed header list, and adds nothing without an Origin or a list', () => {
    expect(corsDecision(listed, preflight('https://shop.example.com', 'x\r\ny: 1')).headers['access-control-allow-headers']).toBeUndefined();
    expect(corsDecision(listed, request('POST', {}))).toEqual({ refusedPreflight: false, headers: { vary: 'Origin' } });
    expect(corsDecision({ allowedOrigins: [] }, request('POST', { origin: 'https://shop.example.com' }))).toEqual({ refusedPreflight: false, headers: {} });
  });
});
