import { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import { auditAccountEvent } from './account-audit.js';

export const setLanguageInput = z.strictObject({ language: z.enum(['cy', 'en']) });

export type SetLanguageInput = z.infer<typeof setLanguageInput>;

/** The language everything sent to the person (pages, letters, emails) is in. */
export async function setLanguage({
  prisma,
  personId,
  input,
  now = new Date(),
}: {
  prisma: PrismaClient;
  personId: string;
  input: SetLanguageInput;
  now?: Date;
}): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Only a change is recorded: choosing the language one already has changes nothing.
    const { count } = await tx.person.updateMany({ where: { id: personId, language: { not: input.language } }, data: { language: input.language } });
    if (count === 0) return;
    await auditAccountEvent(tx, {
      personId,
      at: now,
      command: 'person.language',
      summary: input.language === 'cy' ? { cy: 'Dewisodd y Gymraeg', en: 'Chose Welsh' } : { cy: 'Dewisodd y Saesneg', en: 'Chose English' },
      changes: { language: input.language },
    });
  });
}
