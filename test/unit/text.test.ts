import { describe, expect, it } from 'vitest';
import { oneLineText, plainText } from '../../src/domain/text.js';

// What people may type: free text keeps its line breaks, one-line fields (titles, names) keep none, and
// neither may carry what would break PostgreSQL's JSON (a lone surrogate) or reorder how text displays.

/** [U+XXXX, the character], so each test is named by its code point. */
const named = (characters: string[]) => characters.map((c) => [`U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`, c] as const);
const bidiControls = named(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
const bidiMarks = named(['\u200E', '\u200F', '\u061C']);

describe('free text (plainText)', () => {
  const text = plainText(100);

  it('keeps Welsh, emoji and line breaks, trimmed', () => {
    expect(text.parse('  Neuadd Bentref Llanfair Teg: ŵ ŷ â 🏴󠁧󠁢󠁷󠁬󠁳󠁿\nAil linell\r\n\tTrydedd  ')).toBe(
      'Neuadd Bentref Llanfair Teg: ŵ ŷ â 🏴󠁧󠁢󠁷󠁬󠁳󠁿\nAil linell\r\n\tTrydedd',
    );
  });

  it.each(['x\uD800', '\uDC00x', 'a\uDBFFb', '\uDFFF\uD800'])('refuses a lone surrogate (%j)', (value) => {
    expect(text.safeParse(value).success).toBe(false);
  });

  it('keeps a surrogate pair that makes one character', () => {
    expect(text.parse('\uD83D\uDE00')).toBe('😀');
  });

  it.each(bidiControls)('refuses the bidirectional control %s', (_name, control) => {
    expect(text.safeParse(`invoice${control}fdp.exe`).success).toBe(false);
  });

  it('refuses NUL and other control characters but line breaks and tabs', () => {
    expect(text.safeParse('a\u0000b').success).toBe(false);
    expect(text.safeParse('a\u001Bb').success).toBe(false);
  });
});

describe('one-line text (oneLineText)', () => {
  const line = oneLineText(200);

  it('keeps Welsh and emoji, trimmed', () => {
    expect(line.parse('  To newydd i’r neuadd 🏠 ŵ  ')).toBe('To newydd i’r neuadd 🏠 ŵ');
  });

  it.each(named(['\n', '\r', '\t', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029', '\u0000', '\u007F', '\u009B']))(
    'refuses the control or line break %s',
    (_name, control) => {
      expect(line.safeParse(`Neuadd${control}Re-enter your bank details at http://example.test`).success).toBe(false);
    },
  );

  it.each([...bidiControls, ...bidiMarks])('refuses the bidirectional control %s', (_name, control) => {
    expect(line.safeParse(`Neuadd ${control}lanfair`).success).toBe(false);
  });

  it('refuses a lone surrogate, nothing at all and more than its length', () => {
    expect(line.safeParse('x\uD800').success).toBe(false);
    expect(line.safeParse('   ').success).toBe(false);
    expect(line.safeParse('x'.repeat(201)).success).toBe(false);
  });
});
