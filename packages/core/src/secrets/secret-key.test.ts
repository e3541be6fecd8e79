import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecretKey, parseSecretKey, secretKeyId } from './secret-key.js';

describe('parseSecretKey', () => {
  const bytes = randomBytes(32);

  it('accepts 32 bytes as hex, base64 and base64url, with surrounding whitespace', () => {
    for (const text of [
      bytes.toString('hex'),
      bytes.toString('hex').toUpperCase(),
      bytes.toString('base64'),
      bytes.toString('base64url'),
      `  ${bytes.toString('base64')}\n`,
    ]) {
      expect(Buffer.from(parseSecretKey(text)._unsafeUnwrap())).toEqual(bytes);
    }
  });

  it('refuses anything else with SECRET_KEY_INVALID, without echoing the text', () => {
    const candidates = [
      '',
      'short',
      randomBytes(16).toString('base64'),
      randomBytes(31).toString('hex'),
      randomBytes(33).toString('base64'),
      `${bytes.toString('hex').slice(0, 63)}g`,
      `${bytes.toString('base64').slice(0, 42)}!=`,
    ];
    for (const text of candidates) {
      const error = parseSecretKey(text, 'PRESSLUFT_SECRET_KEY')._unsafeUnwrapErr();
      expect(error.code, text).toBe('SECRET_KEY_INVALID');
      expect(error.message).toContain('PRESSLUFT_SECRET_KEY');
      if (text.length > 8) expect(JSON.stringify(error)).not.toContain(text);
    }
  });
});

describe('secretKeyId', () => {
  it('is 8 hex characters, stable per key and different between keys', () => {
    const key = randomBytes(32);
    expect(secretKeyId(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(secretKeyId(Buffer.from(key))).toBe(secretKeyId(key));
    expect(secretKeyId(randomBytes(32))).not.toBe(secretKeyId(key));
    // SHA-256 of 32 zero bytes starts with 66687aad.
    expect(secretKeyId(new Uint8Array(32))).toBe('66687aad');
  });
});

describe('generateSecretKey', () => {
  it('produces a random key that parses back to 32 bytes', () => {
    const first = generateSecretKey();
    expect(parseSecretKey(first)._unsafeUnwrap()).toHaveLength(32);
    expect(generateSecretKey()).not.toBe(first);
  });
});
