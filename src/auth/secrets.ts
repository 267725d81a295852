import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Session cookies and API tokens are bearer secrets: whoever holds one is that person. The database keeps
// only their SHA-256, so a leaked backup or a read-only SQL injection yields nothing that signs anyone in.
// A plain hash (not argon2) is right here: the secrets are 256 random bits, not guessable words.

/** 32 random bytes, URL- and cookie-safe, with an optional prefix that lets secret scanners spot it. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** What the database stores in place of a secret. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two strings in time that does not depend on where they first differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
