/**
 * `@pressluft/core`: the contracts every Pressluft package implements or consumes (provider, provisioner
 * and store interfaces), the error-code registry and error classes, the job and node state machines,
 * secret sealing, managed SSH keys, redaction, and the job engine.
 *
 * @packageDocumentation
 */

// errors
export {
  describeErrorCode,
  type ErrorCode,
  type ErrorCodeDefinition,
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
export { SEALED_SECRET_PREFIX, type SealedSecret, sealedSecretKeyId } from './secrets/sealed-secret.js';
// versioned contracts
export type * from './spec/node-provider-v1.js';
export type * from './spec/provisioner-v1.js';
export type * from './spec/store.js';
// utilities
export { createId } from './util/ids.js';
