import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEml, type ParsedEml } from './eml.js';

// Mail as the worker really sent it to the file mailbox (test/support/temporal.ts mailboxDir), read as the
// person it went to would read it: the links in it start with the test service's public address.

const publicUrl = 'http://cymuned.test';

/** Every message in the mailbox to `address` now, oldest first. */
export async function mailTo(mailboxDir: string, address: string): Promise<ParsedEml[]> {
  // Only whole messages: the mailbox writes each to a hidden temporary file first, then renames it.
  const names = (await readdir(mailboxDir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  const messages: { mail: ParsedEml; date: number }[] = [];
  for (const name of names.sort()) {
    const mail = parseEml(await readFile(path.join(mailboxDir, name), 'utf8'));
    if (mail.headers.to?.toLowerCase() === address.toLowerCase()) messages.push({ mail, date: Date.parse(mail.headers.date ?? '') });
  }
  return messages.sort((a, b) => a.date - b.date).map(({ mail }) => mail);
}

/** Waits until `count` messages have come to `address`: a workflow sends them, after the request that queued them. */
export async function waitForMail(mailboxDir: string, address: string, { count = 1, timeoutMs = 30_000 } = {}): Promise<ParsedEml[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await mailTo(mailboxDir, address);
    if (messages.length >= count) return messages;
    if (Date.now() > deadline) throw new Error(`${messages.length} of ${count} messages to ${address} arrived in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The path of the link in a message: the one to `route` with its token (/confirm-email/<token>), or without
 * a route the first link to the service.
 */
export function linkPath(mail: ParsedEml, route?: '/confirm-email' | '/reset-password' | '/invitations'): string {
  const pattern = route
    ? new RegExp(`${publicUrl.replaceAll('.', '\\.')}(${route}/[A-Za-z0-9_-]{43})\\b`)
    : new RegExp(`${publicUrl.replaceAll('.', '\\.')}(/\\S*)`);
  const found = pattern.exec(mail.body);
  if (!found?.[1]) throw new Error(`No ${route ?? ''} link to ${publicUrl} in: ${mail.body}`);
  return found[1];
}

/** The token at the end of a link's path. */
export function tokenOf(linkPath: string): string {
  return linkPath.split('/').pop() ?? '';
}
