import type { Actor, RoleGrantView } from '../access/actor.js';
import { enforce, type Action, type Scope } from '../access/policy.js';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';
import { caseReference } from '../domain/text.js';

/** What differs between the kinds of case when one is looked up for an action. */
export interface CaseLookup<Row> {
  /** The reference's prefix: anything else names no case and never reaches the database. */
  prefix: Parameters<typeof caseReference>[0];
  load(reference: string): Promise<Row | null>;
  /** What the access policy decides on: the group, the owning body, the programme. */
  scope(row: Row): Scope;
  /** "There is no application with reference …", in both languages. */
  missing(reference: string): Bilingual;
  /** The kind's own words for who may do `action`, when it has them. */
  whoMay?(row: Row, action: Action): Bilingual | undefined;
}

/**
 * The case `reference` names, if `actor` may do `action` on it, and the role they act in: the one lookup
 * behind every read and command on an application, a transfer, an award or an enquiry. A malformed
 * reference, a missing case and another group's case all look the same to anyone who may not see it: not
 * found, in the same words. The unauthenticated are refused before being told whether anything is there.
 */
export async function findCaseFor<Row>(
  lookup: CaseLookup<Row>,
  { actor, reference, action }: { actor: Actor | undefined; reference: string; action: Action },
): Promise<{ row: Row; actingAs: RoleGrantView | null }> {
  const row = caseReference(lookup.prefix).safeParse(reference).success ? await lookup.load(reference) : null;
  const notFound = () => new AppError('not_found', lookup.missing(reference));
  if (row === null) {
    if (!actor) enforce(undefined, action);
    throw notFound();
  }
  const mayAct = lookup.whoMay?.(row, action);
  const actingAs = enforce(actor, action, lookup.scope(row), { notFound, ...(mayAct ? { forbidden: () => new AppError('forbidden', mayAct) } : {}) });
  return { row, actingAs };
}
