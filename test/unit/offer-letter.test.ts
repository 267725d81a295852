import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.js';
import { formatPounds } from '../../src/domain/money.js';
import { type OfferLetter, renderOfferLetterHtml, renderOfferLetterPdf } from '../../src/offers/offer-letter.js';

const letter: OfferLetter = {
  reference: 'CFP-2026-000123',
  organisationName: 'Grŵp Cymunedol Bryn-y-ŷd',
  projectTitle: 'Adnewyddu’r neuadd bentref',
  amountPence: 1_234_567,
  conditions: [
    { cy: 'Rhaid cwblhau’r gwaith erbyn 31 Mawrth 2027.', en: 'The work must be completed by 31 March 2027.' },
    { cy: 'Rhaid cadw’r neuadd at ddefnydd y gymuned am ddeng mlynedd.', en: 'The hall must be kept for community use for ten years.' },
    { cy: 'Rhaid arddangos logo Llywodraeth Cymru ar y safle.', en: 'The Welsh Government logo must be displayed on site.' },
  ],
  offeredAt: '2026-06-01T09:00:00Z',
  // 23:59 British Summer Time.
  acceptBy: '2026-07-31T22:59:00Z',
  policyVersion: 'CFP-policy-2026.1',
};

describe('formatPounds', () => {
  it('formats integer pence as pounds with thousands separators', () => {
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(1)).toBe('£0.01');
    expect(formatPounds(100)).toBe('£1.00');
    expect(formatPounds(123_456_789)).toBe('£1,234,567.89');
    expect(formatPounds(2_500_000)).toBe('£25,000.00');
    expect(formatPounds(100_000)).toBe('£1,000.00');
    expect(formatPounds(99_999)).toBe('£999.99');
    expect(formatPounds(-50)).toBe('-£0.50');
  });

  it('takes bigint beyond the safe integer range without losing pence', () => {
    expect(formatPounds(123_456_789n)).toBe('£1,234,567.89');
    expect(formatPounds(900_719_925_474_099_312n)).toBe('£9,007,199,254,740,993.12');
  });

  it('refuses anything that is not a whole, exact number of pence', () => {
    expect(() => formatPounds(1.5)).toThrow(RangeError);
    expect(() => formatPounds(Number.NaN)).toThrow(RangeError);
    expect(() => formatPounds(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatPounds(2 ** 53)).toThrow(RangeError);
  });
});

describe('offer letter as HTML', () => {
  const html = renderOfferLetterHtml(letter);
  const englishStart = html.indexOf('<section lang="en">');

  it('is a complete Welsh document with an English section after the Welsh', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="cy">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const welshStart = html.indexOf('<section lang="cy">');
    expect(welshStart).toBeGreaterThan(-1);
    expect(englishStart).toBeGreaterThan(welshStart);
    const welsh = html.slice(welshStart, englishStart);
    const english = html.slice(englishStart);
    for (const text of ['Llythyr Cynnig Grant', 'Rhaglen Cyfleusterau Cymunedol', 'Swm y grant', 'prif ymgeisydd', 'bydd yn dod i ben']) {
      expect(welsh).toContain(text);
      expect(english).not.toContain(text);
    }
    for (const text of ['Grant Offer Letter', 'Community Facilities Programme', 'Grant amount', 'lead applicant', 'it will lapse']) {
      expect(english).toContain(text);
      expect(welsh).not.toContain(text);
    }
  });

  it('states the reference, group, project and amount in each language', () => {
    for (const section of [html.slice(0, englishStart), html.slice(englishStart)]) {
      expect(section).toContain('CFP-2026-000123');
      expect(section).toContain('Grŵp Cymunedol Bryn-y-ŷd');
      expect(section).toContain('Adnewyddu’r neuadd bentref');
      expect(section).toContain('£12,345.67');
    }
  });

  it('numbers every condition in its own language and in order', () => {
    const lists = [...html.matchAll(/<ol>([\s\S]*?)<\/ol>/g)].map((match) => [...(match[1] ?? '').matchAll(/<li>(.*?)<\/li>/g)].map((item) => item[1]));
    expect(lists).toEqual([letter.conditions.map((condition) => condition.cy), letter.conditions.map((condition) => condition.en)]);
  });

  it('gives the deadline in Welsh and English, in UK time, and says the offer lapses after it', () => {
    expect(html).toContain('Dydd Gwener, 31 Gorffennaf 2026 am 23:59');
    expect(html).toContain('Os na chaiff y cynnig hwn ei dderbyn erbyn dydd Gwener, 31 Gorffennaf 2026 am 23:59');
    expect(html).toContain('Friday, 31 July 2026 at 23:59');
    expect(html).toContain('If this offer is not accepted by Friday, 31 July 2026 at 23:59, it will lapse');
    expect(html).toContain('1 Mehefin 2026');
    expect(html).toContain('1 June 2026');
  });

  it('moves a deadline just after midnight in London to the next day', () => {
    const late = renderOfferLetterHtml({ ...letter, acceptBy: '2026-07-31T23:30:00Z' });
    expect(late).toContain('1 Awst 2026 am 00:30');
    expect(late).toContain('1 August 2026 at 00:30');
  });

  it('prints the policy version', () => {
    expect(html).toMatch(/<footer>[\s\S]*CFP-policy-2026\.1[\s\S]*<\/footer>/);
  });

  it('escapes every value', () => {
    const hostile = '<script>alert("x")</script>';
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
    const out = renderOfferLetterHtml({
      ...letter,
      reference: `R${hostile}`,
      organisationName: `Tom & Jerry ${hostile}`,
      projectTitle: `P${hostile}`,
      conditions: [{ cy: `C${hostile}`, en: `E${hostile}` }],
      policyVersion: `V${hostile}`,
    });
    expect(out).not.toContain('<script');
    expect(out).toContain(`Tom &amp; Jerry ${escaped}`);
    for (const prefix of ['R', 'P', 'C', 'E', 'V']) expect(out).toContain(`${prefix}${escaped}`);
    expect(out).toMatch(/<title>[^<]*R&lt;script&gt;/);
  });

  it('refuses a letter that would treat one language less favourably, or is incomplete', () => {
    expect(() => renderOfferLetterHtml({ ...letter, conditions: [{ cy: ' ', en: 'Only in English.' }] })).toThrow(AppError);
    expect(() => renderOfferLetterHtml({ ...letter, conditions: [] })).toThrow(AppError);
    expect(() => renderOfferLetterHtml({ ...letter, amountPence: 12.5 })).toThrow(AppError);
    expect(() => renderOfferLetterHtml({ ...letter, acceptBy: '2026-05-01T00:00:00Z' })).toThrow(AppError);
    expect(() => renderOfferLetterHtml({ ...letter, offeredAt: 'yesterday' })).toThrow(AppError);
    expect(() => renderOfferLetterHtml({ ...letter, organisationName: '' })).toThrow(AppError);
  });
});

describe('offer letter as PDF', () => {
  it('is a PDF with the title and dates of the offer, the same bytes each time', async () => {
    const pdf = await renderOfferLetterPdf(letter);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const objects = pdfObjects(pdf);
    const info = objects.get(refNumber(/\/Info (\d+) 0 R/.exec(pdf.toString('latin1'))?.[1])) ?? '';
    expect(pdfString(resolve(objects, /\/Title (.*)/.exec(info)?.[1]))).toBe('Llythyr Cynnig Grant / Grant Offer Letter – CFP-2026-000123');
    expect(pdfString(resolve(objects, /\/CreationDate (.*)/.exec(info)?.[1]))).toBe('D:20260601090000Z');
    expect((await renderOfferLetterPdf(letter)).equals(pdf)).toBe(true);
  });

  it('embeds DejaVu Sans rather than a standard font that has no ŵ or ŷ', async () => {
    const text = (await renderOfferLetterPdf(letter)).toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('prints the letter in Welsh on the first page and in English on the second', async () => {
    const pages = pdfPageTexts(await renderOfferLetterPdf(letter));
    expect(pages).toHaveLength(2);
    const [welsh = '', english = ''] = pages;
    for (const text of [
      'Llythyr Cynnig Grant',
      'Cyfeirnod: CFP-2026-000123',
      'Sefydliad: Grŵp Cymunedol Bryn-y-ŷd',
      'Swm y grant: £12,345.67',
      'Dydd Gwener, 31 Gorffennaf 2026 am 23:59',
      ...letter.conditions.map((condition, index) => `${index + 1}. ${condition.cy}`),
      'yng ngwasanaeth Cymuned',
      'bydd yn dod i ben',
      'CFP-policy-2026.1',
    ]) {
      expect(welsh).toContain(text);
    }
    for (const text of [
      'Grant Offer Letter',
      'Organisation: Grŵp Cymunedol Bryn-y-ŷd',
      'Grant amount: £12,345.67',
      'Friday, 31 July 2026 at 23:59',
      ...letter.conditions.map((condition, index) => `${index + 1}. ${condition.en}`),
      'it will lapse',
      'CFP-policy-2026.1',
    ]) {
      expect(english).toContain(text);
    }
    expect(english).not.toContain('Llythyr Cynnig Grant');
  });
});

// A small reader for the PDFs pdfkit writes (no object streams, no encryption): enough to check what a
// reader would see without adding a PDF library for tests.

function pdfObjects(pdf: Buffer): Map<number, string> {
  const objects = new Map<number, string>();
  for (const match of pdf.toString('latin1').matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    objects.set(Number(match[1]), match[2] ?? '');
  }
  return objects;
}

function refNumber(value: string | undefined): number {
  if (value === undefined) throw new Error('missing reference');
  return Number(value);
}

/** An indirect reference such as `18 0 R` becomes the object it names; anything else stays as it is. */
function resolve(objects: Map<number, string>, value: string | undefined): string {
  const reference = /^(\d+) 0 R/.exec(value ?? '');
  const resolved = reference ? objects.get(Number(reference[1])) : value;
  if (resolved === undefined) throw new Error(`cannot resolve ${value}`);
  return resolved;
}

/** A PDF literal string `( ... )`, in PDFDocEncoding or UTF-16BE with a byte-order mark. */
function pdfString(literal: string): string {
  const body = /^\(([\s\S]*)\)$/.exec(literal.trim())?.[1];
  if (body === undefined) throw new Error(`not a literal string: ${literal}`);
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const binary = body.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, escaped: string) =>
    /^[0-7]/.test(escaped) ? String.fromCharCode(parseInt(escaped, 8)) : (escapes[escaped] ?? escaped),
  );
  const bytes = Buffer.from(binary, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : binary;
}

function streamOf(object: string): string {
  const data = /stream\n([\s\S]*)\nendstream$/.exec(object)?.[1];
  if (data === undefined) throw new Error('not a stream');
  return inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
}

/** The text of each page, one line per text-showing operation, decoded through each font's ToUnicode map. */
function pdfPageTexts(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const catalog = [...objects.values()].find((object) => object.includes('/Type /Pages')) ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(catalog)?.[1]?.matchAll(/(\d+) 0 R/g) ?? [])].map((match) => Number(match[1]));
  return kids.map((kid) => {
    const page = objects.get(kid) ?? '';
    const resources = resolve(objects, /\/Resources (\d+ 0 R)/.exec(page)?.[1]);
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name = '', fontRef] of resources.matchAll(/\/(F\d+) (\d+ 0 R)/g)) {
      const font = resolve(objects, fontRef);
      fonts.set(name, toUnicode(streamOf(resolve(objects, /\/ToUnicode (\d+ 0 R)/.exec(font)?.[1]))));
    }
    const content = streamOf(resolve(objects, /\/Contents (\d+ 0 R)/.exec(page)?.[1]));
    let font = new Map<number, string>();
    const lines: string[] = [];
    for (const [, fontName, array] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (fontName) {
        font = fonts.get(fontName) ?? new Map();
        continue;
      }
      const glyphs = [...(array ?? '').matchAll(/<([0-9a-f]*)>/g)].flatMap((match) => match[1]?.match(/.{4}/g) ?? []);
      lines.push(glyphs.map((glyph) => font.get(parseInt(glyph, 16)) ?? '\uFFFD').join(''));
    }
    // pdfkit shows a label in bold and its value in regular, or a list number and its item, as separate
    // operations on one line; a line it wrapped ends in the space it broke at.
    return lines
      .join('\n')
      .replace(/ \n/g, ' ')
      .replace(/^(\d+\.)\n/gm, '$1 ');
  });
}

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const text = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const [, start = '', list = ''] of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
    [...list.matchAll(/<([0-9a-f ]+)>/g)].forEach((entry, index) => map.set(parseInt(start, 16) + index, text((entry[1] ?? '').replace(/ /g, ''))));
  }
  return map;
}
