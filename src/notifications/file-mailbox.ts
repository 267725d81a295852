import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MailRefused, type Mailer, type OutgoingEmail } from './mailer.js';

/**
 * A mailbox on disk for development: each message becomes `<dir>/<id>.eml`, an RFC 5322 message any mail
 * client opens. Sending the same id again overwrites the same file, so a retried delivery never shows twice.
 * Each file is written under a temporary name and renamed into place, so a crash never leaves half a message.
 */
export function fileMailbox(dir: string, from: string): Mailer {
  parseMailbox(from, 'From');
  return {
    async send(message) {
      let text: string;
      try {
        text = formatEmail(message, { from, date: new Date() });
      } catch (error) {
        // A message that cannot be written as an email (a recipient that is not an address) never can be.
        throw new MailRefused(error instanceof Error ? error.message : String(error));
      }
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, mailboxFileName(message.id));
      // A dot name that does not end in .eml, so neither `ls *.eml` nor a mail client picks it up half-written.
      const temporary = path.join(dir, `.${randomUUID()}.tmp`);
      try {
        const file = await open(temporary, 'w');
        try {
          await file.writeFile(text, 'utf8');
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}

/**
 * The file name for a message id: `:` becomes `_`, and any other character that is not a letter, digit, `.`
 * or `-` (including `_` and `%` themselves) is percent-encoded, so two ids never share a file and no id
 * reaches outside the mailbox.
 */
export function mailboxFileName(id: string): string {
  const safe = Array.from(id, (character) => {
    if (character === ':') return '_';
    if (/^[A-Za-z0-9.-]$/.test(character)) return character;
    return Array.from(Buffer.from(character, 'utf8'), (byte) => `%${hex(byte)}`).join('');
  }).join('');
  return `${safe}.eml`;
}

/** The whole message: headers, a blank line, the body; CRLF line ends as RFC 5322 requires. */
export function formatEmail(message: OutgoingEmail, { from, date }: { from: string; date: Date }): string {
  const sender = parseMailbox(from, 'From');
  const headers = [
    `From: ${formatMailbox(sender)}`,
    `To: ${parseMailbox(message.to, 'To').address}`,
    headerText('Subject', message.subject),
    `Date: ${formatDate(date)}`,
    `Message-ID: <${messageIdLeft(message.id)}@${sender.address.split('@')[1]}>`,
    `Content-Language: ${parseLanguage(message.language)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = message.body.replace(/\r\n?|\n/g, '\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}${body.endsWith('\r\n') ? '' : '\r\n'}`;
}

// Lines holding encoded words may be 76 characters long (RFC 2047 section 2); an encoded word is
// `=?UTF-8?Q?` + text + `?=`.
const lineLimit = 76;
const wordOverhead = '=?UTF-8?Q??='.length;

/**
 * An unstructured header (Subject) as one or more folded lines. Printable ASCII is written as it is, folded at
 * spaces; anything else (Welsh ŵ and ŷ, typographic quotes) becomes RFC 2047 encoded words, Q-encoded so the
 * file stays mostly readable, each character whole within one word. Line breaks in the value become spaces.
 */
export function headerText(name: string, value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  const firstLineUsed = name.length + 2;
  return `${name}: ${/^[\x20-\x7e]*$/.test(text) && !text.includes('=?') ? foldAtSpaces(text, firstLineUsed) : encodedWords(text, firstLineUsed)}`;
}

function foldAtSpaces(text: string, firstLineUsed: number): string {
  const lines: string[] = [];
  let line = '';
  let used = firstLineUsed;
  for (const word of text.split(' ')) {
    if (line !== '' && used + line.length + 1 + word.length > lineLimit) {
      lines.push(line);
      line = word;
      used = 1;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\r\n ');
}

function encodedWords(text: string, firstLineUsed: number): string {
  const words: string[] = [];
  let word = '';
  let room = lineLimit - firstLineUsed - wordOverhead;
  for (const character of text) {
    const encoded = qEncode(character);
    if (word !== '' && word.length + encoded.length > room) {
      words.push(word);
      word = '';
      room = lineLimit - 1 - wordOverhead;
    }
    word += encoded;
  }
  words.push(word);
  // Whitespace between adjacent encoded words is dropped when decoding, so spaces travel inside them as `_`.
  return words.map((encoded) => `=?UTF-8?Q?${encoded}?=`).join('\r\n ');
}

/** Q encoding (RFC 2047 section 4.2), keeping literal only what section 5 allows in every kind of header. */
function qEncode(character: string): string {
  if (character === ' ') return '_';
  if (/^[A-Za-z0-9!*+\-/]$/.test(character)) return character;
  return Array.from(Buffer.from(character, 'utf8'), (byte) => `=${hex(byte)}`).join('');
}

interface ParsedMailbox {
  name?: string;
  address: string;
}

const addrSpec = /^[^\s<>@",;:\\()[\]]+@[^\s<>@",;:\\()[\]]+$/;

/** `Name <address>` or a bare address; refuses anything that could break out of its header. */
export function parseMailbox(value: string, header: string): ParsedMailbox {
  const trimmed = value.trim();
  const named = /^(.*?)\s*<([^<>]*)>$/.exec(trimmed);
  const name = named?.[1]?.replace(/^"(.*)"$/, '$1').trim();
  const address = named ? (named[2] ?? '') : trimmed;
  if (!addrSpec.test(address) || /[\r\n]/.test(trimmed)) {
    throw new Error(`${header} is not an email address: ${JSON.stringify(value)}`);
  }
  return name ? { name, address } : { address };
}

function formatMailbox({ name, address }: ParsedMailbox): string {
  if (!name) return address;
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name)) return `${name} <${address}>`;
  if (/^[\x20-\x7e]+$/.test(name) && !name.includes('=?')) return `"${name.replace(/["\\]/g, '\\$&')}" <${address}>`;
  return `${encodedWords(name, 'From: '.length)} <${address}>`;
}

/** RFC 5322 date-time in UTC: `Tue, 24 Nov 2026 10:00:00 +0000`. */
function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** A dot-atom for the left of a Message-ID: `CFP-2026-000123:4:<uuid>` becomes `CFP-2026-000123.4.<uuid>`. */
function messageIdLeft(id: string): string {
  const atom = id.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+/g, '.').replace(/^\.+|\.+$/g, '');
  return atom === '' ? 'message' : atom;
}

function parseLanguage(language: string): string {
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(language)) throw new Error(`Not a language tag: ${JSON.stringify(language)}`);
  return language;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
