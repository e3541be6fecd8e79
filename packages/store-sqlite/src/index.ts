/**
 * `@pressluft/store-sqlite`: Pressluft's `Store` on SQLite (better-sqlite3), the embedded default
 * that needs no database server. WAL, numbered migrations, a one-statement job claim and lease-fenced
 * job writes.
 *
 * @packageDocumentation
 */

export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './create-sqlite-store.js';
export { mapSqliteError, type SqliteErrorContext } from './map-sqlite-error.js';
export { latestSchemaVersion } from './migrations/migrations.js';
