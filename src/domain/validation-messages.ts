import type { Bilingual } from './bilingual.js';

// The messages our own input schemas give when a value is refused, in Welsh and English. A schema carries
// the English text (zod keeps one string per issue); a problem answer in Welsh looks the Welsh up here by
// that text (src/api/validation-problems.ts). Zod's own messages ("Invalid input: expected string") are
// put into Welsh there, from each issue's code.

/** Every message our schemas give, by what it is about. */
export const validationMessages = {
  eventSequence: { cy: 'rhaid iddo fod yn rhif digwyddiad', en: 'must be an event sequence number' },
  localAuthorityCode: { cy: 'rhaid iddo fod yn god awdurdod lleol yng Nghymru fel W06000001', en: 'must be a Welsh local authority code such as W06000001' },
  lsoaCode: { cy: 'nid yw’n god ardal fach (LSOA) yng Nghymru fel W01000001', en: 'is not a Welsh small-area (LSOA) code such as W01000001' },
  postcode: { cy: 'nid yw’n god post yn y Deyrnas Unedig fel LL63 5BN', en: 'is not a UK postcode such as LL63 5BN' },
  uprn: { cy: 'rhaid iddo fod yn UPRN o 1 i 12 digid', en: 'must be a UPRN of 1 to 12 digits' },
  changeSomething: { cy: 'rhaid newid o leiaf un maes', en: 'must change at least one field' },
  documentKind: { cy: 'rhaid iddo fod yn fath o ddogfen fel business_plan', en: 'must be a document kind such as business_plan' },
  tenureTerm: {
    cy: 'mae angen tymor mewn blynyddoedd (termYears) ar drwydded neu brydles, a dim un ar rydd-ddaliad',
    en: 'a licence or lease needs its term in years (termYears), and the freehold has none',
  },
  transferReference: {
    cy: 'rhaid iddo fod yn gyfeirnod trosglwyddo ased cymunedol fel CAT-2026-000123',
    en: 'must be a community asset transfer reference such as CAT-2026-000123',
  },
  caseReference: { cy: 'nid yw’n gyfeirnod achos', en: 'is not a case reference' },
  wellFormedText: { cy: 'rhaid iddo fod yn destun Unicode dilys (dim surrogate unigol)', en: 'must be well-formed Unicode text (no lone surrogate)' },
  noControlCharacters: { cy: 'ni ddylai gynnwys nodau rheoli', en: 'must not contain control characters' },
  noBidiControls: { cy: 'ni ddylai gynnwys nodau rheoli cyfeiriad testun', en: 'must not contain bidirectional control characters' },
  oneLine: {
    cy: 'rhaid iddo fod yn un llinell, heb doriadau llinell, tabiau na nodau rheoli',
    en: 'must be one line, without line breaks, tabs or control characters',
  },
  notZero: { cy: 'ni all fod yn 0', en: 'must not be 0' },
  sortCode: { cy: 'rhaid iddo fod yn chwe digid, fel 123456 neu 12-34-56', en: 'must be six digits, as 123456 or 12-34-56' },
  accountNumber: { cy: 'rhaid iddo fod yn wyth digid', en: 'must be eight digits' },
  statementLine: { cy: 'rhaid iddo fod yn rhif llinell yn y datganiad', en: 'must be a line number of the statement' },
  statementFileName: { cy: 'rhaid iddo fod yn un llinell o destun', en: 'must be one line of text' },
  noControlText: { cy: 'rhaid iddo fod yn destun heb nodau rheoli', en: 'must be text without control characters' },
  paymentInstructionId: {
    cy: 'rhaid iddo fod yn ddynodydd cyfarwyddyd talu fel PAY-CFP-2026-000123/C1',
    en: 'must be a payment instruction id such as PAY-CFP-2026-000123/C1',
  },
  confirmPaymentNeedsInstruction: { cy: 'mae angen paymentInstructionId gyda confirmPayment', en: 'confirmPayment needs paymentInstructionId' },
  programmeCode: { cy: 'rhaid iddo fod yn god rhaglen fel CFP', en: 'must be a programme code such as CFP' },
} as const satisfies Record<string, Bilingual>;

export type ValidationMessage = keyof typeof validationMessages;

const welshFor = new Map<string, string>(Object.values(validationMessages).map((message) => [message.en, message.cy]));

/** A message of the catalogue, as a schema gives it (its English text). */
export function message(key: ValidationMessage): string {
  return validationMessages[key].en;
}

/**
 * A message made from values when a schema is built (the statuses a list can filter on): its English text
 * for the schema, its Welsh kept for the answer.
 */
export function builtMessage(text: Bilingual): string {
  welshFor.set(text.en, text.cy);
  return text.en;
}

/** The Welsh of a message one of our schemas gave, or undefined for one that is not ours (zod's own). */
export function welshOfValidationMessage(english: string): string | undefined {
  return welshFor.get(english);
}
