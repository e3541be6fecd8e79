/**
 * Scrubbing secrets from text that leaves the process (logs, job events, error messages, API responses).
 *
 * Two layers: exact values the process knows are secret (provider tokens, private keys, the operator
 * token) registered with a {@link Redactor}, and patterns for token-shaped strings that were never
 * registered (bearer headers, PEM private keys, long random-looking words next to "token" or "password").
 */

/** What a scrubbed secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not registered: replacing every "abc" in a log would hide too much. */
const MINIMUM_SECRET_LENGTH = 6;

const tokenShapedPatterns: readonly RegExp[] = [
  // PEM blocks of private keys, whole.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  // Authorization headers and "Bearer xyz" anywhere.
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // key=value and "key": "value" pairs whose key names a secret.
  /((?:["']?)(?:[A-Za-z0-9_-]*(?:token|secret|password|passwd|api[_-]?key|private[_-]?key|authorization|cookie)[A-Za-z0-9_-]*)["']?\s*[:=]\s*["']?)([^\s"',;&}]{4,})/gi,
  // Long high-entropy words (64-char Hetzner tokens, hex keys, base64 blobs).
  /\b(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{40,}\b/g,
];

/** Scrub token-shaped strings from text without knowing any secret value. */
export function redactTokenShapes(text: string): string {
  let result = text;
  for (const pattern of tokenShapedPatterns) {
    result = result.replace(pattern, (match: string, ...groups: unknown[]) => {
      if (pattern === tokenShapedPatterns[1]) return `${String(groups[0])} ${REDACTED}`;
      if (pattern === tokenShapedPatterns[2]) return `${String(groups[0])}${REDACTED}`;
      return match.startsWith('-----BEGIN') ? `${REDACTED} private key` : REDACTED;
    });
  }
  return result;
}

/** A set of known secret values, plus the token-shape patterns, applied to any text. */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Create a redactor that already knows these secret values. */
  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Register a secret value so that every later {@link Redactor.redact} scrubs it. */
  add(secret: string | null | undefined): this {
    if (!secret) return this;
    const trimmed = secret.trim();
    if (trimmed.length >= MINIMUM_SECRET_LENGTH) this.#secrets.add(trimmed);
    // A PEM key also travels line by line (ansible output, logs): register each long line too.
    if (trimmed.includes('\n')) {
      for (const line of trimmed.split('\n')) if (line.trim().length >= 16) this.#secrets.add(line.trim());
    }
    return this;
  }

  /** Scrub every registered secret and every token-shaped string from the text. */
  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...this.#secrets].sort((a, b) => b.length - a.length);
    for (const secret of secrets) result = result.split(secret).join(REDACTED);
    return redactTokenShapes(result);
  }

  /** Scrub every string inside a JSON-like value, keeping its shape. */
  redactValue<T>(value: T): T {
    return redactDeep(value, (text) => this.redact(text)) as T;
  }
}

const secretKeyName = /token|secret|password|passwd|api[_-]?key|private[_-]?key|authorization|cookie/i;

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
