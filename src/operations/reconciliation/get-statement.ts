import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { checkedStatementId, statementNotFound, statementView, type StatementView } from '../../finance/reconciliation/statement-view.js';

/** An imported statement with each line's match status, and how many lines have each. */
export async function getStatement({ prisma, actor, id }: { prisma: PrismaClient; actor: Actor | undefined; id: string }): Promise<StatementView> {
  enforce(actor, 'finance.reconcile');
  const row = await prisma.bankStatement.findUnique({ where: { id: checkedStatementId(id) }, include: { lines: true } });
  if (!row) throw statementNotFound(id);
  return statementView(row);
}
