import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('traces config', () => {
  it('listens where the X-Ray daemon would by default', () => {
    expect(parseConfig({}, [])).toEqual({ udpAddress: '127.0.0.1:2000', httpPort: 2999, otlpPort: 4318, maxTraces: 200, quiet: false });
  });

  it('follows AWS_XRAY_DAEMON_ADDRESS, and TRACES_UDP_ADDRESS over it', () => {
    expect(parseConfig({ AWS_XRAY_DAEMON_ADDRESS: 'udp:127.0.0.1:3000 tcp:127.0.0.1:3001' }, []).udpAddress).toBe('127.0.0.1:3000');
    expect(parseConfig({ AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:3000', TRACES_UDP_ADDRESS: '127.0.0.1:0' }, []).udpAddress).toBe('127.0.0.1:0');
  });

  it('is quiet with --quiet or TRACES_QUIET, and treats empty values as unset', () => {
    expect(parseConfig({}, ['--quiet']).quiet).toBe(true);
    expect(parseConfig({ TRACES_QUIET: '1' }, []).quiet).toBe(true);
    expect(parseConfig({ TRACES_QUIET: '', TRACES_PORT: '' }, [])).toMatchObject({ quiet: false, httpPort: 2999 });
  });

  it('reports every problem at once', () => {
    let message = '';
    try {
      parseConfig({ TRACES_UDP_ADDRESS: 'nowhere', TRACES_PORT: '70000', TRACES_QUIET: 'maybe' }, ['--loud']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('unknown argument --loud');
    expect(message).toContain('TRACES_UDP_ADDRESS: "nowhere" is not a daemon address');
    expect(message).toContain('TRACES_PORT:');
    expect(message).toContain('TRACES_QUIET:');
  });
});
