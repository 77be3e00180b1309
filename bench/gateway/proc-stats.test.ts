import { describe, expect, test } from 'vitest';
import { cpuTicksOf, ProcessStats, statusKiB } from './proc-stats.ts';

describe('proc-stats', () => {
  test('reads user + system ticks after a command name holding spaces and parentheses', () => {
    const stat = '4242 (node (gateway) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 11 0 100 1000000 5000 18446744073709551615';
    expect(cpuTicksOf(stat)).toBe(1234 + 567);
  });

  test('reads VmHWM and VmRSS in kB', () => {
    const status = 'Name:\tnode\nVmPeak:\t  900000 kB\nVmHWM:\t  291840 kB\nVmRSS:\t  200000 kB\n';
    expect(statusKiB(status, 'VmHWM')).toBe(291_840);
    expect(statusKiB(status, 'VmRSS')).toBe(200_000);
    expect(() => statusKiB('Name: x\n', 'VmHWM')).toThrow('no VmHWM');
  });

  test("reads this process's CPU time, which grows with work, and its peak memory", () => {
    const stats = new ProcessStats(process.pid);
    const before = stats.cpuMs();
    const until = performance.now() + 60;
    while (performance.now() < until) Math.sqrt(Math.random());
    expect(stats.cpuMs()).toBeGreaterThan(before);
    expect(stats.peakRssMiB()).toBeGreaterThan(10);
  });
});
