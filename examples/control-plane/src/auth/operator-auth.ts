import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { OperatorToken } from './operator-token.js';
import { createSessionStore, type Session, type SessionStore } from './session-store.js';

/** The name of the dashboard's session cookie. */
export const SESSION_COOKIE = 'pressluft_session';

/** Who a request is. */
export type RequestIdentity =
  | { readonly kind: 'bearer' }
  | { readonly kind: 'session'; readonly sessionId: string; readonly session: Session }
  | { readonly kind: 'anonymous'; readonly reason: 'missing' | 'invalid' };

/** Why a change was refused, or null when it may go ahead. */
export type ChangeRefusal = 'origin-mismatch' | 'csrf-missing' | null;

/** Operator authentication: Bearer token for scripts, session cookie plus CSRF protection for the dashboard. */
export interface OperatorAuth {
  /** Identify a request by its `Authorization` header, else its session cookie. */
  identify(context: Context): RequestIdentity;
  /**
   * Decide whether a state-changing request may proceed. Bearer requests always may (a browser never adds
   * the header on its own). A cookie request must come from an allowed origin
   * ({@link OperatorAuth.originMatches}); without an `Origin` header, the session's CSRF token must be in
   * `X-CSRF-Token`.
   */
  checkChange(context: Context, identity: RequestIdentity): ChangeRefusal;
  /** Start a session when the presented operator token is right. */
  login(presented: string): { readonly id: string; readonly session: Session } | null;
  /** End a session. */
  logout(sessionId: string): void;
  /**
   * Whether the request may come from where it says: an `Origin` header, when present, must be one of
   * the public origins (`PRESSLUFT_PUBLIC_ORIGIN`), or a loopback origin when none are configured; the
   * `Host` header must name one of them too. The request's own Host is never trusted as the reference,
   * so a DNS-rebinding page (whose Origin and Host both say its own name) is refused.
   */
  originMatches(context: Context): boolean;
}

/** Constant-time comparison of two secrets of any length (their hashes have equal length). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return presented.length > 0 && timingSafeEqual(digest(presented), digest(expected));
}

/** Loopback hosts, with or without a port: the only ones trusted when no public origin is configured. */
const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/** Whether a header value is an `http(s)://host[:port]` origin on loopback. */
function isLoopbackOrigin(origin: string): boolean {
  const match = /^https?:\/\/([^/?#]+)$/i.exec(origin);
  return match?.[1] !== undefined && loopbackHost.test(match[1]);
}

/** What {@link createOperatorAuth} takes. */
export interface OperatorAuthOptions {
  readonly token: OperatorToken;
  readonly sessions?: SessionStore;
  /**
   * The origins the dashboard is reached at (`https://pressluft.example.com`), exact and lower-case.
   * Empty: only loopback origins (`http://127.0.0.1:8080`, `http://localhost:…`, `http://[::1]:…`).
   */
  readonly publicOrigins?: readonly string[];
}

/** Build the operator authentication. */
export function createOperatorAuth(options: OperatorAuthOptions): OperatorAuth {
  const sessions = options.sessions ?? createSessionStore();
  const publicOrigins = new Set((options.publicOrigins ?? []).map((origin) => origin.toLowerCase()));
  const publicHosts = new Set([...publicOrigins].map((origin) => new URL(origin).host));
  const originAllowed = (origin: string): boolean =>
    publicOrigins.size > 0 ? publicOrigins.has(origin.toLowerCase()) : isLoopbackOrigin(origin);
  const hostAllowed = (host: string | undefined): boolean =>
    host !== undefined &&
    (publicHosts.has(host.toLowerCase()) || (publicHosts.size === 0 && loopbackHost.test(host)));
  const originMatches = (context: Context): boolean => {
    if (!hostAllowed(context.req.header('host'))) return false;
    const origin = context.req.header('origin');
    return origin === undefined || originAllowed(origin);
  };
  return {
    identify(context) {
      const authorization = context.req.header('authorization');
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
        return match?.[1] !== undefined && options.token.verify(match[1])
          ? { kind: 'bearer' }
          : { kind: 'anonymous', reason: 'invalid' };
      }
      const cookie = getCookie(context, SESSION_COOKIE);
      if (cookie === undefined) return { kind: 'anonymous', reason: 'missing' };
      const session = sessions.get(cookie);
      return session === undefined
        ? { kind: 'anonymous', reason: 'invalid' }
        : { kind: 'session', sessionId: cookie, session };
    },
    checkChange(context, identity) {
      if (identity.kind !== 'session') return null;
      if (!originMatches(context)) return 'origin-mismatch';
      const origin = context.req.header('origin');
      if (origin !== undefined) return null;
      return sameSecret(context.req.header('x-csrf-token') ?? '', identity.session.csrfToken)
        ? null
        : 'csrf-missing';
    },
    login(presented) {
      return options.token.verify(presented) ? sessions.create() : null;
    },
    logout(sessionId) {
      sessions.delete(sessionId);
    },
    originMatches,
  };
}
