import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import { threeSixtyGivingPackage, type ThreeSixtyGivingOptions, type ThreeSixtyGivingPackage } from './three-sixty-giving.js';
import { threeSixtyGivingSchemaErrors } from './three-sixty-giving-schema.js';

// What the open-data files may say. Both files (JSON and CSV) are one package of grants: a package the
// 360Giving schema refuses is never published. Before the first accepted award there is nothing to
// publish (the schema wants at least one grant), and the answer says so rather than serving an empty file
// that 360Giving's tools would reject or read as "this funder gave nothing".

export const nothingPublished = new AppError('nothing_published', {
  cy: 'Nid oes dim wedi’i gyhoeddi eto: nid oes grant y Rhaglen Cyfleusterau Cymunedol wedi’i ddyfarnu a’i dderbyn. Bydd y ffeil yn ymddangos gyda’r dyfarniad cyntaf a dderbynnir.',
  en: 'Nothing is published yet: no Community Facilities Programme grant has been awarded and accepted. The file appears with the first accepted award.',
});

/**
 * The package to publish now, checked against the 360Giving package schema. Refused with `nothing_published`
 * (404) when no grant has been accepted yet; throws (a 500, logged) when the data breaks the schema, which
 * is a bug to fix rather than a file to publish.
 */
export async function publishThreeSixtyGiving(
  prisma: PrismaClient,
  options: ThreeSixtyGivingOptions & { now: Date; license?: string },
): Promise<ThreeSixtyGivingPackage> {
  const data = await threeSixtyGivingPackage(prisma, options);
  if (data.grants.length === 0) throw nothingPublished;
  const errors = threeSixtyGivingSchemaErrors(data);
  if (errors.length > 0) throw new Error(`The 360Giving package breaks the schema, so it is not published: ${errors.slice(0, 20).join('; ')}`);
  return data;
}
