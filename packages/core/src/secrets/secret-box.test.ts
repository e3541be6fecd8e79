import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealedSecretKeyId } from './sealed-secret.js';
import { createSecretBox, type SecretBox } from './secret-box.js';
import { secretKeyId } from './secret-key.js';

const plaintext = 'hcloud-token-Zq8vN3xK2mLp7RtY4wBc9HdF6gJs1AeU5iOo0PkQrSt3UvWx8YzA2b';

function box(...keys: Uint8Array[]): SecretBox {
  return createSecretBox({ keys })._unsafeUnwrap();
}

/** Flip one bit of the decoded bytes of an envelope part and encode it again. */
function flipByteInPart(sealed: string, partIndex: number, byteIndex = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

function expectDecryptFailure(result: ReturnType<SecretBox['open']>, reason: string, keyId: string | null) {
  const error = result._unsafeUnwrapErr();
  expect(error.name).toBe('ValidationError');
  expect(error.code).toBe('SECRET_DECRYPT_FAILED');
  expect(error.details?.['reason']).toBe(reason);
  expect(error.details?.['keyId']).toBe(keyId);
  expect(JSON.stringify(error)).not.toContain(plaintext);
  expect(error.message).not.toContain(plaintext);
}

describe('createSecretBox', () => {
  const key = randomBytes(32);
  const secrets = box(key);

  it('round-trips a secret, with a fresh IV each time', () => {
    const first = secrets.seal(plaintext)._unsafeUnwrap();
    const second = secrets.seal(plaintext)._unsafeUnwrap();
    expect(first).not.toBe(second);
    expect(first).not.toContain(plaintext);
    expect(secrets.open(first)._unsafeUnwrap()).toBe(plaintext);
    expect(secrets.open(second)._unsafeUnwrap()).toBe(plaintext);
  });

  it('round-trips the empty string and non-ASCII text', () => {
    for (const text of ['', 'päßwörd ✓ 鍵', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n']) {
      expect(secrets.open(secrets.seal(text)._unsafeUnwrap())._unsafeUnwrap()).toBe(text);
    }
  });

  it('writes the pls1 envelope: prefix, key id, 12-byte IV, ciphertext, 16-byte tag, base64url', () => {
    const sealed = secrets.seal(plaintext)._unsafeUnwrap();
    const parts = sealed.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('pls1');
    expect(parts[1]).toBe(secretKeyId(key));
    expect(parts[1]).toMatch(/^[0-9a-f]{8}$/);
    expect(Buffer.from(parts[2] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[3] ?? '', 'base64url')).toHaveLength(Buffer.byteLength(plaintext));
    expect(Buffer.from(parts[4] ?? '', 'base64url')).toHaveLength(16);
    for (const part of parts) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealedSecretKeyId(sealed)).toBe(secretKeyId(key));
  });

  it('refuses a flipped byte in the IV, the ciphertext and the tag', () => {
    const sealed = secrets.seal(plaintext)._unsafeUnwrap();
    const keyId = secretKeyId(key);
    for (const partIndex of [2, 3, 4]) {
      expectDecryptFailure(secrets.open(flipByteInPart(sealed, partIndex)), 'authentication_failed', keyId);
      expectDecryptFailure(
        secrets.open(flipByteInPart(sealed, partIndex, 5)),
        'authentication_failed',
        keyId,
      );
    }
  });

  it('refuses a changed prefix or key id', () => {
    const sealed = secrets.seal(plaintext)._unsafeUnwrap();
    expectDecryptFailure(secrets.open(sealed.replace(/^pls1/, 'pls2')), 'malformed', null);
    const otherId = secretKeyId(key).replace(/^./, (character) => (character === '0' ? '1' : '0'));
    const renamed = sealed.replace(`.${secretKeyId(key)}.`, `.${otherId}.`);
    expectDecryptFailure(secrets.open(renamed), 'unknown_key', otherId);
  });

  it('refuses a secret sealed with another key that carries this key id', () => {
    // The header is authenticated: moving a ciphertext under another key id cannot pass.
    const other = box(randomBytes(32));
    const parts = other.seal(plaintext)._unsafeUnwrap().split('.');
    parts[1] = secretKeyId(key);
    expectDecryptFailure(secrets.open(parts.join('.')), 'authentication_failed', secretKeyId(key));
  });

  it('refuses a secret sealed with a key it does not know, naming that key id', () => {
    const otherKey = randomBytes(32);
    const sealed = box(otherKey).seal(plaintext)._unsafeUnwrap();
    const result = secrets.open(sealed);
    expectDecryptFailure(result, 'unknown_key', secretKeyId(otherKey));
    expect(result._unsafeUnwrapErr().message).toContain(secretKeyId(otherKey));
  });

  it('refuses a right key id with the wrong key bytes (a replaced key)', () => {
    const sealed = secrets.seal(plaintext)._unsafeUnwrap();
    const impostor = randomBytes(32);
    // Re-label the impostor's box so its key id matches: simulates a key file replaced by another key.
    const forged = sealed.replace(`.${secretKeyId(key)}.`, `.${secretKeyId(impostor)}.`);
    expectDecryptFailure(box(impostor).open(forged), 'authentication_failed', secretKeyId(impostor));
  });

  it('refuses malformed envelopes', () => {
    const sealed = secrets.seal(plaintext)._unsafeUnwrap();
    const [prefix, keyId, iv, ciphertext, tag] = sealed.split('.');
    const keyIdText = keyId ?? '';
    const cases: Array<[string, string | null]> = [
      ['', null],
      ['not a secret', null],
      [plaintext, null],
      [`${prefix}.${keyId}.${iv}.${ciphertext}`, null],
      [`${sealed}.extra`, null],
      [`${prefix}.${keyId}.${iv}.${ciphertext}.${tag}=`, keyIdText],
      [`${prefix}.${keyId}.${iv}.${ciphertext}.${tag?.slice(2)}`, keyIdText],
      [`${prefix}.${keyId}.${iv?.slice(1)}.${ciphertext}.${tag}`, keyIdText],
      [`${prefix}.${keyId}.${iv}.${ciphertext}*.${tag}`, keyIdText],
      [`${prefix}.${keyId}..${ciphertext}.${tag}`, keyIdText],
    ];
    for (const [text, expectedKeyId] of cases)
      expectDecryptFailure(secrets.open(text), 'malformed', expectedKeyId);
  });

  it('opens with any known key, seals with the active one, and rotates to it', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const sealedWithOld = box(oldKey).seal(plaintext)._unsafeUnwrap();

    const ring = createSecretBox({
      keys: [oldKey, newKey],
      activeKeyId: secretKeyId(newKey),
    })._unsafeUnwrap();
    expect(ring.activeKeyId).toBe(secretKeyId(newKey));
    expect(ring.keyIds).toEqual([secretKeyId(oldKey), secretKeyId(newKey)]);
    expect(ring.open(sealedWithOld)._unsafeUnwrap()).toBe(plaintext);
    expect(ring.isSealedWithActiveKey(sealedWithOld)).toBe(false);

    const rotated = ring.rotate(sealedWithOld)._unsafeUnwrap();
    expect(sealedSecretKeyId(rotated)).toBe(secretKeyId(newKey));
    expect(ring.isSealedWithActiveKey(rotated)).toBe(true);
    expect(box(newKey).open(rotated)._unsafeUnwrap()).toBe(plaintext);
    expectDecryptFailure(box(oldKey).open(rotated), 'unknown_key', secretKeyId(newKey));
    expect(sealedSecretKeyId(ring.seal('x')._unsafeUnwrap())).toBe(secretKeyId(newKey));
  });

  it('does not rotate what it cannot open', () => {
    const ring = box(randomBytes(32));
    const foreign = box(randomBytes(32)).seal(plaintext)._unsafeUnwrap();
    expect(ring.rotate(foreign)._unsafeUnwrapErr().code).toBe('SECRET_DECRYPT_FAILED');
  });

  it('refuses no keys, a short key and an unknown active key id', () => {
    expect(createSecretBox({ keys: [] })._unsafeUnwrapErr().code).toBe('SECRET_KEY_INVALID');
    expect(createSecretBox({ keys: [randomBytes(16)] })._unsafeUnwrapErr().code).toBe('SECRET_KEY_INVALID');
    expect(
      createSecretBox({ keys: [randomBytes(32)], activeKeyId: 'deadbeef' })._unsafeUnwrapErr().code,
    ).toBe('SECRET_KEY_INVALID');
  });
});
