import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { md5Fingerprint, parseSshPublicKey, sha256Fingerprint, sshFingerprints } from './ssh-fingerprint.js';

const directory = mkdtempSync(join(tmpdir(), 'pressluft-ssh-fingerprint-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function sshKeygen(...args: string[]): string {
  return execFileSync('ssh-keygen', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A key pair made by ssh-keygen itself, so the fingerprint code is checked on keys it did not make. */
let keyCount = 0;
function keygenPublicKey(type: string, bits?: string): { line: string; path: string } {
  keyCount += 1;
  const path = join(directory, `${type}-${keyCount}`);
  sshKeygen(
    '-q',
    '-t',
    type,
    ...(bits ? ['-b', bits] : []),
    '-N',
    '',
    '-C',
    `made by ssh-keygen`,
    '-f',
    path,
  );
  return { line: readFileSync(`${path}.pub`, 'utf8').trim(), path: `${path}.pub` };
}

describe('sshFingerprints', () => {
  it.each([
    ['ed25519', undefined],
    ['ecdsa', '256'],
    ['rsa', '2048'],
  ])('matches ssh-keygen -l for a %s key', (type, bits) => {
    const { line, path } = keygenPublicKey(type, bits);
    const fingerprints = sshFingerprints(line)._unsafeUnwrap();
    expect(`MD5:${fingerprints.md5}`).toBe(sshKeygen('-l', '-E', 'md5', '-f', path).split(' ')[1]);
    expect(fingerprints.sha256).toBe(sshKeygen('-l', '-E', 'sha256', '-f', path).split(' ')[1]);
    expect(fingerprints.type).toBe(line.split(' ')[0]);
  });

  it('reads host key lines with a leading host field, as ssh-keyscan and known_hosts write them', () => {
    const { line } = keygenPublicKey('ed25519', undefined);
    const [type, key] = line.split(' ');
    const plain = sshFingerprints(`${type} ${key}`)._unsafeUnwrap();
    expect(sshFingerprints(`203.0.113.7 ${type} ${key}`)._unsafeUnwrap()).toEqual(plain);
    expect(sshFingerprints(`[127.0.0.1]:2222 ${type} ${key} trailing comment`)._unsafeUnwrap()).toEqual(
      plain,
    );
  });

  it('refuses text that is not a public key', () => {
    const { line } = keygenPublicKey('ecdsa', '384');
    const [, key] = line.split(' ');
    for (const text of [
      '',
      'hello world',
      'ssh-ed25519',
      'ssh-ed25519 not*base64',
      'ssh-ed25519 AAAA',
      `ssh-ed25519 ${key}`, // the blob says ecdsa-sha2-nistp384
    ]) {
      const error = sshFingerprints(text)._unsafeUnwrapErr();
      expect(error.code, text).toBe('VALIDATION_FAILED');
    }
  });
});

describe('fingerprint encodings', () => {
  const blob = Buffer.from('any bytes');

  it('writes MD5 as 16 colon-separated lowercase hex pairs', () => {
    expect(md5Fingerprint(blob)).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    // md5("any bytes") = 687691af71f43898860405c98fa03d10
    expect(md5Fingerprint(blob)).toBe('68:76:91:af:71:f4:38:98:86:04:05:c9:8f:a0:3d:10');
  });

  it('writes SHA256 as base64 without padding', () => {
    expect(sha256Fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('parses the type and blob of a line', () => {
    const { line } = keygenPublicKey('ed25519', undefined);
    const parsed = parseSshPublicKey(line)._unsafeUnwrap();
    expect(parsed.type).toBe('ssh-ed25519');
    expect(parsed.blob.toString('base64')).toBe(line.split(' ')[1]);
  });
});
