import type { JobStatus } from '../model/job.js';
import type { NodeRecord, NodeStatus } from '../model/node.js';

/**
 * Where a page ends: the sort key of its last row. Lists are ordered by `(createdAt, id)`, a key that never
 * changes once a row exists, so the next page starts strictly after this position however many rows were
 * written meanwhile (keyset pagination: no row is skipped or repeated because earlier rows changed, and the
 * cost of a page does not grow with its depth, unlike `OFFSET`).
 *
 * The store contract uses this typed position rather than an opaque string so that every store orders
 * and resumes the same way (SQLite and PostgreSQL alike: a `(created_at, id)` index, `WHERE (created_at,
 * id) > (?, ?)`); the control plane turns it into the opaque `next_cursor` of the HTTP API
 * (`encodeListCursor`), so clients never depend on what is inside. Nothing here relies on a single
 * writer: a row committed later with an older `createdAt` (another host's clock) lands behind a cursor
 * that has passed it; a reader that must not miss rows follows the node change stream
 * ({@link NodeChange}) instead.
 */
export interface ListPosition {
  /** The `createdAt` of the last row of the page (ms since the epoch). */
  readonly createdAt: number;
  /** The id of that row; it breaks ties between rows created in the same millisecond. */
  readonly id: string;
}

/** One page of a list. */
export interface ListPage<T> {
  /** The rows, in list order; at most the limit asked for. */
  readonly items: readonly T[];
  /** Where the next page starts; null when this page holds the last row. */
  readonly next: ListPosition | null;
}

/** The largest page a store must serve; callers clamp to it. */
export const maximumPageSize = 500;

/** Filters and paging for {@link StoreOperations.pageNodes}; filters combine with AND. */
export interface NodePageQuery {
  /** Rows per page, 1 to {@link maximumPageSize}. */
  readonly limit: number;
  /** Start after this position (from the previous page's `next`). */
  readonly after?: ListPosition | null;
  /** Only nodes of this provider connection. */
  readonly providerId?: string;
  /** Only nodes in these statuses. Giving `deleted` here lists deleted nodes even without `includeDeleted`. */
  readonly statuses?: readonly NodeStatus[];
  /** Only nodes whose name starts with this text (case-sensitive, like the names themselves). */
  readonly namePrefix?: string;
  /** Deleted nodes are left out (in the query, not after it) unless this is true. */
  readonly includeDeleted?: boolean;
}

/** Filters and paging for {@link StoreOperations.pageJobs}; filters combine with AND. Newest first. */
export interface JobPageQuery {
  /** Rows per page, 1 to {@link maximumPageSize}. */
  readonly limit: number;
  /** Start after this position (from the previous page's `next`); pages run towards older jobs. */
  readonly after?: ListPosition | null;
  /** Only jobs of this node. */
  readonly nodeId?: string;
  /** Only jobs in these statuses. */
  readonly statuses?: readonly JobStatus[];
  /** Only jobs of these kinds. */
  readonly kinds?: readonly string[];
}

/**
 * A node as it was after one of its changes, with the position of that change in the store-wide node
 * change sequence.
 *
 * Every write of a node (create or update) gives it the next value of one persistent sequence, kept with
 * the node (its latest change replaces the earlier ones, so the feed never grows beyond one entry per
 * node). A reader remembers the highest `seq` it has seen and asks for changes after it: that is how the
 * dashboard's event stream resumes by `Last-Event-ID` after a reconnect or a restart of the server.
 *
 * The contract a store must keep, and how a multi-host store can keep it:
 * - **Monotonic and persistent**: a later change of any node gets a larger `seq`, across restarts; gaps
 *   are allowed (a rolled-back write may burn a value), reuse is not.
 * - **Visible in order**: once a reader has seen `seq = n`, no change with a smaller `seq` may become
 *   visible later, or a resuming reader would skip it for good. SQLite's single writer gives this for free
 *   (values are taken inside the write lock). PostgreSQL does not when it takes values from a `SEQUENCE`
 *   (transactions commit out of order), so a PostgreSQL store either takes the value from a counter row
 *   updated inside the node's transaction (the row lock orders the commits; cheap at node-write rates) or
 *   records `pg_current_xact_id()` with each change and serves only changes below the reader's snapshot
 *   `xmin` (the transactional-outbox technique), which hides in-flight writes until every older one has
 *   committed.
 * - **Not tied to a process**: the sequence lives in the database, so changes written by any process or
 *   host appear in every reader's feed; a notifier only makes them appear sooner.
 */
export interface NodeChange {
  /** The position of the change in the node change sequence (from 1; gaps allowed). */
  readonly seq: number;
  /** The node after the change. */
  readonly node: NodeRecord;
}

/** A page of the node change feed, in `seq` order. */
export interface NodeChangeQuery {
  /** Only changes after this sequence value (0 for all). */
  readonly afterSeq: number;
  /** At most this many, 1 to {@link maximumPageSize}. */
  readonly limit: number;
}
