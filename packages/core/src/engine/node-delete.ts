import { err, ok, okAsync, type ResultAsync, safeTry } from 'neverthrow';
import { ProviderError, ValidationError } from '../errors/error-families.js';
import type { PressluftError } from '../errors/pressluft-error.js';
import { defaultBackoff } from '../jobs/backoff.js';
import type { JobRecord } from '../model/job.js';
import type { Store, StoreOperations } from '../spec/store.js';
import type { JobContext, JobKindDefinition, Settlement } from './job-kind.js';
import { moveNode, NODE_PROVISION } from './node-provision.js';
import type { ProviderAdapters } from './provider-adapters.js';

/** The job kind that deletes a node's server, then the node. */
export const NODE_DELETE = 'node_delete';

/** What the `node_delete` kind needs. */
export interface NodeDeleteDependencies {
  /** Where nodes and jobs live. */
  readonly store: Store;
  /** Provider adapters per connection. */
  readonly adapters: ProviderAdapters;
  /** Attempts per job. Default 8. */
  readonly maxAttempts?: number;
}

/**
 * The `node_delete` job kind: wait until no provisioning job of the node runs (cancellation was
 * requested when the deletion was), delete the server Pressluft owns — found by its id, or by the
 * node's idempotency key when a crash left the id unrecorded — then mark the node deleted.
 */
export function createNodeDeleteKind(dependencies: NodeDeleteDependencies): JobKindDefinition {
  const run = (context: JobContext): ResultAsync<void, PressluftError> =>
    safeTry(async function* () {
      const nodeId = context.job.nodeId;
      if (nodeId === null) {
        return err(new ValidationError({ code: 'VALIDATION_FAILED', message: 'node_delete needs a node.' }));
      }
      const node = yield* dependencies.store.getNode(nodeId);
      if (node === null || node.status === 'deleted') return ok(undefined);

      const running = yield* dependencies.store.listJobs({
        nodeId,
        kinds: [NODE_PROVISION],
        statuses: ['running'],
      });
      if (running.length > 0) {
        return err(
          new ProviderError({
            code: 'PROVIDER_CONFLICT',
            message: `Node ${nodeId} is still being provisioned by job ${running[0]?.id}; deleting once it stops.`,
          }),
        );
      }
      yield* context.checkpoint(
        {},
        {
          step: 'delete-server',
          event: { type: 'step-started', data: { step: 'delete-server' } },
          alsoWrite: (tx) => moveNode(tx, nodeId, 'deleting', {}, context.now()),
        },
      );
      const { provider } = yield* dependencies.adapters.forConnection(node.providerId);
      let serverId = node.providerServerId;
      if (serverId === null) {
        const found = yield* provider.findServerByIdempotencyKey(node.idempotencyKey, {
          signal: context.signal,
        });
        serverId = found?.id ?? null;
      }
      let deleted = false;
      if (serverId !== null) {
        const result = yield* provider.deleteServer(serverId, { signal: context.signal });
        deleted = result.deleted;
      }
      yield* context.checkpoint(
        { serverId, deleted },
        {
          step: 'delete-server',
          event: { type: 'step-succeeded', data: { step: 'delete-server', serverId, deleted } },
        },
      );
      return ok(undefined);
    });

  return {
    kind: NODE_DELETE,
    run,
    timeoutMs: 15 * 60_000,
    maxAttempts: dependencies.maxAttempts ?? 8,
    backoff: defaultBackoff,
    onSettle: (tx: StoreOperations, job: JobRecord, settlement: Settlement, now: number) => {
      const nodeId = job.nodeId;
      if (nodeId === null) return okAsync(undefined);
      if (settlement.status === 'succeeded') {
        return tx.getNode(nodeId).andThen((node) => {
          if (node === null || node.status === 'deleted') return okAsync(undefined);
          return moveNode(tx, nodeId, node.status === 'deleting' ? 'deleted' : 'deleting', {}, now).andThen(
            (moved) =>
              moved.status === 'deleted' ? okAsync(moved) : moveNode(tx, nodeId, 'deleted', {}, now),
          );
        });
      }
      if (settlement.status === 'failed' || settlement.status === 'cancelled') {
        return tx.getNode(nodeId).andThen((node) => {
          if (node === null || node.status !== 'deleting') return okAsync(undefined);
          return moveNode(
            tx,
            nodeId,
            'failed',
            {
              lastErrorCode: settlement.errorCode ?? 'JOB_CANCELLED',
              lastErrorMessage: settlement.errorMessage ?? null,
            },
            now,
          );
        });
      }
      return okAsync(undefined);
    },
  };
}
