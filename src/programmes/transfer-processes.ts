import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { configDate, configDuration, readConfigFile } from './config-file.js';
import {
  configurableStages,
  deciders,
  requiredStages,
  transferStages,
  type ResolvedTransferProcess,
  type TransferProcess,
  type ValuationRules,
} from '../domain/cat/process.js';
import { durationMs } from '../domain/duration.js';
import { documentKindLabels } from '../domain/labels.js';
import { pence } from '../domain/input-schemas.js';
import { dateInWales } from '../domain/wales-time.js';

// Loads and checks each public body's Community Asset Transfer process and the national valuation rules.
// A process that cannot work (a required stage missing, stages out of order, a gate with nobody to
// decide it, a duration that cannot be read) stops the start with a message naming the field.

export const defaultTransferProcessPath = fileURLToPath(new URL('../../config/transfers/processes.json', import.meta.url));

const bilingual = z.object({ cy: z.string().min(1), en: z.string().min(1) });
const duration = configDuration;
const isoDate = configDate;
const decider = z.enum(deciders);
// A kind a process asks for is named in refusals, so it must have a Welsh and an English name (src/domain/labels.ts).
const documentKind = z
  .string()
  .regex(/^[a-z_]{1,40}$/, 'is not a document kind such as business_plan')
  .refine(
    (kind) => Object.hasOwn(documentKindLabels, kind),
    `has no Welsh and English name in src/domain/labels.ts (known: ${Object.keys(documentKindLabels).join(', ')})`,
  );

const valuationRulesSchema = z.object({
  version: z.string().min(1),
  effectiveFrom: isoDate,
  undervalueConsentLimitPence: pence,
  bestConsiderationMaxTenancyYears: z.number().int().nonnegative(),
}) satisfies z.ZodType<ValuationRules>;

export const transferProcessSchema = z
  .object({
    owner: z.string().min(1),
    version: z.string().min(1),
    effectiveFrom: isoDate,
    name: bilingual,
    stages: z
      .array(z.enum(configurableStages))
      .refine((stages) => requiredStages.every((stage) => stages.includes(stage)), `must include ${requiredStages.join(', ')}`)
      .refine(
        (stages) => stages.every((stage, i) => i === 0 || transferStages.indexOf(stage) > transferStages.indexOf(stages[i - 1]!)),
        `must be in the order ${configurableStages.join(', ')}, each once`,
      ),
    deciders: z.object({ initial_assessment: decider.optional(), decision: decider, heads_of_terms: decider, legal_completion: decider }),
    requiredDocuments: z.object({ expression_of_interest: z.array(documentKind).optional(), business_plan: z.array(documentKind).optional() }),
    durations: z.object({
      serviceLevels: z.partialRecord(z.enum(transferStages), duration),
      groupResponseWindow: duration,
      groupReminderBefore: duration,
      objectionPeriod: duration,
    }),
    monitoring: z.object({
      reports: z.number().int().min(0).max(50),
      reportEvery: duration,
      opensBefore: duration,
      reminderBefore: duration,
      overdueAfter: duration,
    }),
  })
  .refine((process) => !process.stages.includes('initial_assessment') || process.deciders.initial_assessment !== undefined, {
    message: 'an initial assessment gate needs someone to decide it',
    path: ['deciders', 'initial_assessment'],
  })
  .refine((process) => durationMs(process.durations.groupReminderBefore) < durationMs(process.durations.groupResponseWindow), {
    message: 'the reminder must come before the case would lapse',
    path: ['durations', 'groupReminderBefore'],
  })
  .refine((process) => durationMs(process.monitoring.reminderBefore) < durationMs(process.monitoring.reportEvery), {
    message: 'the reminder must come within the reporting interval',
    path: ['monitoring', 'reminderBefore'],
  })
  .refine((process) => durationMs(process.monitoring.opensBefore) < durationMs(process.monitoring.reportEvery), {
    message: 'a report must open after the one before is due',
    path: ['monitoring', 'opensBefore'],
  })
  .refine((process) => durationMs(process.monitoring.reminderBefore) <= durationMs(process.monitoring.opensBefore), {
    message: 'the reminder must come once the report is open',
    path: ['monitoring', 'reminderBefore'],
  }) satisfies z.ZodType<TransferProcess>;

const catalogueSchema = z
  .object({ valuationRules: z.array(valuationRulesSchema).min(1), processes: z.array(transferProcessSchema).min(1) })
  .refine(({ processes }) => new Set(processes.map((p) => p.version)).size === processes.length, 'process versions must have distinct names')
  .refine(({ processes }) => processes.some((p) => p.owner === 'default'), "a 'default' process is needed for bodies without their own");

/** Every body's process versions and the valuation rules, and which apply to a case started on a day. */
export class TransferProcessCatalogue {
  readonly processes: readonly TransferProcess[];
  readonly valuationRules: readonly ValuationRules[];

  constructor(processes: readonly TransferProcess[], valuationRules: readonly ValuationRules[]) {
    const byDate = <T extends { effectiveFrom: string }>(a: T, b: T) => a.effectiveFrom.localeCompare(b.effectiveFrom);
    this.processes = [...processes].sort(byDate);
    this.valuationRules = [...valuationRules].sort(byDate);
  }

  /**
   * The process a new case with the body whose org-id is `owner` runs under at `instant`: the body's own
   * version in force, else the default one; with the valuation rules in force then.
   */
  effectiveFor(owner: string, instant: Date): ResolvedTransferProcess {
    const today = dateInWales(instant);
    const inForce = (forOwner: string) => this.processes.filter((p) => p.owner === forOwner && p.effectiveFrom <= today).at(-1);
    const process = inForce(owner) ?? inForce('default');
    const valuation = this.valuationRules.filter((v) => v.effectiveFrom <= today).at(-1);
    if (!process || !valuation) throw new Error(`No community asset transfer process is in force on ${today}`);
    return { ...process, valuation };
  }
}

/** Reads and checks a process file; the error names the file and each field that is wrong. */
export async function loadTransferProcesses(file = defaultTransferProcessPath): Promise<TransferProcessCatalogue> {
  const parsed = await readConfigFile(file, catalogueSchema, 'a valid set of community asset transfer processes');
  return new TransferProcessCatalogue(parsed.processes, parsed.valuationRules);
}
