import type { PressluftError } from '@pressluft/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from './error-response.js';

/** What {@link requestBodyLimit} takes. */
export interface RequestBodyLimitOptions {
  /** The largest body accepted, in bytes. */
  readonly maxBytes: number;
  /** The app's error answer (logs and renders the error body). */
  readonly fail: (context: Context, error: PressluftError) => Response;
}

/**
 * One body limit for every route. Hono's body-limit refuses a `Content-Length` over the limit before
 * reading anything, and counts a chunked body as it streams in, stopping at the first chunk past the
 * limit (so at most the limit plus one chunk is held). The answer is `413 VALIDATION_PAYLOAD_TOO_LARGE`
 * with `Connection: close`: the rest of the body is never read, so the connection cannot be reused
 * (keeping it would make the server parse the unread body as the next request, or drop it mid-stream).
 */
export function requestBodyLimit(options: RequestBodyLimitOptions): MiddlewareHandler {
  const { maxBytes, fail } = options;
  return bodyLimit({
    maxSize: maxBytes,
    onError: (context) => {
      const response = fail(
        context,
        apiError('VALIDATION_PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBytes} bytes.`, {
          limit_bytes: maxBytes,
        }),
      );
      response.headers.set('Connection', 'close');
      return response;
    },
  });
}
