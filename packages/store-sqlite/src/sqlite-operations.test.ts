import { join } from 'node:path';
import type { SealedSecret } from '@pressluft/core';
import Database from 'better-sqlite3';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../test/temporary-directory.js';
import { createSqliteStore, type SqliteStore } from './create-sqlite-store.js';
import { jobColumns } from './row-mappers.js';

let directory: { path: string; remove: () => void };
let path: string;
let store: SqliteStore;
let raw: Database.Database;

beforeEach(async () => {
  directory = temporaryDirectory();
  path = join(directory.path, 'pressluft.db');
  store = (await createSqliteStore({ path }))._unsafeUnwrap();
  raw = new Database(path);
});
afterEach(async () => {
  raw.close();
  await store.close();
  directory.remove();
});

const sealed = (keyId: string) => `pls1.${keyId}.aXY.Y2lwaGVy.dGFn` as SealedSecret;

describe('SQLite store operations', () => {
  it('claims through the partial index of queued rows, in one UPDATE … RETURNING', () => {
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN UPDATE jobs SET status = 'running' WHERE id IN
           (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= 5 ORDER BY run_at, id LIMIT 3)`,
      )
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('jobs_queued');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('maps claimed and settled rows (returned as arrays) exactly like a full row read', async () => {
    expect(jobColumns).toEqual(
      raw.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all('jobs'),
    );
    const queued = (
      await store.enqueueJob(
        { kind: 'noop', payload: { size: 3 }, checkpoint: { step: 'a' }, dedupeKey: 'k' },
        10,
      )
    )._unsafeUnwrap().job;
    const [claimed] = (
      await store.claimJobs({ owner: 'worker-a', limit: 1, leaseMs: 1_000, now: 20 })
    )._unsafeUnwrap();
    expect(claimed).toEqual((await store.getJob(queued.id))._unsafeUnwrap());
    const settled = (
      await store.settleJob({
        jobId: queued.id,
        leaseToken: claimed?.leaseToken ?? '',
        outcome: { status: 'failed', errorCode: 'JOB_HANDLER_FAILED', errorMessage: 'no' },
        now: 30,
      })
    )._unsafeUnwrap();
    expect(settled).toEqual((await store.getJob(queued.id))._unsafeUnwrap());
    expect(settled).toMatchObject({ status: 'failed', payload: { size: 3 }, checkpoint: { step: 'a' } });
  });

  it('hands out fresh random lease tokens and counts the attempt at claim', async () => {
    for (let index = 0; index < 5; index++)
      (await store.enqueueJob({ kind: 'noop' }, 100 + index))._unsafeUnwrap();
    const claimed = (
      await store.claimJobs({ owner: 'w', limit: 5, leaseMs: 1000, now: 200 })
    )._unsafeUnwrap();
    expect(claimed).toHaveLength(5);
    expect(claimed.map((job) => job.runAt)).toEqual([100, 101, 102, 103, 104]);
    const tokens = new Set(claimed.map((job) => job.leaseToken));
    expect(tokens.size).toBe(5);
    for (const job of claimed) {
      expect(job.leaseToken).toMatch(/^[0-9a-f]{32}$/);
      expect(
        raw.prepare('SELECT attempts, lease_token, lease_expires_at FROM jobs WHERE id = ?').get(job.id),
      ).toEqual({
        attempts: 1,
        lease_token: job.leaseToken,
        lease_expires_at: 1200,
      });
    }
  });

  it('refuses a stale lease after the job was reclaimed and writes nothing', async () => {
    const { job } = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap();
    const [first] = (await store.claimJobs({ owner: 'a', limit: 1, leaseMs: 10, now: 1 }))._unsafeUnwrap();
    // The reaper sends the expired attempt back to the queue, and another worker takes it.
    (
      await store.settleJob({
        jobId: job.id,
        leaseToken: first?.leaseToken ?? '',
        outcome: { status: 'queued', runAt: 20, errorCode: 'JOB_LEASE_EXPIRED', errorMessage: 'expired' },
        now: 20,
      })
    )._unsafeUnwrap();
    const [second] = (
      await store.claimJobs({ owner: 'b', limit: 1, leaseMs: 1000, now: 20 })
    )._unsafeUnwrap();
    const before = raw.prepare('SELECT * FROM jobs WHERE id = ?').get(job.id);
    const stale = { jobId: job.id, leaseToken: first?.leaseToken ?? '' };
    const attempts = [
      await store.settleJob({ ...stale, outcome: { status: 'succeeded' }, now: 30 }),
      await store.checkpointJob({ ...stale, checkpoint: { step: 1 }, currentStep: 'x', now: 30 }),
      await store.heartbeatJob({ ...stale, leaseMs: 1000, now: 30 }),
    ];
    for (const attempt of attempts) expect(attempt._unsafeUnwrapErr().code).toBe('JOB_LEASE_LOST');
    expect(raw.prepare('SELECT * FROM jobs WHERE id = ?').get(job.id)).toEqual(before);
    expect(second?.attempts).toBe(2);
    expect(second?.leaseOwner).toBe('b');
  });

  it('keeps job events append-only, even for raw SQL', async () => {
    const { job } = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap();
    expect(() =>
      raw.prepare("UPDATE job_events SET type = 'job-failed' WHERE job_id = ?").run(job.id),
    ).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM job_events WHERE job_id = ?').run(job.id)).toThrow(/append-only/);
    expect(raw.prepare('SELECT seq, type FROM job_events WHERE job_id = ?').all(job.id)).toEqual([
      { seq: 1, type: 'job-queued' },
    ]);
  });

  it('numbers events per job without gaps and refuses events of a missing job', async () => {
    const { job } = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap();
    const other = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap().job;
    for (const type of ['job-started', 'step-started', 'job-succeeded'] as const) {
      (await store.appendJobEvent({ jobId: job.id, type, at: 2 }))._unsafeUnwrap();
    }
    expect(
      raw.prepare('SELECT seq FROM job_events WHERE job_id = ? ORDER BY seq').pluck().all(job.id),
    ).toEqual([1, 2, 3, 4]);
    expect(raw.prepare('SELECT seq FROM job_events WHERE job_id = ?').pluck().all(other.id)).toEqual([1]);
    const missing = await store.appendJobEvent({ jobId: 'job_missing', type: 'job-started', at: 2 });
    expect(missing._unsafeUnwrapErr().code).toBe('NOT_FOUND');
  });

  it('dedupes unfinished jobs through the partial unique index, and allows a new one after the first finished', async () => {
    const first = (await store.enqueueJob({ kind: 'noop', dedupeKey: 'node-1' }, 1))._unsafeUnwrap();
    const again = (await store.enqueueJob({ kind: 'noop', dedupeKey: 'node-1' }, 2))._unsafeUnwrap();
    expect(again).toEqual({ job: first.job, created: false });
    expect(raw.prepare("SELECT count(*) FROM jobs WHERE dedupe_key = 'node-1'").pluck().get()).toBe(1);
    const [claimed] = (await store.claimJobs({ owner: 'w', limit: 1, leaseMs: 100, now: 3 }))._unsafeUnwrap();
    const whileRunning = (await store.enqueueJob({ kind: 'noop', dedupeKey: 'node-1' }, 4))._unsafeUnwrap();
    expect(whileRunning.created).toBe(false);
    (
      await store.settleJob({
        jobId: first.job.id,
        leaseToken: claimed?.leaseToken ?? '',
        outcome: { status: 'succeeded' },
        now: 5,
      })
    )._unsafeUnwrap();
    const afterwards = (await store.enqueueJob({ kind: 'noop', dedupeKey: 'node-1' }, 6))._unsafeUnwrap();
    expect(afterwards.created).toBe(true);
    expect(afterwards.job.id).not.toBe(first.job.id);
    expect(raw.prepare("SELECT count(*) FROM jobs WHERE dedupe_key = 'node-1'").pluck().get()).toBe(2);
  });

  it('stores the sealed token as given, with its key id in a column of its own', async () => {
    const connection = (
      await store.createProviderConnection({ type: 'hetzner', name: 'main', sealedToken: sealed('k1') }, 1)
    )._unsafeUnwrap();
    expect(raw.prepare('SELECT sealed_token, token_key_id FROM provider_connections').get()).toEqual({
      sealed_token: sealed('k1'),
      token_key_id: 'k1',
    });
    (await store.updateProviderConnection(connection.id, { sealedToken: sealed('k2') }, 2))._unsafeUnwrap();
    expect(raw.prepare('SELECT token_key_id FROM provider_connections').pluck().get()).toBe('k2');
  });

  it('gives the attempt back on a refunded release', async () => {
    const { job } = (await store.enqueueJob({ kind: 'noop' }, 1))._unsafeUnwrap();
    const [claimed] = (await store.claimJobs({ owner: 'w', limit: 1, leaseMs: 100, now: 1 }))._unsafeUnwrap();
    const released = (
      await store.settleJob({
        jobId: job.id,
        leaseToken: claimed?.leaseToken ?? '',
        outcome: { status: 'queued', runAt: 5, refundAttempt: true },
        now: 2,
      })
    )._unsafeUnwrap();
    expect(released).toMatchObject({
      status: 'queued',
      attempts: 0,
      runAt: 5,
      leaseToken: null,
      leaseOwner: null,
    });
    expect(raw.prepare('SELECT attempts, lease_token FROM jobs').get()).toEqual({
      attempts: 0,
      lease_token: null,
    });
  });
});

describe('SQLite store transactions', () => {
  it('commits on Ok and rolls back on Err', async () => {
    const committed = await store.transaction((tx) => tx.enqueueJob({ kind: 'kept' }, 1));
    expect(committed.isOk()).toBe(true);
    const rolledBack = await store.transaction((tx) =>
      tx.enqueueJob({ kind: 'dropped' }, 2).andThen(() => errAsync('changed my mind' as const)),
    );
    expect(rolledBack._unsafeUnwrapErr()).toBe('changed my mind');
    expect(raw.prepare('SELECT kind FROM jobs').pluck().all()).toEqual(['kept']);
    expect(raw.prepare('SELECT count(*) FROM job_events').pluck().get()).toBe(1);
  });

  it('rolls back when the callback throws, with STORE_FAILED', async () => {
    const result = await store.transaction((tx) =>
      tx.enqueueJob({ kind: 'dropped' }, 2).andThen(() => {
        throw new Error('boom');
      }),
    );
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'STORE_FAILED' });
    expect(raw.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
  });

  it('holds other operations of the store until the transaction ends, so nothing interleaves into it', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = store.transaction((tx) =>
      tx
        .enqueueJob({ kind: 'inside' }, 1)
        .andThen(() => {
          order.push('transaction wrote');
          return ResultAsync.fromSafePromise(gate);
        })
        .andThen(() => errAsync('roll back' as const)),
    );
    // Started while the transaction is open: must not land inside it (and so survive its rollback).
    const outside = store.enqueueJob({ kind: 'outside' }, 2).map((result) => {
      order.push('outside wrote');
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['transaction wrote']);
    release();
    expect((await transaction).isErr()).toBe(true);
    expect((await outside).isOk()).toBe(true);
    expect(order).toEqual(['transaction wrote', 'outside wrote']);
    expect(raw.prepare('SELECT kind FROM jobs').pluck().all()).toEqual(['outside']);
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    let leaked: Parameters<Parameters<SqliteStore['transaction']>[0]>[0] | undefined;
    (
      await store.transaction((tx) => {
        leaked = tx;
        return okAsync(undefined);
      })
    )._unsafeUnwrap();
    const late = await leaked?.enqueueJob({ kind: 'late' }, 1);
    expect(late?._unsafeUnwrapErr().code).toBe('STORE_FAILED');
    expect(raw.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
  });
});
