import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of every answer: only our own scripts, styles and connections; no inline
 * script, no framing, no plugins, forms post only to us.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The security headers of every answer, as a table: the middleware sets them on Hono's answers and the
 * HTTP server's own early answers (431, 400 for unparsable requests) carry the same ones.
 */
export const securityHeaderValues: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // same-origin rather than no-referrer: with no-referrer, Chromium sends "Origin: null" on form posts,
  // which the login form's Origin check must refuse.
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * Security headers on every answer; API answers are never cached (they carry operator data). Event
 * streams get `Cache-Control: no-cache` and `X-Accel-Buffering: no`, so a proxy in front (nginx buffers
 * by default) passes each event on at once instead of holding it back.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (context, next) => {
    await next();
    const headers = context.res.headers;
    for (const [name, value] of Object.entries(securityHeaderValues)) headers.set(name, value);
    if ((headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
      headers.set('Cache-Control', 'no-cache');
      headers.set('X-Accel-Buffering', 'no');
    } else if (!headers.has('Cache-Control')) {
      headers.set('Cache-Control', 'no-store');
    }
    const requestId: string | undefined = context.get('requestId');
    if (requestId !== undefined && !headers.has('X-Request-Id')) headers.set('X-Request-Id', requestId);
  };
}
