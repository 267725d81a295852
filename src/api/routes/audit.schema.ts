import { z } from 'zod';
import type { JsonValue } from '../../audit/audit-entry.js';
import type { CaseHistoryEntry } from '../../audit/case-history.js';
import type { AuditRecordPage } from '../../audit/list-audit-records.js';
import { describes } from '../describes.js';

// Any JSON at all: described as such in the document, typed as the audit trail types it.
const jsonValue = z.unknown().meta({ description: 'What the command changed, as recorded (any JSON)' }) as unknown as z.ZodType<JsonValue>;

export const auditRecordPageResponse = describes<AuditRecordPage>()(
  z
    .object({
      records: z.array(
        z
          .object({
            id: z.string().meta({ description: 'audit_record.id (a bigint) as a string' }),
            stream: z.string(),
            sequence: z.number().int(),
            occurredAt: z.iso.datetime({ offset: true }),
            actorId: z.uuid().nullable().meta({ description: 'Null when the system acted' }),
            actorRole: z.string().nullable(),
            organisationId: z.uuid().nullable(),
            requestId: z.string().nullable(),
            command: z.string(),
            summary: z.object({ cy: z.string(), en: z.string() }),
            changes: jsonValue,
            previousHash: z.string(),
            hash: z.string(),
          })
          .meta({ id: 'AuditRecord' }),
      ),
      nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next (older) page; null on the last page' }),
    })
    .meta({ id: 'AuditRecordPage' }),
);

export const caseHistoryResponse = describes<{ history: CaseHistoryEntry[] }>()(
  z
    .object({
      history: z.array(z.object({ at: z.iso.datetime({ offset: true }), summary: z.string() })).meta({ description: 'Oldest first, in the reader’s language' }),
    })
    .meta({ id: 'CaseHistory' }),
);
