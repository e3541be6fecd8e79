import { describe, expect, it } from 'vitest';
import {
  belongsToIdempotencyKey,
  idempotencyLabelValue,
  idempotencySelector,
  invalidLabels,
  isValidLabelKey,
  isValidServerName,
} from './ownership-labels.js';

describe('ownership labels', () => {
  it('keeps readable idempotency keys and hashes the others into a valid label value', () => {
    expect(idempotencyLabelValue('job_01jh5k3q9x')).toBe('job_01jh5k3q9x');
    const hashed = idempotencyLabelValue('node:42/acquire');
    expect(hashed).toMatch(/^sha256-[0-9a-f]{56}$/);
    expect(hashed).toHaveLength(63);
    expect(idempotencyLabelValue('x'.repeat(64))).toMatch(/^sha256-/);
  });

  it('builds an exact selector and proves ownership only with both labels', () => {
    expect(idempotencySelector('job_1')).toBe('pressluft/managed==true,pressluft/idempotency-key==job_1');
    expect(
      belongsToIdempotencyKey({ 'pressluft/managed': 'true', 'pressluft/idempotency-key': 'job_1' }, 'job_1'),
    ).toBe(true);
    expect(belongsToIdempotencyKey({ 'pressluft/idempotency-key': 'job_1' }, 'job_1')).toBe(false);
    expect(
      belongsToIdempotencyKey({ 'pressluft/managed': 'true', 'pressluft/idempotency-key': 'job_2' }, 'job_1'),
    ).toBe(false);
  });

  it('applies Hetzner label rules, including the reserved hetzner.cloud/ prefix', () => {
    expect(isValidLabelKey('pressluft/managed')).toBe(true);
    expect(isValidLabelKey('example.com/role')).toBe(true);
    expect(isValidLabelKey('hetzner.cloud/x')).toBe(false);
    expect(isValidLabelKey('-bad')).toBe(false);
    expect(invalidLabels({ ok: 'value', bad: 'has space', ['x'.repeat(64)]: 'v' })).toEqual([
      'bad',
      'x'.repeat(64),
    ]);
  });

  it('accepts lowercase RFC 1123 host names only', () => {
    expect(isValidServerName('web-1.example')).toBe(true);
    expect(isValidServerName('Web_1')).toBe(false);
    expect(isValidServerName('-web')).toBe(false);
    expect(isValidServerName('a'.repeat(64))).toBe(false);
  });
});
