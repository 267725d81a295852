import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { loadRecovery, recoveryView, type RecoveryView } from '../../finance/clawback/recovery.js';

/** A recovery with what has been received and written off, for casework and finance. */
export async function getRecovery({ prisma, actor, id }: { prisma: PrismaClient; actor: Actor | undefined; id: string }): Promise<RecoveryView> {
  const { recovery } = await loadRecovery(prisma, { actor, action: 'recovery.read', id, forUpdate: false });
  return recoveryView(prisma, recovery);
}
