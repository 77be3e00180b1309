import { isIPv6 } from 'node:net';

export interface UdpAddress {
  host: string;
  port: number;
}

/**
 * Reads an address the way the X-Ray SDKs read AWS_XRAY_DAEMON_ADDRESS: either `host:port`, or
 * `udp:host:port tcp:host:port` (either order), of which only the UDP part matters here.
 * An IPv6 host is written in brackets: `[::1]:2000`. Port 0 means any free port.
 * Throws with a message naming the expected forms.
 */
export function parseDaemonAddress(text: string): UdpAddress {
  const parts = text.trim().split(/\s+/);
  let udp = parts[0] ?? '';
  if (parts.length === 2) {
    const tagged = parts.find((part) => part.startsWith('udp:'));
    if (!tagged || !parts.some((part) => part.startsWith('tcp:'))) throw invalid(text);
    udp = tagged.slice('udp:'.length);
  } else if (parts.length !== 1) {
    throw invalid(text);
  }
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(udp);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!host || !(port >= 0 && port <= 65535)) throw invalid(text);
  if (match?.[1] !== undefined && !isIPv6(host)) throw invalid(text);
  return { host, port };
}

/** `host:port`, with an IPv6 host in brackets, as parseDaemonAddress reads it back. */
export function formatAddress({ host, port }: UdpAddress): string {
  return `${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

const invalid = (text: string) =>
  new Error(`"${text}" is not a daemon address: expected host:port or "udp:host:port tcp:host:port"`);
