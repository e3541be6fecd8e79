import {
  checkTransition,
  createId,
  type EnqueuedJob,
  type FencedWriteError,
  JobError,
  type JobEvent,
  type JobRecord,
  jobTransitions,
  type ListPage,
  maximumPageSize,
  type NewJobEvent,
  type NodePatch,
  type ProviderConnectionPatch,
  type SettleJobInput,
  type StoreOperations,
  sealedSecretKeyId,
  ValidationError,
} from '@pressluft/core';
import type Database from 'better-sqlite3';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { mapSqliteError, primarySqliteCode, sqliteCodeOf } from './map-sqlite-error.js';
import {
  type JobEventRow,
  type JobRow,
  type JobValues,
  jobColumns,
  type ManagedSshKeyRow,
  type NodeRow,
  type ProviderConnectionRow,
  toJob,
  toJobEvent,
  toJobFromValues,
  toManagedSshKey,
  toNode,
  toProviderConnection,
} from './row-mappers.js';

type Synchronous<F> = F extends (...args: infer A) => ResultAsync<infer T, infer E>
  ? (...args: A) => Result<T, E>
  : never;

/**
 * The store operations as synchronous functions over one better-sqlite3 handle. The store wraps them
 * in `ResultAsync`; running them synchronously underneath keeps each one atomic without locks in Node.
 */
export type SynchronousStoreOperations = { [K in keyof StoreOperations]: Synchronous<StoreOperations[K]> };

const defaultMaxAttempts = 5;

const providerPatchColumns = {
  name: 'name',
  sealedToken: 'sealed_token',
  status: 'status',
  statusGuidance: 'status_guidance',
  checkedAt: 'checked_at',
} as const satisfies Record<keyof ProviderConnectionPatch, string>;

const nodePatchColumns = {
  status: 'status',
  providerServerId: 'provider_server_id',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  hostKey: 'host_key',
  lastErrorCode: 'last_error_code',
  lastErrorMessage: 'last_error_message',
} as const satisfies Record<Exclude<keyof NodePatch, 'sshTarget'>, string>;

function notFound(what: string, id: string): ValidationError {
  return new ValidationError({ code: 'NOT_FOUND', message: `No ${what} with id ${id}.`, details: { id } });
}

function leaseLost(jobId: string): JobError {
  return new JobError({
    code: 'JOB_LEASE_LOST',
    message: `The lease on job ${jobId} is no longer held; nothing was written.`,
    details: { jobId },
  });
}

function isConstraint(error: unknown, extended?: string): boolean {
  const code = sqliteCodeOf(error);
  if (code === null) return false;
  return extended === undefined ? primarySqliteCode(code) === 'SQLITE_CONSTRAINT' : code === extended;
}

/** Build the synchronous operations over `db`, preparing every fixed statement once. */
export function createSqliteOperations(db: Database.Database): SynchronousStoreOperations {
  // ── statements ─────────────────────────────────────────────────────────────────────────────────
  const insertProvider = db.prepare<unknown[], ProviderConnectionRow>(
    `INSERT INTO provider_connections
       (id, type, name, sealed_token, token_key_id, status, status_guidance, checked_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const selectProvider = db.prepare<[string], ProviderConnectionRow>(
    'SELECT * FROM provider_connections WHERE id = ?',
  );
  const selectProviders = db.prepare<[], ProviderConnectionRow>(
    'SELECT * FROM provider_connections ORDER BY created_at, id',
  );
  const selectLiveNodeOfProvider = db.prepare<[string], { id: string }>(
    "SELECT id FROM nodes WHERE provider_id = ? AND status <> 'deleted' LIMIT 1",
  );
  const deleteManagedKey = db.prepare<[string]>('DELETE FROM managed_ssh_keys WHERE provider_id = ?');
  const deleteProvider = db.prepare<[string]>('DELETE FROM provider_connections WHERE id = ?');

  // Nodes outlive their provider connection once deleted, so the reference is checked here rather than
  // by a foreign key.
  const insertNode = db.prepare<unknown[], NodeRow>(
    `INSERT INTO nodes
       (id, provider_id, name, location, server_type, image, status, idempotency_key, created_at, updated_at)
     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM provider_connections WHERE id = ?)
     RETURNING *`,
  );
  const selectNode = db.prepare<[string], NodeRow>('SELECT * FROM nodes WHERE id = ?');
  const selectLiveNodeByName = db.prepare<[string, string], NodeRow>(
    "SELECT * FROM nodes WHERE provider_id = ? AND name = ? AND status <> 'deleted' LIMIT 1",
  );
  const selectNodeChanges = db.prepare<[number, number], NodeRow & { change_seq: number }>(
    'SELECT * FROM nodes WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
  );
  const selectLastNodeChange = db
    .prepare<[], number>("SELECT value FROM pressluft_sequences WHERE name = 'node_changes'")
    .pluck();

  const selectManagedKey = db.prepare<[string], ManagedSshKeyRow>(
    'SELECT * FROM managed_ssh_keys WHERE provider_id = ?',
  );
  const upsertManagedKey = db.prepare<unknown[], ManagedSshKeyRow>(
    `INSERT INTO managed_ssh_keys
       (provider_id, provider_key_id, name, public_key, fingerprint_md5, fingerprint_sha256,
        sealed_private_key, private_key_key_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider_id) DO UPDATE SET
       provider_key_id = excluded.provider_key_id, name = excluded.name, public_key = excluded.public_key,
       fingerprint_md5 = excluded.fingerprint_md5, fingerprint_sha256 = excluded.fingerprint_sha256,
       sealed_private_key = excluded.sealed_private_key, private_key_key_id = excluded.private_key_key_id,
       updated_at = excluded.updated_at
     RETURNING *`,
  );

  const insertJob = db.prepare<unknown[], JobRow>(
    `INSERT INTO jobs
       (id, kind, status, node_id, payload, attempts, max_attempts, run_at, checkpoint, dedupe_key,
        cancel_requested, created_at, updated_at)
     VALUES (?, ?, 'queued', ?, ?, 0, ?, ?, ?, ?, 0, ?, ?)
     ON CONFLICT DO NOTHING RETURNING *`,
  );
  const selectUnfinishedByDedupeKey = db.prepare<[string], JobRow>(
    "SELECT * FROM jobs WHERE dedupe_key = ? AND status IN ('queued', 'running')",
  );
  const selectJob = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');

  // One statement: the sub-select walks the partial index of queued rows in claim order, and the
  // UPDATE takes the write lock before reading, so two claimers can never take the same row.
  const claimSet = `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @owner,
       lease_token = lower(hex(randomblob(16))), lease_expires_at = @leaseExpiresAt, updated_at = @now
     WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= @now`;
  // The claim and settle statements return rows as arrays in `jobColumns` order (see toJobFromValues).
  const returningJob = `RETURNING ${jobColumns.join(', ')}`;
  const claimAny = db
    .prepare<[Record<string, unknown>], JobValues>(
      `${claimSet} ORDER BY run_at, id LIMIT @limit) ${returningJob}`,
    )
    .raw();
  const claimKinds = db
    .prepare<[Record<string, unknown>], JobValues>(
      `${claimSet} AND kind IN (SELECT value FROM json_each(@kinds)) ORDER BY run_at, id LIMIT @limit) ${returningJob}`,
    )
    .raw();

  const heartbeat = db.prepare<
    [Record<string, unknown>],
    { lease_expires_at: number; cancel_requested: number }
  >(
    `UPDATE jobs SET lease_expires_at = @leaseExpiresAt, updated_at = @now
     WHERE id = @jobId AND lease_token = @leaseToken AND status = 'running'
     RETURNING lease_expires_at, cancel_requested`,
  );
  const checkpoint = db.prepare<[Record<string, unknown>], JobRow>(
    `UPDATE jobs SET checkpoint = @checkpoint, current_step = @currentStep, updated_at = @now
     WHERE id = @jobId AND lease_token = @leaseToken AND status = 'running' RETURNING *`,
  );
  // Every way out of `running` goes through one of these fenced statements; the lease columns are cleared so
  // a stale token can never match again. One statement per outcome sets only the columns that outcome
  // changes: assigning an indexed column (run_at) would make SQLite revisit its index on every settle.
  const fence = `WHERE id = @jobId AND lease_token = @leaseToken AND status = 'running' ${returningJob}`;
  const releaseLease = 'lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL';
  const keepOrSetError = `last_error_code = coalesce(@errorCode, last_error_code),
       last_error_message = coalesce(@errorMessage, last_error_message)`;
  const settleStatements = {
    succeeded: db.prepare<[Record<string, unknown>], JobValues>(
      `UPDATE jobs SET status = 'succeeded', ${releaseLease}, finished_at = @now, updated_at = @now ${fence}`,
    ),
    failed: db.prepare<[Record<string, unknown>], JobValues>(
      `UPDATE jobs SET status = 'failed', ${releaseLease}, ${keepOrSetError}, finished_at = @now, updated_at = @now
       ${fence}`,
    ),
    cancelled: db.prepare<[Record<string, unknown>], JobValues>(
      `UPDATE jobs SET status = 'cancelled', ${releaseLease}, ${keepOrSetError}, finished_at = @now,
         updated_at = @now ${fence}`,
    ),
    queued: db.prepare<[Record<string, unknown>], JobValues>(
      `UPDATE jobs SET status = 'queued', ${releaseLease}, ${keepOrSetError}, run_at = @runAt,
         attempts = max(0, attempts - @refund), updated_at = @now ${fence}`,
    ),
  } as const;
  for (const statement of Object.values(settleStatements)) statement.raw();
  // The succeeded attempts of a batch in one statement. Each item's fence (id, token, running) is part of
  // the join, so an item whose lease is not held matches no row and is missing from what comes back.
  const settleSucceededMany = db
    .prepare<[string], JobValues>(
      `UPDATE jobs SET status = 'succeeded', ${releaseLease}, finished_at = batch.at, updated_at = batch.at
       FROM (SELECT value ->> 0 AS job_id, value ->> 1 AS token, value ->> 2 AS at FROM json_each(?)) AS batch
       WHERE jobs.id = batch.job_id AND jobs.lease_token = batch.token AND jobs.status = 'running'
       ${returningJob}`,
    )
    .raw();
  const cancelQueued = db.prepare<[Record<string, unknown>], JobRow>(
    `UPDATE jobs SET status = 'cancelled', finished_at = @now, updated_at = @now
     WHERE id = @jobId AND status = 'queued' RETURNING *`,
  );
  const flagCancel = db.prepare<[Record<string, unknown>], JobRow>(
    `UPDATE jobs SET cancel_requested = 1, updated_at = @now
     WHERE id = @jobId AND status = 'running' AND cancel_requested = 0 RETURNING *`,
  );
  const selectExpired = db.prepare<[number, number], JobRow>(
    `SELECT * FROM jobs WHERE status = 'running' AND lease_expires_at < ?
     ORDER BY lease_expires_at, id LIMIT ?`,
  );
  const nextRunAny = db.prepare<[], { run_at: number | null }>(
    "SELECT min(run_at) AS run_at FROM jobs WHERE status = 'queued'",
  );
  const nextRunKinds = db.prepare<[string], { run_at: number | null }>(
    `SELECT min(run_at) AS run_at FROM jobs
     WHERE status = 'queued' AND kind IN (SELECT value FROM json_each(?))`,
  );

  // Only the sequence number comes back: the other columns are the values just bound, so the event is built
  // from them instead of materialising the whole row. Positional parameters (the job id twice) bind more
  // cheaply than named ones, and this runs for every event.
  const insertEvent = db
    .prepare<[string, string, string, number, string], number>(
      `INSERT INTO job_events (job_id, seq, type, at, data)
       VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM job_events WHERE job_id = ?), ?, ?, ?)
       RETURNING seq`,
    )
    .pluck();

  // Statements whose shape depends on the input (patch fields, filters) are prepared on first use.
  const dynamicStatements = new Map<string, Database.Statement>();
  function dynamic<R>(sql: string): Database.Statement<unknown[], R> {
    let statement = dynamicStatements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      dynamicStatements.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], R>;
  }

  // better-sqlite3 turns a nested call into a SAVEPOINT, so these also work inside `store.transaction`.
  const immediate = <A extends unknown[], T>(fn: (...args: A) => T): ((...args: A) => T) => {
    const transaction = db.transaction(fn);
    return (...args: A) => transaction.immediate(...args);
  };

  /** Run `body`, turning anything thrown into a mapped store error. */
  function guard<T, E>(
    operation: string,
    body: () => Result<T, E>,
  ): Result<T, E | ReturnType<typeof mapSqliteError>> {
    try {
      return body();
    } catch (error) {
      if (error instanceof EarlyExit) return err(error.error as E);
      return err(mapSqliteError(error, { operation }));
    }
  }

  const appendEventRow = (jobId: string, type: string, at: number, data: object): JobEventRow => {
    const json = JSON.stringify(data);
    const seq = insertEvent.get(jobId, jobId, type, at, json);
    if (seq === undefined) throw new Error('INSERT … RETURNING returned no row');
    return { job_id: jobId, seq, type, at, data: json };
  };

  // Several events of distinct jobs in one multi-row INSERT, prepared once per row count. SQLite computes
  // every row's `max(seq) + 1` before it inserts any of them (the statement reads the table it writes), so
  // two events of one job in one statement would collide; those take the one-at-a-time path instead.
  const maximumEventRows = 64;
  const eventRowsStatements = new Map<number, Database.Statement<unknown[], [string, number]>>();
  const insertEventRows = (count: number): Database.Statement<unknown[], [string, number]> => {
    let statement = eventRowsStatements.get(count);
    if (statement === undefined) {
      const row = '(?, (SELECT coalesce(max(seq), 0) + 1 FROM job_events WHERE job_id = ?), ?, ?, ?)';
      statement = db
        .prepare<unknown[], [string, number]>(
          `INSERT INTO job_events (job_id, seq, type, at, data) VALUES ${Array.from({ length: count }, () => row).join(', ')}
           RETURNING job_id, seq`,
        )
        .raw();
      eventRowsStatements.set(count, statement);
    }
    return statement;
  };

  const distinctJobs = (items: readonly { readonly jobId: string }[]): boolean => {
    if (items.length < 2) return true;
    const seen = new Set<string>();
    for (const item of items) seen.add(item.jobId);
    return seen.size === items.length;
  };

  const appendEventRows = (events: readonly NewJobEvent[]): JobEvent[] => {
    if (!distinctJobs(events)) {
      return events.map((event) =>
        toJobEvent(appendEventRow(event.jobId, event.type, event.at, event.data ?? {})),
      );
    }
    const appended: JobEvent[] = [];
    for (let start = 0; start < events.length; start += maximumEventRows) {
      const chunk = events.slice(start, start + maximumEventRows);
      const values: unknown[] = [];
      const json: string[] = [];
      for (const event of chunk) {
        const data = JSON.stringify(event.data ?? {});
        json.push(data);
        values.push(event.jobId, event.jobId, event.type, event.at, data);
      }
      const seqs = new Map(insertEventRows(chunk.length).all(...values));
      chunk.forEach((event, index) => {
        const seq = seqs.get(event.jobId);
        if (seq === undefined) throw new Error('INSERT … RETURNING left out a row');
        appended.push(
          toJobEvent({
            job_id: event.jobId,
            seq,
            type: event.type,
            at: event.at,
            data: json[index] as string,
          }),
        );
      });
    }
    return appended;
  };
  // One statement is atomic by itself; only several need a savepoint to be all or nothing.
  const appendEventsTransaction = immediate(appendEventRows);
  const appendEvents = (events: readonly NewJobEvent[]): JobEvent[] =>
    events.length <= maximumEventRows && distinctJobs(events)
      ? appendEventRows(events)
      : appendEventsTransaction(events);

  /** The fenced settle of one attempt; a lease that is not held writes nothing and returns `JOB_LEASE_LOST`. */
  const settleOne = (input: SettleJobInput): Result<JobRecord, FencedWriteError> => {
    const { outcome } = input;
    const allowed = checkTransition(jobTransitions, 'running', outcome.status);
    if (allowed.isErr()) return err(allowed.error);
    const lease = { jobId: input.jobId, leaseToken: input.leaseToken, now: input.now };
    let row: JobValues | undefined;
    switch (outcome.status) {
      case 'succeeded':
        row = settleStatements.succeeded.get(lease);
        break;
      case 'queued':
        row = settleStatements.queued.get({
          ...lease,
          runAt: outcome.runAt,
          refund: outcome.refundAttempt === true ? 1 : 0,
          errorCode: outcome.errorCode ?? null,
          errorMessage: outcome.errorMessage ?? null,
        });
        break;
      default:
        row = settleStatements[outcome.status].get({
          ...lease,
          errorCode: outcome.errorCode ?? null,
          errorMessage: outcome.errorMessage ?? null,
        });
    }
    return row === undefined ? err(leaseLost(input.jobId)) : ok(toJobFromValues(row));
  };

  const settleMany = (inputs: readonly SettleJobInput[]): Result<JobRecord, FencedWriteError>[] => {
    // The same job twice: one after the other, so the second sees what the first did.
    if (!distinctJobs(inputs)) return inputs.map(settleOne);
    const results: Result<JobRecord, FencedWriteError>[] = new Array(inputs.length);
    const succeeded: number[] = [];
    inputs.forEach((input, index) => {
      if (input.outcome.status === 'succeeded') succeeded.push(index);
      else results[index] = settleOne(input);
    });
    if (succeeded.length === 1) {
      const index = succeeded[0] as number;
      results[index] = settleOne(inputs[index] as SettleJobInput);
    } else if (succeeded.length > 1) {
      const items = succeeded.map((index) => {
        const input = inputs[index] as SettleJobInput;
        return [input.jobId, input.leaseToken, input.now];
      });
      const rows = new Map(
        settleSucceededMany.all(JSON.stringify(items)).map((row) => [row[0] as string, row]),
      );
      for (const index of succeeded) {
        const { jobId } = inputs[index] as SettleJobInput;
        const row = rows.get(jobId);
        results[index] = row === undefined ? err(leaseLost(jobId)) : ok(toJobFromValues(row));
      }
    }
    return results;
  };
  const settleManyTransaction = immediate(settleMany);

  const enqueueTransaction = immediate((input: Parameters<StoreOperations['enqueueJob']>[0], now: number) => {
    const maxAttempts = input.maxAttempts ?? defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new EarlyExit(
        new ValidationError({
          code: 'VALIDATION_FAILED',
          message: `maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`,
          details: { maxAttempts },
        }),
      );
    }
    const dedupeKey = input.dedupeKey ?? null;
    const row = insertJob.get(
      createId('job'),
      input.kind,
      input.nodeId ?? null,
      JSON.stringify(input.payload ?? {}),
      maxAttempts,
      input.runAt ?? now,
      input.checkpoint == null ? null : JSON.stringify(input.checkpoint),
      dedupeKey,
      now,
      now,
    );
    if (row !== undefined) {
      appendEventRow(row.id, 'job-queued', now, { kind: row.kind });
      return { job: toJob(row), created: true } satisfies EnqueuedJob;
    }
    const existing = dedupeKey === null ? undefined : selectUnfinishedByDedupeKey.get(dedupeKey);
    if (existing === undefined)
      throw new Error('the job insert conflicted but no unfinished job holds its key');
    return { job: toJob(existing), created: false } satisfies EnqueuedJob;
  });

  const deleteProviderTransaction = immediate((id: string) => {
    if (selectProvider.get(id) === undefined) throw new EarlyExit(notFound('provider connection', id));
    if (selectLiveNodeOfProvider.get(id) !== undefined) {
      throw new EarlyExit(
        new ValidationError({
          code: 'CONFLICT',
          message: `Provider connection ${id} is still used by nodes that are not deleted.`,
          details: { id },
        }),
      );
    }
    deleteManagedKey.run(id);
    deleteProvider.run(id);
  });

  const cancelTransaction = immediate((jobId: string, now: number): JobRecord => {
    const cancelled = cancelQueued.get({ jobId, now });
    if (cancelled !== undefined) return toJob(cancelled);
    const flagged = flagCancel.get({ jobId, now });
    if (flagged !== undefined) return toJob(flagged);
    const current = selectJob.get(jobId);
    if (current === undefined) throw new EarlyExit(notFound('job', jobId));
    return toJob(current);
  });

  return {
    createProviderConnection: (input, now) =>
      guard('create the provider connection', () => {
        const row = insertProvider.get(
          createId('prv'),
          input.type,
          input.name,
          input.sealedToken,
          sealedSecretKeyId(input.sealedToken),
          input.status ?? 'unchecked',
          input.statusGuidance ?? null,
          input.checkedAt ?? null,
          now,
          now,
        );
        return ok(toProviderConnection(row as ProviderConnectionRow));
      }),

    getProviderConnection: (id) =>
      guard('read the provider connection', () => {
        const row = selectProvider.get(id);
        return ok(row === undefined ? null : toProviderConnection(row));
      }),

    listProviderConnections: () =>
      guard('list provider connections', () => ok(selectProviders.all().map(toProviderConnection))),

    updateProviderConnection: (id, patch, now) =>
      guard('update the provider connection', () => {
        const assignments: string[] = [];
        const values: unknown[] = [];
        for (const [field, column] of Object.entries(providerPatchColumns)) {
          const value = patch[field as keyof ProviderConnectionPatch];
          if (value === undefined) continue;
          assignments.push(`${column} = ?`);
          values.push(value);
          if (field === 'sealedToken') {
            assignments.push('token_key_id = ?');
            values.push(sealedSecretKeyId(value as string));
          }
        }
        const row = dynamic<ProviderConnectionRow>(
          `UPDATE provider_connections SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ? RETURNING *`,
        ).get(...values, now, id);
        return row === undefined ? err(notFound('provider connection', id)) : ok(toProviderConnection(row));
      }),

    deleteProviderConnection: (id) =>
      guard('delete the provider connection', () => {
        deleteProviderTransaction(id);
        return ok(undefined);
      }),

    createNode: (input, now) =>
      guard('create the node', () => {
        try {
          const row = insertNode.get(
            createId('node'),
            input.providerId,
            input.name,
            input.location,
            input.serverType,
            input.image,
            input.status ?? 'pending',
            input.idempotencyKey,
            now,
            now,
            input.providerId,
          );
          if (row === undefined) return err(notFound('provider connection', input.providerId));
          return ok(toNode(row));
        } catch (error) {
          if (!isConstraint(error, 'SQLITE_CONSTRAINT_UNIQUE')) throw error;
          return err(
            new ValidationError({
              code: 'CONFLICT',
              message: `A node with idempotency key ${input.idempotencyKey} exists already.`,
              details: { idempotencyKey: input.idempotencyKey },
              cause: error,
            }),
          );
        }
      }),

    getNode: (id) =>
      guard('read the node', () => {
        const row = selectNode.get(id);
        return ok(row === undefined ? null : toNode(row));
      }),

    listNodes: (filter) =>
      guard('list nodes', () => {
        const conditions: string[] = [];
        const values: unknown[] = [];
        if (filter?.providerId !== undefined) {
          conditions.push('provider_id = ?');
          values.push(filter.providerId);
        }
        if (filter?.statuses !== undefined) {
          conditions.push('status IN (SELECT value FROM json_each(?))');
          values.push(JSON.stringify(filter.statuses));
        }
        const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
        const rows = dynamic<NodeRow>(`SELECT * FROM nodes${where} ORDER BY created_at, id`).all(...values);
        return ok(rows.map(toNode));
      }),

    pageNodes: (query) =>
      guard('list a page of nodes', () => {
        const conditions: string[] = [];
        const values: unknown[] = [];
        // Literal, so that SQLite can pick the partial indexes that hold live nodes only.
        if (query.includeDeleted !== true && query.statuses?.includes('deleted') !== true) {
          conditions.push("status <> 'deleted'");
        }
        if (query.providerId !== undefined) {
          conditions.push('provider_id = ?');
          values.push(query.providerId);
        }
        if (query.statuses !== undefined) {
          conditions.push(
            query.statuses.length === 0 ? '0' : `status IN (${query.statuses.map(() => '?').join(', ')})`,
          );
          values.push(...query.statuses);
        }
        if (query.namePrefix !== undefined && query.namePrefix.length > 0) {
          // A range instead of LIKE: case-sensitive like the names, free of wildcards, and served by an index.
          conditions.push('name >= ? AND name < ?');
          values.push(query.namePrefix, `${query.namePrefix}\u{10FFFF}`);
        }
        if (query.after != null) {
          conditions.push('(created_at, id) > (?, ?)');
          values.push(query.after.createdAt, query.after.id);
        }
        const limit = pageLimit(query.limit);
        values.push(limit + 1);
        const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
        const rows = dynamic<NodeRow>(`SELECT * FROM nodes${where} ORDER BY created_at, id LIMIT ?`).all(
          ...values,
        );
        return ok(toPage(rows.map(toNode), limit));
      }),

    findNodeByName: (providerId, name) =>
      guard('find the node by name', () => {
        const row = selectLiveNodeByName.get(providerId, name);
        return ok(row === undefined ? null : toNode(row));
      }),

    listNodeChanges: (query) =>
      guard('list node changes', () =>
        ok(
          selectNodeChanges
            .all(Math.max(0, query.afterSeq), pageLimit(query.limit))
            .map((row) => ({ seq: row.change_seq, node: toNode(row) })),
        ),
      ),

    lastNodeChangeSeq: () =>
      guard('read the node change sequence', () => ok(selectLastNodeChange.get() ?? 0)),

    updateNode: (id, patch, now) =>
      guard('update the node', () => {
        const assignments: string[] = [];
        const values: unknown[] = [];
        for (const [field, column] of Object.entries(nodePatchColumns)) {
          const value = patch[field as keyof typeof nodePatchColumns];
          if (value === undefined) continue;
          assignments.push(`${column} = ?`);
          values.push(value);
        }
        if (patch.sshTarget !== undefined) {
          assignments.push('ssh_host = ?', 'ssh_port = ?', 'ssh_user = ?');
          values.push(
            patch.sshTarget?.host ?? null,
            patch.sshTarget?.port ?? null,
            patch.sshTarget?.user ?? null,
          );
        }
        const row = dynamic<NodeRow>(
          `UPDATE nodes SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ? RETURNING *`,
        ).get(...values, now, id);
        return row === undefined ? err(notFound('node', id)) : ok(toNode(row));
      }),

    getManagedSshKey: (providerId) =>
      guard('read the managed SSH key', () => {
        const row = selectManagedKey.get(providerId);
        return ok(row === undefined ? null : toManagedSshKey(row));
      }),

    saveManagedSshKey: (input, now) =>
      guard('save the managed SSH key', () => {
        try {
          const row = upsertManagedKey.get(
            input.providerId,
            input.providerKeyId,
            input.name,
            input.publicKey,
            input.fingerprintMd5,
            input.fingerprintSha256,
            input.sealedPrivateKey,
            sealedSecretKeyId(input.sealedPrivateKey),
            now,
            now,
          );
          return ok(toManagedSshKey(row as ManagedSshKeyRow));
        } catch (error) {
          if (!isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
          return err(notFound('provider connection', input.providerId));
        }
      }),

    enqueueJob: (input, now) => guard('enqueue the job', () => ok(enqueueTransaction(input, now))),

    getJob: (id) =>
      guard('read the job', () => {
        const row = selectJob.get(id);
        return ok(row === undefined ? null : toJob(row));
      }),

    listJobs: (filter) =>
      guard('list jobs', () => {
        const conditions: string[] = [];
        const values: unknown[] = [];
        if (filter?.nodeId !== undefined) {
          conditions.push('node_id = ?');
          values.push(filter.nodeId);
        }
        if (filter?.statuses !== undefined) {
          conditions.push('status IN (SELECT value FROM json_each(?))');
          values.push(JSON.stringify(filter.statuses));
        }
        if (filter?.kinds !== undefined) {
          conditions.push('kind IN (SELECT value FROM json_each(?))');
          values.push(JSON.stringify(filter.kinds));
        }
        const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
        const limit = filter?.limit === undefined ? '' : ' LIMIT ?';
        if (filter?.limit !== undefined) values.push(Math.max(0, filter.limit));
        const rows = dynamic<JobRow>(
          `SELECT * FROM jobs${where} ORDER BY created_at DESC, id DESC${limit}`,
        ).all(...values);
        return ok(rows.map(toJob));
      }),

    pageJobs: (query) =>
      guard('list a page of jobs', () => {
        const conditions: string[] = [];
        const values: unknown[] = [];
        if (query.nodeId !== undefined) {
          conditions.push('node_id = ?');
          values.push(query.nodeId);
        }
        if (query.statuses !== undefined) {
          conditions.push(
            query.statuses.length === 0 ? '0' : `status IN (${query.statuses.map(() => '?').join(', ')})`,
          );
          values.push(...query.statuses);
        }
        if (query.kinds !== undefined) {
          conditions.push(
            query.kinds.length === 0 ? '0' : `kind IN (${query.kinds.map(() => '?').join(', ')})`,
          );
          values.push(...query.kinds);
        }
        if (query.after != null) {
          conditions.push('(created_at, id) < (?, ?)');
          values.push(query.after.createdAt, query.after.id);
        }
        const limit = pageLimit(query.limit);
        values.push(limit + 1);
        const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
        const rows = dynamic<JobRow>(
          `SELECT * FROM jobs${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
        ).all(...values);
        return ok(toPage(rows.map(toJob), limit));
      }),

    claimJobs: (input) =>
      guard('claim jobs', () => {
        if (input.limit <= 0 || input.kinds?.length === 0) return ok([]);
        const parameters: Record<string, unknown> = {
          owner: input.owner,
          leaseExpiresAt: input.now + input.leaseMs,
          now: input.now,
          limit: input.limit,
        };
        let rows: JobValues[];
        if (input.kinds === undefined) rows = claimAny.all(parameters);
        else {
          parameters['kinds'] = JSON.stringify(input.kinds);
          rows = claimKinds.all(parameters);
        }
        // RETURNING does not keep the sub-select's order.
        const jobs = rows.map(toJobFromValues);
        if (jobs.length > 1)
          jobs.sort((a, b) => a.runAt - b.runAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return ok(jobs);
      }),

    heartbeatJob: (input) =>
      guard('renew the job lease', () => {
        const row = heartbeat.get({
          jobId: input.jobId,
          leaseToken: input.leaseToken,
          leaseExpiresAt: input.now + input.leaseMs,
          now: input.now,
        });
        if (row === undefined) return err(leaseLost(input.jobId));
        return ok({ leaseExpiresAt: row.lease_expires_at, cancelRequested: row.cancel_requested === 1 });
      }),

    checkpointJob: (input) =>
      guard('save the job checkpoint', () => {
        const row = checkpoint.get({
          jobId: input.jobId,
          leaseToken: input.leaseToken,
          checkpoint: JSON.stringify(input.checkpoint),
          currentStep: input.currentStep,
          now: input.now,
        });
        return row === undefined ? err(leaseLost(input.jobId)) : ok(toJob(row));
      }),

    settleJob: (input) => guard('settle the job', () => settleOne(input)),

    settleJobs: (inputs) =>
      guard('settle the jobs', () => {
        if (inputs.length === 0) return ok([]);
        // All succeeded, distinct: one statement, atomic by itself; anything else needs a savepoint.
        const single = distinctJobs(inputs) && inputs.every((input) => input.outcome.status === 'succeeded');
        return ok(single ? settleMany(inputs) : settleManyTransaction(inputs));
      }),

    requestJobCancel: (jobId, now) => guard('cancel the job', () => ok(cancelTransaction(jobId, now))),

    listExpiredLeases: (now, limit) =>
      guard('list expired leases', () => ok(selectExpired.all(now, Math.max(0, limit)).map(toJob))),

    nextRunAt: (kinds) =>
      guard('find the next due job', () => {
        if (kinds?.length === 0) return ok(null);
        const row = kinds === undefined ? nextRunAny.get() : nextRunKinds.get(JSON.stringify(kinds));
        return ok(row?.run_at ?? null);
      }),

    appendJobEvent: (event) =>
      guard('append the job event', () => {
        try {
          return ok(toJobEvent(appendEventRow(event.jobId, event.type, event.at, event.data ?? {})));
        } catch (error) {
          if (!isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
          return err(notFound('job', event.jobId));
        }
      }),

    appendJobEvents: (events) =>
      guard('append the job events', () => {
        if (events.length === 0) return ok([]);
        try {
          return ok(appendEvents(events));
        } catch (error) {
          if (!isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
          const unknown = events.find((event) => selectJob.get(event.jobId) === undefined);
          return err(notFound('job', unknown?.jobId ?? events[0]?.jobId ?? ''));
        }
      }),

    listJobEvents: (jobId, options) =>
      guard('list job events', () => {
        const limit = options?.limit === undefined ? '' : ' LIMIT ?';
        const values: unknown[] = [jobId, options?.afterSeq ?? 0];
        if (options?.limit !== undefined) values.push(Math.max(0, options.limit));
        const rows = dynamic<JobEventRow>(
          `SELECT * FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq${limit}`,
        ).all(...values);
        return ok(rows.map(toJobEvent));
      }),
  };
}

/** A page size within 1…maximumPageSize. */
function pageLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.min(maximumPageSize, Math.trunc(limit))) : maximumPageSize;
}

/** The page of `limit` rows out of `limit + 1` fetched; the extra row only tells that a next page exists. */
function toPage<T extends { createdAt: number; id: string }>(rows: T[], limit: number): ListPage<T> {
  const items = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items,
    next: rows.length > limit && last !== undefined ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** Carries an expected error out of a better-sqlite3 transaction function, which rolls back on throw. */
class EarlyExit extends Error {
  constructor(readonly error: unknown) {
    super('early exit');
  }
}
