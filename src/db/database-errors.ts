import { Prisma } from '../../generated/prisma/client.js';

// What a failed database call means for whoever made it. Prisma (through @prisma/adapter-pg) reports the
// driver's own classification in `meta.driverAdapterError.cause` (`kind`, and PostgreSQL's SQLSTATE as
// `originalCode`); a connection that dies mid-query surfaces from node-postgres as a plain Error.

/** Adapter kinds that mean the server could not be reached or the connection was lost. */
const unreachableKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);

/** Adapter kinds that mean the data itself was refused: retrying the same write cannot succeed. */
const dataKinds = new Set([
  'InvalidInputValue',
  'ValueOutOfRange',
  'LengthMismatch',
  'NullConstraintViolation',
  'ForeignKeyConstraintViolation',
  'InconsistentColumnData',
  'UnsupportedNativeDataType',
]);

/** Prisma's own codes for an engine that cannot reach or keep its connection (P1xxx), or a pool that ran dry. */
const unreachablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

/** Messages of node-postgres and Node itself when the socket goes: the only sign some failures give. */
const lostConnection =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i;

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  /** PostgreSQL's severity: FATAL ends the session (refused at connection, shut down, terminated). */
  severity?: string;
}

function adapterCause(error: unknown): AdapterCause | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  return meta?.driverAdapterError?.cause;
}

/** Every error in `error`'s cause chain, outermost first. */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let current = error; current && seen.length < 10 && !seen.includes(current); current = (current as { cause?: unknown }).cause) seen.push(current);
  return seen;
}

/**
 * The database is down or the connection was lost: the caller should answer 503 and a retry may succeed.
 * SQLSTATE classes 08 (connection exception), 57P01-57P03 (shut down, starting up) and 53 (out of
 * resources) count, as does any FATAL error (the server ended or refused the session: a database not
 * accepting connections, say) and Prisma's initialisation errors.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((link) => {
    if (link instanceof Prisma.PrismaClientInitializationError || link instanceof Prisma.PrismaClientRustPanicError) return true;
    if (link instanceof Prisma.PrismaClientKnownRequestError && unreachablePrismaCodes.has(link.code)) return true;
    const cause = adapterCause(link);
    if (cause?.kind && unreachableKinds.has(cause.kind)) return true;
    if (cause?.severity === 'FATAL' || cause?.severity === 'PANIC') return true;
    const sqlState = cause?.originalCode ?? (link as { code?: unknown }).code;
    if (typeof sqlState === 'string' && (/^08/.test(sqlState) || /^57P0[123]$/.test(sqlState) || /^53/.test(sqlState))) return true;
    return link instanceof Error && lostConnection.test(link.message);
  });
}

/**
 * The database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity constraint),
 * or Prisma refused it before sending: the same write will fail however often it is tried.
 */
export function isDataRefused(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  return chain(error).some((link) => {
    // Prisma refused the values before sending them (an invalid date, a value of the wrong type).
    if (link instanceof Prisma.PrismaClientValidationError) return true;
    const cause = adapterCause(link);
    if (cause?.kind && dataKinds.has(cause.kind)) return true;
    const sqlState = cause?.originalCode;
    return typeof sqlState === 'string' && /^2[23]/.test(sqlState);
  });
}

/** One line saying why the database refused a call, for logs and staff: the driver's reason, not Prisma's preamble. */
export function describeDatabaseError(error: unknown): string {
  for (const link of chain(error)) {
    const cause = adapterCause(link) as (AdapterCause & { originalMessage?: string; message?: string }) | undefined;
    if (cause) return [cause.originalCode, cause.originalMessage ?? cause.message ?? cause.kind].filter(Boolean).join(' ');
  }
  const last = chain(error).at(-1);
  return last instanceof Error ? (last.message.trim().split('\n').at(-1) ?? last.name) : String(last);
}
