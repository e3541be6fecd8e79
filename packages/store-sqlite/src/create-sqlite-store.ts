import { accessSync, closeSync, constants, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Store, StoreError, type StoreOperations } from '@pressluft/core';
import Database from 'better-sqlite3';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { mapSqliteError, sqliteCodeOf } from './map-sqlite-error.js';
import { applyMigrations, inspectSchema, schemaTooNew } from './migrate.js';
import { latestSchemaVersion } from './migrations/migrations.js';
import { createSqliteOperations, type SynchronousStoreOperations } from './sqlite-operations.js';
import { TransactionGate } from './transaction-gate.js';

/** Options of {@link createSqliteStore}. Give either `path` or `database`. */
export interface SqliteStoreOptions {
  /** The database file; created with its directory's permissions when missing. `:memory:` for a throwaway store. */
  readonly path?: string;
  /**
   * An open better-sqlite3 handle to use instead of `path`. The store sets its pragmas and migrates it, and
   * leaves closing it to the caller.
   */
  readonly database?: Database.Database;
  /**
   * `NORMAL` (the default) survives a crash of the process; a power loss or OS crash can lose the last
   * commits, never corrupt the file. `FULL` syncs the WAL on every commit: durable across power loss, about
   * 4.7× slower per job on a virtio disk.
   */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another connection's lock before `STORE_UNAVAILABLE`. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Where migration timestamps come from. Default: the system clock. */
  readonly clock?: { now(): number };
  /**
   * How often to look at the WAL file size, in ms; 0 turns the check off. Default 30000. SQLite's own
   * automatic checkpoint cannot shrink the WAL while readers keep it busy, so the store truncates it
   * when it grew past {@link SqliteStoreOptions.walCheckpointThresholdBytes}.
   */
  readonly walCheckpointIntervalMs?: number;
  /** The WAL size that triggers a `wal_checkpoint(TRUNCATE)`. Default 64 MiB. */
  readonly walCheckpointThresholdBytes?: number;
}

/** A {@link Store} on SQLite, with a few SQLite-specific extras. */
export interface SqliteStore extends Store {
  /** The database file, or `:memory:`; null for a handle passed in without a file name. */
  readonly path: string | null;
  /** The schema version of the open database. */
  readonly schemaVersion: number;
  /** Checkpoint the WAL into the database file and truncate it now. */
  checkpoint(): ResultAsync<void, StoreError>;
}

const defaultBusyTimeoutMs = 5_000;
const defaultWalCheckpointIntervalMs = 30_000;
const defaultWalCheckpointThresholdBytes = 64 * 1024 * 1024;

function directoryWritable(path: string): boolean | undefined {
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? false : undefined;
  }
}

function closedError(): StoreError {
  return new StoreError({ code: 'STORE_UNAVAILABLE', message: 'The store is closed.' });
}

interface OpenedDatabase {
  readonly db: Database.Database;
  readonly owned: boolean;
  readonly location: string;
  readonly schemaVersion: number;
}

/**
 * Create a missing database file with mode 0600 before SQLite opens it (SQLite would create it 0644 under
 * the usual umask; its -wal and -shm files copy the database file's mode). Any failure is left to SQLite
 * to report with its own classification.
 */
function createPrivately(path: string): void {
  if (path === ':memory:' || path === '' || path.startsWith('file:')) return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch {
    // EEXIST (an existing database keeps its mode) or a directory problem SQLite reports better.
  }
}

function openDatabase(options: SqliteStoreOptions): Result<OpenedDatabase, StoreError> {
  const path = options.path ?? options.database?.name ?? null;
  const location = path ?? 'given as a handle';
  const classify = (error: unknown, operation: string): StoreError => {
    const code = sqliteCodeOf(error) ?? '';
    const needsDirectory = path !== null && path !== ':memory:' && /CANTOPEN|READONLY|PERM/.test(code);
    const writable = needsDirectory ? directoryWritable(path) : undefined;
    return mapSqliteError(error, {
      operation,
      ...(writable === undefined ? {} : { directoryWritable: writable }),
    });
  };
  if (options.database === undefined && options.path === undefined) {
    return err(
      new StoreError({ code: 'STORE_FAILED', message: 'createSqliteStore needs a path or a database.' }),
    );
  }
  if (options.database === undefined) createPrivately(options.path as string);
  let db: Database.Database;
  try {
    db =
      options.database ??
      new Database(options.path as string, { timeout: options.busyTimeoutMs ?? defaultBusyTimeoutMs });
  } catch (error) {
    return err(classify(error, `open the database ${location}`));
  }
  const owned = options.database === undefined;
  const fail = (error: StoreError): Result<OpenedDatabase, StoreError> => {
    if (owned) db.close();
    return err(error);
  };
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? defaultBusyTimeoutMs))}`);
    db.pragma('foreign_keys = ON');
    // Everything up to here only reads, so a refused file is left exactly as it was.
    const state = inspectSchema(db);
    if (state.kind === 'foreign') {
      return fail(
        new StoreError({
          code: 'STORE_CORRUPT',
          message: `The database ${location} belongs to another program (tables: ${state.tables.slice(0, 5).join(', ')}). It was left unchanged.`,
          details: { tables: state.tables.slice(0, 20) },
        }),
      );
    }
    if (state.kind === 'pressluft' && state.version > latestSchemaVersion) {
      return fail(schemaTooNew(state.version, location));
    }
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma(
      `journal_size_limit = ${options.walCheckpointThresholdBytes ?? defaultWalCheckpointThresholdBytes}`,
    );
    const migrated = applyMigrations(db, (options.clock ?? Date).now(), location);
    if (migrated.isErr()) return fail(migrated.error);
    return ok({ db, owned, location, schemaVersion: migrated.value });
  } catch (error) {
    return fail(classify(error, `open the database ${location}`));
  }
}

/**
 * Open (and create or migrate) a SQLite database as a Pressluft {@link Store}.
 *
 * WAL journal, `synchronous=NORMAL` unless `FULL` is asked for, a busy timeout, foreign keys on, and
 * `BEGIN IMMEDIATE` for every read-modify-write. Refuses, without changing a byte, a file that is not a
 * database (`STORE_CORRUPT`) and a database from a newer version (`STORE_SCHEMA_TOO_NEW`).
 *
 * One host only: WAL needs shared memory, so every process using the file must run on the same machine,
 * never over a network filesystem.
 */
export function createSqliteStore(options: SqliteStoreOptions): ResultAsync<SqliteStore, StoreError> {
  const opened = openDatabase(options);
  if (opened.isErr()) return errAsync(opened.error);
  const { db, owned, schemaVersion } = opened.value;
  const operations = createSqliteOperations(db);
  const gate = new TransactionGate();
  let closed = false;

  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const rollbackIfOpen = (): void => {
    if (db.inTransaction) rollback.run();
  };

  const filePath = options.path ?? (options.database?.memory === false ? options.database.name : null);
  const interval = options.walCheckpointIntervalMs ?? defaultWalCheckpointIntervalMs;
  const threshold = options.walCheckpointThresholdBytes ?? defaultWalCheckpointThresholdBytes;
  const checkpointNow = (): Result<void, StoreError> => {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      return ok(undefined);
    } catch (error) {
      return err(mapSqliteError(error, { operation: 'checkpoint the WAL' }));
    }
  };
  const timer =
    interval > 0 && filePath !== null && filePath !== ':memory:'
      ? setInterval(() => {
          if (closed || !gate.idle) return;
          try {
            if (statSync(`${filePath}-wal`).size > threshold) checkpointNow();
          } catch {
            // No WAL file yet, or it vanished between checks: nothing to do.
          }
        }, interval)
      : null;
  timer?.unref();

  const call = <K extends keyof StoreOperations>(name: K, args: unknown[]): ResultAsync<unknown, unknown> => {
    const run = operations[name] as (...values: unknown[]) => Result<unknown, unknown>;
    if (closed) return errAsync(closedError());
    if (gate.idle) {
      const result = run(...args);
      return result.isOk() ? okAsync(result.value) : errAsync(result.error);
    }
    // Accepted before a close: still runs, since close waits for the gate to drain.
    return new ResultAsync(gate.run(() => run(...args)));
  };

  const direct = Object.fromEntries(
    (Object.keys(operations) as (keyof StoreOperations)[]).map((name) => [
      name,
      (...args: unknown[]) => call(name, args),
    ]),
  ) as unknown as StoreOperations;

  /** The operations handed to a transaction callback: they run inside it, and only while it is open. */
  const transactionOperations = (scope: { open: boolean }): StoreOperations =>
    Object.fromEntries(
      (Object.keys(operations) as (keyof SynchronousStoreOperations)[]).map((name) => {
        const run = operations[name] as (...values: unknown[]) => Result<unknown, unknown>;
        return [
          name,
          (...args: unknown[]) => {
            if (!scope.open || !db.inTransaction) {
              return errAsync(
                new StoreError({
                  code: 'STORE_FAILED',
                  message: scope.open
                    ? 'The database rolled the transaction back after an error; nothing of it was kept.'
                    : 'A transaction handle was used after its transaction ended.',
                }),
              );
            }
            const result = run(...args);
            return result.isOk() ? okAsync(result.value) : errAsync(result.error);
          },
        ];
      }),
    ) as unknown as StoreOperations;

  const store: SqliteStore = {
    ...direct,
    specificationVersion: 'v1',
    path: filePath,
    schemaVersion,

    transaction<T, E>(fn: (tx: StoreOperations) => ResultAsync<T, E>): ResultAsync<T, E | StoreError> {
      if (closed) return errAsync(closedError());
      return new ResultAsync(
        gate.run(async (): Promise<Result<T, E | StoreError>> => {
          try {
            begin.run();
          } catch (error) {
            return err(mapSqliteError(error, { operation: 'begin a transaction' }));
          }
          const scope = { open: true };
          let result: Result<T, E>;
          try {
            result = await fn(transactionOperations(scope));
          } catch (thrown) {
            scope.open = false;
            rollbackIfOpen();
            return err(
              new StoreError({
                code: 'STORE_FAILED',
                message: `The transaction callback threw, so the transaction was rolled back: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
                cause: thrown,
              }),
            );
          }
          scope.open = false;
          try {
            if (result.isErr()) {
              rollbackIfOpen();
              return result;
            }
            if (!db.inTransaction) {
              return err(
                new StoreError({
                  code: 'STORE_FAILED',
                  message: 'The database rolled the transaction back after an error; nothing of it was kept.',
                }),
              );
            }
            commit.run();
            return result;
          } catch (error) {
            rollbackIfOpen();
            return err(mapSqliteError(error, { operation: 'commit the transaction' }));
          }
        }),
      );
    },

    checkpoint(): ResultAsync<void, StoreError> {
      if (closed) return errAsync(closedError());
      return new ResultAsync(gate.run(checkpointNow));
    },

    close(): ResultAsync<void, StoreError> {
      if (closed) return okAsync(undefined);
      closed = true;
      if (timer !== null) clearInterval(timer);
      return new ResultAsync(
        gate.drained().then(() => {
          try {
            if (owned) db.close();
            return ok(undefined);
          } catch (error) {
            return err(mapSqliteError(error, { operation: 'close the database' }));
          }
        }),
      );
    },
  };
  return okAsync(store);
}
