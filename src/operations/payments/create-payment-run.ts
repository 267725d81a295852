import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Prisma } from '../../../generated/prisma/client.js';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { systemStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Bilingual, Language } from '../../domain/bilingual.js';
import { formatPounds, penceText } from '../../domain/money.js';
import { applicantRoles, type RoleName } from '../../domain/roles.js';
import type { Logger } from '../../log.js';
import { remittanceMessage } from '../../notifications/remittance-message.js';
import { currentRequestId } from '../../primitives/request-context.js';
import {
  REMITTANCE_DELIVERY_WORKFLOW,
  remittanceDeliveryWorkflowId,
  remittanceNotificationPrefix,
  type RemittanceDeliveryStart,
} from '../../workflows/remittance-delivery.messages.js';
import { expectedPaymentDate } from '../../finance/payments/bacs-calendar.js';
import { bacsPayeeName, isBacsReference } from '../../finance/payments/bacs-text.js';
import { accountNumberDigits, bankFileCsv, sortCodeDigits, type BankFileRow } from '../../finance/payments/bank-file.js';
import { loadPaymentRunView, type PaymentRunView } from '../../finance/payments/payment-run-view.js';

/**
 * Why an instruction waiting to be paid was left out of a run. It stays `instructed`, so the next run takes
 * it once the group's bank details are put right, or their latest change verified.
 */
export type HoldBackReason = 'no_bank_account' | 'invalid_bank_details' | 'bank_details_unverified' | 'invalid_reference' | 'zero_amount';

export const holdBackReasons = [
  'no_bank_account',
  'invalid_bank_details',
  'bank_details_unverified',
  'invalid_reference',
  'zero_amount',
] as const satisfies readonly HoldBackReason[];

const holdBackText: Record<HoldBackReason, Bilingual> = {
  no_bank_account: { cy: 'Nid yw’r grŵp wedi rhoi cyfrif banc', en: 'The group has not given a bank account' },
  invalid_bank_details: { cy: 'Ni all y banc dalu i fanylion banc y grŵp fel y maent', en: 'The bank cannot pay the group’s bank details as they stand' },
  bank_details_unverified: {
    cy: 'Newidiodd manylion banc y grŵp ac nid oes swyddog cyllid wedi gwirio’r newid eto',
    en: 'The group’s bank details changed and no finance officer has verified the change yet',
  },
  invalid_reference: { cy: 'Ni all Bacs gario cyfeirnod banc y taliad', en: 'Bacs cannot carry the payment’s bank reference' },
  zero_amount: { cy: 'Nid oes dim i’w dalu ar y cyfarwyddyd hwn', en: 'There is nothing to pay on this instruction' },
};

export interface HeldBackInstruction {
  id: string;
  claimId: string;
  awardReference: string;
  organisationId: string;
  organisationName: string | null;
  amountPence: number;
  reason: HoldBackReason;
  /** The reason, in Welsh and English. */
  detail: Bilingual;
}

export interface CreatedPaymentRun extends PaymentRunView {
  heldBack: HeldBackInstruction[];
  remittances: {
    /** Notices queued in the outbox: one per payment per member of the group. */
    queued: number;
    /** Whether the workflow that sends them was started; when not, they wait unsent in the outbox. */
    delivery: 'started' | 'not_started' | 'nothing_to_send';
  };
}

// Remittance notices belong to no case event: their ids say which payment they are about, sequence 0.
const NO_CASE_EVENT = 0;

/** RUN-YYYYMMDD-HHMMSS-<4 random hex>, in UTC. */
export function paymentRunId(now: Date, random: string = randomBytes(2).toString('hex')): string {
  const iso = now.toISOString();
  return `RUN-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${random}`;
}

function nothingToPay(heldBack: readonly HeldBackInstruction[]): AppError {
  if (heldBack.length === 0) {
    return new AppError('conflict', {
      cy: 'Dim i’w dalu: nid oes taliad yn aros am rediad taliadau',
      en: 'Nothing to pay: no payment instruction is waiting for a payment run',
    });
  }
  const groups = [...new Set(heldBack.map((h) => h.organisationName ?? h.organisationId))].join(', ');
  return new AppError('conflict', {
    cy: `Dim i’w dalu: mae pob taliad sy’n aros wedi ei ddal yn ôl am nad oes gan y grwpiau hyn fanylion banc y gellir talu iddynt, neu am fod newid iddynt heb ei wirio: ${groups}`,
    en: `Nothing to pay: every waiting payment is held back because these groups have no bank details that can be paid, or a change to them is not yet verified: ${groups}`,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

interface Recipient {
  personId: string;
  email: string;
  name: string;
  language: Language;
}

/**
 * Puts every payment instruction waiting to be paid (`instructed`) into one payment run, in one transaction:
 * the run with its bank file, the instructions marked `in_run` with the run's id, a remittance notice per
 * payment to each member of the group in their own language, and the audit record on the system stream.
 *
 * The waiting instructions are locked with `FOR UPDATE SKIP LOCKED`, so two runs made at the same moment
 * never take the same instruction: the second gets what the first did not lock, or is refused (409 "nothing
 * to pay"). An instruction whose group has no bank account, or bank details the bank could not pay, is held
 * back (left `instructed` and listed in the answer) rather than refusing the whole run. The notices are sent
 * after the commit by a workflow on the worker, which holds the mailer.
 */
export async function createPaymentRun({
  prisma,
  temporal,
  taskQueue,
  actor,
  now,
  logger,
}: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  actor: Actor | undefined;
  now: Date;
  logger?: Pick<Logger, 'error'>;
}): Promise<CreatedPaymentRun> {
  const actingAs = enforce(actor, 'finance.pay');
  if (!actor || !actingAs) throw new Error('finance.pay is allowed only to finance staff');

  let made: { view: PaymentRunView; heldBack: HeldBackInstruction[]; delivery: RemittanceDeliveryStart; queued: number };
  for (let attempt = 1; ; attempt += 1) {
    try {
      made = await prisma.$transaction(
        (tx) => makeRun(tx, { actor, role: actingAs.role, organisationId: actingAs.organisationId, now, id: paymentRunId(now) }),
        { timeout: 30_000 },
      );
      break;
    } catch (error) {
      // Two runs in the same second drew the same four hex digits: draw again.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }

  let delivery: CreatedPaymentRun['remittances']['delivery'] = 'nothing_to_send';
  if (made.queued > 0) {
    try {
      await temporal.workflow.start(REMITTANCE_DELIVERY_WORKFLOW, { workflowId: remittanceDeliveryWorkflowId(made.view.id), taskQueue, args: [made.delivery] });
      delivery = 'started';
    } catch (error) {
      // The run is made and must not be made again: the notices wait in the outbox.
      logger?.error({ err: error, paymentRunId: made.view.id }, 'Could not start sending the remittance notices of a payment run');
      delivery = 'not_started';
    }
  }
  return { ...made.view, heldBack: made.heldBack, remittances: { queued: made.queued, delivery } };
}

async function makeRun(
  tx: Prisma.TransactionClient,
  { actor, role, organisationId, now, id }: { actor: Actor; role: RoleName; organisationId: string | null; now: Date; id: string },
) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM payment_instruction WHERE status = 'instructed' ORDER BY id FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) throw nothingToPay([]);
  const waiting = await tx.paymentInstruction.findMany({ where: { id: { in: locked.map((row) => row.id) } }, orderBy: { id: 'asc' } });

  const organisationIds = [...new Set(waiting.map((i) => i.organisationId))];
  const organisations = await tx.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, name: true } });
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  const accounts = new Map((await tx.bankAccount.findMany({ where: { organisationId: { in: organisationIds } } })).map((a) => [a.organisationId, a]));

  const heldBack: HeldBackInstruction[] = [];
  const paying: { instruction: (typeof waiting)[number]; row: BankFileRow }[] = [];
  for (const instruction of waiting) {
    const account = accounts.get(instruction.organisationId);
    // Read in this transaction: a change committed before it is held back here, one committed after it
    // finds these payments already in the run, paid to the details that were verified.
    const reason: HoldBackReason | null =
      instruction.amountPence <= 0n
        ? 'zero_amount'
        : !isBacsReference(instruction.bankReference)
          ? 'invalid_reference'
          : !account
            ? 'no_bank_account'
            : !sortCodeDigits(account.sortCode) || !accountNumberDigits(account.accountNumber) || !bacsPayeeName(account.accountName).ok
              ? 'invalid_bank_details'
              : account.verifiedAt === null
                ? 'bank_details_unverified'
                : null;
    if (reason || !account) {
      heldBack.push({
        id: instruction.id,
        claimId: instruction.claimId,
        awardReference: instruction.awardReference,
        organisationId: instruction.organisationId,
        organisationName: nameOf.get(instruction.organisationId) ?? null,
        amountPence: Number(instruction.amountPence),
        reason: reason ?? 'no_bank_account',
        detail: holdBackText[reason ?? 'no_bank_account'],
      });
      continue;
    }
    paying.push({
      instruction,
      row: {
        payeeName: account.accountName.trim(),
        sortCode: account.sortCode,
        accountNumber: account.accountNumber,
        amountPence: instruction.amountPence,
        reference: instruction.bankReference,
      },
    });
  }
  if (paying.length === 0) throw nothingToPay(heldBack);

  const totalPence = paying.reduce((sum, p) => sum + p.instruction.amountPence, 0n);
  const ids = paying.map((p) => p.instruction.id);
  await tx.paymentRun.create({
    data: { id, createdById: actor.personId, createdAt: now, instructionCount: paying.length, totalPence, bankFileCsv: bankFileCsv(paying.map((p) => p.row)) },
  });
  const { count } = await tx.paymentInstruction.updateMany({
    where: { id: { in: ids }, status: 'instructed', paymentRunId: null },
    data: { status: 'in_run', paymentRunId: id },
  });
  if (count !== ids.length) throw new Error(`Payment run ${id} locked ${ids.length} instructions but could mark only ${count} of them`);

  // Remittance notices: each payment, to each member of its group, in the member's language.
  const grants = await tx.roleGrant.findMany({
    where: { organisationId: { in: [...new Set(paying.map((p) => p.instruction.organisationId))] }, role: { in: [...applicantRoles] }, revokedAt: null },
    select: { organisationId: true, person: { select: { id: true, email: true, name: true, language: true } } },
    orderBy: { person: { email: 'asc' } },
  });
  const members = new Map<string, Map<string, Recipient>>();
  for (const { organisationId: group, person } of grants) {
    if (!group) continue;
    const people = members.get(group) ?? new Map<string, Recipient>();
    people.set(person.id, { personId: person.id, email: person.email, name: person.name, language: person.language === 'cy' ? 'cy' : 'en' });
    members.set(group, people);
  }
  const applications = await tx.application.findMany({
    where: { reference: { in: [...new Set(paying.map((p) => p.instruction.awardReference))] } },
    select: { reference: true, projectTitle: true, organisationName: true },
  });
  const applicationOf = new Map(applications.map((a) => [a.reference, a]));
  const expectedDate = expectedPaymentDate(now);
  const deliveries: RemittanceDeliveryStart['deliveries'] = [];
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  for (const { instruction } of paying) {
    const prefix = remittanceNotificationPrefix(instruction.awardReference, instruction.id);
    const recipients = [...(members.get(instruction.organisationId)?.values() ?? [])];
    if (recipients.length > 0) deliveries.push({ reference: instruction.awardReference, idPrefix: prefix });
    const application = applicationOf.get(instruction.awardReference);
    for (const person of recipients) {
      notifications.push({
        id: `${prefix}${person.personId}`,
        reference: instruction.awardReference,
        sequence: NO_CASE_EVENT,
        personId: person.personId,
        email: person.email,
        language: person.language,
        ...remittanceMessage(
          {
            awardReference: instruction.awardReference,
            claimId: instruction.claimId,
            amountPence: instruction.amountPence,
            bankReference: instruction.bankReference,
            expectedDate,
            ...(application ? { projectTitle: application.projectTitle, organisationName: application.organisationName } : {}),
          },
          person,
        ),
      });
    }
  }
  await tx.notification.createMany({ data: notifications, skipDuplicates: true });

  const held = heldBack.length ? { cy: `; daliwyd ${heldBack.length} yn ôl`, en: `; ${heldBack.length} held back` } : { cy: '', en: '' };
  await appendAuditRecord(tx, {
    stream: systemStream,
    occurredAt: now,
    actor: { personId: actor.personId, role, organisationId },
    requestId: currentRequestId(),
    command: 'finance.payment_run.create',
    summary: {
      cy: `Rhediad taliadau ${id}: ${paying.length} taliad, cyfanswm ${formatPounds(totalPence)}${held.cy}`,
      en: `Payment run ${id}: ${paying.length} payments, total ${formatPounds(totalPence)}${held.en}`,
    },
    changes: {
      paymentRunId: id,
      instructionIds: ids,
      totalPence: penceText(totalPence),
      heldBack: heldBack.map((h) => ({ instructionId: h.id, organisationId: h.organisationId, reason: h.reason })),
      remittancesQueued: notifications.length,
    },
  });

  const view = await loadPaymentRunView(tx, id);
  if (!view) throw new Error(`Payment run ${id} was not found in its own transaction`);
  return { view, heldBack, delivery: { paymentRunId: id, deliveries }, queued: notifications.length };
}
