import type { Language } from '../domain/bilingual.js';
import type { RoleName } from '../domain/roles.js';

/** One role a person holds now, with its scope. */
export interface RoleGrantView {
  role: RoleName;
  /** The organisation the role is limited to (an applicant's group, an asset officer's council). */
  organisationId: string | null;
  /** The programme the role is limited to (e.g. 'CFP'); null for every programme. */
  programme: string | null;
  /** Approvers: the largest award, in pence, they may decide alone. */
  delegatedLimitPence: bigint | null;
}

/**
 * Who is making a request, as established by authentication from a session cookie or a bearer token and
 * loaded from the database: never from anything the client says about itself.
 */
export interface Actor {
  personId: string;
  name: string;
  email: string;
  language: Language;
  grants: RoleGrantView[];
}
