import { describe, expect, it } from 'vitest';
import { mapSqliteError, primarySqliteCode } from './map-sqlite-error.js';

function sqliteError(code: string, message = 'sqlite says no'): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapSqliteError', () => {
  it.each([
    ['SQLITE_NOTADB', {}, 'STORE_CORRUPT'],
    ['SQLITE_CORRUPT', {}, 'STORE_CORRUPT'],
    ['SQLITE_CORRUPT_INDEX', {}, 'STORE_CORRUPT'],
    ['SQLITE_READONLY', {}, 'STORE_READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', {}, 'STORE_READ_ONLY'],
    ['SQLITE_CANTOPEN', { directoryWritable: false }, 'STORE_READ_ONLY'],
    ['SQLITE_CANTOPEN', { directoryWritable: true }, 'STORE_UNAVAILABLE'],
    ['SQLITE_CANTOPEN', {}, 'STORE_UNAVAILABLE'],
    ['SQLITE_FULL', {}, 'STORE_DISK_FULL'],
    ['SQLITE_BUSY', {}, 'STORE_UNAVAILABLE'],
    ['SQLITE_BUSY_SNAPSHOT', {}, 'STORE_UNAVAILABLE'],
    ['SQLITE_LOCKED', {}, 'STORE_UNAVAILABLE'],
    ['SQLITE_CONSTRAINT_UNIQUE', {}, 'STORE_CONSTRAINT'],
    ['SQLITE_IOERR_WRITE', {}, 'STORE_FAILED'],
  ] as const)('maps %s (%o) to %s', (code, context, expected) => {
    const error = mapSqliteError(sqliteError(code), { operation: 'do a thing', ...context });
    expect(error.code).toBe(expected);
    expect(error.details).toEqual({ sqliteCode: code });
    expect(error.message).toBe('Could not do a thing: sqlite says no');
  });

  it('maps a closed better-sqlite3 handle to STORE_UNAVAILABLE and anything else to STORE_FAILED', () => {
    expect(
      mapSqliteError(new TypeError('The database connection is not open'), { operation: 'x' }).code,
    ).toBe('STORE_UNAVAILABLE');
    expect(mapSqliteError(new RangeError('odd'), { operation: 'x' }).code).toBe('STORE_FAILED');
  });

  it('reduces an extended result code to its primary code', () => {
    expect(primarySqliteCode('SQLITE_CONSTRAINT_FOREIGNKEY')).toBe('SQLITE_CONSTRAINT');
    expect(primarySqliteCode('SQLITE_BUSY')).toBe('SQLITE_BUSY');
  });
});
