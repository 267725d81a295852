import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { CfpPolicy } from '../../domain/cfp/policy.js';
import { pence, reason } from '../../domain/input-schemas.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { findWimdArea } from '../../wimd/find-wimd-area.js';
import * as m from '../../workflows/cfp-application.messages.js';
import { caseOfficerOnSubmission } from './assign-case-officer.js';
import { requireVerifiedOrganisation } from '../organisations/require-verified-organisation.js';
import { commandsWith } from '../case-commands/case-command.js';
import { answerField, eoiDraft, fullApplicationDraft, reopenedAnswers } from './answers.schema.js';
import { message } from '../../domain/validation-messages.js';

// Every command a person can send to a CFP application: the policy action that guards it, what the API
// accepts for it, and how the accepted input becomes the workflow Update's arguments (looking up in the
// database whatever the workflow must not be told by the client: an area's WIMD rank, a group's awards).

export interface ApplicationCommandContext {
  prisma: PrismaClient;
  policy: CfpPolicy;
  application: { reference: string; organisationId: string };
  now: Date;
}

const command = commandsWith<ApplicationCommandContext>();

const bilingual = z.strictObject({ cy: plainText(1000), en: plainText(1000) });

/** The WIMD area of a facility's LSOA; an unknown code is the client's mistake. */
async function areaOf(prisma: PrismaClient, lsoaCode: string | undefined): Promise<m.AreaRef | undefined> {
  if (lsoaCode === undefined) return undefined;
  const found = await findWimdArea(prisma, lsoaCode);
  if (!found)
    throw new AppError('invalid_input', { cy: `Nid oes ardal fach (LSOA) ${lsoaCode} yng Nghymru`, en: `There is no small area (LSOA) ${lsoaCode} in Wales` });
  return {
    lsoaCode: found.lsoaCode,
    edition: found.edition,
    rank: found.rank,
    decile: found.decile,
    localAuthorityCode: found.localAuthorityCode,
    localAuthorityName: found.localAuthorityName,
  };
}

/** Awards the group accepted within the policy's cap period before `now`. */
async function recentAwards(prisma: PrismaClient, organisationId: string, policy: CfpPolicy, now: Date) {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - policy.organisationCap.periodYears);
  const found = await prisma.award.aggregate({ where: { organisationId, acceptedAt: { gte: since } }, _count: true, _sum: { amountPence: true } });
  return { count: found._count, totalPence: Number(found._sum.amountPence ?? 0n) };
}

export const applicationCommands = {
  saveEoi: command({
    action: 'application.apply',
    update: m.saveEoi,
    input: z.strictObject({ projectTitle: oneLineText(200).optional(), answers: eoiDraft }),
    prepare: async (input, { prisma }) => {
      const area = await areaOf(prisma, input.answers.facility?.lsoaCode);
      return { answers: input.answers, ...(input.projectTitle ? { projectTitle: input.projectTitle } : {}), ...(area ? { area } : {}) };
    },
  }),
  submitEoi: command({
    action: 'application.apply',
    update: m.submitEoi,
    input: z.strictObject({}),
    prepare: async (_input, { prisma, policy, application, now }) => {
      const organisation = await prisma.organisation.findUnique({ where: { id: application.organisationId }, select: { legalForm: true } });
      const caseOfficerId = await caseOfficerOnSubmission(prisma, policy, application.reference, now);
      return {
        legalForm: organisation?.legalForm ?? null,
        recentAwards: await recentAwards(prisma, application.organisationId, policy, now),
        ...(caseOfficerId ? { caseOfficerId } : {}),
      };
    },
  }),
  screenEoi: command({
    action: 'application.casework',
    update: m.screenEoi,
    input: z.strictObject({ outcome: z.enum(['invite', 'decline']), reasons: reason }),
    // The cap is applied to the awards as they stand at the invitation, not as they stood when the EOI came.
    // An organisation nobody has verified is refused here, before the workflow is asked.
    prepare: async (input, { prisma, policy, application, now }) => {
      await requireVerifiedOrganisation(prisma, application.organisationId);
      return { ...input, recentAwards: await recentAwards(prisma, application.organisationId, policy, now) };
    },
  }),
  saveFullApplication: command({
    action: 'application.apply',
    update: m.saveFullApplication,
    input: z.strictObject({ answers: fullApplicationDraft }),
    prepare: (input) => input,
  }),
  submitFullApplication: command({
    action: 'application.apply',
    update: m.submitFullApplication,
    input: z.strictObject({}),
    prepare: () => ({}),
  }),
  declareConflict: command({
    action: 'application.assess',
    update: m.declareConflict,
    input: z.strictObject({ conflict: z.boolean(), details: plainText(2000).nullable().default(null) }),
    prepare: (input) => input,
  }),
  scoreApplication: command({
    action: 'application.assess',
    update: m.scoreApplication,
    input: z.strictObject({
      scores: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.strictObject({ score: z.number().int().min(0).max(100), justification: plainText(2000) })),
    }),
    prepare: (input) => input,
  }),
  moderateScores: command({
    action: 'application.casework',
    update: m.moderateScores,
    input: z.strictObject({ total: z.number().min(0).max(100), note: reason }),
    prepare: (input) => input,
  }),
  recommend: command({
    action: 'application.casework',
    update: m.recommend,
    input: z.strictObject({ recommendation: z.enum(['approve', 'reject']), amountPence: pence.nullable().default(null), reasons: reason }),
    prepare: (input) => input,
  }),
  decide: command({
    action: 'application.decide',
    update: m.decide,
    input: z.strictObject({
      outcome: z.enum(['approve', 'reject', 'defer']),
      amountPence: pence.nullable().default(null),
      conditions: z.array(bilingual).max(20).default([]),
      reasons: reason,
    }),
    prepare: async (input, { prisma, policy, application, now }) => ({
      ...input,
      recentAwards: await recentAwards(prisma, application.organisationId, policy, now),
    }),
  }),
  acceptOffer: command({
    action: 'application.apply',
    update: m.acceptOffer,
    input: z.strictObject({ declaration: z.literal(true), signatoryName: oneLineText(200) }),
    prepare: (input) => input,
  }),
  declineOffer: command({
    action: 'application.apply',
    update: m.declineOffer,
    input: z.strictObject({ reason }),
    prepare: (input) => input,
  }),
  requestInformation: command({
    action: 'application.casework',
    update: m.requestInformation,
    input: z.strictObject({ fields: z.array(answerField).min(1).max(20), message: reason }),
    prepare: (input) => ({ fields: input.fields as m.RequestInformation['fields'], message: input.message }),
  }),
  respondToInformation: command({
    action: 'application.apply',
    update: m.respondToInformation,
    input: z.strictObject({ answers: reopenedAnswers, message: plainText(2000).nullable().default(null) }),
    prepare: async (input, { prisma }) => {
      const area = await areaOf(prisma, input.answers.facility?.lsoaCode);
      return { answers: input.answers, message: input.message, ...(area ? { area } : {}) };
    },
  }),
  closeInformationRequest: command({
    action: 'application.casework',
    update: m.closeInformationRequest,
    input: z.strictObject({ reason }),
    prepare: (input) => input,
  }),
  withdraw: command({
    action: 'application.apply',
    update: m.withdraw,
    input: z.strictObject({ reason }),
    prepare: (input) => input,
  }),
  reassignCaseOfficer: command({
    action: 'application.casework',
    update: m.reassignCaseOfficer,
    input: z.strictObject({ caseOfficerId: z.uuid() }),
    prepare: async (input, { prisma }) => {
      const officer = await prisma.roleGrant.findFirst({ where: { personId: input.caseOfficerId, role: 'caseworker', revokedAt: null } });
      if (!officer) throw new AppError('invalid_input', { cy: 'Nid yw’r person hwnnw’n weithiwr achos', en: 'That person is not a caseworker' });
      return input;
    },
  }),
  addNote: command({
    action: 'application.note',
    update: m.addNote,
    input: z.strictObject({ text: plainText(5000) }),
    prepare: (input) => input,
  }),
  setFastTrack: command({
    action: 'application.casework',
    update: m.setFastTrack,
    input: z.strictObject({ fastTrack: z.boolean(), reason }),
    prepare: (input) => input,
  }),
  extendDeadline: command({
    action: 'application.casework',
    update: m.extendDeadline,
    input: z.strictObject({ deadline: z.enum(['full_application', 'offer_acceptance', 'information']), dueAt: z.iso.datetime({ offset: true }), reason }),
    prepare: (input) => ({ ...input, dueAt: new Date(input.dueAt).toISOString() }),
  }),
  linkTransfer: command({
    action: 'application.apply',
    update: m.linkTransfer,
    input: z.strictObject({
      transferReference: z
        .string()
        .regex(/^CAT-\d{4}-\d{6}$/, message('transferReference'))
        .meta({ description: 'A community asset transfer of the same group', example: 'CAT-2026-000123' }),
    }),
    prepare: async (input, { prisma, application }) => {
      const transfer = await prisma.transfer.findUnique({
        where: { reference: input.transferReference },
        select: { organisationId: true, status: true, updatedAt: true, completedAt: true, tenureKind: true, tenureYears: true },
      });
      // Another group's transfer is, to this group, no transfer at all.
      if (!transfer || transfer.organisationId !== application.organisationId) {
        throw new AppError('invalid_input', {
          cy: `Nid oes gan eich grŵp drosglwyddiad ${input.transferReference}`,
          en: `Your group has no transfer ${input.transferReference}`,
        });
      }
      // A transfer that has ended already will not tell the grant: say how it ended, from its read model.
      const { transferReference } = input;
      let concluded: m.TransferConclusion | null = null;
      if (transfer.status === 'declined' || transfer.status === 'withdrawn' || transfer.status === 'lapsed') {
        concluded = { transferReference, outcome: transfer.status, tenure: null, at: transfer.updatedAt.toISOString() };
      } else if (transfer.completedAt) {
        const kind = transfer.tenureKind;
        if (kind !== 'licence' && kind !== 'lease' && kind !== 'freehold')
          throw new Error(`Transfer ${transferReference} completed with an unknown tenure ${JSON.stringify(kind)}`);
        concluded = { transferReference, outcome: 'completed', tenure: { kind, termYears: transfer.tenureYears }, at: transfer.completedAt.toISOString() };
      }
      return { transferReference, concluded };
    },
  }),
  decideTenure: command({
    action: 'application.casework',
    update: m.decideTenure,
    input: z.strictObject({ outcome: z.enum(['waive', 'await_another_transfer']), reasons: reason }),
    prepare: (input) => input,
  }),
};

export type ApplicationCommandName = keyof typeof applicationCommands;
