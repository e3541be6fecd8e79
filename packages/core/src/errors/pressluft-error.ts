import { redactTokenShapes, redactValue } from '../redaction/redactor.js';
import { type ErrorCode, type ErrorFamily, errorCodes } from './error-codes.js';

const marker = Symbol.for('pressluft.error');

/** A JSON value, as carried in error details and job payloads. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Extra structured facts about an error (provider codes, the failed task, a correlation id). */
export type ErrorDetails = Readonly<Record<string, JsonValue>>;

/** What every error constructor takes. */
export interface PressluftErrorOptions<C extends ErrorCode = ErrorCode> {
  /** A code from the registry. */
  readonly code: C;
  /** What went wrong, for a person; never a secret. */
  readonly message: string;
  /** Overrides the registry's retryable flag (for example a rate limit that must not be retried). */
  readonly retryable?: boolean;
  /** Overrides the registry's guidance with something more specific. */
  readonly guidance?: string;
  /** Structured facts; scrubbed of secrets when serialized. */
  readonly details?: ErrorDetails;
  /** The underlying error; kept for debugging, never serialized. */
  readonly cause?: unknown;
}

/** The serialized form of an error: what reaches logs, job events and API responses. */
export interface SerializedPressluftError {
  /** The error class name. */
  readonly name: string;
  /** The registry code. */
  readonly code: ErrorCode;
  /** The family of the code. */
  readonly family: ErrorFamily;
  /** What went wrong, scrubbed of token-shaped strings. */
  readonly message: string;
  /** Whether a later retry can succeed. */
  readonly retryable: boolean;
  /** What an operator can do. */
  readonly guidance: string;
  /** Structured facts, scrubbed of secrets. */
  readonly details?: ErrorDetails;
}

/**
 * The base of every error Pressluft returns in a `Result`.
 *
 * Use {@link PressluftError.isInstance} instead of `instanceof`: it works across duplicate copies of the
 * package in one process.
 */
export class PressluftError<C extends ErrorCode = ErrorCode> extends Error {
  /** The cross-copy marker behind {@link PressluftError.isInstance}. */
  protected readonly [marker] = true;
  /** The stable code from the registry. */
  readonly code: C;
  /** The family of the code. */
  readonly family: ErrorFamily;
  /** Whether repeating the operation later can succeed. */
  readonly retryable: boolean;
  /** What an operator can do about it. */
  readonly guidance: string;
  /** Structured facts about the failure. */
  readonly details: ErrorDetails | undefined;

  /** Create an error from a registry code; retryable and guidance default to the registry's. */
  constructor(options: PressluftErrorOptions<C>) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    const definition = errorCodes[options.code];
    this.name = 'PressluftError';
    this.code = options.code;
    this.family = definition.family;
    this.retryable = options.retryable ?? definition.retryable;
    this.guidance = options.guidance ?? definition.guidance;
    this.details = options.details;
  }

  /** Whether a value is a Pressluft error, from any copy of this package. */
  static isInstance(value: unknown): value is PressluftError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** The serialized form, scrubbed of token-shaped strings; the cause is never included. */
  toJSON(): SerializedPressluftError {
    return {
      name: this.name,
      code: this.code,
      family: this.family,
      message: redactTokenShapes(this.message),
      retryable: this.retryable,
      guidance: this.guidance,
      ...(this.details === undefined ? {} : { details: redactValue(this.details) }),
    };
  }
}
