// Reads .eml files back as a mail client would, independently of how src/notifications writes them.

/** Decodes RFC 2047 encoded words (UTF-8, Q or B); whitespace between two adjacent encoded words is dropped. */
export function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r\n(?=[ \t])/g, '');
  return unfolded.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .split(/(=[0-9A-F]{2})/i)
            .flatMap((part) => (/^=[0-9A-F]{2}$/i.test(part) ? [Number.parseInt(part.slice(1), 16)] : [...Buffer.from(part, 'latin1')])),
        ).toString('utf8'),
  );
}

export interface ParsedEml {
  /** Header values unfolded and decoded, by lower-case name. */
  headers: Record<string, string>;
  /** Header values unfolded only. */
  rawHeaders: Record<string, string>;
  body: string;
}

export function parseEml(text: string): ParsedEml {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('No blank line between headers and body');
  const rawHeaders: Record<string, string> = {};
  for (const line of text
    .slice(0, end)
    .replace(/\r\n(?=[ \t])/g, '')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`Not a header line: ${JSON.stringify(line)}`);
    rawHeaders[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const headers = Object.fromEntries(Object.entries(rawHeaders).map(([name, value]) => [name, decodeHeader(value)]));
  return { headers, rawHeaders, body: text.slice(end + 4) };
}
