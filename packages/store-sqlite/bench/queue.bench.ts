// The queue benchmark: no-op jobs through the real engine worker (claim, job-started event, handler,
// fenced settle with its event in one transaction) on this store, on a real file on this machine's disk.
// Run: pnpm bench:queue  (options: --jobs=20000 --batched-jobs=50000 --samples=1000 --rounds=3 --full)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorker, defaultBackoff, type JobKindDefinition } from '@pressluft/core';
import Database from 'better-sqlite3';
import { okAsync } from 'neverthrow';
import { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from '../src/index.js';

const argument = (name: string, fallback: number): number => {
  const found = process.argv.find((value) => value.startsWith(`--${name}=`));
  return found === undefined ? fallback : Number(found.split('=')[1]);
};
const jobs = argument('jobs', 20_000);
const batchedJobs = argument('batched-jobs', 50_000);
const samples = argument('samples', 1_000);
const rounds = Math.max(1, argument('rounds', 3));
const withFull = process.argv.includes('--full');

const directory = mkdtempSync(join(tmpdir(), 'pressluft-bench-'));
let databaseCount = 0;

async function openStore(options: Partial<SqliteStoreOptions> = {}): Promise<SqliteStore> {
  const opened = await createSqliteStore({
    path: join(directory, `queue-${databaseCount++}.db`),
    ...options,
  });
  if (opened.isErr()) throw opened.error;
  return opened.value;
}

function noopKind(onStart?: () => void): JobKindDefinition {
  return {
    kind: 'noop',
    run: () => {
      onStart?.();
      return okAsync(undefined);
    },
    timeoutMs: 60_000,
    maxAttempts: 1,
    backoff: defaultBackoff,
  };
}

async function fill(store: SqliteStore, count: number): Promise<void> {
  const now = Date.now();
  const chunk = 5_000;
  for (let start = 0; start < count; start += chunk) {
    const size = Math.min(chunk, count - start);
    const result = await store.transaction((tx) => {
      let chain = tx.enqueueJob({ kind: 'noop' }, now);
      for (let index = 1; index < size; index++)
        chain = chain.andThen(() => tx.enqueueJob({ kind: 'noop' }, now));
      return chain;
    });
    if (result.isErr()) throw result.error;
  }
}

/** Drain `count` pre-inserted jobs; the clock starts at worker.start(), so setup is left out. */
async function drain(
  label: string,
  count: number,
  settings: { concurrency: number; claimBatchSize: number },
  storeOptions: Partial<SqliteStoreOptions> = {},
): Promise<number> {
  const store = await openStore(storeOptions);
  await fill(store, count);
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const worker = createWorker({
    store,
    kinds: [noopKind()],
    ...settings,
    leaseMs: 60_000,
    reapIntervalMs: 60_000,
    onEvent: (event) => {
      if (event.type === 'job-succeeded' && ++done === count) finish();
    },
  });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  worker.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await worker.stop({ graceMs: 1_000 });
  const raw = new Database(store.path ?? '', { readonly: true });
  const succeeded = raw
    .prepare("SELECT count(*) FROM jobs WHERE status = 'succeeded'")
    .pluck()
    .get() as number;
  raw.close();
  await store.close();
  if (succeeded !== count) throw new Error(`${label}: ${succeeded} of ${count} jobs succeeded`);
  const rate = count / seconds;
  console.log(
    `${label.padEnd(46)} ${String(count).padStart(6)} jobs in ${seconds.toFixed(2).padStart(6)} s = ${Math.round(rate).toLocaleString('en-US').padStart(7)} jobs/s` +
      ` (${Math.round((cpuSeconds * 1e6) / count)} µs CPU per job = ${Math.round(count / cpuSeconds).toLocaleString('en-US')} jobs per CPU-second)`,
  );
  return rate;
}

/** Enqueue → handler start on an idle queue, one job at a time, each waited for before the next. */
async function latency(count: number): Promise<void> {
  const store = await openStore();
  let enqueuedAt = 0;
  let onStarted: (ms: number) => void = () => undefined;
  let onSettled: () => void = () => undefined;
  const worker = createWorker({
    store,
    kinds: [noopKind(() => onStarted(performance.now() - enqueuedAt))],
    concurrency: 1,
    leaseMs: 60_000,
    reapIntervalMs: 60_000,
    onEvent: (event) => {
      if (event.type === 'job-succeeded') onSettled();
    },
  });
  worker.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const timings: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = new Promise<number>((resolve) => {
      onStarted = resolve;
    });
    const settled = new Promise<void>((resolve) => {
      onSettled = resolve;
    });
    enqueuedAt = performance.now();
    const enqueued = await worker.enqueue({ kind: 'noop' });
    if (enqueued.isErr()) throw enqueued.error;
    timings.push(await started);
    await settled;
  }
  await worker.stop({ graceMs: 1_000 });
  await store.close();
  timings.sort((a, b) => a - b);
  const at = (quantile: number) =>
    timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))] ?? 0;
  const average = timings.reduce((sum, value) => sum + value, 0) / timings.length;
  console.log(
    `enqueue→start, idle queue, ${count} sequential samples: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms ` +
      `(min ${at(0).toFixed(2)}, avg ${average.toFixed(2)}, max ${(timings[timings.length - 1] ?? 0).toFixed(2)})`,
  );
}

/**
 * The store alone, without the engine: claim `batch` jobs in one statement, then settle all of them with
 * their outcome events in one transaction. `perJob` settles with one `settleJob` and one `appendJobEvent`
 * call per job (the reference the acceptance of #15 names); otherwise with one `settleJobs` and one
 * `appendJobEvents` call per batch. Neither writes `job-started` events, which the engine does.
 */
async function storeOnly(count: number, batch: number, perJob: boolean): Promise<number> {
  const store = await openStore();
  await fill(store, count);
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  for (let done = 0; done < count; ) {
    const claimed = await store.claimJobs({ owner: 'bench', limit: batch, leaseMs: 60_000, now: Date.now() });
    if (claimed.isErr()) throw claimed.error;
    const now = Date.now();
    const settled = await store.transaction((tx) => {
      if (!perJob) {
        return tx
          .settleJobs(
            claimed.value.map((job) => ({
              jobId: job.id,
              leaseToken: job.leaseToken ?? '',
              outcome: { status: 'succeeded' as const },
              now,
            })),
          )
          .andThen(() =>
            tx.appendJobEvents(
              claimed.value.map((job) => ({ jobId: job.id, type: 'job-succeeded' as const, at: now })),
            ),
          );
      }
      let chain = okAsync<unknown, unknown>(undefined);
      for (const job of claimed.value) {
        chain = chain
          .andThen(() =>
            tx.settleJob({
              jobId: job.id,
              leaseToken: job.leaseToken ?? '',
              outcome: { status: 'succeeded' },
              now,
            }),
          )
          .andThen(() => tx.appendJobEvent({ jobId: job.id, type: 'job-succeeded', at: now }));
      }
      return chain;
    });
    if (settled.isErr()) throw settled.error;
    done += claimed.value.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  const label = perJob
    ? `store only: claim ${batch}, settle per job, one txn`
    : `store only: claim ${batch}, settleJobs, one txn`;
  const rate = count / seconds;
  console.log(
    `${label.padEnd(46)} ${String(count).padStart(6)} jobs in ${seconds.toFixed(2).padStart(6)} s = ${Math.round(rate).toLocaleString('en-US').padStart(7)} jobs/s` +
      ` (${Math.round((cpuSeconds * 1e6) / count)} µs CPU per job)`,
  );
  return rate;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function machine(): void {
  const memory = new Database(':memory:');
  const sqlite = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  memory.close();
  const binding = JSON.parse(
    readFileSync(new URL('../node_modules/better-sqlite3/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const cpu = cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ` +
      `node ${process.version}, better-sqlite3 ${binding.version}, SQLite ${sqlite}; database in ${directory}`,
  );
  console.log('settings: WAL, synchronous=NORMAL unless noted, no-op async handler, startup excluded');
  console.log(
    `load average at start (1/5/15 min): ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' / ')}`,
  );
}

try {
  machine();
  await drain('one at a time (concurrency 1, claim batch 1)', jobs, { concurrency: 1, claimBatchSize: 1 });
  await drain('unbatched (concurrency 8, claim batch 1)', jobs, { concurrency: 8, claimBatchSize: 1 });
  if (withFull) {
    await drain(
      'one at a time, synchronous=FULL',
      Math.min(jobs, 3_000),
      { concurrency: 1, claimBatchSize: 1 },
      {
        synchronous: 'FULL',
      },
    );
  }
  // The engine and its store-only references take turns, so a change in the machine's load hits all of
  // them alike; the ratio is taken of the medians.
  const engine: number[] = [];
  const reference: number[] = [];
  const referenceBatched: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round} of ${rounds} (load average ${loadavg()[0]?.toFixed(2)})`);
    engine.push(
      await drain('batched (concurrency 32, claim batch 32)', batchedJobs, {
        concurrency: 32,
        claimBatchSize: 32,
      }),
    );
    reference.push(await storeOnly(batchedJobs, 32, true));
    referenceBatched.push(await storeOnly(batchedJobs, 32, false));
  }
  const ratio = median(engine) / median(reference);
  console.log(
    `batched engine, median of ${rounds}: ${Math.round(median(engine)).toLocaleString('en-US')} jobs/s; ` +
      `store only (settle per job): ${Math.round(median(reference)).toLocaleString('en-US')} jobs/s; ` +
      `ratio ${ratio.toFixed(2)}× (target ≥ 0.90×, ${ratio >= 0.9 ? 'met' : 'NOT met'}); ` +
      `against store only with settleJobs (${Math.round(median(referenceBatched)).toLocaleString('en-US')} jobs/s): ` +
      `${(median(engine) / median(referenceBatched)).toFixed(2)}×`,
  );
  await latency(samples);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
