import type {
  ControlPlane,
  JobStatus,
  NodeListQuery,
  NodeStatus,
  PressluftError,
  Redactor,
  ValidationError,
} from '@pressluft/core';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { err, ok, type Result } from 'neverthrow';
import type { AppEnvironment } from '../app.js';
import { apiError } from './error-response.js';
import { wireFormat } from './wire-format.js';

/** What {@link registerListRoutes} takes from the app. */
export interface ListRoutesOptions {
  /** The control plane the lists come from. */
  readonly controlPlane: ControlPlane;
  /** Scrubs secrets from what leaves. */
  readonly redactor: Redactor;
  /** How often an idle change stream gets a keep-alive comment. */
  readonly keepAliveMs: number;
  /** The app's error answer (logs and renders the error body). */
  readonly fail: (context: Context, error: PressluftError | unknown) => Response;
}

const nodeStatuses: ReadonlySet<string> = new Set<NodeStatus>([
  'pending',
  'acquiring',
  'provisioning',
  'ready',
  'failed',
  'deleting',
  'deleted',
]);
const jobStatuses: ReadonlySet<string> = new Set<JobStatus>([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);

function invalid(path: string, message: string): ValidationError {
  return apiError('VALIDATION_FAILED', `${path} ${message}.`, { issues: [{ path, message }] });
}

/** The paging parameters shared by every list: `limit` (1–500, default 50) and `cursor`. */
function readPaging(context: Context): Result<{ limit?: number; cursor?: string }, ValidationError> {
  const limit = context.req.query('limit');
  const cursor = context.req.query('cursor');
  if (limit !== undefined && (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > 500)) {
    return err(invalid('limit', 'must be a whole number from 1 to 500'));
  }
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 200)) {
    return err(invalid('cursor', 'must be the next_cursor of an earlier page'));
  }
  return ok({
    ...(limit === undefined ? {} : { limit: Number(limit) }),
    ...(cursor === undefined ? {} : { cursor }),
  });
}

/** A comma-separated list of allowed words, such as `status=ready,failed`. */
function readList<T extends string>(
  context: Context,
  name: string,
  allowed?: ReadonlySet<string>,
): Result<T[] | undefined, ValidationError> {
  const value = context.req.query(name);
  if (value === undefined) return ok(undefined);
  const items = value.split(',');
  if (items.length > 20 || items.some((item) => !/^[a-z0-9_-]{1,64}$/.test(item))) {
    return err(invalid(name, 'must be a comma-separated list of names'));
  }
  const unknown = allowed === undefined ? undefined : items.find((item) => !allowed.has(item));
  if (unknown !== undefined) return err(invalid(name, `has an unknown value ${unknown}`));
  return ok(items as T[]);
}

/** Parse the query of `GET /api/nodes` (also used by the dashboard's list page). */
export function readNodeListQuery(context: Context): Result<NodeListQuery, ValidationError> {
  const paging = readPaging(context);
  if (paging.isErr()) return err(paging.error);
  const statuses = readList<NodeStatus>(context, 'status', nodeStatuses);
  if (statuses.isErr()) return err(statuses.error);
  const includeDeleted = context.req.query('include_deleted');
  if (includeDeleted !== undefined && includeDeleted !== 'true' && includeDeleted !== 'false') {
    return err(invalid('include_deleted', 'must be true or false'));
  }
  const providerId = context.req.query('provider_id');
  const namePrefix = context.req.query('name_prefix');
  if (namePrefix !== undefined && namePrefix.length > 63) {
    return err(invalid('name_prefix', 'must be at most 63 characters'));
  }
  return ok({
    ...paging.value,
    ...(statuses.value === undefined ? {} : { statuses: statuses.value }),
    ...(providerId === undefined || providerId === '' ? {} : { providerId }),
    ...(namePrefix === undefined || namePrefix === '' ? {} : { namePrefix }),
    ...(includeDeleted === 'true' ? { includeDeleted: true } : {}),
  });
}

/**
 * The list routes of the API: `GET /api/nodes`, `GET /api/nodes/changes`, `GET /api/nodes/{id}/jobs` and
 * `GET /api/jobs`. Every one answers one page at most (default 50 rows, at most 500) with an opaque
 * `next_cursor`; the change stream sends each change once, from the position the client asks for.
 * Registered before `/api/nodes/:id`, so `changes` is never taken for a node id.
 */
export function registerListRoutes(app: Hono<AppEnvironment>, options: ListRoutesOptions): void {
  const { controlPlane, redactor, keepAliveMs, fail } = options;

  app.get('/api/nodes', async (context) => {
    const query = readNodeListQuery(context);
    if (query.isErr()) return fail(context, query.error);
    const page = await controlPlane.nodes.page(query.value);
    if (page.isErr()) return fail(context, page.error);
    return context.json({ nodes: page.value.items.map(wireFormat.node), next_cursor: page.value.nextCursor });
  });

  app.get('/api/nodes/changes', async (context) => {
    const resumeFrom = context.req.header('last-event-id') ?? context.req.query('after_seq') ?? '0';
    if (!/^\d{1,15}$/.test(resumeFrom)) {
      return fail(context, invalid('after_seq', 'must be a non-negative integer (also as Last-Event-ID)'));
    }
    const afterSeq = Number(resumeFrom);
    const wantsStream = (context.req.header('accept') ?? '').includes('text/event-stream');
    if (!wantsStream) {
      const paging = readPaging(context);
      if (paging.isErr()) return fail(context, paging.error);
      // The newest value first: a change written between the two reads is sent again later, never lost.
      const lastSeq = await controlPlane.nodes.changeSeq();
      if (lastSeq.isErr()) return fail(context, lastSeq.error);
      const changes = await controlPlane.nodes.changesAfter(afterSeq, paging.value.limit);
      if (changes.isErr()) return fail(context, changes.error);
      return context.json({
        changes: changes.value.map((change) => ({ seq: change.seq, node: wireFormat.node(change.node) })),
        last_seq: lastSeq.value,
      });
    }
    return streamSSE(context, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const keepAlive = setInterval(() => {
        void stream.write(': keep-alive\n\n').catch(() => abort.abort());
      }, keepAliveMs);
      try {
        // Tells the client the stream is open (and where it starts) before the first change.
        await stream.write(`: from ${afterSeq}\n\n`);
        for await (const change of controlPlane.nodes.changes({ afterSeq, signal: abort.signal })) {
          await stream.writeSSE({
            id: String(change.seq),
            event: 'node-changed',
            data: JSON.stringify(redactor.redactValue(wireFormat.node(change.node))),
          });
        }
      } finally {
        clearInterval(keepAlive);
        abort.abort();
      }
    });
  });

  app.get('/api/nodes/:id/jobs', async (context) => {
    const paging = readPaging(context);
    if (paging.isErr()) return fail(context, paging.error);
    const nodeId = context.req.param('id');
    const node = await controlPlane.nodes.get(nodeId);
    if (node.isErr()) return fail(context, node.error);
    const page = await controlPlane.jobs.page({ ...paging.value, nodeId });
    if (page.isErr()) return fail(context, page.error);
    return context.json({ jobs: page.value.items.map(wireFormat.job), next_cursor: page.value.nextCursor });
  });

  app.get('/api/jobs', async (context) => {
    const paging = readPaging(context);
    if (paging.isErr()) return fail(context, paging.error);
    const statuses = readList<JobStatus>(context, 'status', jobStatuses);
    if (statuses.isErr()) return fail(context, statuses.error);
    const kinds = readList(context, 'kind');
    if (kinds.isErr()) return fail(context, kinds.error);
    const nodeId = context.req.query('node_id');
    const page = await controlPlane.jobs.page({
      ...paging.value,
      ...(statuses.value === undefined ? {} : { statuses: statuses.value }),
      ...(kinds.value === undefined ? {} : { kinds: kinds.value }),
      ...(nodeId === undefined || nodeId === '' ? {} : { nodeId }),
    });
    if (page.isErr()) return fail(context, page.error);
    return context.json({ jobs: page.value.items.map(wireFormat.job), next_cursor: page.value.nextCursor });
  });
}
