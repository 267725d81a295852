import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { canonicalUuid, organisationStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { applicantRoles } from '../../domain/roles.js';
import { plainText } from '../../domain/text.js';
import { dateInWales } from '../../domain/wales-time.js';
import type { Logger } from '../../log.js';
import { bankDetailsMessage } from '../../notifications/bank-details-message.js';
import { currentRequestId } from '../../primitives/request-context.js';
import { bacsPayeeName } from '../../finance/payments/bacs-text.js';
import { bankAccountView, bankDetailsSeen, type BankAccountView } from '../../finance/bank-accounts/bank-account-view.js';
import { lockBankAccount } from '../../finance/bank-accounts/bank-account-lock.js';
import { bankDetailsNoticeWorkflowId, bankDetailsNotificationPrefix } from '../../workflows/bank-details-notices.messages.js';
import { deliverNotices } from '../notices/deliver-notices.js';
import { sortCodeInput } from '../../finance/bank-accounts/sort-code.js';
import { message } from '../../domain/validation-messages.js';

export const setBankAccountInput = z
  .strictObject({
    accountName: plainText(140).meta({
      description:
        'The name on the account. The bank file carries it as Bacs does (answered as payeeName); refused when nothing of it is left that way, or when it begins with =, +, - or @',
    }),
    sortCode: sortCodeInput,
    accountNumber: z
      .string()
      .transform((value) => value.replace(/\s/g, ''))
      .pipe(z.string().regex(/^\d{8}$/, message('accountNumber')))
      .meta({ description: 'Eight digits (spaces allowed)' }),
  })
  .meta({ id: 'BankAccountRequest' });

export interface SetBankAccount extends BankAccountView {
  notices: {
    /** Mail queued to the group's leads and members and the finance team, one each. */
    queued: number;
    /** Whether the workflow that sends it was started; when not, it waits unsent in the outbox. */
    delivery: 'started' | 'not_started' | 'nothing_to_send';
  };
}

// Notices about bank details belong to no case event.
const NO_CASE_EVENT = 0;

/**
 * The group's lead gives the bank account its grants are paid into. Every change (the first account too)
 * is a new version that nothing is paid into until a finance officer other than the person who made it
 * verifies it (verify-bank-account.ts): a fraudster who takes over a lead's account cannot redirect the
 * next payment run. In one transaction: the details, the audit record (old and new payee, sort code and
 * masked number, and the request id) and a notice to every lead and member of the group and to the finance
 * team, sent after the commit by a workflow on the worker, which holds the mailer.
 */
export async function setBankAccount({
  prisma,
  temporal,
  taskQueue,
  actor,
  organisationId,
  input,
  now,
  logger,
}: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  actor: Actor | undefined;
  organisationId: string;
  input: z.infer<typeof setBankAccountInput>;
  now: Date;
  logger?: Pick<Logger, 'error'>;
}): Promise<SetBankAccount> {
  const actingAs = enforce(actor, 'bank_account.set', { organisationId });
  if (!actor || !actingAs) throw new Error('bank_account.set is allowed only to a group’s lead');
  const payee = bacsPayeeName(input.accountName);
  if (!payee.ok) throw new AppError('invalid_input', payee.reason);
  const group = canonicalUuid(organisationId);

  const made = await prisma.$transaction(async (tx) => {
    await lockBankAccount(tx, group);
    const before = await tx.bankAccount.findUnique({ where: { organisationId: group } });
    const details = { accountName: input.accountName, sortCode: input.sortCode, accountNumber: input.accountNumber };
    const unverified = { verifiedAt: null, verifiedById: null, verificationMethod: null, verificationNote: null };
    const account = await tx.bankAccount.upsert({
      where: { organisationId: group },
      create: { organisationId: group, ...details, updatedAt: now, version: 1, changedById: actor.personId },
      update: { ...details, updatedAt: now, version: { increment: 1 }, changedById: actor.personId, ...unverified },
    });
    const queued = await queueNotices(tx, { account, changedBy: actor.name, now });
    await appendAuditRecord(tx, {
      stream: organisationStream(group),
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId: group },
      requestId: currentRequestId(),
      command: 'bank_account.set',
      summary: before
        ? {
            cy: 'Newidiwyd manylion cyfrif banc y grŵp: ni thelir dim iddo nes bydd swyddog cyllid wedi gwirio’r newid',
            en: 'The group’s bank account details were changed: nothing is paid into it until a finance officer verifies the change',
          }
        : {
            cy: 'Rhoddwyd manylion cyfrif banc y grŵp: ni thelir dim iddo nes bydd swyddog cyllid wedi eu gwirio',
            en: 'The group’s bank account details were given: nothing is paid into it until a finance officer verifies them',
          },
      changes: { version: account.version, from: before ? bankDetailsSeen(before) : null, to: bankDetailsSeen(account), verification: 'pending' },
    });
    return { account, queued };
  });

  let delivery: SetBankAccount['notices']['delivery'] = 'nothing_to_send';
  if (made.queued > 0) {
    const { version } = made.account;
    delivery = await deliverNotices(
      { temporal, taskQueue, logger },
      {
        workflowId: bankDetailsNoticeWorkflowId(group, version),
        reference: organisationStream(group),
        idPrefix: bankDetailsNotificationPrefix(group, version),
      },
    );
  }
  return { ...bankAccountView(made.account), notices: { queued: made.queued, delivery } };
}

/** A notice of the change to each lead and member of the group and each of the finance team, once each. */
async function queueNotices(
  tx: Prisma.TransactionClient,
  { account, changedBy, now }: { account: Parameters<typeof bankDetailsSeen>[0] & { organisationId: string; version: number }; changedBy: string; now: Date },
): Promise<number> {
  const organisation = await tx.organisation.findUnique({ where: { id: account.organisationId }, select: { name: true } });
  const grants = await tx.roleGrant.findMany({
    where: {
      revokedAt: null,
      OR: [{ organisationId: account.organisationId, role: { in: [...applicantRoles] } }, { role: { in: ['finance_officer', 'finance_approver'] } }],
    },
    select: { organisationId: true, role: true, person: { select: { id: true, email: true, name: true, language: true } } },
  });
  const recipients = new Map<string, { person: (typeof grants)[number]['person']; member: boolean; finance: boolean }>();
  for (const { role, person } of grants) {
    const known = recipients.get(person.id) ?? { person, member: false, finance: false };
    if (role === 'finance_officer' || role === 'finance_approver') known.finance = true;
    else known.member = true;
    recipients.set(person.id, known);
  }
  const seen = bankDetailsSeen(account);
  const change = {
    organisationId: account.organisationId,
    organisationName: organisation?.name ?? account.organisationId,
    version: account.version,
    changedOn: dateInWales(now),
    changedBy,
    payeeName: seen.payeeName ?? seen.accountName,
    sortCode: seen.sortCode,
    accountNumber: seen.accountNumber,
  };
  const prefix = bankDetailsNotificationPrefix(account.organisationId, account.version);
  const data: Prisma.NotificationCreateManyInput[] = [...recipients.values()].map(({ person, member, finance }) => {
    const language = person.language === 'cy' ? 'cy' : 'en';
    return {
      id: `${prefix}${person.id}`,
      reference: organisationStream(account.organisationId),
      sequence: NO_CASE_EVENT,
      personId: person.id,
      email: person.email,
      language,
      ...bankDetailsMessage(change, { name: person.name, language, member, finance }),
    };
  });
  const { count } = await tx.notification.createMany({ data, skipDuplicates: true });
  return count;
}
