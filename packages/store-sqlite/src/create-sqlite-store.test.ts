import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test/temporary-directory.js';
import { createSqliteStore } from './create-sqlite-store.js';
import { latestSchemaVersion } from './migrations/migrations.js';

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

async function open(options: Parameters<typeof createSqliteStore>[0]) {
  const result = await createSqliteStore(options);
  if (result.isErr()) throw result.error;
  return result.value;
}

describe('createSqliteStore', () => {
  it('creates the schema, records the version and sets WAL, synchronous and foreign keys', async () => {
    const path = join(directory.path, 'pressluft.db');
    const store = await open({ path, clock: { now: () => 1234 } });
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.prepare('SELECT version, name, applied_at FROM pressluft_schema_version').all()).toEqual([
        { version: 1, name: 'initial', applied_at: 1234 },
        { version: 2, name: 'lists-and-node-changes', applied_at: 1234 },
      ]);
      const tables = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => (row as { name: string }).name);
      expect(tables).toEqual([
        'job_events',
        'jobs',
        'managed_ssh_keys',
        'nodes',
        'pressluft_schema_version',
        'pressluft_sequences',
        'provider_connections',
      ]);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    // The connection settings are per connection: read them through a handle the store configured.
    const handle = new Database(path);
    const viaHandle = await open({ database: handle, synchronous: 'FULL', busyTimeoutMs: 1500 });
    expect(handle.pragma('synchronous', { simple: true })).toBe(2);
    expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.pragma('busy_timeout', { simple: true })).toBe(1500);
    await viaHandle.close();
    expect(handle.open).toBe(true);
    handle.close();
    await store.close();
  });

  it('creates the database and its WAL and shared-memory files readable by their owner only (0600)', async () => {
    const path = join(directory.path, 'pressluft.db');
    const previous = process.umask(0o022);
    try {
      const store = await open({ path });
      const modes = ['', '-wal', '-shm'].map((suffix) => statSync(`${path}${suffix}`).mode & 0o777);
      expect(modes).toEqual([0o600, 0o600, 0o600]);
      await store.close();
    } finally {
      process.umask(previous);
    }
  });

  it('defaults to synchronous NORMAL', async () => {
    const handle = new Database(join(directory.path, 'normal.db'));
    const store = await open({ database: handle });
    expect(handle.pragma('synchronous', { simple: true })).toBe(1);
    await store.close();
    handle.close();
  });

  it('keeps data across a reopen and does not apply a migration twice', async () => {
    const path = join(directory.path, 'pressluft.db');
    const first = await open({ path });
    const enqueued = (await first.enqueueJob({ kind: 'noop', payload: { n: 1 } }, 10))._unsafeUnwrap();
    await first.close();
    const second = await open({ path });
    const job = (await second.getJob(enqueued.job.id))._unsafeUnwrap();
    expect(job?.payload).toEqual({ n: 1 });
    await second.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM pressluft_schema_version').get()).toEqual({
      n: latestSchemaVersion,
    });
    raw.close();
  });

  it('fails every operation with STORE_UNAVAILABLE after close', async () => {
    const store = await open({ path: ':memory:' });
    await store.close();
    const result = await store.getJob('job_x');
    expect(result._unsafeUnwrapErr().code).toBe('STORE_UNAVAILABLE');
    const transaction = await store.transaction((tx) => tx.getJob('job_x'));
    expect(transaction._unsafeUnwrapErr().code).toBe('STORE_UNAVAILABLE');
  });

  it('truncates the WAL by itself once it grows past the threshold', async () => {
    const path = join(directory.path, 'pressluft.db');
    const store = await open({ path, walCheckpointIntervalMs: 10, walCheckpointThresholdBytes: 64 * 1024 });
    const { statSync } = await import('node:fs');
    for (let index = 0; index < 100; index++) {
      (await store.enqueueJob({ kind: 'noop', payload: { pad: 'x'.repeat(2000) } }, index))._unsafeUnwrap();
    }
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(64 * 1024);
    while (statSync(`${path}-wal`).size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await store.listJobs())._unsafeUnwrap()).toHaveLength(100);
    await store.close();
  });

  it('truncates the WAL on checkpoint()', async () => {
    const path = join(directory.path, 'pressluft.db');
    const store = await open({ path, walCheckpointIntervalMs: 0 });
    for (let index = 0; index < 200; index++) {
      (await store.enqueueJob({ kind: 'noop', payload: { pad: 'x'.repeat(500) } }, index))._unsafeUnwrap();
    }
    const { statSync } = await import('node:fs');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    (await store.checkpoint())._unsafeUnwrap();
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect((await store.listJobs())._unsafeUnwrap()).toHaveLength(200);
    await store.close();
  });
});
