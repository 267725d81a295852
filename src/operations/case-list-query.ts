import { z } from 'zod';
import { AppError } from '../domain/app-error.js';
import { decodePageCursor, encodePageCursor } from './page-cursor.js';

// What the lists of applications and of transfers are asked in the same words, so that a page or a client
// filtering and sorting one asks the other alike.

/** The order of a list of cases; a cursor is good only for the order it was given in. */
export const caseListSort = z
  .enum(['reference', 'updated'])
  .default('reference')
  .meta({ description: '`reference` (ascending) or `updated` (most recently changed first)' });

export type CaseListSort = z.output<typeof caseListSort>;

/** The case officer filter: a person id, `me`, or `none` for the cases nobody has been assigned yet. */
export function caseOfficerFilter(whoMay: string) {
  return z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .meta({ description: `The case officer’s person id, \`me\`, or \`none\` for the cases nobody has been assigned yet. ${whoMay}` });
}

const cursorKey = z.union([
  z.discriminatedUnion('sort', [
    z.strictObject({ sort: z.literal('reference'), reference: z.string().min(1).max(100) }),
    z.strictObject({ sort: z.literal('updated'), updatedAt: z.iso.datetime({ offset: true }), reference: z.string().min(1).max(100) }),
  ]),
  // A transfer list's cursor from before its lists could be sorted, in reference order: still good.
  z.strictObject({ reference: z.string().min(1).max(100) }).transform(({ reference }) => ({ sort: 'reference' as const, reference })),
]);

/** The last line of a page, as a cursor says it: where the next page of the list in that order starts. */
export type CaseListCursor = z.output<typeof cursorKey>;

/** The position `cursor` holds; refused when it comes from a list in another order. */
export function decodeCaseListCursor(cursor: string, sort: CaseListSort): CaseListCursor {
  const key = decodePageCursor(cursor, cursorKey);
  if (key.sort !== sort) {
    throw new AppError('invalid_input', {
      cy: 'Daw’r cyrchwr o restr wedi ei threfnu’n wahanol: gofynnwch am yr un drefn (sort)',
      en: 'The cursor comes from a list in another order: ask for the same sort',
    });
  }
  return key;
}

/** The cursor of the page after the one ending at `last`. */
export function caseListCursorAfter(last: { reference: string; updatedAt: Date }, sort: CaseListSort): string {
  return encodePageCursor(
    sort === 'reference' ? { sort, reference: last.reference } : { sort, updatedAt: last.updatedAt.toISOString(), reference: last.reference },
  );
}
