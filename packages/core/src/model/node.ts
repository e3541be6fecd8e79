import type { ErrorCode } from '../errors/error-codes.js';
import type { SshTarget } from './ssh-target.js';

/** Where a node is in its life; transitions are in `nodeTransitions`. */
export type NodeStatus =
  | 'pending'
  | 'acquiring'
  | 'provisioning'
  | 'ready'
  | 'failed'
  | 'deleting'
  | 'deleted';

/** A server Pressluft acquired from a provider and provisions. */
export interface NodeRecord {
  /** Stable id (`node_…`). */
  readonly id: string;
  /** The provider connection the server comes from. */
  readonly providerId: string;
  /** The operator's name for the node; also the server name at the provider. */
  readonly name: string;
  /** The provider location, such as `fsn1`. */
  readonly location: string;
  /** The provider server type, such as `cx22`. */
  readonly serverType: string;
  /** The image name, such as `ubuntu-24.04`. */
  readonly image: string;
  /** Where the node is in its life. */
  readonly status: NodeStatus;
  /** The key that makes server creation idempotent; also a label on the server. */
  readonly idempotencyKey: string;
  /** The provider's id of the server, once created. */
  readonly providerServerId: string | null;
  /** The public IPv4 address, if the server has one. */
  readonly ipv4: string | null;
  /** The IPv6 host address, if the server has one. */
  readonly ipv6: string | null;
  /** Where to SSH to, once known. */
  readonly sshTarget: SshTarget | null;
  /** The SSH host key pinned on first contact (`ssh-ed25519 AAAA…`). */
  readonly hostKey: string | null;
  /** The code of the last failure, cleared on success. */
  readonly lastErrorCode: ErrorCode | null;
  /** The message of the last failure, scrubbed of secrets. */
  readonly lastErrorMessage: string | null;
  /** When the node was created (ms since the epoch). */
  readonly createdAt: number;
  /** When the node last changed (ms since the epoch). */
  readonly updatedAt: number;
}
