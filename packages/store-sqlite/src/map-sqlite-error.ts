import { PressluftError, StoreError, type StoreErrorCode } from '@pressluft/core';

/** What the caller knows about the situation an error happened in. */
export interface SqliteErrorContext {
  /** What was being done, for the message (`open the database`, `claim jobs`). */
  readonly operation: string;
  /**
   * Whether the database's directory is writable, when known. SQLite reports a read-only directory as
   * `SQLITE_CANTOPEN` (it cannot create the file or its `-wal`/`-shm` companions), the same code as a
   * missing directory; this tells the two apart.
   */
  readonly directoryWritable?: boolean;
}

/** The primary result code of an extended one: `SQLITE_CONSTRAINT_UNIQUE` → `SQLITE_CONSTRAINT`. */
export function primarySqliteCode(code: string): string {
  const parts = code.split('_');
  return parts.length > 2 ? `${parts[0]}_${parts[1]}` : code;
}

/** The SQLite result code of a thrown value, or null when it is not a SQLite error. */
export function sqliteCodeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function storeCodeFor(error: unknown, context: SqliteErrorContext): StoreErrorCode {
  const code = sqliteCodeOf(error);
  if (code === null) {
    // better-sqlite3 throws a TypeError for a closed handle.
    if (error instanceof TypeError && /not open/i.test(error.message)) return 'STORE_UNAVAILABLE';
    return 'STORE_FAILED';
  }
  switch (primarySqliteCode(code)) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return 'STORE_CORRUPT';
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return 'STORE_READ_ONLY';
    case 'SQLITE_CANTOPEN':
      return context.directoryWritable === false ? 'STORE_READ_ONLY' : 'STORE_UNAVAILABLE';
    case 'SQLITE_FULL':
      return 'STORE_DISK_FULL';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'STORE_UNAVAILABLE';
    case 'SQLITE_CONSTRAINT':
      return 'STORE_CONSTRAINT';
    default:
      return 'STORE_FAILED';
  }
}

/**
 * What to run when better-sqlite3's native module did not build or was built for another Node.js. The
 * package manager decides whether its install script ran: pnpm 10 skips dependencies' build scripts
 * unless they are approved, and `--ignore-scripts` skips them everywhere.
 */
export const NATIVE_MODULE_GUIDANCE =
  "better-sqlite3's native module is missing or was built for another Node.js version: its install script did not run or failed. " +
  'npm: `npm rebuild better-sqlite3` (and do not install with --ignore-scripts). ' +
  'pnpm 10 (skips build scripts of dependencies by default): run `pnpm approve-builds` and select better-sqlite3, or add ' +
  '`"pnpm": { "onlyBuiltDependencies": ["better-sqlite3"] }` to package.json, then `pnpm rebuild better-sqlite3`. ' +
  'yarn: `yarn rebuild better-sqlite3` (yarn 2+), or `yarn install --force` (yarn 1). ' +
  'Where no prebuilt binary is offered for this platform and Node.js, the build needs a compiler: apt-get install build-essential python3.';

/** Whether a thrown value says the better-sqlite3 binary could not be found or loaded. */
export function isNativeModuleError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === 'ERR_DLOPEN_FAILED' ||
    /Could not locate the bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(error.message)
  );
}

/**
 * Turn anything SQLite or better-sqlite3 throws into a {@link StoreError} with a registry code.
 * The SQLite code goes into the details; the original error stays as the (never serialized) cause.
 */
export function mapSqliteError(error: unknown, context: SqliteErrorContext): StoreError {
  if (PressluftError.isInstance(error) && error.family === 'store') return error as StoreError;
  if (isNativeModuleError(error)) {
    return new StoreError({
      code: 'STORE_FAILED',
      message: `Could not ${context.operation}: better-sqlite3's native module did not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      guidance: NATIVE_MODULE_GUIDANCE,
      details: { nativeModule: 'better-sqlite3' },
      cause: error,
    });
  }
  const code = storeCodeFor(error, context);
  const sqliteCode = sqliteCodeOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError({
    code,
    message: `Could not ${context.operation}: ${reason}`,
    details: sqliteCode === null ? {} : { sqliteCode },
    cause: error,
  });
}
