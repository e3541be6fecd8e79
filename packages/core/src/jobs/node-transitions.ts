import type { NodeStatus } from '../model/node.js';
import type { StateMachine } from './state-machine.js';

/**
 * The node state machine.
 *
 * - `pending → acquiring → provisioning → ready` is the happy path of `node_provision`.
 * - Any working state can fail; a failed node can be retried, resuming at acquisition or provisioning
 *   depending on how far it got.
 * - A ready node can be provisioned again (idempotent re-run).
 * - Deletion starts from any state but `deleted`; a failed deletion leaves the node `failed`.
 */
export const nodeTransitions: StateMachine<NodeStatus> = {
  subject: 'node',
  transitions: {
    pending: ['acquiring', 'failed', 'deleting'],
    acquiring: ['provisioning', 'failed', 'deleting'],
    provisioning: ['ready', 'failed', 'deleting'],
    ready: ['provisioning', 'deleting'],
    failed: ['acquiring', 'provisioning', 'deleting'],
    deleting: ['deleted', 'failed'],
    deleted: [],
  },
  terminal: new Set<NodeStatus>(['deleted']),
};

/** Every node status, in life order. */
export const nodeStatuses: readonly NodeStatus[] = [
  'pending',
  'acquiring',
  'provisioning',
  'ready',
  'failed',
  'deleting',
  'deleted',
];
