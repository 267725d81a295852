import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { findAwardFor } from '../../operations/claims/find-award.js';

/** One evidence file of an award, for those who may read the award (the group, casework, finance). */
export async function readEvidence({ prisma, evidenceDir, actor, reference, id }: { prisma: PrismaClient; evidenceDir: string; actor: Actor | undefined; reference: string; id: string }) {
  await findAwardFor({ prisma, actor, reference, action: 'award.read' });
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const file = uuid ? await prisma.evidenceFile.findFirst({ where: { id, awardReference: reference } }) : null;
  if (!file) throw new AppError('not_found', { cy: 'Nid oes ffeil dystiolaeth o’r fath ar y dyfarniad hwn', en: 'There is no such evidence file on this award' });
  // Stored under its hash, never a name a client chose; the hash came from the database, not the request.
  const content = await readFile(path.join(evidenceDir, file.sha256));
  return { fileName: file.fileName, contentType: file.contentType, content };
}
