import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import { appendAuditRecord } from '../../audit/append-audit-record.js';
import { organisationStream } from '../../audit/audit-stream.js';
import type { PrismaClient } from '../../db/prisma.js';
import { plainText } from '../../domain/text.js';

export const setBankAccountInput = z.strictObject({
  accountName: plainText(140),
  /** Six digits, with or without dashes or spaces. */
  sortCode: z.string().transform((value) => value.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\d{6}$/, 'must be six digits')),
  accountNumber: z.string().transform((value) => value.replace(/\s/g, '')).pipe(z.string().regex(/^\d{8}$/, 'must be eight digits')),
});

const masked = (accountNumber: string) => `****${accountNumber.slice(-4)}`;

/**
 * The group's lead gives the bank account its grants are paid into. The audit trail records the change
 * with the account number masked; payment runs use the account as it stands when they are made.
 */
export async function setBankAccount({ prisma, actor, organisationId, input, now }: { prisma: PrismaClient; actor: Actor | undefined; organisationId: string; input: z.infer<typeof setBankAccountInput>; now: Date }) {
  const actingAs = enforce(actor, 'bank_account.set', { organisationId });
  if (!actor || !actingAs) throw new Error('bank_account.set is allowed only to a group’s lead');
  await prisma.$transaction(async (tx) => {
    const before = await tx.bankAccount.findUnique({ where: { organisationId } });
    await tx.bankAccount.upsert({ where: { organisationId }, create: { organisationId, ...input, updatedAt: now }, update: { ...input, updatedAt: now } });
    await appendAuditRecord(tx, {
      stream: organisationStream(organisationId),
      occurredAt: now,
      actor: { personId: actor.personId, role: actingAs.role, organisationId },
      command: 'bank_account.set',
      summary: { cy: 'Newidiwyd manylion cyfrif banc y grŵp', en: 'The group’s bank account details were changed' },
      changes: { from: before ? { sortCode: before.sortCode, accountNumber: masked(before.accountNumber) } : null, to: { sortCode: input.sortCode, accountNumber: masked(input.accountNumber) } },
    });
  });
  return { organisationId, accountName: input.accountName, sortCode: input.sortCode, accountNumber: masked(input.accountNumber), updatedAt: now.toISOString() };
}
