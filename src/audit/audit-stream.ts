import { isCaseReference } from '../domain/case-reference.js';

// Each stream is one hash chain. A stream name must have one spelling only: 'organisation:ABC…' and
// 'organisation:abc…' would be two chains for one organisation, so names are checked on the way in.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Commands that belong to no case or organisation (e.g. a programme setting changed). */
export const systemStream = 'system';

/** The stream for commands about an organisation itself (its details, who holds which role in it). */
export function organisationStream(organisationId: string): string {
  return `organisation:${canonicalUuid(organisationId)}`;
}

/** The stream for what a person does to their own account: signing in and out, API tokens, language. */
export function personStream(personId: string): string {
  return `person:${canonicalUuid(personId)}`;
}

/** A case reference, 'system', 'organisation:<lower-case uuid>' or 'person:<lower-case uuid>'. */
export function isAuditStream(stream: string): boolean {
  if (stream === systemStream || isCaseReference(stream)) return true;
  const [kind, id, ...rest] = stream.split(':');
  return (kind === 'organisation' || kind === 'person') && rest.length === 0 && id !== undefined && uuidPattern.test(id);
}

/**
 * A UUID as PostgreSQL prints it (lower case, hyphenated). PostgreSQL accepts other spellings and
 * stores this one, so hashing anything else would make a record's hash unverifiable once read back.
 */
export function canonicalUuid(value: string): string {
  const lower = value.toLowerCase();
  if (!uuidPattern.test(lower)) throw new TypeError(`Not a UUID: ${JSON.stringify(value)}`);
  return lower;
}
