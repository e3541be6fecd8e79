import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type PressluftError, toPressluftError } from '@pressluft/core';
import { ResultAsync } from 'neverthrow';

/** The file in the data directory holding the hash of a generated operator token. */
export const OPERATOR_TOKEN_HASH_FILE = 'operator-token.sha256';

/**
 * The operator token, known only by its hash.
 *
 * SHA-256 rather than scrypt: a generated token carries 256 random bits, so no guessing attack exists that
 * a slow hash would slow down further, while every API request checks the token; scrypt there would cost
 * tens of milliseconds and megabytes per request and hand an attacker a cheap way to load the server. A
 * token from `PRESSLUFT_ADMIN_TOKEN` (chosen by a person, possibly weaker) is never written anywhere.
 */
export interface OperatorToken {
  /** Whether a presented token is the operator token (constant-time comparison of hashes). */
  verify(presented: string): boolean;
}

/** How the operator token was obtained at start. */
export interface LoadedOperatorToken {
  readonly token: OperatorToken;
  /** `environment`: from the variable; `generated`: made now (show it once); `stored`: hash from an earlier start. */
  readonly source: 'environment' | 'generated' | 'stored';
  /** The new token in plain text, only when `source` is `generated`; print it once, never log it. */
  readonly generated?: string;
  /**
   * Only when `source` is `generated`: write the token's hash to the data directory. Nothing is written
   * before this is called, so a start that fails earlier (configuration, store, port) burns no token;
   * the server calls it when it is about to listen, right before printing the token.
   */
  readonly persist?: () => ResultAsync<void, PressluftError>;
}

/** The SHA-256 of a token. */
function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** An operator token from its hash. */
export function operatorTokenFromHash(hash: Buffer): OperatorToken {
  return {
    verify(presented: string): boolean {
      if (presented.length === 0 || presented.length > 1024) return false;
      return timingSafeEqual(hashToken(presented), hash);
    },
  };
}

/** A fresh operator token: `plt_` and 32 random bytes in base64url. */
export function generateOperatorToken(): string {
  return `plt_${randomBytes(32).toString('base64url')}`;
}

/**
 * Load the operator token: the configured one; else the hash stored in the data directory by an earlier
 * start; else a new one, whose plain text is returned once and whose hash `persist()` stores (mode 0600).
 */
export function loadOperatorToken(options: {
  readonly dataDir: string;
  readonly configured?: string | undefined;
}): ResultAsync<LoadedOperatorToken, PressluftError> {
  if (options.configured !== undefined) {
    const hash = hashToken(options.configured);
    return ResultAsync.fromSafePromise(
      Promise.resolve({ token: operatorTokenFromHash(hash), source: 'environment' as const }),
    );
  }
  const file = path.join(options.dataDir, OPERATOR_TOKEN_HASH_FILE);
  const load = async (): Promise<LoadedOperatorToken> => {
    const stored = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (stored !== null) {
      const match = /^sha256:([0-9a-f]{64})\s*$/.exec(stored);
      if (!match?.[1])
        throw new Error(`${file} is not a sha256:<hex> line; delete it to generate a new token`);
      return { token: operatorTokenFromHash(Buffer.from(match[1], 'hex')), source: 'stored' };
    }
    const generated = generateOperatorToken();
    const hash = hashToken(generated);
    const persist = () =>
      ResultAsync.fromPromise(
        (async () => {
          await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
          await writeFile(file, `sha256:${hash.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
        })(),
        (error) => toPressluftError(error, 'STORE_FAILED'),
      );
    return { token: operatorTokenFromHash(hash), source: 'generated', generated, persist };
  };
  return ResultAsync.fromPromise(load(), (error) => toPressluftError(error, 'STORE_FAILED'));
}
