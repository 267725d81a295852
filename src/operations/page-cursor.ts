import type { z } from 'zod';
import { AppError } from '../domain/app-error.js';

// Keyset pagination's cursor: the last row of a page, as opaque base64url JSON. A client sends it back
// unchanged; anything else it sends is refused as bad input, never trusted as a key.

export function encodePageCursor(key: object): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key inside `cursor`, checked by `schema`; a cursor that is not one of ours is the client's mistake. */
export function decodePageCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const key = schema.safeParse(parsed);
  if (!key.success) throw invalidCursor();
  return key.data;
}

const invalidCursor = () => new AppError('invalid_input', { cy: 'Nid yw cyrchwr y dudalen yn ddilys', en: 'The page cursor is not valid' });
