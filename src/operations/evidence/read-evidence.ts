import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { findAwardFor } from '../awards/find-award.js';
import { downloadFileName } from '../../finance/evidence/evidence-file-name.js';
import { evidenceTypeOf } from '../../finance/evidence/evidence-types.js';

/** One evidence file of an award, for those who may read the award (the group, casework, finance). */
export async function readEvidence({
  prisma,
  evidenceDir,
  actor,
  reference,
  id,
}: {
  prisma: PrismaClient;
  evidenceDir: string;
  actor: Actor | undefined;
  reference: string;
  id: string;
}) {
  await findAwardFor({ prisma, actor, reference, action: 'award.read' });
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const file = uuid ? await prisma.evidenceFile.findFirst({ where: { id, awardReference: reference } }) : null;
  if (!file)
    throw new AppError('not_found', { cy: 'Nid oes ffeil dystiolaeth o’r fath ar y dyfarniad hwn', en: 'There is no such evidence file on this award' });
  // Stored under its hash, never a name a client chose; the hash came from the database, not the request.
  const content = await readFile(path.join(evidenceDir, file.sha256));
  // Served as what its bytes were checked to be, whatever type or name it came with; a file that is none of
  // them (never, since uploads are checked) goes as bytes to save, not to open.
  const type = evidenceTypeOf(content);
  if (!type) return { fileName: { unicode: 'tystiolaeth-evidence.bin', ascii: 'tystiolaeth-evidence.bin' }, contentType: 'application/octet-stream', content };
  return {
    fileName: { unicode: downloadFileName(file.fileName, type), ascii: downloadFileName(file.fileName, type, { ascii: true }) },
    contentType: type,
    content,
  };
}
