import { describe, expect, it } from 'vitest';
import { firstHostKey, knownHostsLine, normalizeHostKey } from './known-hosts.js';

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILCdBH2daj5fA84S57GP7il7W10EZb9hDPpEgeYKj6hg';

describe('known hosts', () => {
  it('normalizes a public key and drops its comment', () => {
    expect(normalizeHostKey(`${key} root@node\n`)).toBe(key);
    expect(normalizeHostKey('not a key')).toBeUndefined();
    expect(normalizeHostKey('ssh-ed25519 AAAA$$not-base64')).toBeUndefined();
  });

  it('writes the OpenSSH host pattern for default and other ports', () => {
    expect(knownHostsLine('203.0.113.7', 22, key)).toBe(`203.0.113.7 ${key}\n`);
    expect(knownHostsLine('127.0.0.1', 2222, key)).toBe(`[127.0.0.1]:2222 ${key}\n`);
    expect(knownHostsLine('2001:db8::1', 22, key)).toBe(`2001:db8::1 ${key}\n`);
  });

  it('reads the key ssh wrote on first contact, hashed or not', () => {
    expect(firstHostKey(`# comment\n|1|c2FsdA==|aGFzaA== ${key}\n`)).toBe(key);
    expect(firstHostKey(`[127.0.0.1]:2222 ${key}\n`)).toBe(key);
    expect(firstHostKey('')).toBeUndefined();
  });
});
