import transliterate from '@sindresorhus/transliterate';
import type { Bilingual } from '../../domain/bilingual.js';

// What a Bacs payment can carry in its payee name and reference: upper-case letters A-Z, digits, space and
// . & / - (Bacs Standard 18), a payee name in 18 characters and a reference in 18. Anything else a bank may
// refuse, replace or print differently; and a spreadsheet opening the bank file would take a leading =, +,
// - or @ as a formula. Welsh and other accented letters are transliterated (Ŵ -> W, â -> A, ŷ -> Y).

export const bacsNameLength = 18;
export const bacsReferenceLength = 18;

const bacsCharacters = /^[A-Z0-9 .&/-]*$/;
/** What a spreadsheet reads as the start of a formula (a tab or line break before one too). */
const formulaStart = /^[=+\-@\t\r\n]/;

export type BacsName = { ok: true; value: string } | { ok: false; reason: Bilingual };

/**
 * A payee name as Bacs carries it: transliterated to Latin letters, upper case, apostrophes dropped
 * (Tŷ’r -> TYR), anything else outside the character set made a space, spaces run together, cut to 18
 * characters. Refused with the reason when it begins like a formula, as typed or once written (a name is
 * never quietly made safe: the group should see what the bank will), or when nothing is left.
 */
export function bacsPayeeName(name: string): BacsName {
  const typed = name.trim();
  const written = transliterate(typed)
    .toUpperCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^A-Z0-9 .&/-]/g, ' ')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, bacsNameLength)
    .trimEnd();
  if (formulaStart.test(typed) || formulaStart.test(written)) {
    return {
      ok: false,
      reason: { cy: 'Ni all yr enw ar y cyfrif ddechrau gydag =, +, - neu @', en: 'The name on the account cannot begin with =, +, - or @' },
    };
  }
  if (!/[A-Z0-9]/.test(written)) {
    return {
      ok: false,
      reason: {
        cy: 'Nid oes gan yr enw ar y cyfrif lythrennau na digidau y gall taliad banc eu cario',
        en: 'The name on the account has no letters or digits that a bank payment can carry',
      },
    };
  }
  return { ok: true, value: written };
}

/** Whether a payment reference is one Bacs carries as it is: the character set, 1 to 18 characters, no formula. */
export function isBacsReference(reference: string): boolean {
  return (
    reference.length >= 1 &&
    reference.length <= bacsReferenceLength &&
    bacsCharacters.test(reference) &&
    !formulaStart.test(reference) &&
    reference.trim() === reference
  );
}
