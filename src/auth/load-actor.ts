import type { Actor } from '../access/actor.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Language } from '../domain/bilingual.js';

// The seam between authentication and authorisation. However a person proved who they are (a password and
// session today, a bearer token, OpenID Connect later), authentication ends with their person id, and this
// is the only way an Actor is made: from the database, never from anything the request says.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person and the roles they hold now; undefined when there is no such person. */
export async function loadActor(prisma: PrismaClient, personId: string, now: Date = new Date()): Promise<Actor | undefined> {
  if (!uuid.test(personId)) return undefined;
  const person = await prisma.person.findUnique({
    where: { id: personId },
    include: {
      // A grant revoked with a future date still holds until then.
      roleGrants: { where: { OR: [{ revokedAt: null }, { revokedAt: { gt: now } }] }, orderBy: [{ grantedAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!person) return undefined;
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    language: languageOf(person.language),
    grants: person.roleGrants.map((grant) => ({
      role: grant.role,
      organisationId: grant.organisationId,
      programme: grant.programme,
      delegatedLimitPence: grant.delegatedLimitPence,
    })),
  };
}

function languageOf(stored: string): Language {
  return stored === 'cy' ? 'cy' : 'en';
}
