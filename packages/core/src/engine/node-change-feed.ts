import type { Store } from '../spec/store.js';
import type { NodeChange } from '../spec/store-lists.js';
import { Notifier } from './notifier.js';

/** Options of {@link NodeChangeFeed}. */
export interface NodeChangeFeedOptions {
  /** The store whose node change sequence is followed. */
  readonly store: Store;
  /**
   * How often the newest sequence value is read while someone listens, in ms. Default 250. This catches
   * writes of other processes (and of code that does not call {@link NodeChangeFeed.wake}); the cost is one
   * indexed single-row read per interval per process, whatever the number of listeners.
   */
  readonly pollIntervalMs?: number;
}

/** Following the feed. */
export interface NodeChangeSubscription {
  /** Start after this sequence value: 0 for everything, the last `seq` seen to resume. */
  readonly afterSeq: number;
  /** Stops the iteration. */
  readonly signal?: AbortSignal;
}

const batchSize = 500;

/**
 * One process's view of the store's node change sequence, shared by every listener (the dashboard's event
 * streams): a single timer reads the newest value while anyone listens and wakes the listeners only when
 * it moved, so a thousand idle streams cost the same as one. Each listener then reads the changes after its
 * own position, so resuming from any `Last-Event-ID` works the same as following live.
 */
export class NodeChangeFeed {
  readonly #store: Store;
  readonly #pollIntervalMs: number;
  readonly #listeners = new Set<Notifier>();
  #timer: NodeJS.Timeout | null = null;
  #newest = -1;
  #polling = false;

  constructor(options: NodeChangeFeedOptions) {
    this.#store = options.store;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  /** Tell the listeners a node may have changed (a write in this process), sooner than the next poll. */
  wake(): void {
    for (const notifier of this.#listeners) notifier.notify();
  }

  /** Node changes after `afterSeq` in order, then live ones as they happen, until the signal aborts. */
  subscribe(subscription: NodeChangeSubscription): AsyncIterable<NodeChange> {
    const feed = this;
    return {
      async *[Symbol.asyncIterator]() {
        const { signal } = subscription;
        let last = Math.max(0, subscription.afterSeq);
        const notifier = new Notifier();
        const wake = () => notifier.notify();
        feed.#listeners.add(notifier);
        feed.#startPolling();
        signal?.addEventListener('abort', wake, { once: true });
        try {
          while (!signal?.aborted) {
            const changes = await feed.#store.listNodeChanges({ afterSeq: last, limit: batchSize });
            if (changes.isErr()) throw changes.error;
            for (const change of changes.value) {
              last = change.seq;
              yield change;
              if (signal?.aborted) return;
            }
            // A full batch means more are waiting: read on without sleeping.
            if (changes.value.length < batchSize) await notifier.wait(60_000);
          }
        } finally {
          feed.#listeners.delete(notifier);
          signal?.removeEventListener('abort', wake);
          if (feed.#listeners.size === 0) feed.#stopPolling();
        }
      },
    };
  }

  #startPolling(): void {
    if (this.#timer !== null) return;
    this.#timer = setInterval(() => void this.#poll(), this.#pollIntervalMs);
    this.#timer.unref();
  }

  #stopPolling(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#newest = -1;
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const newest = await this.#store.lastNodeChangeSeq();
      if (newest.isOk() && newest.value !== this.#newest) {
        this.#newest = newest.value;
        this.wake();
      }
    } finally {
      this.#polling = false;
    }
  }
}
