import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { loadPaymentRunView, paymentRunIdPattern, paymentRunNotFound, type PaymentRunView } from '../../finance/payments/payment-run-view.js';

/** A payment run: its totals and its instructions as they stand now. */
export async function getPaymentRun({ prisma, actor, id }: { prisma: PrismaClient; actor: Actor | undefined; id: string }): Promise<PaymentRunView> {
  enforce(actor, 'finance.pay');
  const view = await loadPaymentRunView(prisma, id);
  if (!view) throw paymentRunNotFound(id);
  return view;
}

/** The bank file of a payment run, exactly as it was made with the run. */
export async function getPaymentRunBankFile({
  prisma,
  actor,
  id,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  id: string;
}): Promise<{ fileName: string; csv: string }> {
  enforce(actor, 'finance.pay');
  const run = paymentRunIdPattern.test(id) ? await prisma.paymentRun.findUnique({ where: { id }, select: { bankFileCsv: true } }) : null;
  if (!run) throw paymentRunNotFound(id);
  return { fileName: `${id}.csv`, csv: run.bankFileCsv };
}
