import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeErrorCode, type ErrorFamily, errorCodes, isErrorCode } from './error-codes.js';
import { renderErrorCodesDoc } from './render-error-codes-doc.js';

const documentPath = fileURLToPath(new URL('../../../../docs/error-codes.md', import.meta.url));

const prefixes: Record<ErrorFamily, RegExp> = {
  provider: /^PROVIDER_[A-Z0-9_]+$/,
  provision: /^PROVISION_[A-Z0-9_]+$/,
  job: /^JOB_[A-Z0-9_]+$/,
  store: /^STORE_[A-Z0-9_]+$/,
  validation:
    /^(VALIDATION_[A-Z0-9_]+|SECRET_[A-Z0-9_]+|NOT_FOUND|CONFLICT|UNAUTHORIZED|FORBIDDEN|INTERNAL)$/,
};

describe('error-code registry', () => {
  it('names every code after its family', () => {
    for (const [code, definition] of Object.entries(errorCodes)) {
      expect(code, code).toMatch(prefixes[definition.family]);
    }
  });

  it('gives every code a meaning, guidance and a plausible HTTP status', () => {
    for (const [code, definition] of Object.entries(errorCodes)) {
      expect(definition.meaning.length, code).toBeGreaterThan(10);
      expect(definition.guidance.length, code).toBeGreaterThan(10);
      expect(definition.httpStatus, code).toBeGreaterThanOrEqual(400);
      expect(definition.httpStatus, code).toBeLessThan(600);
    }
  });

  it('holds the codes the foundation issue requires', () => {
    const required = [
      'PROVIDER_AUTH_INVALID',
      'PROVIDER_TOKEN_READONLY',
      'PROVIDER_PERMISSION_DENIED',
      'PROVIDER_RATE_LIMITED',
      'PROVIDER_UNAVAILABLE',
      'PROVIDER_TIMEOUT',
      'PROVIDER_ACTION_FAILED',
      'PROVIDER_CAPACITY_UNAVAILABLE',
      'PROVIDER_QUOTA_EXCEEDED',
      'PROVIDER_INVALID_REQUEST',
      'PROVIDER_CONFLICT',
      'PROVIDER_NAME_TAKEN',
      'PROVIDER_SSH_KEY_FAILED',
      'PROVIDER_SERVER_NOT_FOUND',
      'PROVIDER_NOT_CONNECTED',
      'PROVIDER_PROTOCOL_ERROR',
      'PROVIDER_UNKNOWN',
      'PROVISION_RUNTIME_MISSING',
      'PROVISION_SSH_UNREACHABLE',
      'PROVISION_SSH_AUTH_FAILED',
      'PROVISION_HOST_KEY_MISMATCH',
      'PROVISION_PLAYBOOK_INVALID',
      'PROVISION_PLAYBOOK_FAILED',
      'PROVISION_TIMEOUT',
      'PROVISION_CANCELLED',
      'PROVISION_READINESS_FAILED',
      'JOB_LEASE_LOST',
      'JOB_TIMEOUT',
      'JOB_CANCELLED',
      'JOB_INVALID_TRANSITION',
      'NOT_FOUND',
      'CONFLICT',
      'UNAUTHORIZED',
    ];
    for (const code of required) expect(isErrorCode(code), code).toBe(true);
  });

  it('tells codes from other strings', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('not_found')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
    expect(describeErrorCode('JOB_TIMEOUT')).toBe(errorCodes.JOB_TIMEOUT);
  });
});

describe('docs/error-codes.md', () => {
  it('lists every code of the registry under a generated banner', () => {
    const rendered = renderErrorCodesDoc();
    expect(rendered.split('\n')[0]).toContain('generated — do not edit');
    for (const code of Object.keys(errorCodes))
      expect(rendered).toMatch(new RegExp(`^\\| \`${code}\` +\\|`, 'm'));
  });

  it('is fresh: the committed file equals what the registry renders', () => {
    let committed = '';
    try {
      committed = readFileSync(documentPath, 'utf8');
    } catch {
      // Reported below as stale.
    }
    expect(
      committed,
      'docs/error-codes.md is stale: run `pnpm --filter @pressluft/core run generate:error-codes` and commit it',
    ).toBe(renderErrorCodesDoc());
  });
});
