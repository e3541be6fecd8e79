import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sshFingerprintMd5 } from './ssh-fingerprint.js';

const directory = mkdtempSync(path.join(tmpdir(), 'pressluft-fingerprint-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('sshFingerprintMd5', () => {
  it.each(['ed25519', 'rsa', 'ecdsa'])('matches ssh-keygen -E md5 for a fresh %s key', (type) => {
    const file = path.join(directory, type);
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'comment with spaces', '-f', file]);
    const expected = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', `${file}.pub`], {
      encoding: 'utf8',
    })
      .split(' ')[1]
      ?.replace(/^MD5:/, '');
    expect(sshFingerprintMd5(readFileSync(`${file}.pub`, 'utf8'))).toBe(expected);
  });

  it('ignores options before the key type and surrounding whitespace', () => {
    const file = path.join(directory, 'ed25519');
    const line = readFileSync(`${file}.pub`, 'utf8').trim();
    expect(sshFingerprintMd5(`  no-pty,command="x" ${line}\n`)).toBe(sshFingerprintMd5(line));
  });

  it('returns null for lines that are not public keys', () => {
    expect(sshFingerprintMd5('hello world')).toBeNull();
    expect(sshFingerprintMd5('ssh-ed25519 !!!notbase64')).toBeNull();
    expect(sshFingerprintMd5('')).toBeNull();
  });
});
