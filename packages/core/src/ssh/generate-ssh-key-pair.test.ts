import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from './generate-ssh-key-pair.js';
import { sshFingerprints } from './ssh-fingerprint.js';

const directory = mkdtempSync(join(tmpdir(), 'pressluft-ssh-key-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

let fileCount = 0;
function writeKeyFile(content: string): string {
  fileCount += 1;
  const path = join(directory, `key-${fileCount}`);
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function sshKeygen(...args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `256 MD5:ab:cd:… comment (ED25519)` → `MD5:ab:cd:…` */
function printedFingerprint(output: string): string {
  return output.split(' ')[1] ?? '';
}

describe('generateSshKeyPair', () => {
  it('produces an OpenSSH public key line and an OpenSSH private key', () => {
    const pair = generateSshKeyPair({ comment: 'pressluft-hetzner-main' });
    expect(pair.publicKey).toMatch(
      /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} pressluft-hetzner-main$/,
    );
    expect(pair.privateKey.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----\n')).toBe(true);
    expect(pair.privateKey.endsWith('\n-----END OPENSSH PRIVATE KEY-----\n')).toBe(true);
    for (const line of pair.privateKey.trim().split('\n')) expect(line.length).toBeLessThanOrEqual(70);
    expect(pair.fingerprintMd5).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    expect(pair.fingerprintSha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('gives a new key every time', () => {
    const first = generateSshKeyPair();
    const second = generateSshKeyPair();
    expect(second.publicKey).not.toBe(first.publicKey);
    expect(second.privateKey).not.toBe(first.privateKey);
    expect(first.publicKey.endsWith(' pressluft')).toBe(true);
  });

  it('keeps the public key on one line whatever the comment', () => {
    const pair = generateSshKeyPair({ comment: 'two\nlines' });
    expect(pair.publicKey.split('\n')).toHaveLength(1);
    expect(pair.publicKey.endsWith(' two lines')).toBe(true);
    expect(generateSshKeyPair({ comment: '' }).publicKey.split(' ')).toHaveLength(2);
  });

  it('has the MD5 and SHA256 fingerprints ssh-keygen computes', () => {
    for (let round = 0; round < 5; round++) {
      const pair = generateSshKeyPair({ comment: `round-${round}` });
      const publicPath = writeKeyFile(`${pair.publicKey}\n`);
      expect(printedFingerprint(sshKeygen('-l', '-E', 'md5', '-f', publicPath))).toBe(
        `MD5:${pair.fingerprintMd5}`,
      );
      expect(printedFingerprint(sshKeygen('-l', '-E', 'sha256', '-f', publicPath))).toBe(
        pair.fingerprintSha256,
      );
      expect(sshFingerprints(pair.publicKey)._unsafeUnwrap()).toEqual({
        type: 'ssh-ed25519',
        md5: pair.fingerprintMd5,
        sha256: pair.fingerprintSha256,
      });
    }
  });

  it('writes a private key that ssh-keygen -y accepts and derives the same public key from', () => {
    for (let round = 0; round < 5; round++) {
      const pair = generateSshKeyPair({ comment: `comment with spaces ${round}` });
      const privatePath = writeKeyFile(pair.privateKey);
      expect(statSync(privatePath).mode & 0o777).toBe(0o600);
      const derived = sshKeygen('-y', '-f', privatePath);
      const [derivedType, derivedKey] = derived.split(' ');
      const [type, key] = pair.publicKey.split(' ');
      expect(derivedType).toBe(type);
      expect(derivedKey).toBe(key);
      // ssh-keygen reads the comment from the private key, too.
      expect(sshKeygen('-l', '-f', privatePath)).toContain(`comment with spaces ${round}`);
      expect(printedFingerprint(sshKeygen('-l', '-E', 'sha256', '-f', privatePath))).toBe(
        pair.fingerprintSha256,
      );
    }
  });
});
