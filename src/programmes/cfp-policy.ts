import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { configDate, configDuration, readConfigFile } from './config-file.js';
import type { CfpPolicy } from '../domain/cfp/policy.js';
import { durationMs } from '../domain/duration.js';
import { pence } from '../domain/input-schemas.js';
import { dateInWales } from '../domain/wales-time.js';

// Loads and checks the Community Facilities Programme's policy versions. A version that does not make
// sense (weights that do not add up to 100, tiers that overlap, a duration that cannot be read) stops the
// start with a message naming the field, rather than surfacing months later in a case.

export const defaultCfpPolicyPath = fileURLToPath(new URL('../../config/programmes/cfp.json', import.meta.url));

const bilingual = z.object({ cy: z.string().min(1), en: z.string().min(1) });
const duration = configDuration;
const isoDate = configDate;
const clocks = z.object({ eoi_screening: duration, assessment: duration, recommendation: duration, decision: duration });

export const cfpPolicySchema = z
  .object({
    programme: z.literal('CFP'),
    version: z.string().min(1),
    effectiveFrom: isoDate,
    tiers: z
      .array(z.object({ id: z.enum(['small', 'large']), name: bilingual, minPence: pence, maxPence: pence }))
      .min(1)
      .refine((tiers) => tiers.every((tier) => tier.minPence <= tier.maxPence), 'each tier must have minPence <= maxPence')
      .refine(
        (tiers) => [...tiers].sort((a, b) => a.minPence - b.minPence).every((tier, i, sorted) => i === 0 || tier.minPence > sorted[i - 1]!.maxPence),
        'tiers must not overlap',
      ),
    organisationCap: z.object({
      maxAwards: z.number().int().positive(),
      maxTotalPence: pence,
      periodYears: z.number().int().positive(),
      // Every version in the file says what it does past the cap; only cases begun before it lack the field.
      whenExceeded: z.enum(['refuse', 'panel', 'advisory']),
    }),
    eligibility: z.object({
      minUnrelatedSignatories: z.number().int().nonnegative(),
      reservesThresholdPence: pence,
      minUnrelatedBoardMembers: z.number().int().nonnegative(),
      minPartners: z.number().int().nonnegative(),
      facilityMustBeInWales: z.boolean(),
      excludedLegalForms: z.array(z.string()),
    }),
    tenure: z.object({ minLeaseYearsAfterCompletion: z.number().int().nonnegative() }),
    matchFunding: z.object({ expectedMinPercent: z.number().min(0).max(100) }),
    assessment: z.object({
      assessorsRequired: z.number().int().positive(),
      moderationGap: z.number().min(0).max(100),
      criteria: z
        .array(z.object({ id: z.string().regex(/^[a-z_]+$/), name: bilingual, weight: z.number().positive(), maxScore: z.number().int().positive() }))
        .min(1)
        .refine((criteria) => criteria.reduce((sum, c) => sum + c.weight, 0) === 100, 'criteria weights must add up to 100')
        .refine((criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length, 'criteria ids must be unique'),
      wimdPriority: z.object({ edition: z.string().min(1), upToDecile: z.number().int().min(0).max(10), bonusPoints: z.number().min(0).max(100) }),
    }),
    delegatedAuthority: z.object({ approverMaxPence: pence }),
    caseOfficerAssignment: z.strictObject({ effectiveFrom: z.iso.date(), rule: z.enum(['none', 'round_robin']) }).optional(),
    durations: z.object({
      fullApplicationWindow: duration,
      fullApplicationReminders: z.array(duration),
      informationResponseWindow: duration,
      offerAcceptanceWindow: duration,
      serviceLevels: clocks,
      fastTrackServiceLevels: clocks,
    }),
    standardConditions: z.array(bilingual),
    awards: z.object({
      retentionPercent: z.number().min(0).max(50),
      budgetOverrun: z.enum(['refuse', 'finance_approver_override']),
      monitoring: z
        .object({ period: duration, returnInterval: duration, opensBefore: duration, reminderBefore: duration, escalateAfter: duration })
        .refine((m) => durationMs(m.opensBefore) < durationMs(m.returnInterval), {
          message: 'a return must open after the one before is due',
          path: ['opensBefore'],
        })
        .refine((m) => durationMs(m.reminderBefore) <= durationMs(m.opensBefore), {
          message: 'the reminder must come once the return is open',
          path: ['reminderBefore'],
        }),
      clawbackTaper: z.enum(['none', 'straight_line']),
      variationApproval: z.object({ secondApproverAbovePence: pence, secondApproverAbovePercent: z.number().min(0).max(100) }),
      recoveryApproval: z.object({ secondApproverReductionAbovePercent: z.number().min(0).max(100) }),
    }),
  })
  .refine((policy) => policy.durations.fullApplicationReminders.every((r) => durationMs(r) < durationMs(policy.durations.fullApplicationWindow)), {
    message: 'reminders must come before the full application is due',
    path: ['durations', 'fullApplicationReminders'],
  }) satisfies z.ZodType<CfpPolicy>;

const catalogueSchema = z
  .object({ versions: z.array(cfpPolicySchema).min(1) })
  .refine(({ versions }) => new Set(versions.map((v) => v.version)).size === versions.length, 'policy versions must have distinct names');

/** Every version of the programme's policy, and which one is in force on a day. */
export class CfpPolicyCatalogue {
  readonly versions: readonly CfpPolicy[];

  constructor(versions: readonly CfpPolicy[]) {
    this.versions = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /** The version new applications are made under at `instant`. */
  effectiveAt(instant: Date): CfpPolicy {
    const today = dateInWales(instant);
    const inForce = this.versions.filter((v) => v.effectiveFrom <= today).at(-1);
    if (!inForce) throw new Error(`No Community Facilities Programme policy is in force on ${today}`);
    return inForce;
  }

  byVersion(version: string): CfpPolicy | undefined {
    return this.versions.find((v) => v.version === version);
  }

  /** The version case `reference` was made under; a version missing from the file is a server fault. */
  forCase(reference: string, version: string): CfpPolicy {
    const policy = this.byVersion(version);
    if (!policy) throw new Error(`${reference} was made under policy ${version}, which is no longer configured`);
    return policy;
  }
}

/** Reads and checks a policy file; the error names the file and each field that is wrong. */
export async function loadCfpPolicies(file = defaultCfpPolicyPath): Promise<CfpPolicyCatalogue> {
  const parsed = await readConfigFile(file, catalogueSchema, 'a valid Community Facilities Programme policy');
  return new CfpPolicyCatalogue(parsed.versions);
}
