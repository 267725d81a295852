import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { organisationStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Bilingual } from '../../domain/bilingual.js';
import { plainText } from '../../domain/text.js';
import { currentRequestId } from '../../primitives/request-context.js';
import {
  bankAccountView,
  bankDetailsSeen,
  verificationMethods,
  type BankAccountView,
  type VerificationMethod,
} from '../../finance/bank-accounts/bank-account-view.js';
import { lockBankAccount } from '../../finance/bank-accounts/bank-account-lock.js';

export const verifyBankAccountInput = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(1)
      .meta({ description: 'The version of the details checked, as the change’s answer and notice give it: a later change needs verifying afresh' }),
    method: z.enum(verificationMethods).meta({
      description:
        'How: call_back_known_contact (phoned a contact already on record, never one given with the change), in_person, bank_letter (a letter or statement from the bank, checked with the branch), confirmation_of_payee (the bank’s name check matched)',
    }),
    note: plainText(2_000).meta({
      description: 'What was done: whom, when, what they confirmed',
      example: 'Rang y trysorydd ar y rhif yn ein cofnodion ers 2019; cadarnhaodd y newid',
    }),
  })
  .meta({ id: 'BankAccountVerification' });

export type VerifyBankAccountInput = z.output<typeof verifyBankAccountInput>;

const methodText: Record<VerificationMethod, Bilingual> = {
  call_back_known_contact: { cy: 'drwy ffonio cyswllt hysbys', en: 'by calling back a known contact' },
  in_person: { cy: 'wyneb yn wyneb', en: 'in person' },
  bank_letter: { cy: 'drwy lythyr gan y banc', en: 'by a letter from the bank' },
  confirmation_of_payee: { cy: 'drwy Gadarnhau Talai', en: 'by Confirmation of Payee' },
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A finance officer (or approver) verifies a change of a group's bank details, recording how, after which
 * payment runs pay the group again. Never the person who made the change; only the version it names, so a
 * change made while the call-back was going on is not verified by mistake.
 */
export async function verifyBankAccount({
  prisma,
  actor,
  organisationId,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  organisationId: string;
  input: VerifyBankAccountInput;
  now: Date;
}): Promise<BankAccountView> {
  const actingAs = enforce(actor, 'bank_account.verify');
  if (!actor || !actingAs) throw new Error('bank_account.verify is allowed only to finance staff');
  const notFound = new AppError('not_found', { cy: 'Nid oes gan y grŵp hwn gyfrif banc', en: 'This group has no bank account' });
  if (!uuid.test(organisationId)) throw notFound;
  const group = organisationId.toLowerCase();

  return prisma.$transaction(async (tx) => {
    await lockBankAccount(tx, group);
    const account = await tx.bankAccount.findUnique({ where: { organisationId: group } });
    if (!account) throw notFound;
    if (account.version !== input.version) {
      throw new AppError('conflict', {
        cy: `Mae’r manylion banc wedi newid ers fersiwn ${input.version}: gwiriwch fersiwn ${account.version}`,
        en: `The bank details have changed since version ${input.version}: verify version ${account.version}`,
      });
    }
    if (account.verifiedAt)
      throw new AppError('conflict', { cy: `Mae fersiwn ${account.version} eisoes wedi ei gwirio`, en: `Version ${account.version} is already verified` });
    if (account.changedById === actor.personId) {
      throw new AppError('forbidden', {
        cy: 'Chi newidiodd y manylion banc hyn, felly rhaid i rywun arall ym maes cyllid wirio’r newid',
        en: 'You changed these bank details, so someone else in finance must verify the change',
      });
    }
    const verified = await tx.bankAccount.update({
      where: { organisationId: group },
      data: { verifiedAt: now, verifiedById: actor.personId, verificationMethod: input.method, verificationNote: input.note },
    });
    const how = methodText[input.method];
    await appendAuditRecord(tx, {
      stream: organisationStream(group),
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId },
      requestId: currentRequestId(),
      command: 'bank_account.verify',
      summary: { cy: `Gwiriwyd manylion cyfrif banc y grŵp ${how.cy}`, en: `The group’s bank account details were verified ${how.en}` },
      changes: { version: account.version, method: input.method, note: input.note, changedBy: account.changedById, details: bankDetailsSeen(account) },
    });
    return bankAccountView(verified);
  });
}
