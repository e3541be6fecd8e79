import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOperatorToken, OPERATOR_TOKEN_HASH_FILE } from './operator-token.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-token-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('loadOperatorToken', () => {
  it('generates a token once, stores only its hash (0600), and verifies it on later starts', async () => {
    const first = (await loadOperatorToken({ dataDir }))._unsafeUnwrap();
    expect(first.source).toBe('generated');
    const token = first.generated!;
    expect(token).toMatch(/^plt_[A-Za-z0-9_-]{43}$/);
    const file = path.join(dataDir, OPERATOR_TOKEN_HASH_FILE);
    // Nothing is written until the server is about to listen.
    await expect(stat(file)).rejects.toThrow();
    (await first.persist!())._unsafeUnwrap();
    const stored = await readFile(file, 'utf8');
    expect(stored).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(stored).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const second = (await loadOperatorToken({ dataDir }))._unsafeUnwrap();
    expect(second.source).toBe('stored');
    expect(second.generated).toBeUndefined();
    expect(second.token.verify(token)).toBe(true);
    expect(second.token.verify(`${token}x`)).toBe(false);
    expect(second.token.verify('')).toBe(false);
  });

  it('uses the configured token and writes nothing', async () => {
    const loaded = (
      await loadOperatorToken({ dataDir, configured: 'configured-operator-token' })
    )._unsafeUnwrap();
    expect(loaded.source).toBe('environment');
    expect(loaded.token.verify('configured-operator-token')).toBe(true);
    expect(loaded.token.verify('configured-operator-tokeN')).toBe(false);
    await expect(stat(path.join(dataDir, OPERATOR_TOKEN_HASH_FILE))).rejects.toThrow();
  });

  it('refuses a damaged hash file instead of generating a second token silently', async () => {
    await (await loadOperatorToken({ dataDir }))._unsafeUnwrap().persist!();
    const file = path.join(dataDir, OPERATOR_TOKEN_HASH_FILE);
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'garbage'));
    const error = (await loadOperatorToken({ dataDir }))._unsafeUnwrapErr();
    expect(error.message).toContain('delete it to generate a new token');
  });
});
