import { nextCaseReference } from './next-case-reference.js';
import type { PrismaClient } from './prisma.js';

// The case reference (or claim id) a command was given, kept by the command's id (from the request's
// Idempotency-Key) so that every retry of the same request opens or finds the same case. The idempotency
// claim keeps two tries of one request from running at once; should they race anyway, the first kept wins.

/** The reference a try of this command was given before, if any. */
export async function keptReference(prisma: PrismaClient, commandId: string | undefined): Promise<string | undefined> {
  if (!commandId) return undefined;
  return (await prisma.commandReference.findUnique({ where: { commandId } }))?.reference;
}

/** Keeps `reference` for `commandId` (without one, there is nothing to keep); answers the reference kept. */
export async function keepReference(prisma: PrismaClient, commandId: string | undefined, reference: string): Promise<string> {
  if (!commandId) return reference;
  await prisma.commandReference.createMany({ data: [{ commandId, reference }], skipDuplicates: true });
  return (await prisma.commandReference.findUniqueOrThrow({ where: { commandId } })).reference;
}

/** The reference this command was given before, or the next one for `prefix` in `year`, kept for it. */
export async function caseReferenceForCommand(prisma: PrismaClient, commandId: string | undefined, prefix: string, year: number): Promise<string> {
  return (await keptReference(prisma, commandId)) ?? keepReference(prisma, commandId, await nextCaseReference(prisma, prefix, year));
}
