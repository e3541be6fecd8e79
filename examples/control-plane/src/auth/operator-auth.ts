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
   * the header on its own). A cookie request must come from our origin: an `Origin` header, when present,
   * must equal ours; without one, the session's CSRF token must be in `X-CSRF-Token`.
   */
  checkChange(context: Context, identity: RequestIdentity): ChangeRefusal;
  /** Start a session when the presented operator token is right. */
  login(presented: string): { readonly id: string; readonly session: Session } | null;
  /** End a session. */
  logout(sessionId: string): void;
  /** Whether an `Origin` header (if any) matches the origin the request was sent to. */
  originMatches(context: Context): boolean;
}

/** Constant-time comparison of two secrets of any length (their hashes have equal length). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return presented.length > 0 && timingSafeEqual(digest(presented), digest(expected));
}

/** The origin the client addressed: scheme from the URL, host from the Host header. */
function ownOrigin(context: Context): string {
  const url = new URL(context.req.url);
  const host = context.req.header('host') ?? url.host;
  return `${url.protocol}//${host}`;
}

/** What {@link createOperatorAuth} takes. */
export interface OperatorAuthOptions {
  readonly token: OperatorToken;
  readonly sessions?: SessionStore;
}

/** Build the operator authentication. */
export function createOperatorAuth(options: OperatorAuthOptions): OperatorAuth {
  const sessions = options.sessions ?? createSessionStore();
  const originMatches = (context: Context): boolean => {
    const origin = context.req.header('origin');
    return origin === undefined || origin === ownOrigin(context);
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
      const origin = context.req.header('origin');
      if (origin !== undefined) return origin === ownOrigin(context) ? null : 'origin-mismatch';
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
