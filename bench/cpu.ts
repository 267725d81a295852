import { readFileSync, readdirSync } from 'node:fs';

// CPU used during a phase: the machine's utilisation (from /proc/stat) and the CPU seconds of each of the
// stack's processes (from /proc/<pid>/stat), so a figure can be read against what was saturated.

export interface CpuSnapshot {
  busyTicks: number;
  totalTicks: number;
  seconds: Record<string, number>;
  at: number;
}

export interface CpuUse {
  /** Share of all cores busy during the phase, 0-1. */
  machineBusy: number;
  /** CPU seconds per process (group) during the phase; a second per wall second is one core. */
  seconds: Record<string, number>;
  wallSeconds: number;
}

const ticksPerSecond = 100;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * utime + stime of a process and of its children that have ended (cutime + cstime), in seconds (0 when it
 * is gone). The ended children count because they leave the list: PostgreSQL's backends end with their
 * connections, and their time then shows only in the postmaster's.
 */
function processSeconds(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, field) => sum + Number(field || 0), 0) / ticksPerSecond;
}

/** Processes whose parent is `parent` (PostgreSQL's backends under the postmaster). */
export function childrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) found.push(Number(entry));
  }
  return found;
}

export function cpuSnapshot(groups: Record<string, number[]>): CpuSnapshot {
  const line = read('/proc/stat').split('\n')[0] ?? '';
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, t) => sum + (Number.isFinite(t) ? t : 0), 0);
  const seconds = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + processSeconds(pid), 0)]));
  seconds.bench = process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
  return { busyTicks: total - idle, totalTicks: total, seconds, at: performance.now() };
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const seconds: Record<string, number> = {};
  for (const [name, value] of Object.entries(after.seconds)) seconds[name] = Math.round((value - (before.seconds[name] ?? 0)) * 100) / 100;
  const total = after.totalTicks - before.totalTicks;
  return { machineBusy: total > 0 ? (after.busyTicks - before.busyTicks) / total : Number.NaN, seconds, wallSeconds: (after.at - before.at) / 1000 };
}
