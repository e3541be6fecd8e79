import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretBox } from './load-secret-box.js';
import { secretKeyId } from './secret-key.js';
import { loadSecretKeyFile } from './secret-key-file.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'pressluft-secret-key-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('loadSecretKeyFile', () => {
  it('creates the key file with mode 0600 (and its directory 0700) on first use, then reuses it', async () => {
    const path = join(directory, 'data', 'secret.key');
    const first = (await loadSecretKeyFile({ path }))._unsafeUnwrap();
    expect(first.created).toBe(true);
    expect(first.warnings).toEqual([]);
    expect(first.key).toHaveLength(32);
    expect(first.keyId).toBe(secretKeyId(first.key));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory, 'data'))).mode & 0o777).toBe(0o700);
    expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64')).toEqual(Buffer.from(first.key));

    const second = (await loadSecretKeyFile({ path }))._unsafeUnwrap();
    expect(second.created).toBe(false);
    expect(Buffer.from(second.key)).toEqual(Buffer.from(first.key));
  });

  it('gives concurrent first starts the same key', async () => {
    const path = join(directory, 'secret.key');
    const results = await Promise.all([1, 2, 3, 4].map(() => loadSecretKeyFile({ path })));
    const keyIds = new Set(results.map((result) => result._unsafeUnwrap().keyId));
    expect(keyIds.size).toBe(1);
    expect(results.filter((result) => result._unsafeUnwrap().created)).toHaveLength(1);
  });

  it('reads a hex key written by an operator', async () => {
    const path = join(directory, 'secret.key');
    const key = randomBytes(32);
    await writeFile(path, `${key.toString('hex')}\n`, { mode: 0o600 });
    const loaded = (await loadSecretKeyFile({ path }))._unsafeUnwrap();
    expect(Buffer.from(loaded.key)).toEqual(key);
  });

  it('refuses a key file other users can read, unless told to accept it with a warning', async () => {
    const path = join(directory, 'secret.key');
    await writeFile(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    await chmod(path, 0o644);
    const refused = (await loadSecretKeyFile({ path }))._unsafeUnwrapErr();
    expect(refused.code).toBe('SECRET_KEY_FILE_INSECURE');
    expect(refused.details).toEqual({ path, mode: '644' });

    const accepted = (await loadSecretKeyFile({ path, allowLoosePermissions: true }))._unsafeUnwrap();
    expect(accepted.warnings).toHaveLength(1);
    expect(accepted.warnings[0]).toContain('644');
  });

  it('refuses a malformed key file without echoing its content', async () => {
    const path = join(directory, 'secret.key');
    await writeFile(path, 'this-is-not-a-valid-key-at-all\n', { mode: 0o600 });
    const error = (await loadSecretKeyFile({ path }))._unsafeUnwrapErr();
    expect(error.code).toBe('SECRET_KEY_INVALID');
    expect(error.message).toContain(path);
    expect(JSON.stringify(error)).not.toContain('this-is-not-a-valid-key');
  });

  it('reports a key file that cannot be created as SECRET_KEY_UNAVAILABLE', async () => {
    // A regular file where the directory should be: mkdir fails whatever the user's rights.
    const blocker = join(directory, 'blocker');
    await writeFile(blocker, '');
    const error = (await loadSecretKeyFile({ path: join(blocker, 'secret.key') }))._unsafeUnwrapErr();
    expect(error.code).toBe('SECRET_KEY_UNAVAILABLE');
  });
});

describe('loadSecretBox', () => {
  it('uses the configured key and never touches the key file', async () => {
    const key = randomBytes(32);
    const keyFilePath = join(directory, 'secret.key');
    const loaded = (await loadSecretBox({ key: key.toString('base64'), keyFilePath }))._unsafeUnwrap();
    expect(loaded.source).toBe('configuration');
    expect(loaded.box.activeKeyId).toBe(secretKeyId(key));
    await expect(stat(keyFilePath)).rejects.toThrow();
  });

  it('falls back to the key file, and keeps previous keys able to open old secrets', async () => {
    const oldKey = randomBytes(32);
    const keyFilePath = join(directory, 'secret.key');
    const oldBox = (await loadSecretBox({ key: oldKey.toString('hex'), keyFilePath }))._unsafeUnwrap().box;
    const sealed = oldBox.seal('provider-token')._unsafeUnwrap();

    const loaded = (
      await loadSecretBox({ key: '  ', previousKeys: [oldKey.toString('base64')], keyFilePath })
    )._unsafeUnwrap();
    expect(loaded.source).toBe('key-file');
    expect(loaded.created).toBe(true);
    expect(loaded.box.activeKeyId).not.toBe(secretKeyId(oldKey));
    const rotated = loaded.box.rotate(sealed)._unsafeUnwrap();
    expect(loaded.box.isSealedWithActiveKey(rotated)).toBe(true);
    expect(loaded.box.open(rotated)._unsafeUnwrap()).toBe('provider-token');
  });

  it('refuses a malformed configured or previous key', async () => {
    const keyFilePath = join(directory, 'secret.key');
    expect((await loadSecretBox({ key: 'nope', keyFilePath }))._unsafeUnwrapErr().code).toBe(
      'SECRET_KEY_INVALID',
    );
    expect((await loadSecretBox({ previousKeys: ['nope'], keyFilePath }))._unsafeUnwrapErr().code).toBe(
      'SECRET_KEY_INVALID',
    );
  });
});
