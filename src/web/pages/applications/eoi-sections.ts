import { z } from 'zod';
import type { Language } from '../../../domain/bilingual.js';
import type { Draft, EoiAnswers, EoiField, Tenure } from '../../../domain/cfp/answers.js';
import { formatPounds, maxPence, parsePounds, plainPounds } from '../../../domain/money.js';
import { readableDate } from '../../../domain/wales-time.js';
import { requiredText } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';

// The expression of interest as the group fills it in: one page per section, each a few related
// questions. Each section says which answers of the EOI it holds (for the task list's status), how the
// page's strings become answers for saveEoi, how saved answers are shown back on the page, and how they
// read on the check-your-answers page. Refusals name catalogue keys, so they are in the page's language.

export type EoiDraft = Draft<EoiAnswers>;

/** A row of the check-your-answers page: the question, the answer in words, and the field its Change link leads to. */
export interface AnswerRow {
  key: MessageKey;
  text: string;
  field: string;
}

export interface EoiSection {
  /** The section's page: /applications/:reference/eoi/<slug>. */
  slug: string;
  title: MessageKey;
  template: string;
  /** The answers of the EOI this section holds: all saved, it is completed; some, in progress. */
  fields: readonly EoiField[];
  /** The page's strings as answers, every question answered ("Save and continue"). */
  form: z.ZodType<EoiDraft>;
  /** The answers typed so far, for "Save and come back later"; sections whose answers are one whole leave it out. */
  partialForm?: z.ZodType<EoiDraft>;
  /** Saved answers as the page's strings, to show them back. */
  values(eoi: EoiDraft): Record<string, string>;
  /** Saved answers in words, for check your answers. */
  rows(eoi: EoiDraft, language: Language): AnswerRow[];
}

const yesNo = (missing: MessageKey) => z.enum(['yes', 'no'], missing).transform((answer) => answer === 'yes');
const yesNoText = (answer: boolean | undefined, language: Language) =>
  answer === undefined ? '' : translate(answer ? 'apply.answer.yes' : 'apply.answer.no', language);
const yesNoValue = (answer: boolean | undefined) => (answer === undefined ? '' : answer ? 'yes' : 'no');

/** Pounds as typed ("£1,250.50"), taken as exact pence; more than the service can hold is refused too. */
function pounds(invalid: MessageKey, { min = 0n }: { min?: bigint } = {}) {
  return z
    .string(invalid)
    .transform((typed) => parsePounds(typed))
    .refine((amount): amount is bigint => amount !== null && amount >= min && amount <= BigInt(maxPence), invalid)
    .transform(Number);
}

const wholeNumber = (invalid: MessageKey, max: number) =>
  z
    .string(invalid)
    .trim()
    .regex(/^\d{1,4}$/, invalid)
    .transform(Number)
    .refine((count) => count <= max, invalid);

/** A field of the page left empty: "Save and come back later" saves the rest without it. */
const blank = z
  .string()
  .trim()
  .length(0)
  .transform(() => undefined);

const projectSummary: EoiSection = {
  slug: 'project-summary',
  title: 'apply.section.projectSummary',
  template: 'pages/applications/eoi/project-summary.njk',
  fields: ['projectSummary'],
  form: z.object({ projectSummary: requiredText(2000, 'apply.projectSummary.missing') }),
  values: (eoi) => ({ projectSummary: eoi.projectSummary ?? '' }),
  rows: (eoi) => [{ key: 'apply.projectSummary.label', text: eoi.projectSummary ?? '', field: 'projectSummary' }],
};

const facility: EoiSection = {
  slug: 'facility',
  title: 'apply.section.facility',
  template: 'pages/applications/eoi/facility.njk',
  fields: ['facility'],
  form: z
    .object({
      name: requiredText(200, 'apply.facility.nameMissing'),
      address: requiredText(500, 'apply.facility.addressMissing'),
      postcode: z
        .string('apply.facility.postcodeInvalid')
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'apply.facility.postcodeInvalid'),
      lsoaCode: z
        .string('apply.facility.lsoaCodeInvalid')
        .trim()
        .toUpperCase()
        .regex(/^W01\d{6}$/, 'apply.facility.lsoaCodeInvalid'),
      inWales: yesNo('apply.facility.inWalesMissing'),
    })
    .transform((facility) => ({ facility })),
  values: ({ facility }): Record<string, string> =>
    facility
      ? { name: facility.name, address: facility.address, postcode: facility.postcode, lsoaCode: facility.lsoaCode, inWales: yesNoValue(facility.inWales) }
      : {},
  rows: ({ facility }, language) => [
    { key: 'apply.facility.name', text: facility?.name ?? '', field: 'name' },
    { key: 'apply.facility.address', text: facility?.address ?? '', field: 'address' },
    { key: 'apply.facility.postcode', text: facility?.postcode ?? '', field: 'postcode' },
    { key: 'apply.facility.lsoaCode', text: facility?.lsoaCode ?? '', field: 'lsoaCode' },
    { key: 'apply.facility.inWales', text: yesNoText(facility?.inWales, language), field: 'inWales' },
  ],
};

const requested = pounds('apply.money.requestedInvalid', { min: 1n });
const totalCost = pounds('apply.money.totalCostInvalid', { min: 1n });

const money: EoiSection = {
  slug: 'money',
  title: 'apply.section.money',
  template: 'pages/applications/eoi/money.njk',
  fields: ['requestedPence', 'totalCostPence'],
  form: z
    .object({ requested, totalCost })
    .refine(({ requested, totalCost }) => requested <= totalCost, { path: ['requested'], message: 'apply.money.moreThanTotal' })
    .transform(({ requested, totalCost }) => ({ requestedPence: requested, totalCostPence: totalCost })),
  partialForm: z.object({ requested: blank.or(requested), totalCost: blank.or(totalCost) }).transform(({ requested, totalCost }) => ({
    ...(requested === undefined ? {} : { requestedPence: requested }),
    ...(totalCost === undefined ? {} : { totalCostPence: totalCost }),
  })),
  values: (eoi) => ({
    requested: eoi.requestedPence === undefined ? '' : plainPounds(eoi.requestedPence),
    totalCost: eoi.totalCostPence === undefined ? '' : plainPounds(eoi.totalCostPence),
  }),
  rows: (eoi) => [
    { key: 'apply.money.requested', text: eoi.requestedPence === undefined ? '' : formatPounds(eoi.requestedPence), field: 'requested' },
    { key: 'apply.money.totalCost', text: eoi.totalCostPence === undefined ? '' : formatPounds(eoi.totalCostPence), field: 'totalCost' },
  ],
};

/**
 * The day the constitution was signed, from its three boxes: "" when all are empty (no signed constitution),
 * else the date as YYYY-MM-DD, which may be no real date (the schema refuses it beside the boxes).
 */
function withSignedOn(typed: unknown): unknown {
  if (typeof typed !== 'object' || typed === null) return typed;
  const part = (name: string) => {
    const value: unknown = (typed as Record<string, unknown>)[`constitutionSignedOn-${name}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [day, month, year] = [part('day'), part('month'), part('year')];
  const constitutionSignedOn = !day && !month && !year ? '' : `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return { ...typed, constitutionSignedOn };
}

const isRealDate = (date: string) => {
  const parsed = new Date(`${date}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
};

const governance: EoiSection = {
  slug: 'governance',
  title: 'apply.section.governance',
  template: 'pages/applications/eoi/governance.njk',
  fields: ['governance'],
  form: z.preprocess(
    withSignedOn,
    z
      .object({
        constitutionSignedOn: z.string().refine((date) => date === '' || isRealDate(date), 'apply.governance.constitutionInvalid'),
        bankAccountInOwnName: yesNo('apply.governance.bankAccountMissing'),
        unrelatedSignatories: wholeNumber('apply.governance.signatoriesInvalid', 100),
        distributesProfit: yesNo('apply.governance.distributesProfitMissing'),
        unrestrictedReserves: pounds('apply.governance.reservesInvalid'),
        hasReservesPolicy: yesNo('apply.governance.reservesPolicyMissing'),
        unrelatedBoardMembers: wholeNumber('apply.governance.boardInvalid', 1000),
      })
      .transform((typed) => ({
        governance: {
          constitutionSignedOn: typed.constitutionSignedOn || null,
          bankAccountInOwnName: typed.bankAccountInOwnName,
          unrelatedSignatories: typed.unrelatedSignatories,
          distributesProfit: typed.distributesProfit,
          unrestrictedReservesPence: typed.unrestrictedReserves,
          hasReservesPolicy: typed.hasReservesPolicy,
          unrelatedBoardMembers: typed.unrelatedBoardMembers,
        },
      })),
  ),
  values: ({ governance }): Record<string, string> => {
    if (!governance) return {};
    const [year = '', month = '', day = ''] = governance.constitutionSignedOn?.split('-') ?? [];
    return {
      'constitutionSignedOn-day': day.replace(/^0/, ''),
      'constitutionSignedOn-month': month.replace(/^0/, ''),
      'constitutionSignedOn-year': year,
      bankAccountInOwnName: yesNoValue(governance.bankAccountInOwnName),
      unrelatedSignatories: String(governance.unrelatedSignatories),
      distributesProfit: yesNoValue(governance.distributesProfit),
      unrestrictedReserves: plainPounds(governance.unrestrictedReservesPence),
      hasReservesPolicy: yesNoValue(governance.hasReservesPolicy),
      unrelatedBoardMembers: String(governance.unrelatedBoardMembers),
    };
  },
  rows: ({ governance }, language) => [
    {
      key: 'apply.governance.constitution',
      text: !governance
        ? ''
        : governance.constitutionSignedOn
          ? readableDate(`${governance.constitutionSignedOn}T12:00:00Z`, language)
          : translate('apply.governance.noConstitution', language),
      field: 'constitutionSignedOn-day',
    },
    { key: 'apply.governance.bankAccount', text: yesNoText(governance?.bankAccountInOwnName, language), field: 'bankAccountInOwnName' },
    { key: 'apply.governance.signatories', text: governance ? String(governance.unrelatedSignatories) : '', field: 'unrelatedSignatories' },
    { key: 'apply.governance.distributesProfit', text: yesNoText(governance?.distributesProfit, language), field: 'distributesProfit' },
    { key: 'apply.governance.reserves', text: governance ? formatPounds(governance.unrestrictedReservesPence) : '', field: 'unrestrictedReserves' },
    { key: 'apply.governance.reservesPolicy', text: yesNoText(governance?.hasReservesPolicy, language), field: 'hasReservesPolicy' },
    { key: 'apply.governance.board', text: governance ? String(governance.unrelatedBoardMembers) : '', field: 'unrelatedBoardMembers' },
  ],
};

const partners: EoiSection = {
  slug: 'partners',
  title: 'apply.section.partners',
  template: 'pages/applications/eoi/partners.njk',
  fields: ['partners'],
  // One partner a line, as the hint says; blank lines are not partners.
  form: z
    .object({ partners: requiredText(20 * 201, 'apply.partners.missing') })
    .transform(({ partners }) => partners.split(/\r?\n/).map((line) => line.trim()))
    .transform((lines) => lines.filter((line) => line.length > 0))
    .refine((lines) => lines.length <= 20 && lines.every((line) => line.length <= 200), { path: ['partners'], message: 'apply.partners.tooMany' })
    .transform((lines) => ({ partners: lines })),
  values: (eoi) => ({ partners: eoi.partners?.join('\n') ?? '' }),
  rows: (eoi) => [{ key: 'apply.partners.label', text: eoi.partners?.join(', ') ?? '', field: 'partners' }],
};

const tenureKinds = ['freehold', 'leasehold', 'asset_transfer', 'none'] as const satisfies readonly Tenure['kind'][];
const tenureKindKeys = {
  freehold: 'apply.tenure.freehold',
  leasehold: 'apply.tenure.leasehold',
  asset_transfer: 'apply.tenure.assetTransfer',
  none: 'apply.tenure.none',
} as const satisfies Record<Tenure['kind'], MessageKey>;

const tenure: EoiSection = {
  slug: 'tenure',
  title: 'apply.section.tenure',
  template: 'pages/applications/eoi/tenure.njk',
  fields: ['tenure'],
  form: z
    .object({ kind: z.enum(tenureKinds, 'apply.tenure.kindMissing'), leaseYears: z.string().trim().optional() })
    .transform(({ kind, leaseYears = '' }, context) => {
      if (kind !== 'leasehold') return { tenure: { kind, leaseYearsAfterCompletion: null } };
      if (!/^\d{1,3}$/.test(leaseYears)) {
        context.addIssue({ code: 'custom', path: ['leaseYears'], message: 'apply.tenure.leaseYearsInvalid' });
        return z.NEVER;
      }
      return { tenure: { kind, leaseYearsAfterCompletion: Number(leaseYears) } };
    }),
  values: ({ tenure }): Record<string, string> =>
    tenure ? { kind: tenure.kind, leaseYears: tenure.leaseYearsAfterCompletion === null ? '' : String(tenure.leaseYearsAfterCompletion) } : {},
  rows: ({ tenure }, language) => [
    { key: 'apply.tenure.kind', text: tenure ? translate(tenureKindKeys[tenure.kind], language) : '', field: 'kind' },
    ...(tenure?.kind === 'leasehold'
      ? [{ key: 'apply.tenure.leaseYears' as const, text: String(tenure.leaseYearsAfterCompletion ?? ''), field: 'leaseYears' }]
      : []),
  ],
};

/** The sections in the order the task list shows them and "Save and continue" walks them. */
export const eoiSections: readonly EoiSection[] = [projectSummary, facility, money, governance, partners, tenure];

export type TaskStatus = 'not_started' | 'in_progress' | 'completed';

export function sectionStatus(section: EoiSection, eoi: EoiDraft): TaskStatus {
  const saved = section.fields.filter((field) => eoi[field] !== undefined).length;
  return saved === 0 ? 'not_started' : saved === section.fields.length ? 'completed' : 'in_progress';
}

export function sectionNamed(slug: string): EoiSection | undefined {
  return eoiSections.find((section) => section.slug === slug);
}
