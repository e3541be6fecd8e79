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

describe('mapSqliteError for a native module that did not build', () => {
  it.each([
    [
      'the bindings file is missing (install script skipped)',
      new Error(
        'Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/better_sqlite3.node',
      ),
    ],
    [
      'the binary was built for another Node.js',
      Object.assign(
        new Error('The module was compiled against NODE_MODULE_VERSION 115. This version requires 127.'),
        {
          code: 'ERR_DLOPEN_FAILED',
        },
      ),
    ],
  ])('%s: STORE_FAILED with what to run for npm, pnpm 10 and yarn', (_label, thrown) => {
    const error = mapSqliteError(thrown, { operation: 'open the database' });
    expect(error.code).toBe('STORE_FAILED');
    expect(error.message).toContain("better-sqlite3's native module did not load");
    expect(error.message).not.toContain('\n');
    expect(error.guidance).toContain('npm rebuild better-sqlite3');
    expect(error.guidance).toContain('pnpm approve-builds');
    expect(error.guidance).toContain('onlyBuiltDependencies');
    expect(error.guidance).toContain('yarn rebuild better-sqlite3');
    expect(error.details).toEqual({ nativeModule: 'better-sqlite3' });
  });

  it('leaves other errors to the SQLite classification', () => {
    expect(mapSqliteError(new Error('something else'), { operation: 'x' }).guidance).not.toContain(
      'approve-builds',
    );
  });
});
