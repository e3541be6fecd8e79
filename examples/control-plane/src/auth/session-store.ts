import { createHash, randomBytes } from 'node:crypto';

/** A dashboard session. */
export interface Session {
  /** Sent by the dashboard's scripts in `X-CSRF-Token` with every change. */
  readonly csrfToken: string;
  /** When the session ends (ms since the epoch). */
  readonly expiresAt: number;
}

/** Dashboard sessions, kept in memory: a restart logs everyone out, which is acceptable for an operator tool. */
export interface SessionStore {
  /** Start a session; returns the cookie value (shown to the browser only) and the session. */
  create(): { readonly id: string; readonly session: Session };
  /** The live session for a cookie value, if any. */
  get(id: string): Session | undefined;
  /** End a session. */
  delete(id: string): void;
}

/** Sessions keyed by the SHA-256 of their id, so that even a memory dump holds no usable cookie. */
export function createSessionStore(
  options: { readonly ttlMs?: number; readonly now?: () => number } = {},
): SessionStore {
  const ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const key = (id: string): string => createHash('sha256').update(id).digest('hex');
  const sweep = (): void => {
    const time = now();
    for (const [hash, session] of sessions) if (session.expiresAt <= time) sessions.delete(hash);
  };
  return {
    create() {
      sweep();
      const id = randomBytes(32).toString('base64url');
      const session: Session = { csrfToken: randomBytes(24).toString('base64url'), expiresAt: now() + ttlMs };
      sessions.set(key(id), session);
      return { id, session };
    },
    get(id) {
      if (id.length === 0 || id.length > 256) return undefined;
      const session = sessions.get(key(id));
      if (session === undefined) return undefined;
      if (session.expiresAt <= now()) {
        sessions.delete(key(id));
        return undefined;
      }
      return session;
    },
    delete(id) {
      sessions.delete(key(id));
    },
  };
}
