import { err, errAsync, ok, okAsync, type ResultAsync, safeTry } from 'neverthrow';
import { JobError, ProviderError, ProvisionError, ValidationError } from '../errors/error-families.js';
import { PressluftError } from '../errors/pressluft-error.js';
import { defaultBackoff } from '../jobs/backoff.js';
import { nodeTransitions } from '../jobs/node-transitions.js';
import { canTransition } from '../jobs/state-machine.js';
import type { JobRecord } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { NodeRecord, NodeStatus } from '../model/node.js';
import type { SshTarget } from '../model/ssh-target.js';
import type { NodeProviderV1 } from '../spec/node-provider-v1.js';
import type { ProvisionEvent, ProvisionerV1 } from '../spec/provisioner-v1.js';
import type { NodePatch, Store, StoreOperations } from '../spec/store.js';
import type { JobContext, JobKindDefinition, Settlement } from './job-kind.js';
import type { ManagedKeys } from './managed-keys.js';
import type { ProviderAdapters } from './provider-adapters.js';
import type { SecretSealer } from './secret-sealer.js';
import { type WaitForTcpOptions, waitForTcp } from './wait-for-tcp.js';

/** The job kind that takes a node from nothing to a provisioned server. */
export const NODE_PROVISION = 'node_provision';

/** The steps of `node_provision`, in order; each ends with a checkpoint on the job. */
export const nodeProvisionSteps = [
  'ensure-ssh-key',
  'create-server',
  'wait-for-actions',
  'fetch-server',
  'wait-for-ssh',
  'provision',
  'readiness',
] as const;

/** One step of `node_provision`. */
export type NodeProvisionStep = (typeof nodeProvisionSteps)[number];

/**
 * What a server whose acquisition failed after it was created becomes: `delete` (the default: its
 * state is unknown and it costs money) or `keep` (for inspection).
 */
export type AcquisitionFailurePolicy = 'delete' | 'keep';

/** Settings of node provisioning. */
export interface ProvisioningSettings {
  /** The SSH login user on new servers. Default: the provider's (`root` on Hetzner). */
  readonly sshUser?: string;
  /** The SSH port. Default: the provider's (22 on Hetzner). */
  readonly sshPort?: number;
  /** How long to wait for SSH to accept connections after the server runs. Default 5 minutes. */
  readonly sshWaitMs?: number;
  /** Pause between SSH connection attempts. Default 2 s. */
  readonly sshWaitIntervalMs?: number;
  /** Deadline for provider actions (create, start). Default: the provider's. */
  readonly actionDeadlineMs?: number;
  /** Time limit of the provisioning run. Default 20 minutes. */
  readonly provisionTimeoutMs?: number;
  /** Time limit of the readiness check. Default 5 minutes. */
  readonly readinessTimeoutMs?: number;
  /** Run provisioning in check mode (dry run). Default false. */
  readonly checkMode?: boolean;
  /** Extra variables for the playbooks. */
  readonly vars?: JsonObject;
  /** What happens to a server whose acquisition failed. Default `delete`. */
  readonly acquisitionFailurePolicy?: AcquisitionFailurePolicy;
  /** The whole job's time limit per attempt. Default 45 minutes. */
  readonly jobTimeoutMs?: number;
  /** Attempts per job. Default 5. */
  readonly maxAttempts?: number;
  /**
   * A server without public IPv4 (providers hand these out when IPv4 is disabled or unavailable):
   * `provision` (default) provisions it over IPv6 and fails with `PROVISION_IPV6_UNREACHABLE` when the
   * control plane cannot reach it there; `refuse` fails with that code at once, for control planes
   * without IPv6.
   */
  readonly ipv6OnlyServers?: 'provision' | 'refuse';
}

/** What the `node_provision` kind needs. */
export interface NodeProvisionDependencies {
  /** Where nodes, jobs and keys live. */
  readonly store: Store;
  /** Provider adapters per connection. */
  readonly adapters: ProviderAdapters;
  /** The managed SSH keys. */
  readonly keys: ManagedKeys;
  /** What provisions the acquired server. */
  readonly provisioner: ProvisionerV1;
  /** Opens sealed tokens and keys. */
  readonly secrets: SecretSealer;
  /** Provisioning settings. */
  readonly settings?: ProvisioningSettings;
  /** How to wait for SSH to answer. Default {@link waitForTcp} on the target's host and port. */
  readonly waitForSsh?: WaitForSsh;
}

/** Waits until a node's SSH port answers; replaceable so tests need no real network. */
export type WaitForSsh = (target: SshTarget, options: WaitForTcpOptions) => ResultAsync<void, PressluftError>;

/** The progress `node_provision` stores on its job, so a retry resumes where the last attempt stopped. */
export interface NodeProvisionCheckpoint {
  /** The provider's id of the managed SSH key. */
  sshKeyId: string | null;
  /** The created server. */
  serverId: string | null;
  /** Actions to wait for. */
  actionIds: string[];
  /** Whether the actions finished. */
  actionsDone: boolean;
  /** The SSH target once fetched. */
  target: {
    /** The host to SSH to. */
    host: string;
    /** The SSH port. */
    port: number;
    /** The login user. */
    user: string;
  } | null;
  /** Whether SSH answered. */
  sshReachable: boolean;
  /** Whether the provisioning playbook succeeded. */
  provisioned: boolean;
}

/** The empty checkpoint of a fresh job. */
export function emptyNodeProvisionCheckpoint(): NodeProvisionCheckpoint {
  return {
    sshKeyId: null,
    serverId: null,
    actionIds: [],
    actionsDone: false,
    target: null,
    sshReachable: false,
    provisioned: false,
  };
}

function asJson(checkpoint: NodeProvisionCheckpoint): JsonObject {
  return checkpoint as unknown as JsonObject;
}

function readCheckpoint(job: JobRecord): NodeProvisionCheckpoint {
  return {
    ...emptyNodeProvisionCheckpoint(),
    ...((job.checkpoint ?? {}) as Partial<NodeProvisionCheckpoint>),
  };
}

/** Whether the job got past acquisition: the server exists and its SSH target is known. */
function acquired(job: JobRecord): boolean {
  return readCheckpoint(job).target !== null;
}

/** Move a node's status if the state machine allows it and it is not there already. */
export function moveNode(
  tx: StoreOperations,
  nodeId: string,
  to: NodeStatus,
  patch: NodePatch,
  now: number,
): ResultAsync<NodeRecord, PressluftError> {
  return tx.getNode(nodeId).andThen((node) => {
    if (node === null) {
      return errAsync(new ValidationError({ code: 'NOT_FOUND', message: `Node ${nodeId} does not exist.` }));
    }
    if (node.status !== to && !canTransition(nodeTransitions, node.status, to)) {
      return errAsync(
        new JobError({
          code: 'JOB_INVALID_TRANSITION',
          message: `Node ${nodeId} cannot move from ${node.status} to ${to}.`,
          details: { from: node.status, to },
        }),
      );
    }
    return tx.updateNode(nodeId, { ...patch, status: to }, now);
  });
}

function provisionEventData(event: ProvisionEvent): JsonObject {
  const data: JsonObject = { event: event.type };
  if (event.name !== undefined) data['name'] = event.name;
  if (event.host !== undefined) data['host'] = event.host;
  if (event.message !== undefined) data['message'] = event.message;
  if (event.stats !== undefined) data['stats'] = event.stats as unknown as JsonObject;
  return data;
}

/**
 * The `node_provision` job kind: ensure SSH key → create server → wait for actions → fetch server →
 * wait for SSH → provision → readiness → ready.
 *
 * Each step saves a checkpoint on the job before the next begins; the server id and action ids are
 * saved before waiting. A retry resumes from the checkpoint, and server creation is idempotent by the
 * node's idempotency key besides, so a crash at any point never creates a second server.
 */
export function createNodeProvisionKind(dependencies: NodeProvisionDependencies): JobKindDefinition {
  const settings = dependencies.settings ?? {};
  /** The provider's SSH target, with the user and port of the settings when they are given. */
  const withSettings = (target: SshTarget): SshTarget => ({
    ...target,
    ...(settings.sshUser === undefined ? {} : { user: settings.sshUser }),
    ...(settings.sshPort === undefined ? {} : { port: settings.sshPort }),
  });
  const policy = settings.acquisitionFailurePolicy ?? 'delete';
  const waitForSsh: WaitForSsh =
    dependencies.waitForSsh ?? ((target, options) => waitForTcp(target.host, target.port, options));

  const run = (context: JobContext): ResultAsync<void, PressluftError> => {
    const { job, signal } = context;
    let checkpoint = readCheckpoint(job);
    /** The step in progress, so a clean-up after its failure still reports where the job stopped. */
    let currentStep: NodeProvisionStep | null = job.currentStep as NodeProvisionStep | null;

    /** Run one step: a `step-started` event, the work, then a checkpoint with its result. */
    const step = <T>(
      name: NodeProvisionStep,
      work: () => ResultAsync<T, PressluftError>,
      save: (result: T) => {
        checkpoint: Partial<NodeProvisionCheckpoint>;
        alsoWrite?: (tx: StoreOperations) => ResultAsync<unknown, PressluftError>;
        data?: JsonObject;
      },
      before?: (tx: StoreOperations) => ResultAsync<unknown, PressluftError>,
    ): ResultAsync<T, PressluftError> => {
      currentStep = name;
      return context
        .checkpoint(asJson(checkpoint), {
          step: name,
          event: { type: 'step-started', data: { step: name, attempt: job.attempts } },
          ...(before === undefined ? {} : { alsoWrite: before }),
        })
        .andThen(() => (signal.aborted ? errAsync(abortReason(signal)) : work()))
        .andThen((result) => {
          const saved = save(result);
          checkpoint = { ...checkpoint, ...saved.checkpoint };
          return context
            .checkpoint(asJson(checkpoint), {
              step: name,
              event: { type: 'step-succeeded', data: { step: name, ...(saved.data ?? {}) } },
              ...(saved.alsoWrite === undefined ? {} : { alsoWrite: saved.alsoWrite }),
            })
            .map(() => result);
        });
    };

    return safeTry(async function* () {
      const nodeId = job.nodeId;
      if (nodeId === null) {
        return err(
          new ValidationError({ code: 'VALIDATION_FAILED', message: 'node_provision needs a node.' }),
        );
      }
      const node = yield* dependencies.store.getNode(nodeId);
      if (node === null) {
        return err(new ValidationError({ code: 'NOT_FOUND', message: `Node ${nodeId} does not exist.` }));
      }
      if (node.status === 'deleting' || node.status === 'deleted') {
        return err(new JobError({ code: 'JOB_CANCELLED', message: `Node ${nodeId} is being deleted.` }));
      }
      const { provider } = yield* dependencies.adapters.forConnection(node.providerId);

      const acquisition = (): ResultAsync<void, PressluftError> =>
        safeTry(async function* () {
          if (checkpoint.sshKeyId === null) {
            yield* step(
              'ensure-ssh-key',
              () => dependencies.keys.ensureRegistered(node.providerId, provider, signal),
              (key) => ({ checkpoint: { sshKeyId: key.providerKeyId }, data: { created: key.created } }),
              (tx) =>
                moveNode(
                  tx,
                  nodeId,
                  'acquiring',
                  { lastErrorCode: null, lastErrorMessage: null },
                  context.now(),
                ),
            );
          }
          if (checkpoint.serverId === null) {
            const sshKeyId = checkpoint.sshKeyId ?? '';
            yield* step(
              'create-server',
              () =>
                provider.createServer({
                  name: node.name,
                  location: node.location,
                  serverType: node.serverType,
                  image: node.image,
                  sshKeyIds: [sshKeyId],
                  idempotencyKey: node.idempotencyKey,
                  labels: { 'pressluft-node-id': node.id },
                  signal,
                }),
              (created) => ({
                checkpoint: {
                  serverId: created.serverId,
                  actionIds: [...created.actionIds],
                  actionsDone: false,
                },
                data: { serverId: created.serverId, adopted: created.adopted },
                alsoWrite: (tx) =>
                  tx.updateNode(nodeId, { providerServerId: created.serverId }, context.now()),
              }),
            );
          }
          if (!checkpoint.actionsDone) {
            const actionIds = checkpoint.actionIds;
            yield* step(
              'wait-for-actions',
              () =>
                provider.waitForActions(actionIds, {
                  signal,
                  ...(settings.actionDeadlineMs === undefined
                    ? {}
                    : { deadlineMs: settings.actionDeadlineMs }),
                }),
              () => ({ checkpoint: { actionsDone: true }, data: { actions: actionIds.length } }),
            );
          }
          const serverId = checkpoint.serverId ?? '';
          yield* step(
            'fetch-server',
            () =>
              fetchRunningServer(provider, serverId, signal)
                .andThen((server) =>
                  server.ipv4 === null && settings.ipv6OnlyServers === 'refuse'
                    ? errAsync(ipv6Unreachable(serverId, server.target.host, 'refused by configuration'))
                    : okAsync(server),
                )
                .map((server) => ({
                  ...server,
                  target: withSettings(server.target),
                })),
            (server) => ({
              checkpoint: { target: { ...server.target } },
              data: { host: server.target.host, ipv4: server.ipv4, ipv6: server.ipv6 },
              alsoWrite: (tx) =>
                moveNode(
                  tx,
                  nodeId,
                  'provisioning',
                  {
                    ipv4: server.ipv4,
                    ipv6: server.ipv6,
                    sshTarget: server.target,
                    providerServerId: serverId,
                  },
                  context.now(),
                ),
            }),
          );
          return ok(undefined);
        });

      if (checkpoint.target === null) {
        const acquiredResult = await acquisition();
        if (acquiredResult.isErr()) {
          yield* cleanUpFailedAcquisition(acquiredResult.error);
          return err(acquiredResult.error);
        }
      } else {
        // Resuming (or re-provisioning) an acquired node: it is provisioning again.
        yield* context.checkpoint(asJson(checkpoint), {
          step: 'wait-for-ssh',
          alsoWrite: (tx) =>
            moveNode(
              tx,
              nodeId,
              'provisioning',
              { lastErrorCode: null, lastErrorMessage: null },
              context.now(),
            ),
        });
      }

      const target = checkpoint.target as SshTarget;
      if (!checkpoint.sshReachable) {
        yield* step(
          'wait-for-ssh',
          () =>
            waitForSsh(target, {
              deadlineMs: settings.sshWaitMs ?? 5 * 60_000,
              intervalMs: settings.sshWaitIntervalMs ?? 2_000,
              signal,
            }).mapErr((error) =>
              // An IPv6 target that never answered: most likely the control plane has no IPv6 route.
              error.code === 'PROVISION_SSH_UNREACHABLE' && isIpv6Literal(target.host)
                ? ipv6Unreachable(checkpoint.serverId ?? '', target.host, 'no SSH answer over IPv6', error)
                : error,
            ),
          () => ({ checkpoint: { sshReachable: true } }),
        );
      }

      const key = yield* dependencies.keys.privateKey(node.providerId);
      const current = yield* dependencies.store.getNode(nodeId);
      let hostKey = current?.hostKey ?? null;
      const onEvent = (event: ProvisionEvent) => {
        void context.emit('provision-event', provisionEventData(event));
      };
      const vars: JsonObject = {
        pressluft_node_id: nodeId,
        pressluft_node_name: node.name,
        ...(settings.vars ?? {}),
      };
      if (!checkpoint.provisioned) {
        yield* step(
          'provision',
          () =>
            dependencies.provisioner.provision({
              target,
              privateKey: key,
              knownHostKey: hostKey,
              vars,
              signal,
              onEvent,
              checkMode: settings.checkMode ?? false,
              timeoutMs: settings.provisionTimeoutMs ?? 20 * 60_000,
              run: { jobId: job.id, attempt: job.attempts },
            }),
          (result) => {
            const pin = hostKey === null ? result.hostKey : hostKey;
            hostKey = pin;
            return {
              checkpoint: { provisioned: true },
              data: { changed: result.changed, ok: result.ok, durationMs: result.durationMs },
              alsoWrite: (tx) => tx.updateNode(nodeId, { hostKey: pin }, context.now()),
            };
          },
        );
      }
      yield* step(
        'readiness',
        () =>
          dependencies.provisioner
            .checkReadiness({
              target,
              privateKey: key,
              knownHostKey: hostKey,
              vars,
              signal,
              onEvent,
              timeoutMs: settings.readinessTimeoutMs ?? 5 * 60_000,
              run: { jobId: job.id, attempt: job.attempts },
            })
            .andThen((report) =>
              report.ready
                ? okAsync(report)
                : errAsync(
                    new ProvisionError({
                      code: 'PROVISION_READINESS_FAILED',
                      message: `Node ${node.name} is not ready: ${report.missing.join('; ')}`,
                      details: { missing: [...report.missing] },
                    }),
                  ),
            ),
        (report) => ({
          checkpoint: {},
          data: { ready: report.ready },
          alsoWrite: (tx) => tx.updateNode(nodeId, { hostKey: hostKey ?? report.hostKey }, context.now()),
        }),
      );
      return ok(undefined);
    });

    /**
     * Apply the acquisition-failure policy when an attempt fails for good after the server was created:
     * delete the server (its state is unknown) and forget it, so that a retry starts from scratch.
     */
    function cleanUpFailedAcquisition(error: PressluftError): ResultAsync<void, PressluftError> {
      const serverId = checkpoint.serverId;
      const final = !error.retryable || job.attempts >= job.maxAttempts;
      const serverGone = error.code === 'PROVIDER_SERVER_NOT_FOUND';
      if (serverId === null || (!final && !serverGone) || signal.aborted) return okAsync(undefined);
      const forget = () => {
        checkpoint = { ...checkpoint, serverId: null, actionIds: [], actionsDone: false, target: null };
        return context
          .checkpoint(asJson(checkpoint), {
            step: currentStep,
            alsoWrite: (tx) => tx.updateNode(job.nodeId ?? '', { providerServerId: null }, context.now()),
          })
          .map(() => undefined);
      };
      if (serverGone) return forget();
      if (policy === 'keep') return okAsync(undefined);
      return safeTry(async function* () {
        const node = yield* dependencies.store.getNode(job.nodeId ?? '');
        if (node === null) return ok(undefined);
        const { provider } = yield* dependencies.adapters.forConnection(node.providerId);
        const deleted = await provider.deleteServer(serverId);
        yield* context.emit('step-progress', {
          step: currentStep,
          cleanup: 'delete-server',
          serverId,
          deleted: deleted.isOk(),
          ...(deleted.isErr() ? { errorCode: deleted.error.code } : {}),
        });
        if (deleted.isErr()) return ok(undefined);
        yield* forget();
        return ok(undefined);
      });
    }
  };

  return {
    kind: NODE_PROVISION,
    run,
    timeoutMs: settings.jobTimeoutMs ?? 45 * 60_000,
    maxAttempts: settings.maxAttempts ?? 5,
    backoff: defaultBackoff,
    classifyError: (error, job) => classifyAfterAcquisition(error, job),
    onSettle: (tx, job, settlement, now) => settleNode(tx, job, settlement, now),
    afterReapedFailure: async (job) => {
      // The worker died mid-acquisition on the last attempt, so the handler's clean-up never ran. The
      // node still records the server; apply the same policy, and clear it so a retry starts fresh.
      if (policy === 'keep' || job.nodeId === null || acquired(job)) return;
      const node = await dependencies.store.getNode(job.nodeId);
      if (node.isErr() || node.value === null || node.value.providerServerId === null) return;
      const serverId = node.value.providerServerId;
      const connected = await dependencies.adapters.forConnection(node.value.providerId);
      if (connected.isErr()) return;
      const deleted = await connected.value.provider.deleteServer(serverId);
      if (deleted.isErr()) return;
      await dependencies.store.updateNode(
        job.nodeId,
        { providerServerId: null },
        job.finishedAt ?? job.updatedAt,
      );
    },
  };
}

/**
 * After acquisition, a job-level timeout or cancellation is a provisioning failure: the server exists
 * and what did not finish is provisioning (`PROVISION_TIMEOUT`, `PROVISION_CANCELLED`).
 */
function classifyAfterAcquisition(error: PressluftError, job: JobRecord): PressluftError {
  if (!acquired(job)) return error;
  if (error.code === 'JOB_TIMEOUT') {
    return new ProvisionError({ code: 'PROVISION_TIMEOUT', message: error.message, cause: error });
  }
  if (error.code === 'JOB_CANCELLED') {
    return new ProvisionError({ code: 'PROVISION_CANCELLED', message: error.message, cause: error });
  }
  return error;
}

/** The node's side of a settlement, written in the same transaction as the job's. */
function settleNode(
  tx: StoreOperations,
  job: JobRecord,
  settlement: Settlement,
  now: number,
): ResultAsync<unknown, PressluftError> {
  const nodeId = job.nodeId;
  if (nodeId === null) return okAsync(undefined);
  switch (settlement.status) {
    case 'succeeded':
      return moveNode(tx, nodeId, 'ready', { lastErrorCode: null, lastErrorMessage: null }, now);
    case 'failed':
    case 'cancelled':
      return tx.getNode(nodeId).andThen((node) => {
        // A node being deleted keeps that status; the delete job decides its end.
        if (node === null || node.status === 'deleting' || node.status === 'deleted')
          return okAsync(undefined);
        return moveNode(
          tx,
          nodeId,
          'failed',
          {
            lastErrorCode: settlement.errorCode ?? 'JOB_CANCELLED',
            lastErrorMessage: settlement.errorMessage ?? 'Cancelled.',
          },
          now,
        );
      });
    case 'queued':
      if (settlement.refundAttempt || settlement.errorCode === undefined) return okAsync(undefined);
      // Waiting for a retry: the node keeps its status, and shows why it waits.
      return tx.updateNode(
        nodeId,
        { lastErrorCode: settlement.errorCode, lastErrorMessage: settlement.errorMessage ?? null },
        now,
      );
  }
}

function isIpv6Literal(host: string): boolean {
  return host.includes(':');
}

function ipv6Unreachable(
  serverId: string,
  host: string,
  reason: string,
  cause?: PressluftError,
): PressluftError {
  return new ProvisionError({
    code: 'PROVISION_IPV6_UNREACHABLE',
    message: `Server ${serverId} has only an IPv6 address (${host}): ${reason}.`,
    details: { serverId, host, reason },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Fetch the server; one not yet running or without a public address is a transient state to retry. */
function fetchRunningServer(
  provider: NodeProviderV1,
  serverId: string,
  signal: AbortSignal,
): ResultAsync<{ target: SshTarget; ipv4: string | null; ipv6: string | null }, PressluftError> {
  return provider.getServer(serverId, { signal }).andThen((server) => {
    if (server.status !== 'running' || server.sshTarget === null) {
      return errAsync(
        new ProviderError({
          code: 'PROVIDER_SERVER_NOT_READY',
          message: `Server ${serverId} is ${server.status}${server.sshTarget === null ? ' without a public address' : ''}; waiting for it.`,
          details: { serverId, status: server.status },
        }),
      );
    }
    return okAsync({ target: server.sshTarget, ipv4: server.ipv4, ipv6: server.ipv6 });
  });
}

function abortReason(signal: AbortSignal): PressluftError {
  const reason: unknown = signal.reason;
  if (PressluftError.isInstance(reason)) return reason;
  return new JobError({ code: 'JOB_CANCELLED', message: 'The job was aborted.' });
}
