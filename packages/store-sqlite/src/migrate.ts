import { StoreError } from '@pressluft/core';
import type Database from 'better-sqlite3';
import { err, ok, type Result } from 'neverthrow';
import { latestSchemaVersion, migrations } from './migrations/migrations.js';
import type { SqliteMigration } from './migrations/sqlite-migration.js';

/** The table that records which migrations a database has. */
export const schemaVersionTable = 'pressluft_schema_version';

/** What {@link inspectSchema} found, without writing anything. */
export type SchemaState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'pressluft'; readonly version: number }
  | { readonly kind: 'foreign'; readonly tables: readonly string[] };

/**
 * Read what the database holds, without writing: empty, a Pressluft database of some version, or a
 * SQLite database of another program. Reading the schema is also what first touches the file, so a
 * file that is not SQLite fails here with `SQLITE_NOTADB`.
 */
export function inspectSchema(db: Database.Database): SchemaState {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all()
    .map((row) => row.name);
  if (tables.length === 0) return { kind: 'empty' };
  if (!tables.includes(schemaVersionTable)) return { kind: 'foreign', tables };
  const row = db
    .prepare<[], { version: number | null }>(`SELECT max(version) AS version FROM ${schemaVersionTable}`)
    .get();
  return { kind: 'pressluft', version: row?.version ?? 0 };
}

/** The refusal for a database written by a newer version; it is never touched. */
export function schemaTooNew(version: number, location: string): StoreError {
  return new StoreError({
    code: 'STORE_SCHEMA_TOO_NEW',
    message: `The database ${location} has schema version ${version}; this version of Pressluft knows up to ${latestSchemaVersion}. It was left unchanged.`,
    details: { schemaVersion: version, supportedVersion: latestSchemaVersion },
  });
}

/**
 * Apply every migration newer than the database, each in its own `BEGIN IMMEDIATE` transaction together
 * with its row in the version table, so a crash leaves the database at a whole version. The version is
 * read again inside the transaction: another process may have migrated in the meantime.
 */
export function applyMigrations(
  db: Database.Database,
  now: number,
  location: string,
  all: readonly SqliteMigration[] = migrations,
): Result<number, StoreError> {
  const newest = all[all.length - 1]?.version ?? 0;
  const step = db.transaction((migration: SqliteMigration): Result<void, StoreError> => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${schemaVersionTable} (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`,
    );
    const current =
      db
        .prepare<[], { version: number | null }>(`SELECT max(version) AS version FROM ${schemaVersionTable}`)
        .get()?.version ?? 0;
    if (current > newest) return err(schemaTooNew(current, location));
    if (current >= migration.version) return ok(undefined);
    db.exec(migration.sql);
    db.prepare(`INSERT INTO ${schemaVersionTable} (version, name, applied_at) VALUES (?, ?, ?)`).run(
      migration.version,
      migration.name,
      now,
    );
    return ok(undefined);
  });
  for (const migration of all) {
    const applied = step.immediate(migration);
    if (applied.isErr()) return err(applied.error);
  }
  return ok(newest);
}
