import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { useHetznerFake } from '../test/harness.js';
import { hetznerApiBaseUrl } from './hetzner-provider.js';
import { createHetznerProviderFactory, hetznerProvider } from './hetzner-provider-factory.js';
import { createHetznerScope } from './hetzner-scope.js';
import { packageVersion } from './package-version.js';
import { sshFingerprintMd5 } from './ssh-fingerprint.js';
import {
  hetznerFakeReadOnlyToken,
  hetznerFakeToken,
  hetznerFakeUnknownToken,
} from './testing/hetzner-fake.js';

const { fake, server, provider, clock, advance } = useHetznerFake();

const keyDirectory = mkdtempSync(path.join(tmpdir(), 'pressluft-hetzner-keys-'));
afterAll(() => rmSync(keyDirectory, { recursive: true, force: true }));
let keyCounter = 0;
/** A fresh ed25519 public key, generated at run time. */
function publicKey(): string {
  const file = path.join(keyDirectory, `key-${keyCounter++}`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

const serverInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'node-1',
  location: 'nbg1',
  serverType: 'cx23',
  image: 'ubuntu-24.04',
  sshKeyIds: [] as string[],
  idempotencyKey: 'job_01abc',
  ...overrides,
});

const sent = (method: string, requestPath: string) =>
  fake.requests.filter((request) => request.method === method && request.path === requestPath);

describe('identity on every request', () => {
  it('sends the bearer token, a User-Agent naming Pressluft and its version, and Accept JSON', async () => {
    await provider().listCatalog();
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers.get('Authorization')).toBe(`Bearer ${hetznerFakeToken}`);
      expect(request.headers.get('User-Agent')).toBe(`pressluft-provider-hetzner/${packageVersion}`);
      expect(request.headers.get('Accept')).toBe('application/json');
    }
  });

  it('keeps the package version in step with package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(packageVersion).toBe(manifest.version);
  });

  it('trims a token pasted with whitespace instead of sending it', async () => {
    await provider({ token: `  ${hetznerFakeToken}\n` }).listCatalog();
    expect(fake.requests[0]?.headers.get('Authorization')).toBe(`Bearer ${hetznerFakeToken}`);
  });
});

describe('validateCredentials', () => {
  it('connected: a live read, then the harmless write probe (POST /ssh_keys with {}) refused for the body', async () => {
    const check = (await provider().validateCredentials())._unsafeUnwrap();
    expect(check.status).toBe('connected');
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /locations',
      'POST /ssh_keys',
    ]);
    expect(fake.requests[0]?.query.get('per_page')).toBe('1');
    expect(fake.requests[1]?.body).toEqual({});
    expect(fake.sshKeys()).toHaveLength(0);
  });

  it('read_only: the write probe gets token_readonly', async () => {
    const check = (await provider({ token: hetznerFakeReadOnlyToken }).validateCredentials())._unsafeUnwrap();
    expect([check.status, check.errorCode]).toEqual(['read_only', 'PROVIDER_TOKEN_READONLY']);
    expect(check.guidance).toMatch(/Read & Write/);
  });

  it('invalid: Hetzner does not know the token', async () => {
    const check = (await provider({ token: hetznerFakeUnknownToken }).validateCredentials())._unsafeUnwrap();
    expect([check.status, check.errorCode]).toEqual(['invalid', 'PROVIDER_AUTH_INVALID']);
  });

  it('invalid without a request: the token is not 64 letters and digits', async () => {
    const check = (await provider({ token: 'short-token' }).validateCredentials())._unsafeUnwrap();
    expect(check.status).toBe('invalid');
    expect(fake.requests).toHaveLength(0);
    expect((await provider({ token: 'short-token' }).listCatalog())._unsafeUnwrapErr().code).toBe(
      'PROVIDER_AUTH_INVALID',
    );
  });

  it('insufficient_permissions: forbidden', async () => {
    fake.inject({ kind: 'error', status: 403, code: 'forbidden', message: 'insufficient permissions' });
    const check = (await provider().validateCredentials())._unsafeUnwrap();
    expect(check.status).toBe('insufficient_permissions');
  });

  it('unreachable: Hetzner answers with an outage', async () => {
    fake.inject({ kind: 'non-json', status: 503 }, { times: 10 });
    const check = (await provider({ retry: { maxRetries: 0 } }).validateCredentials())._unsafeUnwrap();
    expect([check.status, check.errorCode]).toEqual(['unreachable', 'PROVIDER_UNAVAILABLE']);
  });
});

describe('listCatalog', () => {
  it('keeps orderable types per location with price and architecture, and available non-deprecated images', async () => {
    const catalog = (await provider().listCatalog())._unsafeUnwrap();
    expect(catalog.locations.map((location) => location.name)).toEqual([
      'fsn1',
      'nbg1',
      'hel1',
      'ash',
      'hil',
      'sin',
    ]);
    const types = Object.fromEntries(catalog.serverTypes.map((type) => [type.name, type]));
    expect(Object.keys(types)).toEqual(['cx23', 'cpx22', 'cax11', 'ccx13', 'cpx11']);
    expect(types['cpx22']?.availableIn).not.toContain('fsn1');
    expect(types['cpx22']?.recommendedIn).toEqual(['nbg1']);
    expect(types['cax11']?.architecture).toBe('arm');
    expect(types['cax11']?.availableIn).toEqual(['fsn1', 'nbg1', 'hel1']);
    expect(types['cx23']?.prices[0]).toEqual({
      location: 'fsn1',
      monthlyGross: '3.4900',
      hourlyGross: '0.0048',
      currency: 'EUR',
    });
    expect(types['cpx22']?.prices.map((price) => price.location)).not.toContain('fsn1');
    expect(catalog.images.map((image) => `${image.name}/${image.architecture}`)).toEqual([
      'ubuntu-24.04/x86',
      'ubuntu-24.04/arm',
      'debian-12/x86',
      'debian-12/arm',
    ]);
    expect(sent('GET', '/images')[0]?.query.getAll('type')).toEqual(['system']);
  });

  it('keeps a deprecated type orderable until unavailable_after, flagged with the date per location', async () => {
    const catalog = (await provider().listCatalog())._unsafeUnwrap();
    const cpx11 = catalog.serverTypes.find((type) => type.name === 'cpx11');
    expect(cpx11?.availableIn).toEqual(['fsn1', 'nbg1', 'hel1']);
    expect(cpx11?.deprecations).toEqual(
      ['fsn1', 'nbg1', 'hel1'].map((location) => ({
        location,
        announced: '2025-06-01T00:00:00Z',
        unavailableAfter: '2030-01-01T00:00:00Z',
      })),
    );
    expect(catalog.serverTypes.find((type) => type.name === 'cx23')?.deprecations).toEqual([]);
    // cx22 is past its date: not offered, and not a warning either.
    expect(catalog.serverTypes.map((type) => type.name)).not.toContain('cx22');
    expect(catalog.skipped?.map((entry) => entry.name)).not.toContain('cx22');
  });

  it('orders a deprecated type before its last day and refuses it after, without a request', async () => {
    const adapter = provider({ clock });
    (await adapter.createServer(serverInput({ serverType: 'cpx11' })))._unsafeUnwrap();
    advance(5 * 365 * 24 * 3_600_000);
    const late = (
      await adapter.createServer(
        serverInput({ name: 'node-2', serverType: 'cpx11', idempotencyKey: 'job_2' }),
      )
    )._unsafeUnwrapErr();
    expect(late.code).toBe('PROVIDER_INVALID_REQUEST');
    expect(late.details?.['validationCode']).toBe('VALIDATION_OPTION_UNAVAILABLE');
    expect(sent('POST', '/servers')).toHaveLength(1);
  });

  it('leaves out what it does not understand with the reason, and still serves the rest', async () => {
    const catalog = (await provider().listCatalog())._unsafeUnwrap();
    expect(catalog.skipped).toEqual([
      { kind: 'server_type', name: 'cx9r', reason: 'unknown architecture "riscv"' },
      { kind: 'server_type', name: 'cx63', reason: 'no prices' },
    ]);
    expect(catalog.serverTypes.map((type) => type.name)).toContain('cx23');
  });

  it('one broken row or a missing price degrades that row only, never the whole catalog', async () => {
    const [cx23] = (
      (await (
        await fetch(`${hetznerApiBaseUrl}/server_types?name=cx23`, {
          headers: { Authorization: `Bearer ${hetznerFakeToken}` },
        })
      ).json()) as { server_types: Record<string, unknown>[] }
    ).server_types;
    const partlyPriced = {
      ...cx23,
      id: 300,
      name: 'cx33',
      prices: (cx23!['prices'] as { location: string }[]).filter((price) => price.location !== 'hel1'),
    };
    server.use(
      http.get(`${hetznerApiBaseUrl}/server_types`, () =>
        HttpResponse.json({
          server_types: [cx23, partlyPriced, { id: 301, cores: 'many' }, null],
          meta: { pagination: { page: 1, next_page: null } },
        }),
      ),
      http.get(`${hetznerApiBaseUrl}/locations`, () =>
        HttpResponse.json({
          locations: [{ id: 1, name: 'fsn1' }, { id: 9 }],
          meta: { pagination: { page: 1, next_page: null } },
        }),
      ),
    );
    const catalog = (await provider().listCatalog())._unsafeUnwrap();
    expect(catalog.serverTypes.map((type) => type.name)).toEqual(['cx23', 'cx33']);
    expect(catalog.serverTypes[1]?.availableIn).toEqual(['fsn1', 'nbg1']);
    expect(catalog.locations.map((location) => location.name)).toEqual(['fsn1']);
    expect(catalog.skipped).toEqual([
      { kind: 'location', name: '#9', reason: 'location without a name' },
      { kind: 'server_type', name: 'cx33@hel1', reason: 'no price for this location' },
      { kind: 'server_type', name: '#301', reason: 'server type without a name or id' },
      { kind: 'server_type', name: '(not an object)', reason: 'server type without a name or id' },
    ]);
  });

  it('serves the catalog from the cache within the TTL and fetches again after it', async () => {
    let now = 1_000_000;
    const adapter = provider({ clock: { now: () => now }, catalogTtlMs: 60_000 });
    await adapter.listCatalog();
    await adapter.listCatalog();
    expect(sent('GET', '/server_types')).toHaveLength(1);
    now += 61_000;
    await adapter.listCatalog();
    expect(sent('GET', '/server_types')).toHaveLength(2);
  });

  it('follows pagination', async () => {
    server.use(
      http.get(`${hetznerApiBaseUrl}/locations`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'));
        const location = {
          id: page,
          name: `loc${page}`,
          description: '',
          city: '',
          country: 'DE',
          latitude: 0,
          longitude: 0,
          network_zone: 'eu-central',
        };
        return HttpResponse.json({
          locations: [location],
          meta: {
            pagination: {
              page,
              per_page: 1,
              previous_page: null,
              next_page: page < 3 ? page + 1 : null,
              last_page: 3,
              total_entries: 3,
            },
          },
        });
      }),
    );
    const catalog = (await provider().listCatalog())._unsafeUnwrap();
    expect(catalog.locations.map((location) => location.name)).toEqual(['loc1', 'loc2', 'loc3']);
  });
});

describe('ensureSshKey', () => {
  it('registers a new key with an ownership label, then finds it by MD5 fingerprint', async () => {
    const key = publicKey();
    const fingerprint = sshFingerprintMd5(key)!;
    const adapter = provider();
    const first = (
      await adapter.ensureSshKey({
        name: 'pressluft-a',
        publicKey: key,
        fingerprintMd5: fingerprint,
        labels: { team: 'ops' },
      })
    )._unsafeUnwrap();
    expect(first.created).toBe(true);
    expect(sent('GET', '/ssh_keys')[0]?.query.get('fingerprint')).toBe(fingerprint);
    expect(sent('POST', '/ssh_keys')[0]?.body).toEqual({
      name: 'pressluft-a',
      public_key: key,
      labels: { team: 'ops', 'pressluft/managed': 'true' },
    });
    const second = (
      await adapter.ensureSshKey({
        name: 'pressluft-a',
        publicKey: key,
        fingerprintMd5: fingerprint,
        labels: {},
      })
    )._unsafeUnwrap();
    expect(second).toEqual({ providerKeyId: first.providerKeyId, name: 'pressluft-a', created: false });
    expect(sent('POST', '/ssh_keys')).toHaveLength(1);
  });

  it('reuses a key someone registered under another name, without touching it', async () => {
    const key = publicKey();
    const id = fake.seedSshKey({ name: 'alice-laptop', publicKey: key });
    const ensured = (
      await provider().ensureSshKey({
        name: 'pressluft-a',
        publicKey: key,
        fingerprintMd5: sshFingerprintMd5(key)!,
        labels: {},
      })
    )._unsafeUnwrap();
    expect(ensured).toEqual({ providerKeyId: String(id), name: 'alice-laptop', created: false });
    expect(sent('POST', '/ssh_keys')).toHaveLength(0);
  });

  it('on uniqueness_error for the fingerprint (a racing registration) looks up again and reuses', async () => {
    const key = publicKey();
    const id = fake.seedSshKey({ name: 'raced', publicKey: key });
    server.use(
      http.get(
        `${hetznerApiBaseUrl}/ssh_keys`,
        () =>
          HttpResponse.json({
            ssh_keys: [],
            meta: {
              pagination: {
                page: 1,
                per_page: 25,
                previous_page: null,
                next_page: null,
                last_page: 1,
                total_entries: 0,
              },
            },
          }),
        { once: true },
      ),
    );
    const ensured = (
      await provider().ensureSshKey({
        name: 'pressluft-a',
        publicKey: key,
        fingerprintMd5: sshFingerprintMd5(key)!,
        labels: {},
      })
    )._unsafeUnwrap();
    expect(ensured).toEqual({ providerKeyId: String(id), name: 'raced', created: false });
  });

  it('when the name belongs to a different key, registers under a name derived from the fingerprint', async () => {
    fake.seedSshKey({ name: 'pressluft-a', publicKey: publicKey() });
    const key = publicKey();
    const fingerprint = sshFingerprintMd5(key)!;
    const ensured = (
      await provider().ensureSshKey({
        name: 'pressluft-a',
        publicKey: key,
        fingerprintMd5: fingerprint,
        labels: {},
      })
    )._unsafeUnwrap();
    expect(ensured.created).toBe(true);
    expect(ensured.name).toBe(`pressluft-a-${fingerprint.replaceAll(':', '').slice(0, 12)}`);
    expect(fake.sshKeys().map((entry) => entry.name)).toContain(ensured.name);
  });

  it('when the answer to POST /ssh_keys is lost, finds the key by fingerprint instead of failing', async () => {
    const key = publicKey();
    fake.inject(
      { kind: 'lose-response', afterwards: 'network-error' },
      { method: 'POST', path: '/ssh_keys' },
    );
    const ensured = (
      await provider().ensureSshKey({
        name: 'pressluft-lost',
        publicKey: key,
        fingerprintMd5: sshFingerprintMd5(key)!,
        labels: {},
      })
    )._unsafeUnwrap();
    expect(ensured).toMatchObject({ name: 'pressluft-lost', created: true });
    expect(sent('POST', '/ssh_keys')).toHaveLength(1);
    expect(fake.sshKeys()).toHaveLength(1);
  });

  it('refuses a fingerprint that does not match the key, and a line that is not a key', async () => {
    const key = publicKey();
    const mismatch = await provider().ensureSshKey({
      name: 'x',
      publicKey: key,
      fingerprintMd5: '00:11',
      labels: {},
    });
    expect(mismatch._unsafeUnwrapErr().code).toBe('PROVIDER_INVALID_REQUEST');
    const garbage = await provider().ensureSshKey({
      name: 'x',
      publicKey: 'not a key',
      fingerprintMd5: '00',
      labels: {},
    });
    expect(garbage._unsafeUnwrapErr().details?.['field']).toBe('publicKey');
    expect(fake.requests).toHaveLength(0);
  });

  it('a read-only token gets PROVIDER_TOKEN_READONLY, not a generic SSH key failure', async () => {
    const key = publicKey();
    const result = await provider({ token: hetznerFakeReadOnlyToken }).ensureSshKey({
      name: 'x',
      publicKey: key,
      fingerprintMd5: sshFingerprintMd5(key)!,
      labels: {},
    });
    expect(result._unsafeUnwrapErr().code).toBe('PROVIDER_TOKEN_READONLY');
  });
});

describe('createServer', () => {
  it('looks up by label first, then creates by name with integer key ids, ownership and idempotency labels', async () => {
    const key = publicKey();
    const adapter = provider();
    const ensured = (
      await adapter.ensureSshKey({
        name: 'k',
        publicKey: key,
        fingerprintMd5: sshFingerprintMd5(key)!,
        labels: {},
      })
    )._unsafeUnwrap();
    const created = (
      await adapter.createServer(serverInput({ sshKeyIds: [ensured.providerKeyId], labels: { env: 'test' } }))
    )._unsafeUnwrap();
    expect(created.adopted).toBe(false);
    expect(created.actionIds).toHaveLength(2);
    const lookups = sent('GET', '/servers');
    expect(lookups[0]?.query.get('label_selector')).toBe(
      'pressluft/managed==true,pressluft/idempotency-key==job_01abc',
    );
    expect(fake.requests.indexOf(lookups[0]!)).toBeLessThan(
      fake.requests.indexOf(sent('POST', '/servers')[0]!),
    );
    expect(sent('POST', '/servers')[0]?.body).toEqual({
      name: 'node-1',
      server_type: 'cx23',
      image: 'ubuntu-24.04',
      location: 'nbg1',
      ssh_keys: [Number(ensured.providerKeyId)],
      labels: { env: 'test', 'pressluft/managed': 'true', 'pressluft/idempotency-key': 'job_01abc' },
      start_after_create: true,
      public_net: { enable_ipv4: true, enable_ipv6: true },
    });
    expect(fake.servers()[0]?.sshKeyIds).toEqual([Number(ensured.providerKeyId)]);
  });

  it('reads an IPv6-only server (no IPv4 left): the SSH target is the ::1 host of its /64', async () => {
    fake.scenario({ name: 'ipv6-only', times: 1 });
    const adapter = provider();
    const created = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    (await adapter.waitForActions(created.actionIds))._unsafeUnwrap();
    const read = (await adapter.getServer(created.serverId))._unsafeUnwrap();
    const network = fake.servers()[0]?.ipv6Network ?? '';
    expect(fake.servers()[0]?.ipv4).toBeNull();
    expect(read.ipv4).toBeNull();
    expect(read.ipv6).toBe(network.replace('::/64', '::1'));
    expect(read.sshTarget).toEqual({ host: read.ipv6, port: 22, user: 'root' });
    expect(sent('POST', '/servers')[0]?.body).toMatchObject({ public_net: { enable_ipv4: true } });
  });

  it('names the image for an ARM type too; Hetzner (and the fake) picks the ARM build', async () => {
    (await provider().createServer(serverInput({ serverType: 'cax11' })))._unsafeUnwrap();
    expect(sent('POST', '/servers')[0]?.body).toMatchObject({ server_type: 'cax11', image: 'ubuntu-24.04' });
    expect(fake.servers()[0]?.imageId).toBe(161547270);
  });

  it('adopts the server of the same idempotency key without creating another', async () => {
    const adapter = provider();
    const first = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    const again = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    expect({ serverId: again.serverId, adopted: again.adopted }).toEqual({
      serverId: first.serverId,
      adopted: true,
    });
    // The adopted server's actions still running by then (under load the 60 ms actions may be done).
    expect(first.actionIds).toEqual(expect.arrayContaining([...again.actionIds]));
    expect(sent('POST', '/servers')).toHaveLength(1);
    expect(fake.servers()).toHaveLength(1);
  });

  it('on uniqueness_error adopts the named server when its labels prove it is ours', async () => {
    const adapter = provider();
    const first = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    // The label lookup misses it once (as after a lost response on another worker).
    server.use(
      http.get(
        `${hetznerApiBaseUrl}/servers`,
        ({ request }) =>
          new URL(request.url).searchParams.has('label_selector')
            ? HttpResponse.json({
                servers: [],
                meta: {
                  pagination: {
                    page: 1,
                    per_page: 50,
                    previous_page: null,
                    next_page: null,
                    last_page: 1,
                    total_entries: 0,
                  },
                },
              })
            : undefined,
        { once: true },
      ),
    );
    const again = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    expect(again.adopted).toBe(true);
    expect(again.serverId).toBe(first.serverId);
    expect(sent('GET', '/servers').at(-1)?.query.get('name')).toBe('node-1');
  });

  it('on uniqueness_error for a server that is not ours gives PROVIDER_NAME_TAKEN', async () => {
    const foreign = fake.seedServer({ name: 'node-1', labels: { owner: 'someone-else' } });
    const error = (await provider().createServer(serverInput()))._unsafeUnwrapErr();
    expect(error.code).toBe('PROVIDER_NAME_TAKEN');
    expect(error.details).toMatchObject({
      existingServerId: String(foreign),
      managedByPressluft: false,
      hetznerCode: 'uniqueness_error',
    });
  });

  it('a Pressluft server of another idempotency key is not adopted either', async () => {
    await provider().createServer(serverInput({ idempotencyKey: 'job_other' }));
    const error = (await provider().createServer(serverInput()))._unsafeUnwrapErr();
    expect(error.code).toBe('PROVIDER_NAME_TAKEN');
    expect(error.details?.['managedByPressluft']).toBe(true);
  });

  it('never retries POST /servers blindly: a lost answer is resolved by the label lookup', async () => {
    fake.scenario({ name: 'create-response-lost', afterwards: 'bad-gateway' });
    const created = (await provider().createServer(serverInput()))._unsafeUnwrap();
    expect(created.adopted).toBe(true);
    expect(sent('POST', '/servers')).toHaveLength(1);
    expect(fake.servers()).toHaveLength(1);
    expect(created.actionIds.length).toBeGreaterThan(0);
  });

  it('a connection failure before Hetzner acted: lookup finds nothing, one more POST creates the server', async () => {
    fake.scenario({ name: 'network-error', method: 'POST', path: '/servers' });
    const created = (await provider().createServer(serverInput()))._unsafeUnwrap();
    expect(created.adopted).toBe(false);
    expect(sent('POST', '/servers')).toHaveLength(2);
    expect(fake.servers()).toHaveLength(1);
  });

  it('retries POST /servers after 429 (Hetzner refused it before acting)', async () => {
    fake.inject(
      { kind: 'error', status: 429, code: 'rate_limit_exceeded', message: 'limit' },
      { method: 'POST', path: '/servers' },
    );
    // After a 429 the shared budget waits for the refill; the injected sleep skips the wait.
    const created = (await provider({ sleep: async () => {} }).createServer(serverInput()))._unsafeUnwrap();
    expect(created.adopted).toBe(false);
    expect(sent('POST', '/servers').map((request) => request.status)).toEqual([429, 201]);
  });

  it.each([
    [{ serverType: 'cpx22', location: 'fsn1' }, 'location', /not sold in "fsn1"/],
    [{ serverType: 'cx22' }, 'serverType', /cannot be ordered/],
    [{ location: 'mars1' }, 'location', /does not exist/],
    [{ image: 'ubuntu-20.04' }, 'image', /not an available system image/],
  ])('validates %o against the catalog before sending', async (overrides, field, reason) => {
    const error = (await provider().createServer(serverInput(overrides)))._unsafeUnwrapErr();
    expect(error.code).toBe('PROVIDER_INVALID_REQUEST');
    expect(error.details).toMatchObject({ validationCode: 'VALIDATION_OPTION_UNAVAILABLE', field });
    expect(String(error.details?.['reason'])).toMatch(reason);
    expect(sent('POST', '/servers')).toHaveLength(0);
  });

  it('refuses names that are not RFC 1123 host names and labels Hetzner would refuse', async () => {
    expect(
      (await provider().createServer(serverInput({ name: 'Node_1' })))._unsafeUnwrapErr().details?.['field'],
    ).toBe('name');
    expect(
      (await provider().createServer(serverInput({ labels: { 'hetzner.cloud/x': 'y' } })))._unsafeUnwrapErr()
        .details?.['field'],
    ).toBe('labels');
    expect(fake.requests).toHaveLength(0);
  });

  it('stores an idempotency key that is not a label value as its hash, and still finds it', async () => {
    const idempotencyKey = 'acquire:node/42 with spaces';
    const adapter = provider();
    const created = (await adapter.createServer(serverInput({ idempotencyKey })))._unsafeUnwrap();
    expect(fake.servers()[0]?.labels['pressluft/idempotency-key']).toMatch(/^sha256-[0-9a-f]{56}$/);
    const found = (await adapter.findServerByIdempotencyKey(idempotencyKey))._unsafeUnwrap();
    expect([found?.id, found?.idempotencyKey]).toEqual([created.serverId, idempotencyKey]);
  });

  it('capacity: 412 resource_unavailable → retryable PROVIDER_CAPACITY_UNAVAILABLE', async () => {
    fake.scenario({ name: 'capacity-unavailable' });
    const error = (await provider().createServer(serverInput()))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['hetznerMessage']]).toEqual([
      'PROVIDER_CAPACITY_UNAVAILABLE',
      true,
      'server location disabled',
    ]);
  });
});

describe('waitForActions', () => {
  it('polls all actions of all callers in shared GET /actions requests of at most 25 ids', async () => {
    const adapter = provider();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        adapter.createServer(serverInput({ name: `node-${index}`, idempotencyKey: `key-${index}` })),
      ),
    );
    const waits = await Promise.all(
      created.map((result) => adapter.waitForActions(result._unsafeUnwrap().actionIds)),
    );
    expect(waits.every((result) => result.isOk())).toBe(true);
    const polls = sent('GET', '/actions');
    for (const poll of polls) expect(poll.query.getAll('id').length).toBeLessThanOrEqual(25);
    expect(polls.some((poll) => poll.query.getAll('id').length === 25)).toBe(true);
    // 40 actions, polled one by one, would cost at least 40 requests.
    expect(polls.length).toBeLessThan(40);
    expect(fake.servers().every((each) => each.status === 'running')).toBe(true);
  });

  it('stops waiting when aborted', async () => {
    const adapter = provider();
    const created = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    const controller = new AbortController();
    controller.abort();
    const error = (
      await adapter.waitForActions(created.actionIds, { signal: controller.signal })
    )._unsafeUnwrapErr();
    expect([error.code, error.details?.['reason']]).toEqual(['PROVIDER_TIMEOUT', 'aborted']);
  });
});

describe('getServer', () => {
  it('reports the IPv4, the ::1 host of the IPv6 /64 and an SSH target', async () => {
    const adapter = provider();
    const created = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    const found = (await adapter.getServer(created.serverId))._unsafeUnwrap();
    expect(found.ipv4).toMatch(/^203\.0\./);
    expect(found.ipv6).toMatch(/^2001:db8:[0-9a-f:]+::1$/);
    expect(found.sshTarget).toEqual({ host: found.ipv4, port: 22, user: 'root' });
    expect(found.idempotencyKey).toBe('job_01abc');
  });

  it('falls back to the IPv6 host when IPv4 is disabled', async () => {
    const id = fake.seedServer({ name: 'v6-only' });
    server.use(
      http.get(`${hetznerApiBaseUrl}/servers/:id`, async ({ request }) => {
        const original = await fake.handle(request);
        const body = (await original.json()) as {
          server: { public_net: { ipv4: unknown; ipv6: { ip: string } } };
        };
        body.server.public_net.ipv4 = null;
        body.server.public_net.ipv6.ip = '2a01:4f8:c012:abcd::/64';
        return HttpResponse.json(body);
      }),
    );
    const found = (await provider().getServer(String(id)))._unsafeUnwrap();
    expect([found.ipv4, found.ipv6]).toEqual([null, '2a01:4f8:c012:abcd::1']);
    expect(found.sshTarget?.host).toBe('2a01:4f8:c012:abcd::1');
  });
});

describe('deleteServer', () => {
  it('refuses a server without our ownership label and leaves it alone', async () => {
    const id = fake.seedServer({ name: 'precious' });
    const error = (await provider().deleteServer(String(id)))._unsafeUnwrapErr();
    expect([error.code, error.details?.['reason']]).toEqual(['PROVIDER_PERMISSION_DENIED', 'not_managed']);
    expect(sent('DELETE', `/servers/${id}`)).toHaveLength(0);
    expect(fake.servers().map((each) => each.id)).toContain(id);
  });

  it('deletes our server and waits for the delete action', async () => {
    const adapter = provider();
    const created = (await adapter.createServer(serverInput()))._unsafeUnwrap();
    expect((await adapter.deleteServer(created.serverId))._unsafeUnwrap()).toEqual({ deleted: true });
    expect(fake.servers()).toHaveLength(0);
    const deleteAction = sent('GET', '/actions').at(-1);
    expect(deleteAction?.query.getAll('id')).toHaveLength(1);
  });
});

describe('retries and the shared rate-limit budget', () => {
  it('retries a GET after a gateway’s HTML 502, with backoff', async () => {
    const sleeps: number[] = [];
    fake.scenario({ name: 'bad-gateway-html', path: '/server_types' });
    const adapter = provider({
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
      random: () => 0.5,
      retry: { maxRetries: 3, baseMs: 1_000, capMs: 60_000 },
    });
    expect((await adapter.listCatalog()).isOk()).toBe(true);
    expect(sent('GET', '/server_types').map((request) => request.status)).toEqual([502, 200]);
    expect(sleeps).toContain(1_000);
  });

  it('gives up after the configured retries and maps the last answer', async () => {
    fake.scenario({ name: 'server-error', path: '/server_types', times: 10 });
    fake.scenario({ name: 'rate-limited', path: '/locations', times: 10 });
    const error = (
      await provider({ retry: { maxRetries: 2, baseMs: 1, capMs: 1 }, sleep: async () => {} }).listCatalog()
    )._unsafeUnwrapErr();
    expect(['PROVIDER_RATE_LIMITED', 'PROVIDER_UNAVAILABLE']).toContain(error.code);
    expect(sent('GET', '/locations')).toHaveLength(3);
    // server_error is "retry later", not a transport retry.
    expect(sent('GET', '/server_types').length).toBeLessThanOrEqual(1);
  });

  it('providers of one token share a budget and wait for the refill before Hetzner says 429', async () => {
    const sleeps: number[] = [];
    const scope = createHetznerScope();
    const options = {
      scope,
      clock,
      sleep: async (milliseconds: number) => {
        sleeps.push(milliseconds);
        advance(milliseconds);
      },
      rateLimitReserve: 2,
    };
    fake.setBudget(hetznerFakeToken, 'general', { remaining: 3 });
    const first = provider(options);
    const second = provider(options);
    await first.getServer('1');
    expect(sleeps).toHaveLength(0);
    // The second provider has sent nothing yet, but knows the budget from the first one's answer.
    await second.getServer('1');
    expect(sleeps).toHaveLength(1);
    for (let index = 0; index < 5; index++) await second.getServer('1');
    expect(sleeps.length).toBeGreaterThanOrEqual(5);
    for (const milliseconds of sleeps) expect(milliseconds).toBeGreaterThanOrEqual(900);
    expect(fake.stats().rateLimited).toBe(0);
    expect(fake.stats().general).toBe(7);
  });
});

describe('factory', () => {
  it('builds adapters per token with shared options', async () => {
    const factory = createHetznerProviderFactory({ scope: createHetznerScope(), retry: { maxRetries: 0 } });
    expect(factory.info).toBe(hetznerProvider.info);
    const check = (
      await factory.create({ token: hetznerFakeReadOnlyToken }).validateCredentials()
    )._unsafeUnwrap();
    expect(check.status).toBe('read_only');
  });
});
