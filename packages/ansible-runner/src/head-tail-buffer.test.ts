import { describe, expect, it } from 'vitest';
import { HeadTailBuffer, truncateHeadTail } from './head-tail-buffer.js';

describe('HeadTailBuffer', () => {
  it('keeps short text whole', () => {
    const buffer = new HeadTailBuffer(10);
    buffer.append('abc');
    buffer.append('def');
    expect(buffer.toString()).toBe('abcdef');
    expect(buffer.dropped).toBe(0);
  });

  it('keeps the head and the tail of long text and marks the cut', () => {
    const buffer = new HeadTailBuffer(4);
    for (const chunk of ['0123', '4567', '89ab', 'cdef']) buffer.append(chunk);
    expect(buffer.toString()).toBe('0123\n[... 8 characters cut ...]\ncdef');
    expect(buffer.dropped).toBe(8);
  });

  it('handles one chunk larger than both ends', () => {
    expect(truncateHeadTail('x'.repeat(10) + 'y'.repeat(100) + 'z'.repeat(10), 10)).toBe(
      `${'x'.repeat(10)}\n[... 100 characters cut ...]\n${'z'.repeat(10)}`,
    );
  });
});
