import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEml, type ParsedEml } from './eml.js';

// Mail as the worker really sent it to the file mailbox (test/support/temporal.ts mailboxDir).

/** Every message in the mailbox to `address`, waiting until there are at least `count` (sent by a workflow, after the request). */
export async function mailTo(mailboxDir: string, address: string, { count = 1, timeoutMs = 20_000 } = {}): Promise<ParsedEml[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Only whole messages: the mailbox writes each to a hidden temporary file first, then renames it.
    const names = (await readdir(mailboxDir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
    const mails = await Promise.all(names.sort().map(async (name) => parseEml(await readFile(path.join(mailboxDir, name), 'utf8'))));
    const found = mails.filter((mail) => mail.headers.to?.toLowerCase() === address.toLowerCase());
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${address} within ${timeoutMs} ms (${mails.length} in the mailbox)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The path of the first link in a mail that starts with the test service's public address. */
export function linkPath(mail: ParsedEml, publicUrl = 'http://cymuned.test'): string {
  const link = mail.body.split(/\s+/).find((word) => word.startsWith(`${publicUrl}/`));
  if (!link) throw new Error(`No ${publicUrl} link in: ${mail.body}`);
  return link.slice(publicUrl.length);
}
