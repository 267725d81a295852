import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../access/actor.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { findAwardFor } from '../../operations/claims/find-award.js';

/** What evidence may be: invoices and receipts as PDF, photographs as PNG or JPEG, and how each one starts. */
export const evidenceTypes = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
} as const;

export type EvidenceType = keyof typeof evidenceTypes;
export const evidenceSizeLimit = 10 * 1024 * 1024;

const safeFileName = /^[^\\/\u0000-\u001f]{1,200}$/;

/**
 * Keeps one uploaded evidence file for an award: checked to be the type it says it is (by its first bytes,
 * not its name), stored under its SHA-256 (never under a name the client chose), and recorded. The same
 * file uploaded again for the same award is the same evidence.
 */
export async function uploadEvidence({ prisma, evidenceDir, actor, reference, fileName, contentType, content }: { prisma: PrismaClient; evidenceDir: string; actor: Actor | undefined; reference: string; fileName: string; contentType: string; content: Buffer }) {
  const { actingAs } = await findAwardFor({ prisma, actor, reference, action: 'claim.evidence' });
  if (!actor || !actingAs) throw new Error('claim.evidence was allowed without a role');
  const signature = evidenceTypes[contentType as EvidenceType] as readonly number[] | undefined;
  if (!signature || content.length === 0 || !signature.every((byte, i) => content[i] === byte)) {
    throw new AppError('invalid_input', { cy: 'Rhaid i’r dystiolaeth fod yn ffeil PDF, PNG neu JPEG go iawn', en: 'Evidence must be a real PDF, PNG or JPEG file' });
  }
  if (!safeFileName.test(fileName)) throw new AppError('invalid_input', { cy: 'Mae enw’r ffeil yn annilys', en: 'The file name is not valid' });

  const sha256 = createHash('sha256').update(content).digest('hex');
  const existing = await prisma.evidenceFile.findFirst({ where: { awardReference: reference, sha256 } });
  if (existing) return { id: existing.id, fileName: existing.fileName, contentType: existing.contentType, sizeBytes: existing.sizeBytes, sha256 };

  await mkdir(evidenceDir, { recursive: true });
  const stored = path.join(evidenceDir, sha256);
  const partial = `${stored}.${randomUUID()}.part`;
  await writeFile(partial, content, { mode: 0o600 });
  await rename(partial, stored);
  const row = await prisma.evidenceFile.create({ data: { awardReference: reference, fileName, contentType, sizeBytes: content.length, sha256, uploadedById: actor.personId } });
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256 };
}
