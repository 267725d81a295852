import type { Actor } from '../access/actor.js';
import type { Language } from '../domain/bilingual.js';
import type { RoleName } from '../domain/roles.js';

export interface PersonView {
  id: string;
  name: string;
  email: string;
  language: Language;
}

export interface RoleView {
  role: RoleName;
  organisationId: string | null;
  programme: string | null;
  /** Pence as a JSON number: exact up to £90 trillion. */
  delegatedLimitPence: number | null;
}

export interface MeView {
  person: PersonView;
  roles: RoleView[];
  language: Language;
  /** For X-CSRF-Token on unsafe requests made with the session cookie; null for bearer tokens, which need none. */
  csrfToken: string | null;
}

export function personView(actor: Actor): PersonView {
  return { id: actor.personId, name: actor.name, email: actor.email, language: actor.language };
}

export function meView(actor: Actor, csrfToken: string | null): MeView {
  return {
    person: personView(actor),
    roles: actor.grants.map((grant) => ({
      role: grant.role,
      organisationId: grant.organisationId,
      programme: grant.programme,
      delegatedLimitPence: grant.delegatedLimitPence === null ? null : Number(grant.delegatedLimitPence),
    })),
    language: actor.language,
    csrfToken,
  };
}
