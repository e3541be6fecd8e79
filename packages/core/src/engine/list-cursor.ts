import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../errors/error-families.js';
import type { ListPosition } from '../spec/store-lists.js';

// A version letter first, so the format can change without old cursors being misread.
const cursorVersion = 'c1';

/**
 * Turn a page position into the opaque `next_cursor` of the HTTP API (base64url text). Clients pass it back
 * unchanged; what is inside may change between versions, so nobody should parse it.
 */
export function encodeListCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([cursorVersion, position.createdAt, position.id])).toString('base64url');
}

/**
 * Read a cursor made by {@link encodeListCursor}; anything else (edited, truncated, from another version)
 * is `VALIDATION_FAILED`, never a silently different page.
 */
export function decodeListCursor(cursor: string): Result<ListPosition, ValidationError> {
  const invalid = () =>
    err(
      new ValidationError({
        code: 'VALIDATION_FAILED',
        message: 'The cursor is not one this server handed out; start again from the first page.',
        details: { issues: [{ path: 'cursor', message: 'is not a valid cursor' }] },
      }),
    );
  if (cursor.length === 0 || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== cursorVersion) return invalid();
  const [, createdAt, id] = parsed as [unknown, unknown, unknown];
  if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || typeof id !== 'string') {
    return invalid();
  }
  if (id.length === 0 || id.length > 100) return invalid();
  return ok({ createdAt, id });
}
