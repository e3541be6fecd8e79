import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { JobError } from '../errors/error-families.js';
import { PressluftError } from '../errors/pressluft-error.js';
import { defaultBackoff } from '../jobs/backoff.js';
import type { JobEvent, JobEventType, JobRecord } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import { redactTokenShapes } from '../redaction/redactor.js';
import type { EnqueuedJob, JobOutcome, NewJob, NewJobEvent, Store, StoreOperations } from '../spec/store.js';
import { type Clock, systemClock } from './clock.js';
import type { Logger } from './control-plane-types.js';
import type { JobContext, JobKindDefinition, Settlement } from './job-kind.js';
import { silentLogger } from './logger.js';
import { Notifier } from './notifier.js';
import { decideOutcome } from './retry-decision.js';

/** Settings of a worker. */
export interface WorkerOptions {
  /** Where jobs live. */
  readonly store: Store;
  /** The job kinds this worker runs; it claims only these. */
  readonly kinds: readonly JobKindDefinition[];
  /** Jobs run at the same time. Default 4. */
  readonly concurrency?: number;
  /**
   * The most jobs claimed per claim statement. Default: the concurrency (at most 64), so free slots are
   * filled with one statement; a claimed job starts at once, so a larger batch never holds jobs back.
   */
  readonly claimBatchSize?: number;
  /** Lease length; a worker that stops renewing loses its jobs this long after its last heartbeat. Default 30 s. */
  readonly leaseMs?: number;
  /** How often leases are renewed. Default a third of the lease. */
  readonly heartbeatIntervalMs?: number;
  /** How often expired leases of other (crashed) workers are reaped. Default 5 s. */
  readonly reapIntervalMs?: number;
  /** The longest idle sleep between claims when nothing wakes the worker. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** This worker's id, stored as lease owner. Default host name, pid and a random suffix. */
  readonly owner?: string;
  /** The clock. */
  readonly clock?: Clock;
  /** Where to log. */
  readonly logger?: Logger;
  /** Called after commit for every event this worker appends (live event feeds). */
  readonly onEvent?: (event: JobEvent) => void;
}

/** A running job worker. */
export interface Worker {
  /** The lease owner id of this worker. */
  readonly owner: string;
  /** Start claiming and running jobs. */
  start(): void;
  /**
   * Stop claiming, wait up to `graceMs` (default 10 s) for running jobs, then abort the rest and release
   * them back to the queue (their attempt is given back), and stop heartbeats and the reaper.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Enqueue a job and wake the worker at once. */
  enqueue(input: NewJob): ResultAsync<EnqueuedJob, PressluftError>;
  /** Wake the worker (after a job was enqueued some other way). */
  wake(): void;
  /** Abort a job running in this worker now (after its cancellation was requested in the store). */
  abortLocal(jobId: string): boolean;
  /** How many jobs run in this worker now. */
  readonly activeCount: number;
}

/**
 * An abort switch whose `AbortSignal` is made only when a handler asks for it: most attempts finish without
 * ever aborting, and an AbortController per job is a measurable share of a batched drain's CPU.
 */
class LazyAbort {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}

interface ActiveJob {
  readonly job: JobRecord;
  /** The lease of this attempt. */
  readonly leaseToken: string;
  /** The job as last saved by a checkpoint: how far this attempt got. */
  latest: JobRecord;
  readonly definition: JobKindDefinition;
  readonly controller: LazyAbort;
  leaseLost: boolean;
  shuttingDown: boolean;
  released: boolean;
  done: Promise<void>;
}

/** The most settlements written in one transaction. */
const maximumSettleBatch = 64;

const defaults = {
  concurrency: 4,
  leaseMs: 30_000,
  reapIntervalMs: 5_000,
  pollIntervalMs: 1_000,
  graceMs: 10_000,
  /** After the grace period, how long aborted handlers get to notice before their lease is released anyway. */
  abortSettleMs: 2_000,
};

/** The event written when an attempt ends with this outcome. */
function eventTypeOf(outcome: JobOutcome): JobEventType {
  switch (outcome.status) {
    case 'succeeded':
      return 'job-succeeded';
    case 'failed':
      return 'job-failed';
    case 'cancelled':
      return 'job-cancelled';
    case 'queued':
      return 'job-retry-scheduled';
  }
}

function outcomeEventData(
  job: JobRecord,
  outcome: JobOutcome,
  error: PressluftError | undefined,
): JsonObject {
  const data: JsonObject = { attempt: job.attempts };
  if (outcome.status === 'queued') data['runAt'] = outcome.runAt;
  if (error !== undefined) {
    data['errorCode'] = error.code;
    data['message'] = redactTokenShapes(error.message);
    data['guidance'] = error.guidance;
    data['retryable'] = error.retryable;
    if (error.details !== undefined) data['details'] = error.toJSON().details ?? null;
  }
  return data;
}

/**
 * Create a worker that claims jobs from the store under leases, runs them with their kind's handler,
 * renews leases by heartbeat, reaps expired leases, and settles every attempt through one retry path.
 *
 * Every write of a running job is fenced by its lease token, so a worker that lost its lease (a stall
 * longer than the lease) cannot overwrite the attempt another worker now owns.
 */
export function createWorker(options: WorkerOptions): Worker {
  const store = options.store;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  /** False for the silent logger, so the hot path builds no log fields nobody reads. */
  const logging = logger !== silentLogger;
  const concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
  const claimBatchSize = Math.max(1, options.claimBatchSize ?? Math.min(concurrency, maximumSettleBatch));
  const leaseMs = options.leaseMs ?? defaults.leaseMs;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? Math.max(50, Math.floor(leaseMs / 3));
  const reapIntervalMs = options.reapIntervalMs ?? defaults.reapIntervalMs;
  const pollIntervalMs = options.pollIntervalMs ?? defaults.pollIntervalMs;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const kinds = new Map(options.kinds.map((definition) => [definition.kind, definition]));
  const kindNames = [...kinds.keys()];
  const active = new Map<string, ActiveJob>();
  const notifier = new Notifier();
  let started = false;
  let stopping = false;
  let loopDone: Promise<void> = Promise.resolve();
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let reapTimer: NodeJS.Timeout | undefined;

  const publish = (event: JobEvent): void => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      logger.warn('job event listener threw', { error: String(error) });
    }
  };

  const appendEvent = (tx: StoreOperations, event: NewJobEvent): ResultAsync<JobEvent, PressluftError> =>
    tx.appendJobEvent(event);

  /** One attempt waiting to be settled. */
  interface PendingSettlement {
    readonly job: JobRecord;
    readonly leaseToken: string;
    readonly definition: JobKindDefinition | undefined;
    readonly outcome: JobOutcome;
    readonly error: PressluftError | undefined;
    readonly now: number;
    readonly resolve: (result: Result<JobRecord, PressluftError>) => void;
  }

  /** The event that records how an attempt ended. */
  function outcomeEventOf(item: Omit<PendingSettlement, 'resolve'>): NewJobEvent {
    const { job, outcome, error, now } = item;
    const type: JobEventType =
      outcome.status === 'queued' && outcome.refundAttempt ? 'job-released' : eventTypeOf(outcome);
    return { jobId: job.id, type, at: now, data: outcomeEventData(job, outcome, error) };
  }

  /**
   * The writes of one settlement inside a transaction: fenced job write, the kind's hook, the event.
   * Written with await rather than chained `andThen`s: each chained step costs a generator and several
   * promises, which showed up as a large share of a batched drain's CPU.
   */
  async function settleIn(
    tx: StoreOperations,
    item: Omit<PendingSettlement, 'resolve'>,
  ): Promise<Result<{ settled: JobRecord; event: JobEvent }, PressluftError>> {
    const { job, leaseToken, definition, outcome, error, now } = item;
    const settled = await tx.settleJob({ jobId: job.id, leaseToken, outcome, now });
    if (settled.isErr()) return err(settled.error);
    const onSettle = definition?.onSettle;
    if (onSettle !== undefined) {
      const settlement: Settlement = error === undefined ? outcome : { ...outcome, error };
      const hooked = await onSettle(tx, settled.value, settlement, now);
      if (hooked.isErr()) return err(hooked.error);
    }
    const event = await appendEvent(tx, outcomeEventOf(item));
    if (event.isErr()) return err(event.error);
    return ok({ settled: settled.value, event: event.value });
  }

  /** Settle one attempt in its own transaction. */
  async function settleAlone(item: PendingSettlement): Promise<void> {
    const result = await store.transaction((tx) => new ResultAsync(settleIn(tx, item)));
    if (result.isOk()) publish(result.value.event);
    item.resolve(result.map(({ settled }) => settled));
  }

  const pendingSettlements: PendingSettlement[] = [];
  /** Slots promised to claims in flight (the loop's and the settle flush's), so together they never overfill. */
  let reserved = 0;
  let flushScheduled = false;

  /** Claim due jobs inside a transaction and log their `job-started` events there (collected in `started`). */
  async function claimIn(
    tx: StoreOperations,
    limit: number,
    now: number,
    started: JobEvent[],
  ): Promise<Result<readonly JobRecord[], PressluftError>> {
    const claimed = await tx.claimJobs({ owner, limit, leaseMs, now, kinds: kindNames });
    if (claimed.isErr() || claimed.value.length === 0) return claimed;
    const events = await tx.appendJobEvents(
      claimed.value.map((job) => ({
        jobId: job.id,
        type: 'job-started' as const,
        at: now,
        data: { attempt: job.attempts, maxAttempts: job.maxAttempts, worker: owner },
      })),
    );
    if (events.isErr()) return err(events.error);
    for (const event of events.value) started.push(event);
    return claimed;
  }

  /**
   * Settle `batch` with one `settleJobs` call, run the kinds' settle hooks, append the outcome events with
   * one `appendJobEvents` call, then claim `slots` jobs: all inside one transaction. Each item is fenced on
   * its own, so an attempt whose lease was lost gets its error in `outcomes` and writes nothing, while the
   * others are written.
   */
  async function settleAndClaimIn(
    tx: StoreOperations,
    batch: readonly PendingSettlement[],
    outcomes: Result<JobRecord, PressluftError>[],
    events: JobEvent[],
    slots: number,
    now: number,
    started: JobEvent[],
  ): Promise<Result<readonly JobRecord[], PressluftError>> {
    const settled = await tx.settleJobs(
      batch.map((item) => ({
        jobId: item.job.id,
        leaseToken: item.leaseToken,
        outcome: item.outcome,
        now: item.now,
      })),
    );
    if (settled.isErr()) return err(settled.error);
    const outcomeEvents: NewJobEvent[] = [];
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index] as PendingSettlement;
      const result = settled.value[index] as Result<JobRecord, PressluftError>;
      outcomes.push(result);
      if (result.isErr()) continue;
      const onSettle = item.definition?.onSettle;
      if (onSettle !== undefined) {
        const settlement: Settlement =
          item.error === undefined ? item.outcome : { ...item.outcome, error: item.error };
        const hooked = await onSettle(tx, result.value, settlement, item.now);
        if (hooked.isErr()) return err(hooked.error);
      }
      outcomeEvents.push(outcomeEventOf(item));
    }
    if (outcomeEvents.length > 0) {
      const appended = await tx.appendJobEvents(outcomeEvents);
      if (appended.isErr()) return err(appended.error);
      for (const event of appended.value) events.push(event);
    }
    return slots > 0 ? claimIn(tx, slots, now, started) : ok([]);
  }

  /**
   * Settle every attempt that ended in the same turn of the event loop (up to 64) in one transaction, and
   * in the same transaction claim jobs for the slots they free: in a steady stream that is one commit per
   * batch. The flush window is that turn and nothing more (no timer): an attempt counts as done — its
   * event published, its `settle` resolved, its slot free — only after the commit. A lost lease fails only
   * its own item. If the transaction fails as a whole (a settle hook or the store failed), each attempt is
   * settled alone, which is safe because the rolled-back writes never happened and every write is fenced.
   */
  async function flushSettlements(): Promise<void> {
    flushScheduled = false;
    const batch = pendingSettlements.splice(0, maximumSettleBatch);
    if (pendingSettlements.length > 0) scheduleFlush();
    const freed = batch.filter((item) => active.get(item.job.id)?.leaseToken === item.leaseToken).length;
    const slots = stopping
      ? 0
      : Math.max(0, Math.min(claimBatchSize, concurrency - active.size - reserved + freed));
    reserved += slots;
    const outcomes: Result<JobRecord, PressluftError>[] = [];
    const events: JobEvent[] = [];
    const started: JobEvent[] = [];
    const now = clock.now();
    const together = await store.transaction(
      (tx) => new ResultAsync(settleAndClaimIn(tx, batch, outcomes, events, slots, now, started)),
    );
    reserved -= slots;
    if (together.isErr()) {
      for (const item of batch) await settleAlone(item);
      return;
    }
    // Committed: only now do the attempts count as done (events published, callers resolved).
    for (const event of started) publish(event);
    // Start the new jobs before the settled ones leave: the loop then never sees their slots as free.
    for (const job of together.value) startJob(job);
    let next = 0;
    batch.forEach((item, index) => {
      const outcome = outcomes[index] as Result<JobRecord, PressluftError>;
      if (outcome.isOk()) publish(events[next++] as JobEvent);
      item.resolve(outcome);
    });
  }

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => void flushSettlements());
  }

  /** Settle an attempt with its kind's hook and outcome event, atomically (batched with others ending now). */
  function settle(
    job: JobRecord,
    leaseToken: string,
    definition: JobKindDefinition | undefined,
    outcome: JobOutcome,
    error: PressluftError | undefined,
    now: number = clock.now(),
  ): ResultAsync<JobRecord, PressluftError> {
    return new ResultAsync(
      new Promise<Result<JobRecord, PressluftError>>((resolve) => {
        pendingSettlements.push({ job, leaseToken, definition, outcome, error, now, resolve });
        scheduleFlush();
      }),
    );
  }

  function makeContext(entry: ActiveJob): JobContext {
    const { job } = entry;
    const leaseToken = job.leaseToken ?? '';
    return {
      job,
      get signal() {
        return entry.controller.signal;
      },
      now: () => clock.now(),
      checkpoint(checkpoint, checkpointOptions) {
        const now = clock.now();
        const events: JobEvent[] = [];
        return store
          .transaction((tx) =>
            tx
              .checkpointJob({
                jobId: job.id,
                leaseToken,
                checkpoint,
                currentStep: checkpointOptions?.step ?? null,
                now,
              })
              .andThen((saved) => (checkpointOptions?.alsoWrite?.(tx) ?? okAsync(undefined)).map(() => saved))
              .andThen((saved) => {
                const event = checkpointOptions?.event;
                if (event === undefined) return okAsync(saved);
                return appendEvent(tx, {
                  jobId: job.id,
                  type: event.type,
                  at: now,
                  data: event.data ?? {},
                }).map((appended) => {
                  events.push(appended);
                  return saved;
                });
              }),
          )
          .map((saved) => {
            entry.latest = saved;
            for (const event of events) publish(event);
            return saved;
          })
          .mapErr((error) => {
            if (PressluftError.isInstance(error) && error.code === 'JOB_LEASE_LOST') {
              entry.leaseLost = true;
              entry.controller.abort(error);
            }
            return error;
          });
      },
      emit(type, data = {}) {
        if (entry.leaseLost) {
          return errAsync(
            new JobError({
              code: 'JOB_LEASE_LOST',
              message: `Job ${job.id} lost its lease; event not written.`,
            }),
          );
        }
        return store.appendJobEvent({ jobId: job.id, type, at: clock.now(), data }).map((event) => {
          publish(event);
          return event;
        });
      },
    };
  }

  async function runJob(entry: ActiveJob): Promise<void> {
    const { job, definition, controller } = entry;
    const leaseToken = job.leaseToken ?? '';
    const timeout = setTimeout(() => {
      controller.abort(
        new JobError({
          code: 'JOB_TIMEOUT',
          message: `Job ${job.id} (${job.kind}) ran longer than ${definition.timeoutMs} ms and was aborted.`,
        }),
      );
    }, definition.timeoutMs);
    timeout.unref?.();

    let error: PressluftError | undefined;
    try {
      const result = await definition.run(makeContext(entry));
      if (result.isErr()) error = result.error;
    } catch (thrown) {
      error = PressluftError.isInstance(thrown)
        ? thrown
        : new JobError({
            code: 'JOB_HANDLER_FAILED',
            message: `Handler of ${job.kind} threw: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
            cause: thrown,
          });
    } finally {
      clearTimeout(timeout);
    }

    if (entry.leaseLost || entry.released) {
      logger.warn('job attempt ended without its lease; nothing written', {
        jobId: job.id,
        attempt: job.attempts,
      });
      return;
    }
    // An abort decides the outcome: the handler's own error is usually just "aborted".
    const reason: unknown = controller.aborted ? controller.reason : undefined;
    if (entry.shuttingDown) {
      const released = await settle(
        job,
        leaseToken,
        definition,
        {
          status: 'queued',
          runAt: clock.now(),
          refundAttempt: true,
        },
        undefined,
      );
      if (released.isErr())
        logger.warn('could not release job on shutdown', { jobId: job.id, code: released.error.code });
      return;
    }
    if (error !== undefined && PressluftError.isInstance(reason)) error = reason;

    let outcome: JobOutcome;
    const now = clock.now();
    if (error === undefined) {
      outcome = { status: 'succeeded' };
    } else {
      error = definition.classifyError?.(error, entry.latest) ?? error;
      outcome = decideOutcome(entry.latest, error, definition.backoff, now);
    }
    const settled = await settle(job, leaseToken, definition, outcome, error, now);
    if (settled.isErr()) {
      logger.warn('could not settle job', {
        jobId: job.id,
        code: settled.error.code,
        message: settled.error.message,
      });
    } else if (logging) {
      logger.info('job attempt settled', {
        jobId: job.id,
        kind: job.kind,
        attempt: job.attempts,
        status: settled.value.status,
        ...(error === undefined ? {} : { errorCode: error.code }),
      });
    }
  }

  /** Run an attempt and free its slot afterwards, whatever happens. */
  async function runTracked(entry: ActiveJob): Promise<void> {
    try {
      await runJob(entry);
    } catch (error) {
      logger.error('job runner failed', { jobId: entry.job.id, error: String(error) });
    } finally {
      active.delete(entry.job.id);
      notifier.notify();
    }
  }

  function startJob(job: JobRecord): void {
    const definition = kinds.get(job.kind);
    if (definition === undefined) {
      // Claimed only by kind, so this means the store returned a kind we did not ask for.
      void settle(
        job,
        job.leaseToken ?? '',
        undefined,
        {
          status: 'failed',
          errorCode: 'JOB_KIND_UNKNOWN',
          errorMessage: `No handler for job kind ${job.kind}.`,
        },
        new JobError({ code: 'JOB_KIND_UNKNOWN', message: `No handler for job kind ${job.kind}.` }),
      );
      return;
    }
    const entry: ActiveJob = {
      job,
      leaseToken: job.leaseToken ?? '',
      latest: job,
      definition,
      controller: new LazyAbort(),
      leaseLost: false,
      shuttingDown: false,
      released: false,
      done: Promise.resolve(),
    };
    active.set(job.id, entry);
    entry.done = runTracked(entry);
  }

  /** Claim due jobs and log their `job-started` events in the same transaction: one commit per claim. */
  async function claim(limit: number, now: number): Promise<Result<readonly JobRecord[], PressluftError>> {
    const started: JobEvent[] = [];
    reserved += limit;
    const claimed = await store.transaction((tx) => new ResultAsync(claimIn(tx, limit, now, started)));
    reserved -= limit;
    if (claimed.isOk()) for (const event of started) publish(event);
    return claimed;
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = concurrency - active.size - reserved;
      if (free <= 0) {
        await notifier.wait(pollIntervalMs);
        continue;
      }
      const now = clock.now();
      const claimed = await claim(Math.min(free, claimBatchSize), now);
      if (stopping) {
        // Claimed while stop() began: give these straight back.
        if (claimed.isOk()) for (const job of claimed.value) await releaseUnstarted(job);
        break;
      }
      if (claimed.isErr()) {
        logger.error('claim failed', { code: claimed.error.code, message: claimed.error.message });
        await notifier.wait(pollIntervalMs);
        continue;
      }
      if (claimed.value.length === 0) {
        const next = await store.nextRunAt(kindNames);
        const untilNext = next.isOk() && next.value !== null ? next.value - clock.now() : pollIntervalMs;
        await notifier.wait(Math.min(pollIntervalMs, Math.max(0, untilNext)));
        continue;
      }
      for (const job of claimed.value) startJob(job);
    }
  }

  async function releaseUnstarted(job: JobRecord): Promise<void> {
    await settle(
      job,
      job.leaseToken ?? '',
      kinds.get(job.kind),
      {
        status: 'queued',
        runAt: clock.now(),
        refundAttempt: true,
      },
      undefined,
    );
  }

  async function heartbeat(): Promise<void> {
    for (const entry of [...active.values()]) {
      if (entry.leaseLost || entry.released) continue;
      const result = await store.heartbeatJob({
        jobId: entry.job.id,
        leaseToken: entry.job.leaseToken ?? '',
        leaseMs,
        now: clock.now(),
      });
      if (result.isErr()) {
        if (result.error.code === 'JOB_LEASE_LOST') {
          entry.leaseLost = true;
          entry.controller.abort(result.error);
          logger.warn('lease lost; aborting the attempt', { jobId: entry.job.id });
        } else {
          logger.warn('heartbeat failed', { jobId: entry.job.id, code: result.error.code });
        }
        continue;
      }
      if (result.value.cancelRequested && !entry.controller.aborted) {
        entry.controller.abort(
          new JobError({ code: 'JOB_CANCELLED', message: `Job ${entry.job.id} was cancelled.` }),
        );
      }
    }
  }

  /** Send expired leases of other workers through the same retry path as a failed attempt. */
  async function reap(): Promise<void> {
    const expired = await store.listExpiredLeases(clock.now(), 100);
    if (expired.isErr()) {
      logger.warn('reaper could not list expired leases', { code: expired.error.code });
      return;
    }
    for (const job of expired.value) {
      // Our own jobs are renewed by our heartbeat; reaping them would run the attempt twice.
      if (active.has(job.id)) continue;
      const definition = kinds.get(job.kind);
      let error: PressluftError = new JobError({
        code: 'JOB_LEASE_EXPIRED',
        message: `The worker ${job.leaseOwner ?? 'unknown'} stopped renewing the lease of attempt ${job.attempts}.`,
      });
      error = definition?.classifyError?.(error, job) ?? error;
      const now = clock.now();
      const outcome = decideOutcome(job, error, definition?.backoff ?? defaultBackoff, now);
      const settled = await settle(job, job.leaseToken ?? '', definition, outcome, error, now);
      if (settled.isOk()) {
        logger.info('reaped expired lease', {
          jobId: job.id,
          attempt: job.attempts,
          status: settled.value.status,
        });
        if (settled.value.status === 'failed' && definition?.afterReapedFailure !== undefined) {
          try {
            await definition.afterReapedFailure(settled.value);
          } catch (thrown) {
            logger.warn('clean-up after a reaped failure threw', { jobId: job.id, error: String(thrown) });
          }
        }
        notifier.notify();
      }
    }
  }

  const worker: Worker = {
    owner,
    get activeCount() {
      return active.size;
    },
    start() {
      if (started) return;
      started = true;
      stopping = false;
      heartbeatTimer = setInterval(() => void heartbeat(), heartbeatIntervalMs);
      reapTimer = setInterval(() => void reap(), reapIntervalMs);
      void reap();
      loopDone = loop().catch((error: unknown) =>
        logger.error('worker loop failed', { error: String(error) }),
      );
      logger.info('worker started', { owner, concurrency, claimBatchSize, leaseMs });
    },
    async stop(stopOptions) {
      if (!started) return;
      stopping = true;
      notifier.notify();
      await loopDone;
      const graceMs = stopOptions?.graceMs ?? defaults.graceMs;
      const allDone = () => Promise.all([...active.values()].map((entry) => entry.done));
      await Promise.race([allDone(), new Promise((resolve) => setTimeout(resolve, graceMs))]);
      if (active.size > 0) {
        logger.warn('grace period over; aborting running jobs', { count: active.size });
        for (const entry of active.values()) {
          entry.shuttingDown = true;
          entry.controller.abort(
            new JobError({ code: 'JOB_CANCELLED', message: 'The worker is shutting down.' }),
          );
        }
        await Promise.race([
          allDone(),
          new Promise((resolve) => setTimeout(resolve, defaults.abortSettleMs)),
        ]);
        // Handlers that ignore the abort: release their lease now; their later writes are fenced out.
        for (const entry of active.values()) {
          entry.released = true;
          await releaseUnstarted(entry.job);
        }
      }
      clearInterval(heartbeatTimer);
      clearInterval(reapTimer);
      started = false;
      logger.info('worker stopped', { owner });
    },
    enqueue(input) {
      const maxAttempts = input.maxAttempts ?? kinds.get(input.kind)?.maxAttempts;
      const withDefaults = maxAttempts === undefined ? input : { ...input, maxAttempts };
      return store.enqueueJob(withDefaults, clock.now()).map((enqueued) => {
        notifier.notify();
        return enqueued;
      });
    },
    wake() {
      notifier.notify();
    },
    abortLocal(jobId) {
      const entry = active.get(jobId);
      if (entry === undefined) return false;
      entry.controller.abort(new JobError({ code: 'JOB_CANCELLED', message: `Job ${jobId} was cancelled.` }));
      return true;
    },
  };
  return worker;
}
