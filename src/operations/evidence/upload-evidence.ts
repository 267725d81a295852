import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { findAwardFor } from '../awards/find-award.js';
import { checkedEvidenceFileName } from '../../finance/evidence/evidence-file-name.js';
import { evidenceTypes, isOfType, type EvidenceType } from '../../finance/evidence/evidence-types.js';

export { evidenceTypes, type EvidenceType } from '../../finance/evidence/evidence-types.js';
export const evidenceSizeLimit = 10 * 1024 * 1024;

/**
 * Keeps one uploaded evidence file for an award: checked to be the type it says it is (by its first bytes,
 * not its name), stored under its SHA-256 (never under a name the client chose), and recorded. The same
 * file uploaded again for the same award is the same evidence.
 */
export async function uploadEvidence({
  prisma,
  evidenceDir,
  actor,
  reference,
  fileName,
  contentType,
  content,
}: {
  prisma: PrismaClient;
  evidenceDir: string;
  actor: Actor | undefined;
  reference: string;
  fileName: string;
  contentType: string;
  content: Buffer;
}) {
  const { actingAs } = await findAwardFor({ prisma, actor, reference, action: 'claim.evidence' });
  if (!actor || !actingAs) throw new Error('claim.evidence was allowed without a role');
  if (!Object.hasOwn(evidenceTypes, contentType) || !isOfType(content, contentType as EvidenceType)) {
    throw new AppError('invalid_input', {
      cy: 'Rhaid i’r dystiolaeth fod yn ffeil PDF, PNG neu JPEG go iawn',
      en: 'Evidence must be a real PDF, PNG or JPEG file',
    });
  }
  const name = checkedEvidenceFileName(fileName);

  const sha256 = createHash('sha256').update(content).digest('hex');
  const existing = await prisma.evidenceFile.findFirst({ where: { awardReference: reference, sha256 } });
  if (existing) return { id: existing.id, fileName: existing.fileName, contentType: existing.contentType, sizeBytes: existing.sizeBytes, sha256 };

  await mkdir(evidenceDir, { recursive: true });
  const stored = path.join(evidenceDir, sha256);
  const partial = `${stored}.${randomUUID()}.part`;
  await writeFile(partial, content, { mode: 0o600 });
  await rename(partial, stored);
  const row = await prisma.evidenceFile.create({
    data: { awardReference: reference, fileName: name, contentType, sizeBytes: content.length, sha256, uploadedById: actor.personId },
  });
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256 };
}
