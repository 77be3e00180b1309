import { describe, expect, it } from 'vitest';
import { formatAddress, parseDaemonAddress } from './daemon-address.ts';

describe('parseDaemonAddress', () => {
  it('reads host:port', () => {
    expect(parseDaemonAddress('127.0.0.1:2000')).toEqual({ host: '127.0.0.1', port: 2000 });
    expect(parseDaemonAddress('xray-daemon:2000')).toEqual({ host: 'xray-daemon', port: 2000 });
    expect(parseDaemonAddress('0.0.0.0:0')).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it('reads the UDP half of the udp/tcp form, in either order', () => {
    expect(parseDaemonAddress('udp:127.0.0.2:2001 tcp:127.0.0.1:2000')).toEqual({ host: '127.0.0.2', port: 2001 });
    expect(parseDaemonAddress('tcp:127.0.0.1:2000 udp:127.0.0.2:2001')).toEqual({ host: '127.0.0.2', port: 2001 });
  });

  it('reads bracketed IPv6 hosts and writes them back the same way', () => {
    expect(parseDaemonAddress('[::1]:2000')).toEqual({ host: '::1', port: 2000 });
    expect(formatAddress({ host: '::1', port: 2000 })).toBe('[::1]:2000');
    expect(formatAddress({ host: '127.0.0.1', port: 2000 })).toBe('127.0.0.1:2000');
  });

  it.each(['2000', '127.0.0.1', '127.0.0.1:', ':2000', '127.0.0.1:70000', 'udp:127.0.0.1:2000', 'udp:a:1 udp:b:2', 'a:1 b:2 c:3', '[nothex]:1'])(
    'rejects %j naming the expected forms',
    (text) => {
      expect(() => parseDaemonAddress(text)).toThrow(/expected host:port or "udp:host:port tcp:host:port"/);
    },
  );
});
