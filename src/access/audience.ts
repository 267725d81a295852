import type { Audience } from '../domain/case-audience.js';
import { isStaff, type Reader } from './reader.js';

/**
 * Whom a view is for, from who the reader is to the case (src/access/reader.ts): its group and the
 * advisers it invites read the group's view; programme staff and the owning body's staff the staff's.
 */
export function audienceOf(reader: Reader): Audience {
  return isStaff(reader) ? 'staff' : 'group';
}
