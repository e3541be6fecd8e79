import type { Logger } from '@pressluft/core';
import type { Context, MiddlewareHandler } from 'hono';

/** What {@link accessLog} takes. */
export interface AccessLogOptions {
  readonly logger: Logger;
  /** Requests slower than this are logged at warn. */
  readonly slowRequestMs: number;
}

/**
 * The access log, priced for load: a line per request only at debug, so at the default level a
 * request costs no log line at all; server errors (5xx, at error) and slow requests (at warn) are
 * always written. Refusals (4xx) are logged at debug where they are answered, failed logins and wrong
 * tokens as audit lines at warn.
 */
export function accessLog(options: AccessLogOptions): MiddlewareHandler {
  const { logger, slowRequestMs } = options;
  return async (context, next) => {
    const started = performance.now();
    await next();
    const durationMs = Math.round(performance.now() - started);
    const status = context.res.status;
    const slow = durationMs >= slowRequestMs;
    const fields = {
      request_id: context.get('requestId') ?? null,
      method: context.req.method,
      path: context.req.path,
      status,
      duration_ms: durationMs,
    };
    if (status >= 500) logger.error('request', fields);
    else if (slow) logger.warn('slow request', fields);
    else logger.debug('request', fields);
  };
}

/** The client's address as the socket reports it (no proxy headers are trusted); `unknown` in tests without one. */
export function clientAddress(context: Context): string {
  const incoming = (context.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
