import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { errorCodes } from './error-codes.js';
import {
  JobError,
  ProviderError,
  ProvisionError,
  StoreError,
  toPressluftError,
  ValidationError,
} from './error-families.js';
import { PressluftError } from './pressluft-error.js';

const hetznerLikeToken = 'Zq8vN3xK2mLp7RtY4wBc9HdF6gJs1AeU5iOo0PkQrSt3UvWx8YzA2bC4dE6fG8hJ';
const pemPrivateKey = String(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
);
const pemBody = pemPrivateKey.split('\n')[1] ?? '';

describe('PressluftError.isInstance', () => {
  it('recognises every family and the base class', () => {
    const errors = [
      new PressluftError({ code: 'INTERNAL', message: 'x' }),
      new ProviderError({ code: 'PROVIDER_TIMEOUT', message: 'x', provider: 'hetzner' }),
      new ProvisionError({ code: 'PROVISION_TIMEOUT', message: 'x' }),
      new JobError({ code: 'JOB_TIMEOUT', message: 'x' }),
      new StoreError({ code: 'STORE_FAILED', message: 'x' }),
      new ValidationError({ code: 'NOT_FOUND', message: 'x' }),
    ];
    for (const error of errors) expect(PressluftError.isInstance(error)).toBe(true);
  });

  it('refuses look-alikes that lack the global marker', () => {
    const lookAlike = Object.assign(new Error('x'), { code: 'INTERNAL', retryable: false });
    const privateSymbol = { [Symbol('pressluft.error')]: true, code: 'INTERNAL' };
    for (const value of [lookAlike, privateSymbol, null, undefined, 'INTERNAL', 42, {}]) {
      expect(PressluftError.isInstance(value)).toBe(false);
    }
  });

  it('recognises an error made by a second copy of the module, where instanceof fails', async () => {
    vi.resetModules();
    const secondCopy = (await import('./pressluft-error.js')) as typeof import('./pressluft-error.js');
    expect(secondCopy.PressluftError).not.toBe(PressluftError);
    const foreign = new secondCopy.PressluftError({ code: 'CONFLICT', message: 'from the other copy' });
    expect(foreign instanceof PressluftError).toBe(false);
    expect(PressluftError.isInstance(foreign)).toBe(true);
    expect(secondCopy.PressluftError.isInstance(new JobError({ code: 'JOB_CANCELLED', message: 'x' }))).toBe(
      true,
    );
  });
});

describe('PressluftError defaults', () => {
  it('takes family, retryable and guidance from the registry', () => {
    const error = new ProviderError({ code: 'PROVIDER_RATE_LIMITED', message: 'slow down' });
    expect(error.family).toBe('provider');
    expect(error.retryable).toBe(errorCodes.PROVIDER_RATE_LIMITED.retryable);
    expect(error.retryable).toBe(true);
    expect(error.guidance).toBe(errorCodes.PROVIDER_RATE_LIMITED.guidance);
    expect(error.details).toBeUndefined();
    expect(error.name).toBe('ProviderError');
    expect(error.message).toBe('slow down');
  });

  it('lets the caller override retryable and guidance', () => {
    const error = new ProvisionError({
      code: 'PROVISION_SSH_UNREACHABLE',
      message: 'no route',
      retryable: false,
      guidance: 'Open port 22.',
    });
    expect(error.retryable).toBe(false);
    expect(error.guidance).toBe('Open port 22.');
    expect(error.family).toBe('provision');
  });

  it('keeps the cause for debugging', () => {
    const cause = new Error('socket hang up');
    const error = new StoreError({ code: 'STORE_UNAVAILABLE', message: 'busy', cause });
    expect(error.cause).toBe(cause);
  });
});

describe('PressluftError.toJSON', () => {
  it('serializes code, family, message, retryable, guidance and details', () => {
    const error = new ValidationError({
      code: 'VALIDATION_FAILED',
      message: 'bad input',
      details: { field: 'name', problems: ['too long'] },
    });
    expect(error.toJSON()).toEqual({
      name: 'ValidationError',
      code: 'VALIDATION_FAILED',
      family: 'validation',
      message: 'bad input',
      retryable: false,
      guidance: errorCodes.VALIDATION_FAILED.guidance,
      details: { field: 'name', problems: ['too long'] },
    });
  });

  it('never contains a bearer token or a PEM key from the message or the details', () => {
    const error = new ProviderError({
      code: 'PROVIDER_AUTH_INVALID',
      message: `request failed: Authorization: Bearer ${hetznerLikeToken}\n${pemPrivateKey}`,
      details: {
        header: `Bearer ${hetznerLikeToken}`,
        token: hetznerLikeToken,
        nested: { output: [`key follows ${pemPrivateKey}`], note: `raw ${hetznerLikeToken} end` },
      },
    });
    const serialized = JSON.stringify(error);
    expect(serialized).not.toContain(hetznerLikeToken);
    expect(serialized).not.toContain(pemBody);
    expect(serialized).not.toContain('BEGIN PRIVATE KEY');
    expect(serialized).toContain('[REDACTED]');
    expect(serialized).toContain('request failed');
  });

  it('never serializes the cause, even one holding a secret', () => {
    const cause = new Error(`upstream said ${hetznerLikeToken}`);
    const error = new ProviderError({ code: 'PROVIDER_UNAVAILABLE', message: 'upstream down', cause });
    const json = error.toJSON();
    expect(Object.keys(json)).not.toContain('cause');
    expect(JSON.stringify(error)).not.toContain(hetznerLikeToken);
    expect(JSON.stringify(error)).not.toContain('upstream said');
  });

  it('leaves the error itself unchanged when serializing', () => {
    const error = new JobError({ code: 'JOB_HANDLER_FAILED', message: `Bearer ${hetznerLikeToken}` });
    JSON.stringify(error);
    expect(error.message).toContain(hetznerLikeToken);
  });
});

describe('toPressluftError', () => {
  it('passes a Pressluft error through unchanged', () => {
    const error = new JobError({ code: 'JOB_CANCELLED', message: 'stop' });
    expect(toPressluftError(error)).toBe(error);
  });

  it('wraps anything else with the fallback code and keeps the original as the cause', () => {
    const thrown = new TypeError('boom');
    const wrapped = toPressluftError(thrown, 'STORE_FAILED');
    expect(wrapped.code).toBe('STORE_FAILED');
    expect(wrapped.message).toBe('boom');
    expect(wrapped.cause).toBe(thrown);
    expect(toPressluftError('plain text').code).toBe('INTERNAL');
    expect(toPressluftError('plain text').message).toBe('plain text');
  });
});
