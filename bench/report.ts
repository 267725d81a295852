import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './child.js';
import type { Figure } from './figures.js';

// The run's results: a table on the terminal, and JSON in bench/results/<timestamp>.json and latest.json.

export interface Machine {
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  kernel: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    kernel: os.release(),
  };
}

function number(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'bytes') return `${(value / 1024 / 1024).toFixed(0)} MiB`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === '' ? '' : unit.startsWith('/') ? ` ${unit}` : ` ${unit}`}`;
}

/** The table, as text. */
export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.part,
    f.name,
    number(f.value, f.unit),
    f.baseline === null ? '' : number(f.baseline, f.unit),
    f.ratio === null ? '' : `${f.ratio.toFixed(2)}×`,
    f.goal ?? '',
    f.pass === null ? '' : f.pass ? 'pass' : 'MISS',
  ]);
  const header = ['part', 'figure', 'value', 'baseline', 'ratio', 'goal', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Writes the results and returns the timestamped file's path. */
export async function writeResults(results: Record<string, unknown>, startedAt: Date): Promise<string> {
  const dir = path.join(projectRoot, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(
    dir,
    `${startedAt
      .toISOString()
      .replaceAll(':', '-')
      .replace(/\.\d+Z$/, 'Z')}.json`,
  );
  const text = `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
  await writeFile(file, text);
  await writeFile(path.join(dir, 'latest.json'), text);
  return file;
}
