import type {
  ErrorCode,
  JobEvent,
  JobEventType,
  JobRecord,
  JobStatus,
  JsonObject,
  ManagedSshKey,
  NodeRecord,
  NodeStatus,
  ProviderConnection,
  ProviderConnectionStatus,
  SealedSecret,
} from '@pressluft/core';

/** A `provider_connections` row as SQLite returns it. */
export interface ProviderConnectionRow {
  id: string;
  type: string;
  name: string;
  sealed_token: string;
  token_key_id: string | null;
  status: string;
  status_guidance: string | null;
  checked_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A `nodes` row as SQLite returns it. */
export interface NodeRow {
  id: string;
  provider_id: string;
  name: string;
  location: string;
  server_type: string;
  image: string;
  status: string;
  idempotency_key: string;
  provider_server_id: string | null;
  ipv4: string | null;
  ipv6: string | null;
  ssh_host: string | null;
  ssh_port: number | null;
  ssh_user: string | null;
  host_key: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  created_at: number;
  updated_at: number;
}

/** A `managed_ssh_keys` row as SQLite returns it. */
export interface ManagedSshKeyRow {
  provider_id: string;
  provider_key_id: string | null;
  name: string;
  public_key: string;
  fingerprint_md5: string;
  fingerprint_sha256: string;
  sealed_private_key: string;
  private_key_key_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  id: string;
  kind: string;
  status: string;
  node_id: string | null;
  payload: string;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  checkpoint: string | null;
  current_step: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  dedupe_key: string | null;
  cancel_requested: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

/** A `job_events` row as SQLite returns it. */
export interface JobEventRow {
  job_id: string;
  seq: number;
  type: string;
  at: number;
  data: string;
}

/** A provider connection from its row. */
export function toProviderConnection(row: ProviderConnectionRow): ProviderConnection {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    sealedToken: row.sealed_token as SealedSecret,
    status: row.status as ProviderConnectionStatus,
    statusGuidance: row.status_guidance,
    checkedAt: row.checked_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A node from its row; the SSH target exists only when all three of its columns are set. */
export function toNode(row: NodeRow): NodeRecord {
  return {
    id: row.id,
    providerId: row.provider_id,
    name: row.name,
    location: row.location,
    serverType: row.server_type,
    image: row.image,
    status: row.status as NodeStatus,
    idempotencyKey: row.idempotency_key,
    providerServerId: row.provider_server_id,
    ipv4: row.ipv4,
    ipv6: row.ipv6,
    sshTarget:
      row.ssh_host === null || row.ssh_port === null || row.ssh_user === null
        ? null
        : { host: row.ssh_host, port: row.ssh_port, user: row.ssh_user },
    hostKey: row.host_key,
    lastErrorCode: row.last_error_code as ErrorCode | null,
    lastErrorMessage: row.last_error_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A managed SSH key from its row. */
export function toManagedSshKey(row: ManagedSshKeyRow): ManagedSshKey {
  return {
    providerId: row.provider_id,
    providerKeyId: row.provider_key_id,
    name: row.name,
    publicKey: row.public_key,
    fingerprintMd5: row.fingerprint_md5,
    fingerprintSha256: row.fingerprint_sha256,
    sealedPrivateKey: row.sealed_private_key as SealedSecret,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A job from its row. */
export function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    nodeId: row.node_id,
    payload: JSON.parse(row.payload) as JsonObject,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    leaseOwner: row.lease_owner,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    checkpoint: row.checkpoint === null ? null : (JSON.parse(row.checkpoint) as JsonObject),
    currentStep: row.current_step,
    lastErrorCode: row.last_error_code as ErrorCode | null,
    lastErrorMessage: row.last_error_message,
    dedupeKey: row.dedupe_key,
    cancelRequested: row.cancel_requested === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** The columns of a `jobs` row in a fixed order, for statements that return rows as arrays. */
export const jobColumns = [
  'id',
  'kind',
  'status',
  'node_id',
  'payload',
  'attempts',
  'max_attempts',
  'run_at',
  'lease_owner',
  'lease_token',
  'lease_expires_at',
  'checkpoint',
  'current_step',
  'last_error_code',
  'last_error_message',
  'dedupe_key',
  'cancel_requested',
  'created_at',
  'updated_at',
  'finished_at',
] as const satisfies readonly (keyof JobRow)[];

/** A `jobs` row as an array in {@link jobColumns} order. */
export type JobValues = unknown[];

/**
 * A job from its values in {@link jobColumns} order. Hot statements (claim, settle) return arrays: better-sqlite3
 * builds an array much more cheaply than an object with twenty named properties.
 */
export function toJobFromValues(values: JobValues): JobRecord {
  return {
    id: values[0] as string,
    kind: values[1] as string,
    status: values[2] as JobStatus,
    nodeId: values[3] as string | null,
    payload: JSON.parse(values[4] as string) as JsonObject,
    attempts: values[5] as number,
    maxAttempts: values[6] as number,
    runAt: values[7] as number,
    leaseOwner: values[8] as string | null,
    leaseToken: values[9] as string | null,
    leaseExpiresAt: values[10] as number | null,
    checkpoint: values[11] === null ? null : (JSON.parse(values[11] as string) as JsonObject),
    currentStep: values[12] as string | null,
    lastErrorCode: values[13] as ErrorCode | null,
    lastErrorMessage: values[14] as string | null,
    dedupeKey: values[15] as string | null,
    cancelRequested: values[16] === 1,
    createdAt: values[17] as number,
    updatedAt: values[18] as number,
    finishedAt: values[19] as number | null,
  };
}

/** A job event from its row. */
export function toJobEvent(row: JobEventRow): JobEvent {
  return {
    jobId: row.job_id,
    seq: row.seq,
    type: row.type as JobEventType,
    at: row.at,
    data: JSON.parse(row.data) as JsonObject,
  };
}
