import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStoreConformance, type StoreReadBack } from '@pressluft/core/conformance';
import Database from 'better-sqlite3';
import { createSqliteStore, type SqliteStore } from '../src/index.js';
import { temporaryDirectory } from './temporary-directory.js';

interface OpenStore {
  readonly store: SqliteStore;
  readonly raw: Database.Database;
  readonly remove: () => void;
}

const opened = new WeakMap<SqliteStore, OpenStore>();

/** Reads what the store wrote with plain SQL on a second connection, around the store's own read path. */
function sqlReadBack(raw: Database.Database): StoreReadBack {
  return {
    job: (id) =>
      (raw
        .prepare(
          `SELECT status, attempts, max_attempts AS maxAttempts, run_at AS runAt, lease_owner AS leaseOwner,
             lease_token AS leaseToken, lease_expires_at AS leaseExpiresAt, checkpoint, current_step AS currentStep,
             dedupe_key AS dedupeKey, cancel_requested AS cancelRequested, last_error_code AS lastErrorCode,
             last_error_message AS lastErrorMessage, finished_at AS finishedAt
           FROM jobs WHERE id = ?`,
        )
        .get(id) as never) ?? null,
    jobEvents: (jobId) =>
      raw.prepare('SELECT seq, type, at FROM job_events WHERE job_id = ? ORDER BY seq').all(jobId) as never,
    node: (id) =>
      (raw
        .prepare(
          `SELECT status, provider_id AS providerId, idempotency_key AS idempotencyKey,
             provider_server_id AS providerServerId, last_error_code AS lastErrorCode
           FROM nodes WHERE id = ?`,
        )
        .get(id) as never) ?? null,
    providerConnection: (id) =>
      (raw
        .prepare('SELECT name, sealed_token AS sealedToken, status FROM provider_connections WHERE id = ?')
        .get(id) as never) ?? null,
    managedSshKey: (providerId) =>
      (raw
        .prepare(
          `SELECT provider_key_id AS providerKeyId, fingerprint_sha256 AS fingerprintSha256,
             sealed_private_key AS sealedPrivateKey
           FROM managed_ssh_keys WHERE provider_id = ?`,
        )
        .get(providerId) as never) ?? null,
    rawText: () => {
      // Every text value of every table, plus the file bytes (the WAL included), so no plaintext can hide.
      const tables = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      const parts: string[] = [];
      for (const table of tables) {
        for (const row of raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
          for (const value of Object.values(row)) if (typeof value === 'string') parts.push(value);
        }
      }
      for (const file of [raw.name, `${raw.name}-wal`]) {
        if (existsSync(file)) parts.push(readFileSync(file).toString('latin1'));
      }
      return parts.join('\n');
    },
  };
}

runStoreConformance<SqliteStore>({
  name: 'sqlite',
  async createStore() {
    const directory = temporaryDirectory();
    const path = join(directory.path, 'pressluft.db');
    const result = await createSqliteStore({ path });
    if (result.isErr()) throw result.error;
    const raw = new Database(path);
    opened.set(result.value, { store: result.value, raw, remove: directory.remove });
    return result.value;
  },
  readBack: (store) => sqlReadBack((opened.get(store) as OpenStore).raw),
  async destroyStore(store) {
    const entry = opened.get(store);
    await store.close();
    entry?.raw.close();
    entry?.remove();
  },
});
