import type { z } from 'zod';
import type { Language } from '../domain/bilingual.js';
import { welshOfValidationMessage } from '../domain/validation-messages.js';

// What a refused value's problem says about it, in the reader's language. Zod has no Welsh locale, and it
// writes one message per issue, in English, when the value is parsed, before anyone knows whom the answer is
// for. So the English is kept as zod (or our schema) wrote it, and the Welsh is made here when the answer is
// Welsh: our own schemas' messages from their catalogue (src/domain/validation-messages.ts), zod's own from
// the issue's code and what it records (what was expected, the limits, the format). A message of neither
// kind still gets Welsh: the one its code gives.

type Issue = z.core.$ZodIssue;

/** The names of the kinds of value zod reports, as a Welsh reader reads them. */
const welshTypes: Record<string, string> = {
  string: 'testun',
  number: 'rhif',
  int: 'rhif cyfan',
  bigint: 'rhif cyfan',
  boolean: 'gwir neu gau (true neu false)',
  object: 'gwrthrych',
  array: 'rhestr',
  date: 'dyddiad',
  null: 'null',
  undefined: 'dim',
  nan: 'NaN',
  symbol: 'symbol',
  function: 'ffwythiant',
  map: 'map',
  set: 'set',
  file: 'ffeil',
  record: 'cofnod',
  tuple: 'rhestr',
};

const welshType = (type: string | undefined) => (type === undefined ? 'gwerth' : (welshTypes[type] ?? type));

/** What a value of each origin is counted in, in Welsh, when its length or size is too big or small. */
const welshUnits: Record<string, string> = { string: 'nod', array: 'eitem', set: 'eitem', map: 'cofnod', file: 'beit' };

const welshFormats: Record<string, string> = {
  email: 'cyfeiriad e-bost',
  url: 'URL',
  uuid: 'dynodydd UUID',
  guid: 'dynodydd GUID',
  datetime: 'dyddiad ac amser ISO',
  date: 'dyddiad ISO (BBBB-MM-DD)',
  time: 'amser ISO',
  duration: 'cyfnod ISO',
  ipv4: 'cyfeiriad IPv4',
  ipv6: 'cyfeiriad IPv6',
  base64: 'testun base64',
  base64url: 'testun base64url',
  jwt: 'JWT',
};

const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** Zod's own message for `issue` in Welsh. */
function welshOfZodIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // Zod records what it received only in its English message ("…, received undefined").
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === 'undefined') return `Mae angen hwn: disgwylid ${welshType(issue.expected)}`;
      return `Mewnbwn annilys: disgwylid ${welshType(issue.expected)}${received ? `, daeth ${welshType(received)}` : ''}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `Mewnbwn annilys: disgwylid ${quoted(issue.values[0])}`
        : `Dewis annilys: disgwylid un o ${issue.values.map(quoted).join('|')}`;
    case 'too_big': {
      const unit = welshUnits[issue.origin];
      const limit = String(issue.maximum);
      if (unit)
        return issue.exact
          ? `Rhaid iddo fod yn union ${limit} ${unit}`
          : `${issue.origin === 'string' ? 'Rhy hir' : 'Gormod'}: ${issue.inclusive === false ? `llai na ${limit}` : `${limit} ar y mwyaf`} ${unit}`;
      return issue.exact ? `Rhaid iddo fod yn union ${limit}` : `Rhy fawr: rhaid iddo fod yn ${issue.inclusive === false ? 'llai na' : 'ddim mwy na'} ${limit}`;
    }
    case 'too_small': {
      const unit = welshUnits[issue.origin];
      const limit = String(issue.minimum);
      if (unit)
        return issue.exact
          ? `Rhaid iddo fod yn union ${limit} ${unit}`
          : `${issue.origin === 'string' ? 'Rhy fyr' : 'Rhy ychydig'}: ${issue.inclusive === false ? `mwy na ${limit}` : `o leiaf ${limit}`} ${unit}`;
      return issue.exact ? `Rhaid iddo fod yn union ${limit}` : `Rhy fach: rhaid iddo fod yn ${issue.inclusive === false ? 'fwy na' : 'o leiaf'} ${limit}`;
    }
    case 'invalid_format': {
      if (issue.format === 'starts_with' && 'prefix' in issue) return `Testun annilys: rhaid iddo ddechrau gyda "${String(issue.prefix)}"`;
      if (issue.format === 'ends_with' && 'suffix' in issue) return `Testun annilys: rhaid iddo orffen gyda "${String(issue.suffix)}"`;
      if (issue.format === 'includes' && 'includes' in issue) return `Testun annilys: rhaid iddo gynnwys "${String(issue.includes)}"`;
      if (issue.format === 'regex') return `Testun annilys: rhaid iddo gyfateb i’r patrwm ${issue.pattern ?? ''}`.trimEnd();
      return `Ffurf annilys: disgwylid ${welshFormats[issue.format] ?? issue.format}`;
    }
    case 'not_multiple_of':
      return `Rhif annilys: rhaid iddo fod yn lluosrif o ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `${issue.keys.length > 1 ? 'Meysydd anhysbys' : 'Maes anhysbys'}: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'Allwedd annilys';
    case 'invalid_element':
      return 'Gwerth annilys yn y casgliad';
    case 'invalid_union':
      return 'Mewnbwn annilys: nid yw’n cyfateb i’r un o’r ffurfiau a dderbynnir';
    default:
      return 'Mewnbwn annilys';
  }
}

/** What `issue` says, in `language`: English as it was written, Welsh from the catalogue or its code. */
export function issueMessage(issue: Issue, language: Language): string {
  if (language === 'en') return issue.message;
  return welshOfValidationMessage(issue.message) ?? welshOfZodIssue(issue);
}
