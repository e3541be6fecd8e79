import type {
  ErrorCode,
  JobErrorCode,
  ProviderErrorCode,
  ProvisionErrorCode,
  StoreErrorCode,
  ValidationErrorCode,
} from './error-codes.js';
import { PressluftError, type PressluftErrorOptions } from './pressluft-error.js';

/** Options of a provider error: the provider it came from and, for rate limits, when to try again. */
export interface ProviderErrorOptions extends PressluftErrorOptions<ProviderErrorCode> {
  /** The provider type, such as `hetzner`. */
  readonly provider?: string;
  /** Milliseconds until a retry can succeed, when the provider said so (rate limits). */
  readonly retryAfterMs?: number;
}

/** A failure talking to a cloud provider (`PROVIDER_*`). */
export class ProviderError extends PressluftError<ProviderErrorCode> {
  /** The provider type, such as `hetzner`. */
  readonly provider: string | undefined;
  /** Milliseconds until a retry can succeed, when known. */
  readonly retryAfterMs: number | undefined;

  /** Create a provider error. */
  constructor(options: ProviderErrorOptions) {
    super(options);
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure provisioning a node over SSH (`PROVISION_*`). */
export class ProvisionError extends PressluftError<ProvisionErrorCode> {
  /** Create a provisioning error. */
  constructor(options: PressluftErrorOptions<ProvisionErrorCode>) {
    super(options);
    this.name = 'ProvisionError';
  }
}

/** A failure of the job machinery itself (`JOB_*`). */
export class JobError extends PressluftError<JobErrorCode> {
  /** Create a job error. */
  constructor(options: PressluftErrorOptions<JobErrorCode>) {
    super(options);
    this.name = 'JobError';
  }
}

/** A failure of the persistence layer (`STORE_*`). */
export class StoreError extends PressluftError<StoreErrorCode> {
  /** Create a store error. */
  constructor(options: PressluftErrorOptions<StoreErrorCode>) {
    super(options);
    this.name = 'StoreError';
  }
}

/** Bad input, a missing resource or a refused request (`VALIDATION_*`, `NOT_FOUND`, `CONFLICT`, ...). */
export class ValidationError extends PressluftError<ValidationErrorCode> {
  /** Create a validation error. */
  constructor(options: PressluftErrorOptions<ValidationErrorCode>) {
    super(options);
    this.name = 'ValidationError';
  }
}

/** Any error of any family. */
export type AnyPressluftError = ProviderError | ProvisionError | JobError | StoreError | ValidationError;

/**
 * Turn any thrown value into a Pressluft error: Pressluft errors pass through, anything else becomes
 * the given code (by default `INTERNAL`) with the original kept as the cause.
 */
export function toPressluftError(value: unknown, fallback: ErrorCode = 'INTERNAL'): PressluftError {
  if (PressluftError.isInstance(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new PressluftError({ code: fallback, message, cause: value });
}
