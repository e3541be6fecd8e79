import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { mountTmpfs, remountReadOnly, unmount } from './mounts.js';
import { temporaryDirectory } from './temporary-directory.js';

let directory: { path: string; remove: () => void };
const mounted: string[] = [];
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => {
  for (const path of mounted.splice(0)) unmount(path);
  directory.remove();
});

const fingerprint = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function openOrThrow(path: string) {
  const result = await createSqliteStore({ path });
  if (result.isErr()) throw result.error;
  return result.value;
}

describe('bad input', () => {
  it('refuses a file that is not SQLite with STORE_CORRUPT and leaves it byte for byte', async () => {
    const path = join(directory.path, 'pressluft.db');
    writeFileSync(path, 'this is a text file, not a database\n'.repeat(300));
    const before = fingerprint(path);
    const result = await createSqliteStore({ path });
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(path);
    expect(error.details).toEqual({ sqliteCode: 'SQLITE_NOTADB' });
    expect(fingerprint(path)).toBe(before);
    expect(readdirSync(directory.path)).toEqual(['pressluft.db']);
  });

  it("refuses another program's SQLite database with STORE_CORRUPT and leaves it unchanged", async () => {
    const path = join(directory.path, 'other.db');
    const other = new Database(path);
    other.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)',
    );
    other.close();
    const before = fingerprint(path);
    const error = (await createSqliteStore({ path }))._unsafeUnwrapErr();
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain('invoices');
    expect(fingerprint(path)).toBe(before);
  });

  it('refuses a database from a newer schema version with STORE_SCHEMA_TOO_NEW and leaves it unchanged', async () => {
    const path = join(directory.path, 'pressluft.db');
    const store = await openOrThrow(path);
    const job = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap().job;
    await store.close();
    const newer = new Database(path);
    newer
      .prepare('INSERT INTO pressluft_schema_version (version, name, applied_at) VALUES (?, ?, ?)')
      .run(99, 'future', 2);
    newer.pragma('wal_checkpoint(TRUNCATE)');
    newer.close();
    const before = fingerprint(path);
    const error = (await createSqliteStore({ path }))._unsafeUnwrapErr();
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.details).toEqual({ schemaVersion: 99, supportedVersion: 2 });
    expect(fingerprint(path)).toBe(before);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT id FROM jobs').all()).toEqual([{ id: job.id }]);
    raw.close();
  });

  it('reports STORE_READ_ONLY for a read-only directory, for a new and for an existing database', async () => {
    const readOnly = join(directory.path, 'read-only');
    mkdirSync(readOnly);
    // As root, permission bits do not stop writes, so a read-only mount makes the directory really
    // read-only; an ordinary user gets the same effect from the permission bits.
    const viaMount = mountTmpfs(readOnly, 'size=4m');
    if (viaMount) mounted.push(readOnly);
    const existing = join(readOnly, 'pressluft.db');
    const store = await openOrThrow(existing);
    const job = (await store.enqueueJob({ kind: 'noop', payload: { keep: true } }, 1))._unsafeUnwrap().job;
    await store.close();
    const before = fingerprint(existing);
    if (viaMount) remountReadOnly(readOnly);
    else chmodSync(readOnly, 0o555);
    try {
      const forNew = (await createSqliteStore({ path: join(readOnly, 'new.db') }))._unsafeUnwrapErr();
      expect(forNew.code).toBe('STORE_READ_ONLY');
      const forExisting = (await createSqliteStore({ path: existing }))._unsafeUnwrapErr();
      expect(forExisting.code).toBe('STORE_READ_ONLY');
      expect(fingerprint(existing)).toBe(before);
      // Reading a WAL database needs its -shm file next to it, so read a copy from a writable place.
      const copy = join(directory.path, 'copy.db');
      copyFileSync(existing, copy);
      const raw = new Database(copy, { readonly: true, fileMustExist: true });
      expect(raw.prepare('SELECT payload FROM jobs WHERE id = ?').get(job.id)).toEqual({
        payload: '{"keep":true}',
      });
      raw.close();
    } finally {
      if (!viaMount) chmodSync(readOnly, 0o755);
    }
  });

  it('reports STORE_UNAVAILABLE when the directory does not exist', async () => {
    const error = (
      await createSqliteStore({ path: join(directory.path, 'missing', 'x.db') })
    )._unsafeUnwrapErr();
    expect(error.code).toBe('STORE_UNAVAILABLE');
  });

  // A tiny tmpfs is a real full disk (root only); the page limit makes SQLite report the same SQLITE_FULL
  // for anyone, and stands in for the tmpfs when mounting is not permitted.
  it.each(['tiny tmpfs', 'page limit'])(
    'reports STORE_DISK_FULL when the disk fills up (%s), rolls the write back and keeps earlier data',
    async (mode) => {
      const small = join(directory.path, 'small');
      mkdirSync(small);
      const viaMount = mode === 'tiny tmpfs' && mountTmpfs(small, 'size=256k');
      if (viaMount) mounted.push(small);
      const path = join(small, 'pressluft.db');
      const handle = viaMount ? undefined : new Database(path);
      const opened = await createSqliteStore(handle === undefined ? { path } : { database: handle });
      if (opened.isErr()) throw opened.error;
      const store = opened.value;
      if (handle !== undefined)
        handle.pragma(`max_page_count = ${(handle.pragma('page_count', { simple: true }) as number) + 40}`);
      const written: string[] = [];
      let failure: { code: string } | undefined;
      for (let index = 0; index < 10_000 && failure === undefined; index++) {
        const result = await store.enqueueJob(
          { kind: 'noop', payload: { index, pad: 'x'.repeat(4000) } },
          index,
        );
        if (result.isOk()) written.push(result.value.job.id);
        else failure = result.error;
      }
      expect(failure?.code).toBe('STORE_DISK_FULL');
      expect(written.length).toBeGreaterThan(0);
      // Everything acknowledged before the failure is still there, and the failed enqueue left no trace.
      const jobs = (await store.listJobs())._unsafeUnwrap();
      expect(jobs.map((job) => job.id).sort()).toEqual([...written].sort());
      for (const id of written) {
        expect((await store.listJobEvents(id))._unsafeUnwrap().map((event) => event.type)).toEqual([
          'job-queued',
        ]);
      }
      await store.close();
      handle?.close();
      const raw = new Database(path, { readonly: true, fileMustExist: true });
      expect(raw.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: written.length });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    },
  );
});
