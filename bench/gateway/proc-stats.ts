import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`, 100 on Linux nearly always). */
export const clockTicks = (): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
};

/** User plus system CPU time, in ticks, from the text of /proc/<pid>/stat. */
export function cpuTicksOf(stat: string): number {
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A memory figure (kB) of /proc/<pid>/status, e.g. VmHWM (peak resident set) or VmRSS. */
export function statusKiB(status: string, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]);
}

/** Reads a process's CPU time and peak memory from /proc (Linux). */
export class ProcessStats {
  readonly pid: number;
  private readonly ticksPerSecond = clockTicks();

  constructor(pid: number) {
    this.pid = pid;
  }

  /** CPU time used so far, user and system, in milliseconds. */
  cpuMs(): number {
    return (cpuTicksOf(readFileSync(`/proc/${this.pid}/stat`, 'utf8')) * 1000) / this.ticksPerSecond;
  }

  /** Peak resident set since the start, or since the last `resetPeak`, in MiB. */
  peakRssMiB(): number {
    return statusKiB(readFileSync(`/proc/${this.pid}/status`, 'utf8'), 'VmHWM') / 1024;
  }

  /** Starts the peak over from now (writing 5 to clear_refs resets VmHWM); false where not allowed. */
  resetPeak(): boolean {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      return true;
    } catch {
      return false;
    }
  }
}

/** Pins a process and all its threads to one CPU. */
export const pinToCpu = (pid: number, cpu: number): void => {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
};
