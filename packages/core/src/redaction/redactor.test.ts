import { describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../ssh/generate-ssh-key-pair.js';
import { createId } from '../util/ids.js';
import { REDACTED, Redactor, redactTokenShapes, redactValue } from './redactor.js';

// 64 characters, mixed case and digits: the shape of a Hetzner Cloud API token.
const hetznerLikeToken = 'Zq8vN3xK2mLp7RtY4wBc9HdF6gJs1AeU5iOo0PkQrSt3UvWx8YzA2bC4dE6fG8hJ';
const pair = generateSshKeyPair({ comment: 'redaction-test' });
const privateKeyBodyLine = pair.privateKey.split('\n')[2] ?? '';

describe('redactTokenShapes', () => {
  it('hides a whole PEM private key, also an unterminated one', () => {
    const text = `key:\n${pair.privateKey}done`;
    const redacted = redactTokenShapes(text);
    expect(redacted).toBe(`key:\n${REDACTED} private key\ndone`);
    const truncated = pair.privateKey.slice(0, 200);
    expect(redactTokenShapes(`start ${truncated}`)).toBe(`start ${REDACTED} private key`);
    const pkcs8 =
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n-----END ENCRYPTED PRIVATE KEY-----';
    expect(redactTokenShapes(pkcs8)).toBe(`${REDACTED} private key`);
  });

  it('hides bearer and basic credentials, keeping the scheme', () => {
    expect(redactTokenShapes(`Authorization: Bearer ${hetznerLikeToken}`)).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactTokenShapes('curl -H "authorization: Bearer lettersonlytoken"')).toBe(
      `curl -H "authorization: Bearer ${REDACTED}"`,
    );
    expect(redactTokenShapes('header {"Authorization":"Basic dXNlcjpwYXNz"}')).toBe(
      `header {"Authorization":"Basic ${REDACTED}"}`,
    );
    expect(redactTokenShapes('sent Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl to the API')).toBe(
      `sent Bearer ${REDACTED} to the API`,
    );
  });

  it('hides values of key=value pairs and JSON fields named like secrets', () => {
    expect(redactTokenShapes(`token=${hetznerLikeToken}&page=2`)).toBe(`token=${REDACTED}&page=2`);
    expect(redactTokenShapes('{"api_token": "s3cr3t-value", "name": "web-1"}')).toBe(
      `{"api_token": "${REDACTED}", "name": "web-1"}`,
    );
    expect(redactTokenShapes('password: hunter22')).toBe(`password: ${REDACTED}`);
    expect(redactTokenShapes('PRESSLUFT_SECRET_KEY=dGhpcyBpcyBub3QgYSByZWFsIGtleQ==')).toBe(
      `PRESSLUFT_SECRET_KEY=${REDACTED}`,
    );
    expect(redactTokenShapes("{'password': 'plainwords'}")).toBe(`{'password': '${REDACTED}'}`);
  });

  it('hides a 64-character provider token standing alone', () => {
    expect(redactTokenShapes(`the token ${hetznerLikeToken} was rejected`)).toBe(
      `the token ${REDACTED} was rejected`,
    );
    expect(redactTokenShapes(hetznerLikeToken)).toBe(REDACTED);
  });

  it('hides passwords in URLs', () => {
    expect(redactTokenShapes('cloning https://deploy:pa55word@git.example.com/repo.git')).toBe(
      `cloning https://deploy:${REDACTED}@git.example.com/repo.git`,
    );
  });

  it('leaves ordinary text alone', () => {
    const ordinary = [
      'Server created: id=12345678 name=web-1 ip=203.0.113.7 ipv6=2001:db8::1',
      'TASK [Gathering Facts] ok: [203.0.113.7]',
      'The token is invalid; create a new token in the console.',
      'PROVIDER_TOKEN_READONLY: Create a token with "Read & Write" permission.',
      'Basic information about the server is available.',
      'The bearer of this message is welcome.',
      'token: abc',
      'location fsn1, server type cx22, image ubuntu-24.04',
      'a b c de fgh',
      '',
    ];
    for (const text of ordinary) expect(redactTokenShapes(text)).toBe(text);
  });

  it('leaves ids, hex digests, public keys and fingerprints alone', () => {
    const readable = [
      `node ${createId('node')} job ${createId('job')} provider ${createId('prov')}`,
      'node_01jh5k3q9xabcdefghjkmnpqrstvwxyz0123456789abcdefghjk',
      'commit 3f786850e387550fdab836ed7e6dc881de23001b',
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      pair.publicKey,
      `host key ${pair.fingerprintSha256} (MD5 ${pair.fingerprintMd5})`,
    ];
    for (const text of readable) expect(redactTokenShapes(text)).toBe(text);
    for (let round = 0; round < 50; round++) {
      const key = generateSshKeyPair();
      expect(redactTokenShapes(`pinned ${key.publicKey} ${key.fingerprintSha256}`)).not.toContain(REDACTED);
    }
  });

  it('still hides a secret standing next to a public key', () => {
    const text = `${pair.publicKey} token=${hetznerLikeToken}`;
    expect(redactTokenShapes(text)).toBe(`${pair.publicKey} token=${REDACTED}`);
  });
});

describe('Redactor', () => {
  it('hides registered secrets wherever they appear, even when they look harmless', () => {
    const redactor = new Redactor(['plainword-secret', 'hunter22']);
    expect(redactor.redact('user hunter22 used plainword-secret twice: plainword-secret')).toBe(
      `user ${REDACTED} used ${REDACTED} twice: ${REDACTED}`,
    );
  });

  it('ignores secrets too short to redact safely, and empty values', () => {
    const redactor = new Redactor(['abc']).add('').add(null).add(undefined).add('   ');
    expect(redactor.redact('abc abcdef')).toBe('abc abcdef');
  });

  it('hides each line of a registered private key, as ansible prints them one by one', () => {
    const redactor = new Redactor().add(pair.privateKey);
    expect(redactor.redact(`debug: ${privateKeyBodyLine}`)).toBe(`debug: ${REDACTED}`);
    expect(redactor.redact(`dump ${pair.privateKey}`)).not.toContain(privateKeyBodyLine);
  });

  it('replaces a secret that contains another registered one whole', () => {
    const redactor = new Redactor(['secret-value', 'secret-value-extended']);
    expect(redactor.redact('x secret-value-extended y')).toBe(`x ${REDACTED} y`);
  });

  it('matches secrets literally, also those full of pattern characters', () => {
    const tricky = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q';
    const redactor = new Redactor([tricky]);
    expect(redactor.redact(`x ${tricky} y`)).toBe(`x ${REDACTED} y`);
    // The dots are literal: a string that a pattern "a.b" would match stays.
    expect(redactor.redact('aXb*c+d?e^f$g{h}i(j)k|l[m]n\\o/p-q')).not.toContain(REDACTED);
  });

  it('scrubs a secret added after earlier strings were redacted (the matcher is rebuilt)', () => {
    const redactor = new Redactor(['first-secret']);
    expect(redactor.redact('first-secret second-secret')).toBe(`${REDACTED} second-secret`);
    redactor.add('second-secret');
    expect(redactor.redact('first-secret second-secret')).toBe(`${REDACTED} ${REDACTED}`);
    redactor.add('second-secret');
    expect(redactor.redact('second-secret')).toBe(REDACTED);
  });

  it('scrubs every one of a thousand registered secrets in one pass', () => {
    const secrets = Array.from({ length: 1000 }, (_, index) => `secret-value-${index}-x`);
    const redactor = new Redactor(secrets);
    const text = secrets.filter((_, index) => index % 97 === 0).join(' and ');
    expect(redactor.redact(text)).toBe(
      secrets
        .filter((_, index) => index % 97 === 0)
        .map(() => REDACTED)
        .join(' and '),
    );
  });

  it('also applies the token shapes', () => {
    expect(new Redactor().redact(`Bearer ${hetznerLikeToken}`)).toBe(`Bearer ${REDACTED}`);
  });

  it('scrubs a JSON-like value, keeping its shape', () => {
    const redactor = new Redactor(['registered-secret']);
    const value = {
      message: 'failed with registered-secret',
      list: ['ok', `Bearer ${hetznerLikeToken}`],
      nested: { count: 3, flag: true, missing: null, password: 'x' },
    };
    expect(redactor.redactValue(value)).toEqual({
      message: `failed with ${REDACTED}`,
      list: ['ok', `Bearer ${REDACTED}`],
      nested: { count: 3, flag: true, missing: null, password: REDACTED },
    });
    expect(value.message).toBe('failed with registered-secret');
  });
});

describe('redactValue', () => {
  it('hides fields named like secrets and token shapes in other strings, keeping public facts', () => {
    const value = {
      token: 'short',
      apiKey: 'abc',
      privateKey: pair.privateKey,
      output: [`got ${hetznerLikeToken}`],
      fingerprint: pair.fingerprintSha256,
      tokenCount: 5,
      nodeId: 'node_01jh5k3q9xabcdefghjkmnpqrs',
    };
    expect(redactValue(value)).toEqual({
      token: REDACTED,
      apiKey: REDACTED,
      privateKey: REDACTED,
      output: [`got ${REDACTED}`],
      fingerprint: pair.fingerprintSha256,
      tokenCount: 5,
      nodeId: 'node_01jh5k3q9xabcdefghjkmnpqrs',
    });
  });
});
