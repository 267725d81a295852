import type { Bilingual } from '../domain/bilingual.js';
import type { RoleName } from '../domain/roles.js';

/** A JSON value as a caller writes it: object members left undefined are dropped, as JSON.stringify does. */
export type JsonInput = string | number | boolean | null | readonly JsonInput[] | { readonly [key: string]: JsonInput | undefined };

/** A JSON value as stored and read back from the audit trail (the shape Prisma gives Json columns). */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export type JsonObject = { [key in string]?: JsonValue };

/** Who issued a command: a person, in the role they used, for the organisation that role is scoped to. */
export interface AuditActor {
  personId: string;
  /** Null when the person acts on their own account rather than in a role (signing in, their language). */
  role: RoleName | null;
  /** The organisation the person acted for (their group, their council, the funder); null when unscoped. */
  organisationId: string | null;
}

/** One command to record in the audit trail; see appendAuditRecord. */
export interface AuditEntry {
  /**
   * The hash chain the record joins: a case reference (ENQ-2026-000001), 'system', or
   * 'organisation:<uuid>'. Build one with the helpers in audit-stream.ts.
   */
  stream: string;
  occurredAt: Date;
  /** Null when the system itself acted (a timer, a scheduled job). */
  actor: AuditActor | null;
  /** The API request the command came from, as carried through Temporal (currentRequestId()). */
  requestId?: string;
  /** What was asked for, as a stable code: 'enquiry.submit', 'role.grant'. */
  command: string;
  /**
   * What happened, in plain words, in both languages: this is what an applicant reads in their case's
   * history. Name roles ("The case officer asked for more information"), never staff by name or id.
   */
  summary: Bilingual;
  /** What changed, for administrators: e.g. { status: { from: 'received', to: 'acknowledged' } }. */
  changes: { readonly [key: string]: JsonInput | undefined };
}
