import { ProviderError } from '@pressluft/core';
import type { ResultAsync } from 'neverthrow';
import type { Clock, Sleep } from './clock.js';
import type { ActionState } from './convert-action.js';
import { mapActionError } from './map-hetzner-error.js';
import type { PollSchedule } from './poll-schedule.js';

/** Hetzner's limit of ids per `GET /actions?id=…` request. */
export const maxActionIdsPerRequest = 25;

/** What the poller needs. */
export interface ActionPollerOptions {
  /** Fetch the state of up to 25 actions. */
  readonly fetchActions: (ids: readonly number[]) => ResultAsync<ActionState[], ProviderError>;
  /** Time source. */
  readonly clock: Clock;
  /** Timer. */
  readonly sleep: Sleep;
  /** The poll schedule. */
  readonly schedule: PollSchedule;
  /** Actions due within this many ms of the earliest are polled in the same round, so rounds stay aligned. */
  readonly coalesceMs?: number;
}

/** Counters for benchmarks and logs. */
export interface ActionPollerStats {
  /** `GET /actions` requests sent. */
  readonly requests: number;
  /** Rounds (one or more requests sent together). */
  readonly rounds: number;
}

interface Entry {
  readonly id: string;
  readonly since: number;
  nextDueAt: number;
  readonly waiters: Set<Waiter>;
}

interface Waiter {
  readonly pending: Set<string>;
  readonly deadlineAt: number;
  readonly deadlineMs: number;
  readonly resolve: (error: ProviderError | null) => void;
}

/**
 * One poller per token and process: every `waitForActions` call adds its actions to one set, and each round
 * fetches all due actions with `GET /actions?id=…`, 25 ids per request, filling the last request with actions
 * due soon. Each waiter has its own deadline and abort signal.
 */
export class ActionPoller {
  readonly #options: ActionPollerOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #waiters = new Set<Waiter>();
  #running = false;
  #wake: AbortController | null = null;
  #requests = 0;
  #rounds = 0;

  /** Create a poller. */
  constructor(options: ActionPollerOptions) {
    this.#options = options;
  }

  /** Counters since creation. */
  get stats(): ActionPollerStats {
    return { requests: this.#requests, rounds: this.#rounds };
  }

  /**
   * Wait for the actions; resolves with null when all succeeded, or with the first error: an action
   * ending in error (`PROVIDER_ACTION_FAILED`), the deadline (`PROVIDER_TIMEOUT`), or a request error that
   * cannot be retried.
   */
  wait(
    actionIds: readonly string[],
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<ProviderError | null> {
    const ids = [...new Set(actionIds)];
    const invalid = ids.filter((id) => !/^\d+$/.test(id));
    if (invalid.length > 0) {
      return Promise.resolve(
        new ProviderError({
          code: 'PROVIDER_INVALID_REQUEST',
          message: `Not Hetzner action ids: ${invalid.join(', ')}.`,
          provider: 'hetzner',
          details: { actionIds: invalid },
        }),
      );
    }
    if (ids.length === 0) return Promise.resolve(null);
    const now = this.#options.clock.now();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        pending: new Set(ids),
        deadlineAt: now + deadlineMs,
        deadlineMs,
        resolve: (error) => {
          if (!this.#waiters.delete(waiter)) return;
          for (const id of ids) this.#entries.get(id)?.waiters.delete(waiter);
          signal?.removeEventListener('abort', onAbort);
          resolve(error);
        },
      };
      const onAbort = (): void =>
        waiter.resolve(
          new ProviderError({
            code: 'PROVIDER_TIMEOUT',
            message: 'Waiting for Hetzner actions was aborted.',
            provider: 'hetzner',
            details: { pendingActionIds: [...waiter.pending], reason: 'aborted' },
          }),
        );
      if (signal?.aborted) {
        resolve(
          new ProviderError({
            code: 'PROVIDER_TIMEOUT',
            message: 'Waiting for Hetzner actions was aborted.',
            provider: 'hetzner',
            details: { pendingActionIds: ids, reason: 'aborted' },
          }),
        );
        return;
      }
      this.#waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const id of ids) {
        let entry = this.#entries.get(id);
        if (entry === undefined) {
          entry = { id, since: now, nextDueAt: now + this.#options.schedule(0), waiters: new Set() };
          this.#entries.set(id, entry);
        }
        entry.waiters.add(waiter);
      }
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#running) {
      this.#wake?.abort();
      return;
    }
    this.#running = true;
    void this.#loop().finally(() => {
      this.#running = false;
      if (this.#waiters.size > 0) this.#kick();
    });
  }

  #expire(now: number): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.deadlineAt > now) continue;
      waiter.resolve(
        new ProviderError({
          code: 'PROVIDER_TIMEOUT',
          message: `Hetzner actions did not finish within ${Math.round(waiter.deadlineMs / 1000)} s.`,
          provider: 'hetzner',
          details: { pendingActionIds: [...waiter.pending], deadlineMs: waiter.deadlineMs },
        }),
      );
    }
    for (const [id, entry] of this.#entries) if (entry.waiters.size === 0) this.#entries.delete(id);
  }

  async #loop(): Promise<void> {
    const { clock, sleep } = this.#options;
    const coalesceMs = this.#options.coalesceMs ?? 250;
    for (;;) {
      const now = clock.now();
      this.#expire(now);
      if (this.#entries.size === 0) return;
      let wakeAt = Number.POSITIVE_INFINITY;
      for (const entry of this.#entries.values()) wakeAt = Math.min(wakeAt, entry.nextDueAt);
      for (const waiter of this.#waiters) wakeAt = Math.min(wakeAt, waiter.deadlineAt);
      if (wakeAt > now) {
        this.#wake = new AbortController();
        await sleep(wakeAt - now, this.#wake.signal).catch(() => undefined);
        this.#wake = null;
        continue;
      }
      const ordered = [...this.#entries.values()].sort((a, b) => a.nextDueAt - b.nextDueAt);
      const dueCount = ordered.filter((entry) => entry.nextDueAt <= now + coalesceMs).length;
      if (dueCount === 0) continue;
      const requestCount = Math.ceil(dueCount / maxActionIdsPerRequest);
      const selected = ordered.slice(0, requestCount * maxActionIdsPerRequest);
      const chunks: Entry[][] = [];
      for (let index = 0; index < selected.length; index += maxActionIdsPerRequest) {
        chunks.push(selected.slice(index, index + maxActionIdsPerRequest));
      }
      this.#rounds += 1;
      await Promise.all(chunks.map((chunk) => this.#poll(chunk)));
    }
  }

  async #poll(chunk: readonly Entry[]): Promise<void> {
    this.#requests += 1;
    const result = await this.#options.fetchActions(chunk.map((entry) => Number(entry.id)));
    const now = this.#options.clock.now();
    if (result.isErr()) {
      for (const entry of chunk) {
        if (!result.error.retryable) for (const waiter of [...entry.waiters]) waiter.resolve(result.error);
        else entry.nextDueAt = now + this.#options.schedule(now - entry.since);
      }
      return;
    }
    const states = new Map(result.value.map((state) => [state.id, state]));
    for (const entry of chunk) {
      const state = states.get(entry.id);
      if (state === undefined) {
        const error = mapActionError({
          id: entry.id,
          command: 'unknown',
          errorCode: 'not_found',
          errorMessage: 'Hetzner did not return this action',
        });
        for (const waiter of [...entry.waiters]) waiter.resolve(error);
        continue;
      }
      if (state.status === 'running') {
        entry.nextDueAt = now + this.#options.schedule(now - entry.since);
        continue;
      }
      this.#entries.delete(entry.id);
      for (const waiter of [...entry.waiters]) {
        if (state.status === 'error') {
          waiter.resolve(
            mapActionError({
              id: state.id,
              command: state.command,
              errorCode: state.errorCode ?? 'unknown_error',
              errorMessage: state.errorMessage ?? '',
            }),
          );
        } else {
          waiter.pending.delete(entry.id);
          if (waiter.pending.size === 0) waiter.resolve(null);
        }
      }
    }
  }
}
