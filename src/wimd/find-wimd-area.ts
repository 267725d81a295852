import type { PrismaClient } from '../db/prisma.js';
import { WIMD_2019 } from '../domain/wimd.js';

export interface WimdArea {
  edition: string;
  lsoaCode: string;
  lsoaName: string;
  localAuthorityCode: string;
  localAuthorityName: string;
  rank: number;
  /** 1 is the most deprived tenth of the edition's areas. */
  decile: number;
}

/** A small area's rank and decile in one WIMD edition, or null when the edition has no such LSOA. */
export async function findWimdArea(prisma: PrismaClient, lsoaCode: string, edition: string = WIMD_2019): Promise<WimdArea | null> {
  return prisma.wimdArea.findUnique({
    where: { edition_lsoaCode: { edition, lsoaCode } },
    select: {
      edition: true,
      lsoaCode: true,
      lsoaName: true,
      localAuthorityCode: true,
      localAuthorityName: true,
      rank: true,
      decile: true,
    },
  });
}
