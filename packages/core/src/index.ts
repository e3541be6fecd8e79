/**
 * `@pressluft/core`: the contracts every Pressluft package implements or consumes (provider, provisioner
 * and store interfaces), the error-code registry and error classes, the job and node state machines,
 * secret sealing, managed SSH keys, redaction, and the job engine.
 *
 * @packageDocumentation
 */

// engine: worker, job kinds, node workflows, embedding API
export { type Clock, systemClock } from './engine/clock.js';
export {
  type ControlPlaneOptions,
  type ControlPlaneWorkerSettings,
  createControlPlane,
} from './engine/control-plane.js';
export type * from './engine/control-plane-types.js';
export type { JobContext, JobKindDefinition, Settlement } from './engine/job-kind.js';
export { decodeListCursor, encodeListCursor } from './engine/list-cursor.js';
export { silentLogger } from './engine/logger.js';
export { type GeneratedKeyPair, ManagedKeys, managedKeyLabels } from './engine/managed-keys.js';
export { createNodeDeleteKind, NODE_DELETE, type NodeDeleteDependencies } from './engine/node-delete.js';
export {
  type AcquisitionFailurePolicy,
  createNodeProvisionKind,
  emptyNodeProvisionCheckpoint,
  NODE_PROVISION,
  type NodeProvisionCheckpoint,
  type NodeProvisionDependencies,
  type NodeProvisionStep,
  nodeProvisionSteps,
  type ProvisioningSettings,
  type WaitForSsh,
} from './engine/node-provision.js';
export { type ConnectedProvider, ProviderAdapters } from './engine/provider-adapters.js';
export { decideOutcome, minimumRetryDelayMs } from './engine/retry-decision.js';
export {
  ANSIBLE_INSTALL_COMMAND,
  type RuntimeReadiness,
  RuntimeReadinessCheck,
} from './engine/runtime-readiness.js';
export type { SecretSealer } from './engine/secret-sealer.js';
export { type WaitForTcpOptions, waitForTcp } from './engine/wait-for-tcp.js';
export { createWorker, type Worker, type WorkerOptions } from './engine/worker.js';
// errors
export {
  describeErrorCode,
  type ErrorCode,
  type ErrorCodeDefinition,
  type ErrorCodeOfFamily,
  type ErrorFamily,
  errorCodes,
  isErrorCode,
  type JobErrorCode,
  type ProviderErrorCode,
  type ProvisionErrorCode,
  type StoreErrorCode,
  type ValidationErrorCode,
} from './errors/error-codes.js';
export {
  type AnyPressluftError,
  JobError,
  ProviderError,
  type ProviderErrorOptions,
  ProvisionError,
  StoreError,
  toPressluftError,
  ValidationError,
} from './errors/error-families.js';
export {
  PressluftError,
  type PressluftErrorOptions,
  type SerializedPressluftError,
} from './errors/pressluft-error.js';
// jobs: state machines and retry policy
export { type BackoffPolicy, backoffDelay, defaultBackoff } from './jobs/backoff.js';
export { jobStatuses, jobTransitions } from './jobs/job-transitions.js';
export { nodeStatuses, nodeTransitions } from './jobs/node-transitions.js';
export { canTransition, checkTransition, type StateMachine } from './jobs/state-machine.js';
// domain records
export * from './model/index.js';
// redaction
export { REDACTED, Redactor, redactTokenShapes, redactValue } from './redaction/redactor.js';
// secrets
export {
  type LoadedSecretBox,
  type LoadSecretBoxOptions,
  loadSecretBox,
} from './secrets/load-secret-box.js';
export { SEALED_SECRET_PREFIX, type SealedSecret, sealedSecretKeyId } from './secrets/sealed-secret.js';
export { createSecretBox, type SecretBox, type SecretBoxOptions } from './secrets/secret-box.js';
export { generateSecretKey, parseSecretKey, SECRET_KEY_LENGTH, secretKeyId } from './secrets/secret-key.js';
export {
  type LoadedSecretKey,
  loadSecretKeyFile,
  type SecretKeyFileOptions,
} from './secrets/secret-key-file.js';
// versioned contracts
export type * from './spec/node-provider-v1.js';
export type * from './spec/provisioner-v1.js';
export type * from './spec/store.js';
export type * from './spec/store-lists.js';
export { maximumPageSize } from './spec/store-lists.js';
// managed SSH keys
export {
  type GeneratedSshKeyPair,
  type GenerateSshKeyPairOptions,
  generateSshKeyPair,
} from './ssh/generate-ssh-key-pair.js';
export {
  md5Fingerprint,
  parseSshPublicKey,
  type SshFingerprints,
  sha256Fingerprint,
  sshFingerprints,
} from './ssh/ssh-fingerprint.js';
// utilities
export { createId } from './util/ids.js';
