import type { Part } from './options.js';

// One measured figure beside its baseline and goal: a line of the table and of the JSON results.

export interface Figure {
  part: Part;
  name: string;
  value: number;
  unit: string;
  /** What the same work costs Temporal or PostgreSQL alone, when there is such a thing. */
  baseline: number | null;
  /** value / baseline. */
  ratio: number | null;
  /** In words, e.g. "≥ 0.7× baseline" or "p95 < 200 ms"; null for figures reported for information. */
  goal: string | null;
  pass: boolean | null;
}

export function figure(
  part: Part,
  name: string,
  value: number,
  unit: string,
  options: { baseline?: number | null; goal?: string | null; pass?: boolean | null } = {},
): Figure {
  const baseline = options.baseline ?? null;
  return {
    part,
    name,
    value,
    unit,
    baseline,
    ratio: baseline === null || baseline === 0 ? null : value / baseline,
    goal: options.goal ?? null,
    pass: options.pass ?? null,
  };
}

export interface PartResult {
  figures: Figure[];
  /** Everything else worth keeping in the JSON: settings, full latency summaries, findings. */
  details: Record<string, unknown>;
}
