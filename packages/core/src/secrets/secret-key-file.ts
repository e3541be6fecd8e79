import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { ValidationError } from '../errors/error-families.js';
import { parseSecretKey, SECRET_KEY_LENGTH, secretKeyId } from './secret-key.js';

/** What {@link loadSecretKeyFile} takes. */
export interface SecretKeyFileOptions {
  /** Where the key file lives, for example `<data directory>/secret.key`. */
  readonly path: string;
  /**
   * Accept a key file that other users can read, reporting a warning instead of failing. Meant for
   * file systems without POSIX modes (some container volumes); by default such a file is refused,
   * like ssh refuses a private key with open permissions.
   */
  readonly allowLoosePermissions?: boolean;
}

/** A key read from (or just written to) a key file. */
export interface LoadedSecretKey {
  /** The 32 key bytes. */
  readonly key: Uint8Array;
  /** The key's id, as it appears in sealed secrets. */
  readonly keyId: string;
  /** The key file's path. */
  readonly path: string;
  /** Whether the file was created by this call. */
  readonly created: boolean;
  /** Problems worth telling the operator that did not stop loading (loose permissions when allowed). */
  readonly warnings: readonly string[];
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function unavailable(path: string, action: string, cause: unknown): ValidationError {
  return new ValidationError({
    code: 'SECRET_KEY_UNAVAILABLE',
    message: `The secret key file ${path} could not be ${action} (${errorCode(cause) ?? 'unknown error'}).`,
    details: { path },
    cause,
  });
}

/** Write a new key with mode 0600; `wx` makes a concurrent first start read the winner's key instead. */
async function createKeyFile(path: string): Promise<Result<boolean, ValidationError>> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  } catch (error) {
    return err(unavailable(path, 'created', error));
  }
  try {
    await writeFile(path, `${randomBytes(SECRET_KEY_LENGTH).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return ok(true);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return ok(false);
    return err(unavailable(path, 'created', error));
  }
}

async function load(options: SecretKeyFileOptions): Promise<Result<LoadedSecretKey, ValidationError>> {
  const { path } = options;
  let created = false;
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') return err(unavailable(path, 'read', error));
    const creation = await createKeyFile(path);
    if (creation.isErr()) return err(creation.error);
    created = creation.value;
    try {
      mode = (await stat(path)).mode;
    } catch (statError) {
      return err(unavailable(path, 'read', statError));
    }
  }

  const warnings: string[] = [];
  // Windows reports no meaningful POSIX modes; there the ACLs of the data directory protect the file.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    const message = `The secret key file ${path} has mode ${octal}; other users can read it. Run chmod 600 on it.`;
    if (options.allowLoosePermissions !== true) {
      return err(
        new ValidationError({ code: 'SECRET_KEY_FILE_INSECURE', message, details: { path, mode: octal } }),
      );
    }
    warnings.push(message);
  }

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return err(unavailable(path, 'read', error));
  }
  return parseSecretKey(text, `key file ${path}`).map((key) => ({
    key,
    keyId: secretKeyId(key),
    path,
    created,
    warnings,
  }));
}

/**
 * Read the secret key from a key file, creating the file (mode 0600, its directory 0700) with a random
 * key on first use. A file other users can read is refused with `SECRET_KEY_FILE_INSECURE` unless
 * `allowLoosePermissions` is set; a malformed file is `SECRET_KEY_INVALID`; an I/O failure is
 * `SECRET_KEY_UNAVAILABLE`.
 */
export function loadSecretKeyFile(
  options: SecretKeyFileOptions,
): ResultAsync<LoadedSecretKey, ValidationError> {
  return new ResultAsync(load(options));
}
