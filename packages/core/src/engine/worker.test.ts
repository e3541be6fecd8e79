import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { JobError, ProviderError } from '../errors/error-families.js';
import { backoffDelay } from '../jobs/backoff.js';
import type { JobRecord } from '../model/job.js';
import type { Store } from '../spec/store.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { waitUntil } from '../testing/wait-until.js';
import type { JobContext, JobKindDefinition } from './job-kind.js';
import { createWorker, type Worker } from './worker.js';

const fastBackoff = { baseMs: 20, factor: 2, capMs: 1_000 };

function kind(
  name: string,
  run: JobKindDefinition['run'],
  overrides: Partial<JobKindDefinition> = {},
): JobKindDefinition {
  return { kind: name, run, timeoutMs: 5_000, maxAttempts: 3, backoff: fastBackoff, ...overrides };
}

async function jobIn(store: Store, id: string, statuses: JobRecord['status'][]): Promise<JobRecord> {
  return waitUntil(
    async () => {
      const job = (await store.getJob(id))._unsafeUnwrap();
      return job !== null && statuses.includes(job.status) ? job : undefined;
    },
    `job ${id} to be ${statuses.join('/')}`,
  );
}

const workers: Worker[] = [];
function start(worker: Worker): Worker {
  workers.push(worker);
  worker.start();
  return worker;
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop({ graceMs: 100 })));
});

describe('worker', () => {
  it('runs a job to success and logs queued, started and succeeded events in order', async () => {
    const store = createMemoryStore();
    const seen: string[] = [];
    const worker = start(
      createWorker({
        store,
        kinds: [kind('echo', (context) => okAsync(void seen.push(context.job.id)))],
        pollIntervalMs: 20,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'echo', payload: { hello: 'world' } }))._unsafeUnwrap();
    const done = await jobIn(store, job.id, ['succeeded']);
    expect(seen).toEqual([job.id]);
    expect(done.attempts).toBe(1);
    expect(done.leaseToken).toBeNull();
    const events = (await store.listJobEvents(job.id))._unsafeUnwrap();
    expect(events.map((event) => event.type)).toEqual(['job-queued', 'job-started', 'job-succeeded']);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('retries a retryable error with the deterministic backoff stored in runAt, then fails with the code', async () => {
    const store = createMemoryStore();
    const worker = start(
      createWorker({
        store,
        kinds: [
          kind('flaky', () =>
            errAsync(new ProviderError({ code: 'PROVIDER_UNAVAILABLE', message: 'the API answered 503' })),
          ),
        ],
        pollIntervalMs: 10,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'flaky' }))._unsafeUnwrap();
    const failed = await jobIn(store, job.id, ['failed']);
    expect(failed.attempts).toBe(3);
    expect(failed.lastErrorCode).toBe('PROVIDER_UNAVAILABLE');
    const events = (await store.listJobEvents(job.id))._unsafeUnwrap();
    const retries = events.filter((event) => event.type === 'job-retry-scheduled');
    expect(retries).toHaveLength(2);
    // runAt = the settle time + base·factor^(attempt-1): 20 ms after attempt 1, 40 ms after attempt 2.
    retries.forEach((event, index) => {
      expect(event.data['runAt']).toBe(event.at + backoffDelay(fastBackoff, index + 1));
    });
    expect(events.at(-1)?.type).toBe('job-failed');
  });

  it('fails at once on a non-retryable error', async () => {
    const store = createMemoryStore();
    let runs = 0;
    const worker = start(
      createWorker({
        store,
        kinds: [
          kind('quota', () => {
            runs += 1;
            return errAsync(
              new ProviderError({ code: 'PROVIDER_QUOTA_EXCEEDED', message: 'server limit reached' }),
            );
          }),
        ],
        pollIntervalMs: 10,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'quota' }))._unsafeUnwrap();
    const failed = await jobIn(store, job.id, ['failed']);
    expect(runs).toBe(1);
    expect(failed.lastErrorCode).toBe('PROVIDER_QUOTA_EXCEEDED');
  });

  it('keeps capacity errors out of a hot loop: the retry waits at least five minutes', async () => {
    const store = createMemoryStore();
    const worker = start(
      createWorker({
        store,
        kinds: [
          kind('capacity', () =>
            errAsync(
              new ProviderError({ code: 'PROVIDER_CAPACITY_UNAVAILABLE', message: 'no capacity in fsn1' }),
            ),
          ),
        ],
        pollIntervalMs: 10,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'capacity' }))._unsafeUnwrap();
    await waitUntil(async () => {
      const events = (await store.listJobEvents(job.id))._unsafeUnwrap();
      return events.find((event) => event.type === 'job-retry-scheduled');
    }, 'a retry').then((event) => {
      expect(Number(event.data['runAt']) - event.at).toBeGreaterThanOrEqual(5 * 60_000);
    });
  });

  it('aborts a job that runs past its kind timeout with JOB_TIMEOUT', async () => {
    const store = createMemoryStore();
    const worker = start(
      createWorker({
        store,
        kinds: [kind('slow', (context) => waitForAbort(context), { timeoutMs: 50, maxAttempts: 1 })],
        pollIntervalMs: 10,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'slow' }))._unsafeUnwrap();
    const failed = await jobIn(store, job.id, ['failed']);
    expect(failed.lastErrorCode).toBe('JOB_TIMEOUT');
  });

  it('delivers cancellation to the running handler through its AbortSignal', async () => {
    const store = createMemoryStore();
    const worker = start(
      createWorker({
        store,
        kinds: [kind('long', (context) => waitForAbort(context))],
        pollIntervalMs: 10,
        leaseMs: 300,
        heartbeatIntervalMs: 20,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'long' }))._unsafeUnwrap();
    await jobIn(store, job.id, ['running']);
    (await store.requestJobCancel(job.id, Date.now()))._unsafeUnwrap();
    const cancelled = await jobIn(store, job.id, ['cancelled']);
    expect(cancelled.lastErrorCode).toBe('JOB_CANCELLED');
  });

  it('reaps the expired lease of a crashed worker and retries through the same path', async () => {
    const store = createMemoryStore();
    const { job } = (await store.enqueueJob({ kind: 'work' }, Date.now()))._unsafeUnwrap();
    // A worker that claims and then dies: its lease runs out and nobody renews it.
    const claimed = (
      await store.claimJobs({ owner: 'dead', limit: 1, leaseMs: 30, now: Date.now() })
    )._unsafeUnwrap();
    expect(claimed.map((claim) => claim.id)).toEqual([job.id]);
    start(
      createWorker({
        store,
        kinds: [kind('work', () => okAsync(undefined))],
        pollIntervalMs: 10,
        reapIntervalMs: 20,
      }),
    );
    const done = await jobIn(store, job.id, ['succeeded']);
    expect(done.attempts).toBe(2);
    const types = (await store.listJobEvents(job.id))._unsafeUnwrap().map((event) => event.type);
    expect(types).toContain('job-retry-scheduled');
  });

  it('never lets an attempt that lost its lease overwrite the attempt that replaced it', async () => {
    const store = createMemoryStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = start(
      createWorker({
        store,
        kinds: [kind('gated', () => ResultAsync.fromSafePromise(gate))],
        pollIntervalMs: 10,
        leaseMs: 60_000,
        heartbeatIntervalMs: 60_000,
      }),
    );
    const { job } = (await worker.enqueue({ kind: 'gated' }))._unsafeUnwrap();
    const running = await jobIn(store, job.id, ['running']);
    // Someone else settles the attempt (as a reaper would after the lease expired) and the job is done.
    (
      await store.settleJob({
        jobId: job.id,
        leaseToken: running.leaseToken ?? '',
        outcome: { status: 'failed', errorCode: 'JOB_LEASE_EXPIRED', errorMessage: 'reaped' },
        now: Date.now(),
      })
    )._unsafeUnwrap();
    release();
    await waitUntil(async () => (worker.activeCount === 0 ? true : undefined), 'the zombie attempt to end');
    const after = (await store.getJob(job.id))._unsafeUnwrap();
    expect(after?.status).toBe('failed');
    expect(after?.lastErrorCode).toBe('JOB_LEASE_EXPIRED');
  });

  it('settles attempts that end together in one settleJobs call; a lost lease fails only its own attempt', async () => {
    const memory = createMemoryStore();
    const batches: number[] = [];
    // The same store, except that the size of every batched settle is recorded.
    const store: Store = {
      ...memory,
      transaction: (fn) =>
        memory.transaction((tx) =>
          fn({
            ...tx,
            settleJobs: (inputs) => {
              batches.push(inputs.length);
              return tx.settleJobs(inputs);
            },
          }),
        ),
    };
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = start(
      createWorker({
        store,
        kinds: [kind('gated', () => ResultAsync.fromSafePromise(gate))],
        concurrency: 4,
        pollIntervalMs: 10,
        leaseMs: 60_000,
        heartbeatIntervalMs: 60_000,
      }),
    );
    const ids: string[] = [];
    for (let index = 0; index < 4; index++) {
      ids.push((await worker.enqueue({ kind: 'gated' }))._unsafeUnwrap().job.id);
    }
    const running = await Promise.all(ids.map((id) => jobIn(memory, id, ['running'])));
    const stolen = running[1] as JobRecord;
    // Another worker's reaper settled this attempt: the worker's own settle of it must write nothing.
    (
      await memory.settleJob({
        jobId: stolen.id,
        leaseToken: stolen.leaseToken ?? '',
        outcome: { status: 'queued', runAt: Date.now() + 3_600_000, errorCode: 'JOB_LEASE_EXPIRED' },
        now: Date.now(),
      })
    )._unsafeUnwrap();
    release();
    for (const id of ids.filter((id) => id !== stolen.id)) await jobIn(memory, id, ['succeeded']);
    await waitUntil(async () => (worker.activeCount === 0 ? true : undefined), 'every attempt to end');
    expect(batches, 'the four attempts that ended in one turn were settled in one call').toEqual([4]);
    const after = (await memory.getJob(stolen.id))._unsafeUnwrap();
    expect(after, 'the attempt that lost its lease changed nothing').toMatchObject({
      status: 'queued',
      lastErrorCode: 'JOB_LEASE_EXPIRED',
      leaseToken: null,
    });
    const events = (await memory.listJobEvents(stolen.id))._unsafeUnwrap();
    expect(events.map((event) => event.type)).toEqual(['job-queued', 'job-started']);
    for (const id of ids.filter((id) => id !== stolen.id)) {
      const types = (await memory.listJobEvents(id))._unsafeUnwrap().map((event) => event.type);
      expect(types).toEqual(['job-queued', 'job-started', 'job-succeeded']);
    }
  });

  it('on shutdown releases unfinished jobs back to the queue and gives their attempt back', async () => {
    const store = createMemoryStore();
    const worker = createWorker({
      store,
      kinds: [kind('stubborn', () => ResultAsync.fromSafePromise(new Promise<void>(() => {})))],
      pollIntervalMs: 10,
    });
    worker.start();
    const { job } = (await worker.enqueue({ kind: 'stubborn' }))._unsafeUnwrap();
    await jobIn(store, job.id, ['running']);
    await worker.stop({ graceMs: 20 });
    const released = (await store.getJob(job.id))._unsafeUnwrap();
    expect(released?.status).toBe('queued');
    expect(released?.attempts).toBe(0);
    expect(released?.leaseToken).toBeNull();
    const types = (await store.listJobEvents(job.id))._unsafeUnwrap().map((event) => event.type);
    expect(types.at(-1)).toBe('job-released');
  });

  it('a handler that throws fails with JOB_HANDLER_FAILED instead of crashing the worker', async () => {
    const store = createMemoryStore();
    const worker = start(
      createWorker({
        store,
        kinds: [
          kind('buggy', () => {
            throw new TypeError('undefined is not a function');
          }),
          kind('fine', () => okAsync(undefined)),
        ],
        pollIntervalMs: 10,
      }),
    );
    const { job: buggy } = (await worker.enqueue({ kind: 'buggy' }))._unsafeUnwrap();
    const { job: fine } = (await worker.enqueue({ kind: 'fine' }))._unsafeUnwrap();
    expect((await jobIn(store, buggy.id, ['failed'])).lastErrorCode).toBe('JOB_HANDLER_FAILED');
    expect((await jobIn(store, fine.id, ['succeeded'])).status).toBe('succeeded');
  });

  it('runs up to its concurrency at once and no more', async () => {
    const store = createMemoryStore();
    let running = 0;
    let peak = 0;
    const worker = start(
      createWorker({
        store,
        concurrency: 3,
        kinds: [
          kind('count', () =>
            ResultAsync.fromSafePromise(
              (async () => {
                running += 1;
                peak = Math.max(peak, running);
                await new Promise((resolve) => setTimeout(resolve, 30));
                running -= 1;
              })(),
            ),
          ),
        ],
        pollIntervalMs: 10,
      }),
    );
    const ids: string[] = [];
    for (let index = 0; index < 9; index++)
      ids.push((await worker.enqueue({ kind: 'count' }))._unsafeUnwrap().job.id);
    for (const id of ids) await jobIn(store, id, ['succeeded']);
    expect(peak).toBe(3);
  });
});

function waitForAbort(context: JobContext): ResultAsync<void, JobError> {
  return ResultAsync.fromSafePromise(
    new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true })),
  ).andThen(() => errAsync(new JobError({ code: 'JOB_CANCELLED', message: 'aborted' })));
}
