import { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../access/actor.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Language } from '../domain/bilingual.js';
import { roles, type RoleName } from '../domain/roles.js';

// The seam between authentication and authorisation. However a person proved who they are (a password and
// session today, a bearer token, OpenID Connect later), authentication ends with their person id, and this
// is the only way an Actor is made: from the database, never from anything the request says. A credential's
// own lookup joins actorSql, so a request finds its credential, the person and their roles in one query.

/** One row of actorSql: the person, and the roles they hold now as JSON. */
export interface ActorRow {
  personId: string;
  name: string;
  email: string;
  language: string;
  grants: { role: string; organisationId: string | null; programme: string | null; delegatedLimitPence: string | null }[];
}

/**
 * The person whose id is `personId` (a parameter, or a column of the credential's row) and the roles they
 * hold now, as one row (none when there is no such person). A grant revoked with a future date still holds
 * until then. Pence travel as text: JSON numbers would round past 2^53.
 */
export function actorSql(personId: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id AS "personId", p.name, p.email, p.language,
      coalesce((
        SELECT json_agg(json_build_object('role', g.role, 'organisationId', g.organisation_id, 'programme', g.programme,
                                          'delegatedLimitPence', g.delegated_limit_pence::text) ORDER BY g.granted_at, g.id)
        FROM role_grant g
        WHERE g.person_id = p.id AND (g.revoked_at IS NULL OR g.revoked_at > ${now}::timestamptz)
      ), '[]'::json) AS grants
    FROM person p
    WHERE p.id = ${personId}`;
}

export function actorOf(row: ActorRow): Actor {
  return {
    personId: row.personId,
    name: row.name,
    email: row.email,
    language: languageOf(row.language),
    grants: row.grants.map((grant) => ({
      role: roleOf(grant.role),
      organisationId: grant.organisationId,
      programme: grant.programme,
      delegatedLimitPence: grant.delegatedLimitPence === null ? null : BigInt(grant.delegatedLimitPence),
    })),
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person and the roles they hold now; undefined when there is no such person. */
export async function loadActor(prisma: PrismaClient, personId: string, now: Date = new Date()): Promise<Actor | undefined> {
  if (!uuid.test(personId)) return undefined;
  const [row] = await prisma.$queryRaw<ActorRow[]>(actorSql(Prisma.sql`${personId}::uuid`, now));
  return row && actorOf(row);
}

function roleOf(stored: string): RoleName {
  if ((roles as readonly string[]).includes(stored)) return stored as RoleName;
  throw new Error(`role_grant holds an unknown role ${JSON.stringify(stored)}`);
}

function languageOf(stored: string): Language {
  return stored === 'cy' ? 'cy' : 'en';
}
