import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { ValidationError } from '../errors/error-families.js';
import { SEALED_SECRET_PREFIX, type SealedSecret } from './sealed-secret.js';
import { SECRET_KEY_LENGTH, secretKeyId } from './secret-key.js';

const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const base64url = /^[A-Za-z0-9_-]*$/;

/** What {@link createSecretBox} takes. */
export interface SecretBoxOptions {
  /** Every key that may open stored secrets (32 bytes each): the current one and any older ones. */
  readonly keys: readonly Uint8Array[];
  /** The id of the key new secrets are sealed with; by default the first key. */
  readonly activeKeyId?: string;
}

/**
 * A keyring that seals with one active key and opens with any key it knows, so a key can be rotated
 * while secrets sealed with the old one are still readable.
 */
export interface SecretBox {
  /** The id of the key {@link SecretBox.seal} uses. */
  readonly activeKeyId: string;
  /** The ids of every key the box can open with. */
  readonly keyIds: readonly string[];
  /**
   * Seal a secret with the active key and a fresh random IV. It does not fail with a valid key; the
   * `Result` lets callers treat every secret operation alike (and a hardware-backed box could fail).
   */
  seal(plaintext: string): Result<SealedSecret, ValidationError>;
  /** Open a sealed secret; any failure is `SECRET_DECRYPT_FAILED` naming the key id, never the text. */
  open(sealed: string): Result<string, ValidationError>;
  /** Open with whichever key sealed it, then seal again with the active key. */
  rotate(sealed: string): Result<SealedSecret, ValidationError>;
  /** Whether a sealed secret already uses the active key (so a rotation pass can skip it). */
  isSealedWithActiveKey(sealed: string): boolean;
}

type DecryptFailure = 'malformed' | 'unknown_key' | 'authentication_failed';

const failureMessages: Record<DecryptFailure, string> = {
  malformed: 'it is not a pls1 envelope',
  unknown_key: 'its key is not configured',
  authentication_failed: 'the key does not match or the data was changed',
};

function decryptFailed(keyId: string | null, reason: DecryptFailure, knownKeyIds: readonly string[]) {
  const keyText = keyId === null ? '' : ` sealed with key ${keyId}`;
  return new ValidationError({
    code: 'SECRET_DECRYPT_FAILED',
    message: `A secret${keyText} could not be opened: ${failureMessages[reason]}.`,
    details: { keyId, reason, knownKeyIds: [...knownKeyIds] },
  });
}

/** Decode a base64url part strictly: only canonical text decodes, so no two envelopes mean the same. */
function decodePart(text: string): Buffer | null {
  if (!base64url.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/**
 * Create a {@link SecretBox} over AES-256-GCM (node:crypto). Fails with `SECRET_KEY_INVALID` when no key
 * is given, a key is not 32 bytes, or `activeKeyId` names none of the keys.
 */
export function createSecretBox(options: SecretBoxOptions): Result<SecretBox, ValidationError> {
  const keys = new Map<string, Buffer>();
  for (const key of options.keys) {
    if (key.length !== SECRET_KEY_LENGTH) {
      return err(
        new ValidationError({
          code: 'SECRET_KEY_INVALID',
          message: `A secret key has ${key.length} bytes; AES-256 needs ${SECRET_KEY_LENGTH}.`,
          details: { length: key.length },
        }),
      );
    }
    keys.set(secretKeyId(key), Buffer.from(key));
  }
  const keyIds = [...keys.keys()];
  const activeKeyId = options.activeKeyId ?? keyIds[0];
  const activeKey = activeKeyId === undefined ? undefined : keys.get(activeKeyId);
  if (activeKeyId === undefined || activeKey === undefined) {
    return err(
      new ValidationError({
        code: 'SECRET_KEY_INVALID',
        message:
          activeKeyId === undefined
            ? 'No secret key was given.'
            : `The active key ${activeKeyId} is not among the given keys.`,
        details: { activeKeyId: activeKeyId ?? null, keyIds },
      }),
    );
  }

  const seal = (plaintext: string): Result<SealedSecret, ValidationError> => {
    const header = `${SEALED_SECRET_PREFIX}.${activeKeyId}`;
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', activeKey, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(header, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const parts = [
      header,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      tag.toString('base64url'),
    ];
    return ok(parts.join('.') as SealedSecret);
  };

  const open = (sealed: string): Result<string, ValidationError> => {
    const parts = sealed.split('.');
    const [prefix, keyId, ivText, ciphertextText, tagText] = parts;
    if (
      parts.length !== 5 ||
      prefix !== SEALED_SECRET_PREFIX ||
      keyId === undefined ||
      ivText === undefined ||
      ciphertextText === undefined ||
      tagText === undefined
    ) {
      return err(decryptFailed(null, 'malformed', keyIds));
    }
    const key = keys.get(keyId);
    if (key === undefined) return err(decryptFailed(keyId, 'unknown_key', keyIds));
    const iv = decodePart(ivText);
    const ciphertext = decodePart(ciphertextText);
    const tag = decodePart(tagText);
    if (iv?.length !== IV_LENGTH || ciphertext === null || tag?.length !== TAG_LENGTH) {
      return err(decryptFailed(keyId, 'malformed', keyIds));
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(Buffer.from(`${prefix}.${keyId}`, 'utf8'));
      decipher.setAuthTag(tag);
      return ok(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'));
    } catch {
      // node:crypto only says "Unsupported state or unable to authenticate data"; the cause adds nothing.
      return err(decryptFailed(keyId, 'authentication_failed', keyIds));
    }
  };

  return ok({
    activeKeyId,
    keyIds,
    seal,
    open,
    rotate: (sealed) => open(sealed).andThen(seal),
    isSealedWithActiveKey: (sealed) => {
      const parts = sealed.split('.');
      return parts.length === 5 && parts[0] === SEALED_SECRET_PREFIX && parts[1] === activeKeyId;
    },
  });
}
