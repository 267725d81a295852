import { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';

export const setLanguageInput = z.strictObject({ language: z.enum(['cy', 'en']) });

export type SetLanguageInput = z.infer<typeof setLanguageInput>;

/** The language everything sent to the person (pages, letters, emails) is in. */
export async function setLanguage({ prisma, personId, input }: { prisma: PrismaClient; personId: string; input: SetLanguageInput }): Promise<void> {
  await prisma.person.update({ where: { id: personId }, data: { language: input.language } });
}
