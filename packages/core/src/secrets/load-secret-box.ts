import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import type { ValidationError } from '../errors/error-families.js';
import { createSecretBox, type SecretBox } from './secret-box.js';
import { parseSecretKey } from './secret-key.js';
import { loadSecretKeyFile } from './secret-key-file.js';

/** What {@link loadSecretBox} takes. */
export interface LoadSecretBoxOptions {
  /** The active key from configuration (base64 or hex); when absent the key file is used. */
  readonly key?: string | undefined;
  /** Older keys from configuration that can still open secrets, for rotation. */
  readonly previousKeys?: readonly string[];
  /** The key file to read, or create on first use, when no key is configured. */
  readonly keyFilePath: string;
  /** Accept a key file other users can read (see {@link SecretKeyFileOptions.allowLoosePermissions}). */
  readonly allowLoosePermissions?: boolean;
}

/** A ready secret box and where its active key came from. */
export interface LoadedSecretBox {
  /** The box, sealing with the active key. */
  readonly box: SecretBox;
  /** Where the active key came from. */
  readonly source: 'configuration' | 'key-file';
  /** Whether the key file was created by this call. */
  readonly created: boolean;
  /** Problems worth telling the operator that did not stop loading. */
  readonly warnings: readonly string[];
}

function parseAll(texts: readonly string[]): Result<Uint8Array[], ValidationError> {
  const keys: Uint8Array[] = [];
  for (const [index, text] of texts.entries()) {
    const parsed = parseSecretKey(text, `previous key ${index + 1}`);
    if (parsed.isErr()) return err(parsed.error);
    keys.push(parsed.value);
  }
  return ok(keys);
}

/**
 * Build the process's {@link SecretBox}: the active key from configuration when set, otherwise from the
 * key file (created with mode 0600 on first use); previous keys stay able to open old secrets, and
 * {@link SecretBox.rotate} moves a secret to the active key.
 */
export function loadSecretBox(options: LoadSecretBoxOptions): ResultAsync<LoadedSecretBox, ValidationError> {
  const previous = parseAll(options.previousKeys ?? []);
  if (previous.isErr()) return errAsync(previous.error);
  const configured = options.key?.trim();
  if (configured) {
    const result = parseSecretKey(configured)
      .andThen((key) => createSecretBox({ keys: [key, ...previous.value] }))
      .map((box): LoadedSecretBox => ({ box, source: 'configuration', created: false, warnings: [] }));
    return new ResultAsync(Promise.resolve(result));
  }
  return loadSecretKeyFile({
    path: options.keyFilePath,
    ...(options.allowLoosePermissions === undefined
      ? {}
      : { allowLoosePermissions: options.allowLoosePermissions }),
  }).andThen((loaded) =>
    createSecretBox({ keys: [loaded.key, ...previous.value] }).map((box) => ({
      box,
      source: 'key-file' as const,
      created: loaded.created,
      warnings: loaded.warnings,
    })),
  );
}
