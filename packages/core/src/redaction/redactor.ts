/**
 * Scrubbing secrets from text that leaves the process (logs, job events, error messages, API responses).
 *
 * Two layers: exact values the process knows are secret (provider tokens, private keys, the operator
 * token) registered with a {@link Redactor}, and patterns for token-shaped strings that were never
 * registered (bearer headers, PEM private keys, URL passwords, values next to "token" or "password",
 * long random-looking words).
 *
 * The patterns err towards hiding too much, with three deliberate exceptions that operators need to
 * read: public keys and `SHA256:` fingerprints (public by nature), lowercase ids such as
 * `node_01jh5k3q9x…` and hex digests (no uppercase, so never mistaken for a provider token), and a
 * plain word after `key: ` (prose such as `PROVIDER_TOKEN_READONLY: Create a token…`).
 */

/** What a scrubbed secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not registered: replacing every "abc" in a log would hide too much. */
const MINIMUM_SECRET_LENGTH = 6;

const secretNameSource =
  'token|secret|password|passwd|passphrase|api[_-]?key|private[_-]?key|authorization|cookie';

interface TokenPattern {
  /**
   * A cheap test every match needs to pass somewhere in the text (a literal or a plain run): when it
   * finds nothing, the costlier pattern is skipped. Most log lines hold no secret-like word at all.
   */
  readonly needs: RegExp;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const tokenShapedPatterns: readonly TokenPattern[] = [
  {
    // PEM blocks of private keys, whole; an unterminated block is cut to the end of the text.
    needs: /-----BEGIN /,
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: () => `${REDACTED} private key`,
  },
  {
    // Authorization headers: keep the scheme, hide the credentials whatever they look like.
    needs: /authorization/i,
    pattern: /(\bauthorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Token|Digest)\s+)?[^\s"',;]+/gi,
    replace: (_match, prefix, scheme) => `${prefix}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  {
    // "Bearer xyz" anywhere else; the credential must contain a digit or symbol, so prose such as
    // "Basic information" survives.
    needs: /bearer|basic/i,
    pattern: /\b(Bearer|Basic)\s+(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_match, scheme) => `${scheme} ${REDACTED}`,
  },
  {
    // Passwords in URLs: scheme://user:password@host.
    needs: /:\/\/[^\s]*@/,
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi,
    replace: (_match, prefix) => `${prefix}${REDACTED}@`,
  },
  {
    // key=value, key: value and "key": "value" pairs whose key names a secret.
    needs: new RegExp(secretNameSource, 'i'),
    pattern: new RegExp(
      `(["']?[A-Za-z0-9_.-]*(?:${secretNameSource})[A-Za-z0-9_.-]*["']?\\s*([:=])\\s*(["']?))(?!(?:(?:Bearer|Basic|Token|Digest) )?\\[REDACTED\\])([^\\s"',;&}]{4,})`,
      'gi',
    ),
    replace: (match, prefix, separator, quote, value) => {
      // An unquoted plain word after a colon is prose far more often than a secret.
      if (separator === ':' && quote === '' && /^[A-Za-z]{1,15}$/.test(value)) return match;
      return `${prefix}${REDACTED}`;
    },
  },
  {
    // Long random-looking words: 40+ characters mixing upper case, lower case and digits (64-character
    // provider tokens, base64 blobs). Lowercase ids and hex digests have no upper case and stay; a
    // CamelCase name that long with digits is hidden too (no cheap test tells it from a token).
    needs: /[A-Za-z0-9_-]{40}/,
    pattern: /\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{40,}\b/g,
    replace: () => REDACTED,
  },
];

/** Public key lines and SHA256 fingerprints: public, and needed by operators to compare keys. */
const publicKeyShapes =
  /\b(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-[a-z0-9@.-]+) AAAA[A-Za-z0-9+/]+={0,2}|\bSHA256:[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/])/g;

function scrubShapes(text: string): string {
  let result = text;
  for (const { needs, pattern, replace } of tokenShapedPatterns) {
    if (!needs.test(result)) continue;
    result = result.replace(pattern, (match: string, ...groups: unknown[]) =>
      replace(match, ...groups.map((group) => (typeof group === 'string' ? group : ''))),
    );
  }
  return result;
}

/** Scrub token-shaped strings from text without knowing any secret value. */
export function redactTokenShapes(text: string): string {
  // Scrub the text between public keys, so a key's base64 is never mistaken for a token.
  let result = '';
  let last = 0;
  for (const match of text.matchAll(publicKeyShapes)) {
    result += scrubShapes(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + scrubShapes(text.slice(last));
}

/** A regular expression matching `text` literally. */
function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A set of known secret values, plus the token-shape patterns, applied to any text.
 *
 * The secrets are matched by one precompiled alternation (longest first, so a secret that contains
 * another is replaced whole), built when the first string is redacted after a secret was added: logging
 * a line costs one scan of it, not one copy and sort of the set plus one split per secret.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  #matcher: RegExp | null = null;
  #stale = false;

  /** Create a redactor that already knows these secret values. */
  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Register a secret value so that every later {@link Redactor.redact} scrubs it. */
  add(secret: string | null | undefined): this {
    if (!secret) return this;
    const trimmed = secret.trim();
    if (trimmed.length >= MINIMUM_SECRET_LENGTH) this.#remember(trimmed);
    // A PEM key also travels line by line (ansible output, logs): register each long line too.
    if (trimmed.includes('\n')) {
      for (const line of trimmed.split('\n')) if (line.trim().length >= 16) this.#remember(line.trim());
    }
    return this;
  }

  #remember(secret: string): void {
    if (this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    this.#stale = true;
  }

  #currentMatcher(): RegExp | null {
    if (this.#stale) {
      const alternatives = [...this.#secrets].sort((a, b) => b.length - a.length).map(escapeForPattern);
      this.#matcher = new RegExp(alternatives.join('|'), 'g');
      this.#stale = false;
    }
    return this.#matcher;
  }

  /** Scrub every registered secret and every token-shaped string from the text. */
  redact(text: string): string {
    const matcher = this.#currentMatcher();
    return redactTokenShapes(matcher === null ? text : text.replace(matcher, REDACTED));
  }

  /** Scrub every string inside a JSON-like value, keeping its shape. */
  redactValue<T>(value: T): T {
    return redactDeep(value, (text) => this.redact(text)) as T;
  }
}

const secretKeyName = new RegExp(secretNameSource, 'i');

function redactDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, scrub));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = secretKeyName.test(key) && typeof item === 'string' ? REDACTED : redactDeep(item, scrub);
    }
    return result;
  }
  return value;
}

/** Scrub token-shaped strings from every string of a JSON-like value, and any field named like a secret. */
export function redactValue<T>(value: T): T {
  return redactDeep(value, redactTokenShapes) as T;
}
