import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEml, type ParsedEml } from './eml.js';

// The mail sent about accounts, read from the file mailbox the worker writes to, as the person would.

/** Every message in the mailbox to `email`, oldest first. */
export async function mailTo(mailboxDir: string, email: string): Promise<ParsedEml[]> {
  const names = await readdir(mailboxDir).catch(() => [] as string[]);
  const messages: { mail: ParsedEml; date: number }[] = [];
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    const mail = parseEml(await readFile(path.join(mailboxDir, name), 'utf8'));
    if (mail.headers.to === email) messages.push({ mail, date: Date.parse(mail.headers.date ?? '') });
  }
  return messages.sort((a, b) => a.date - b.date).map(({ mail }) => mail);
}

/** Waits until `count` messages have come to `email` (the delivery workflow sends them after the request). */
export async function waitForMail(mailboxDir: string, email: string, { count = 1, timeoutMs = 30_000 } = {}): Promise<ParsedEml[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await mailTo(mailboxDir, email);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`${messages.length} of ${count} messages to ${email} arrived in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The path of the link to `route` (/confirm-email or /reset-password) in a message, at the test server's public address. */
export function linkPath(mail: ParsedEml, route: '/confirm-email' | '/reset-password'): string {
  const found = new RegExp(`http://cymuned\\.test(${route}/[A-Za-z0-9_-]{43})\\b`).exec(mail.body);
  if (!found?.[1]) throw new Error(`No ${route} link in: ${mail.body}`);
  return found[1];
}

/** The token at the end of a link's path. */
export function tokenOf(linkPath: string): string {
  return linkPath.split('/').pop() ?? '';
}
