import { Redactor } from '@pressluft/core';
import { describe, expect, it } from 'vitest';
import { createJsonLinesLogger } from './json-lines-logger.js';

describe('createJsonLinesLogger', () => {
  it('writes one redacted JSON object per line at or above its level', () => {
    const lines: string[] = [];
    const redactor = new Redactor(['operator-secret-value']);
    const logger = createJsonLinesLogger({
      redactor,
      level: 'info',
      write: (line) => lines.push(line),
      now: () => 0,
    });
    logger.debug('hidden');
    logger.info('token is operator-secret-value', {
      path: '/api/x',
      token: 'abc123456',
      nested: { note: 'operator-secret-value' },
    });
    logger.error('failed', { status: 500 });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'token is [REDACTED]',
      path: '/api/x',
      token: '[REDACTED]',
      nested: { note: '[REDACTED]' },
    });
    expect(JSON.parse(lines[1]!).level).toBe('error');
  });
});
