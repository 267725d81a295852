import { describe, expect, it } from 'vitest';
import { formatEmail, headerText, mailboxFileName, parseMailbox } from '../../src/notifications/file-mailbox.js';
import { decodeHeader, parseEml } from '../support/eml.js';

const welsh = 'Mae’r panel wedi penderfynu: ŵyn a ŷd yng Nghwm Tawe — cais CFP-2026-000123 wedi’i gymeradwyo';

describe('subject header (RFC 2047)', () => {
  it('writes printable ASCII as it is', () => {
    expect(headerText('Subject', 'Your application was received')).toBe('Subject: Your application was received');
  });

  it('encodes Welsh as UTF-8 Q encoded words that decode to the same text', () => {
    const header = headerText('Subject', 'Dŵr a thŷ');
    expect(header).toBe('Subject: =?UTF-8?Q?D=C5=B5r_a_th=C5=B7?=');
    expect(decodeHeader(header.slice('Subject: '.length))).toBe('Dŵr a thŷ');
  });

  it('folds long subjects into words and lines within RFC 2047 limits, never splitting a character', () => {
    const header = headerText('Subject', welsh);
    const lines = header.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(76);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ =\?UTF-8\?Q\?[^?\s]*\?=$/);
    for (const word of header.match(/=\?UTF-8\?Q\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeHeader(lines.join('').slice('Subject: '.length))).toBe(welsh);
  });

  it('folds long ASCII subjects at spaces', () => {
    const subject = 'Your Community Facilities Programme application CFP-2026-000123 has moved to the assessment stage';
    const header = headerText('Subject', subject);
    expect(header).toContain('\r\n ');
    for (const line of header.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeHeader(header.slice('Subject: '.length))).toBe(subject);
  });

  it('cannot be used to add headers: line breaks become spaces', () => {
    const header = headerText('Subject', 'Hello\r\nBcc: everyone@example.org');
    expect(header).toBe('Subject: Hello Bcc: everyone@example.org');
  });

  it('encodes ASCII that looks like an encoded word, so it reads back literally', () => {
    const header = headerText('Subject', 'a =?UTF-8?Q?x?= b');
    expect(header).toMatch(/^Subject: =\?UTF-8\?Q\?/);
    expect(decodeHeader(header.slice('Subject: '.length))).toBe('a =?UTF-8?Q?x?= b');
  });
});

describe('a message on disk', () => {
  const message = {
    id: 'CFP-2026-000123:4:6d1c3f4e-0000-4000-8000-000000000002',
    to: 'ysgrifennydd@example.cymru',
    subject: 'Mae’ch cais wedi’i dderbyn',
    body: 'Annwyl gyfaill,\n\nDiolch am eich cais i’r rhaglen.\n',
    language: 'cy',
  };
  const date = new Date('2026-11-24T10:05:00.000Z');

  it('has the headers of an RFC 5322 plain-text UTF-8 message, CRLF line ends, and the body', () => {
    const text = formatEmail(message, { from: 'Cymuned <no-reply@cymuned.example>', date });
    expect(text).not.toMatch(/[^\r]\n/);
    const { headers, body } = parseEml(text);
    expect(headers).toEqual({
      from: 'Cymuned <no-reply@cymuned.example>',
      to: 'ysgrifennydd@example.cymru',
      subject: 'Mae’ch cais wedi’i dderbyn',
      date: 'Tue, 24 Nov 2026 10:05:00 +0000',
      'message-id': '<CFP-2026-000123.4.6d1c3f4e-0000-4000-8000-000000000002@cymuned.example>',
      'content-language': 'cy',
      'mime-version': '1.0',
      'content-type': 'text/plain; charset=utf-8',
      'content-transfer-encoding': '8bit',
    });
    expect(body).toBe('Annwyl gyfaill,\r\n\r\nDiolch am eich cais i’r rhaglen.\r\n');
  });

  it('ends the body with a line break when the text has none', () => {
    expect(formatEmail({ ...message, body: 'Diolch' }, { from: 'a@b.example', date }).endsWith('\r\n\r\nDiolch\r\n')).toBe(true);
  });

  it('encodes a Welsh sender name and quotes one with specials', () => {
    expect(parseEml(formatEmail(message, { from: 'Grantiau Cymuned – Llywodraeth <grantiau@llyw.example>', date })).rawHeaders.from).toMatch(
      /^=\?UTF-8\?Q\?.*\?= <grantiau@llyw\.example>$/,
    );
    expect(parseEml(formatEmail(message, { from: 'Cymuned, Tîm <a@b.example>', date })).headers.from).toBe('Cymuned, Tîm <a@b.example>');
    expect(parseEml(formatEmail(message, { from: 'Cymuned (dev) <a@b.example>', date })).rawHeaders.from).toBe('"Cymuned (dev)" <a@b.example>');
  });

  it('refuses addresses and languages that would break the headers', () => {
    expect(() => formatEmail({ ...message, to: 'a@b.example\r\nBcc: c@d.example' }, { from: 'a@b.example', date })).toThrow(/To is not an email address/);
    expect(() => formatEmail({ ...message, to: 'nobody' }, { from: 'a@b.example', date })).toThrow(/To is not an email address/);
    expect(() => formatEmail({ ...message, language: 'cy\r\nX: y' }, { from: 'a@b.example', date })).toThrow(/Not a language tag/);
    expect(() => parseMailbox('Cymuned <no-reply>', 'From')).toThrow(/From is not an email address/);
  });
});

describe('mailbox file names', () => {
  it('turns the notification id into a file name', () => {
    expect(mailboxFileName('CFP-2026-000123:4:6d1c3f4e-0000-4000-8000-000000000002')).toBe('CFP-2026-000123_4_6d1c3f4e-0000-4000-8000-000000000002.eml');
  });

  it('never leaves the mailbox and never gives two ids one file', () => {
    expect(mailboxFileName('../../etc/passwd')).toBe('..%2F..%2Fetc%2Fpasswd.eml');
    expect(mailboxFileName('a:b')).not.toBe(mailboxFileName('a_b'));
    expect(mailboxFileName('a_b')).not.toBe(mailboxFileName('a%5Fb'));
    expect(mailboxFileName('ŵ')).toBe('%C5%B5.eml');
  });
});
