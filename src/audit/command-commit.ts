import { AppError } from '../domain/app-error.js';
import { currentCommandId } from '../primitives/request-context.js';
import type { AuditTransaction } from './append-audit-record.js';

/**
 * Guards a change made only in the database, inside its own transaction, against being made twice by
 * retries of one request (the same Idempotency-Key, whose first answer was lost: see src/api/idempotency.ts).
 * The first transaction of the request's command id keeps it; a later one is refused as done already and
 * rolls back. Several audit records of one transaction pass the guard together. Requests without a key,
 * and the worker's activities, have no command id and are not guarded here.
 */
export async function guardCommandOnce(tx: AuditTransaction): Promise<void> {
  const commandId = currentCommandId();
  if (!commandId) return;
  const [kept] = await tx.$queryRaw<{ ours: boolean }[]>`
    WITH claimed AS (
      INSERT INTO command_commit (command_id, transaction_id) VALUES (${commandId}, txid_current()::text)
      ON CONFLICT (command_id) DO NOTHING
      RETURNING true AS ours
    )
    SELECT ours FROM claimed
    UNION ALL
    SELECT transaction_id = txid_current()::text FROM command_commit WHERE command_id = ${commandId} AND NOT EXISTS (SELECT 1 FROM claimed)`;
  if (kept?.ours) return;
  throw new AppError('conflict', {
    cy: 'Cafodd y cais hwn ei wneud eisoes, ond collwyd yr ateb cyntaf; edrychwch ar y cofnod i weld beth a newidiodd',
    en: 'This request was carried out already, but its first answer was lost; look at the record to see what changed',
  });
}
