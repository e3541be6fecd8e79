import { type ErrorCode, errorCodes, PressluftError, type Redactor, ValidationError } from '@pressluft/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { components } from '../generated/api-types.js';

/** The body of every 4xx and 5xx answer. */
export type ErrorResponseBody = components['schemas']['ErrorResponse'];

/** The body and status of an error: the status comes from the registry row of the code. */
export function toErrorResponse(
  error: PressluftError,
  redactor: Redactor,
  requestId?: string,
): { readonly status: ContentfulStatusCode; readonly body: ErrorResponseBody } {
  const serialized = error.toJSON();
  const body: ErrorResponseBody = {
    error: {
      code: serialized.code,
      message: redactor.redact(serialized.message),
      guidance: serialized.guidance,
      ...(serialized.details === undefined
        ? {}
        : { details: redactor.redactValue({ ...serialized.details }) }),
      ...(requestId === undefined ? {} : { request_id: requestId }),
    },
  };
  return { status: errorCodes[serialized.code].httpStatus as ContentfulStatusCode, body };
}

/** Answer a request with an error body carrying the request's id (set by the request-id middleware). */
export function respondWithError(context: Context, error: unknown, redactor: Redactor): Response {
  const pressluftError = PressluftError.isInstance(error)
    ? error
    : new ValidationError({
        code: 'INTERNAL',
        message: 'An unexpected internal error happened.',
        cause: error,
      });
  const requestId: string | undefined = context.get('requestId');
  const { status, body } = toErrorResponse(pressluftError, redactor, requestId);
  return context.json(body, status);
}

/** A validation-family error with the registry's guidance. */
export function apiError(
  code: ErrorCode & ValidationError['code'],
  message: string,
  details?: ValidationError['details'],
): ValidationError {
  return new ValidationError({ code, message, ...(details === undefined ? {} : { details }) });
}
