import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBudgetFor, fakeFingerprint, validateRequestBody } from './fake-validation.js';
import { createHetznerFake, hetznerFakeToken } from './hetzner-fake.js';

const base = 'https://api.hetzner.cloud/v1';
// A fixed key and the fingerprint `ssh-keygen -l -E md5` prints for it (not computed by any code here).
const fixedKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGm2p1zTtPq1X0bHh0Y3aQf9w8C2vYxqk2e4H1sQm7Rz test';
const fixedFingerprint = '99:ca:d2:69:ad:7d:28:0a:29:95:97:03:00:64:79:04';

let fake = createHetznerFake({ actionDurations: { create_server: 10, start_server: 10, delete_server: 10 } });
beforeEach(() => {
  fake = createHetznerFake({ actionDurations: { create_server: 10, start_server: 10, delete_server: 10 } });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read untyped JSON answers field by field.
type Json = any;

async function call(method: string, route: string, body?: unknown) {
  const response = await fake.fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${hetznerFakeToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, Json> };
}

const create = (overrides: Record<string, unknown> = {}) =>
  call('POST', '/servers', {
    name: 'node-1',
    server_type: 'cx23',
    image: 'ubuntu-24.04',
    location: 'nbg1',
    ...overrides,
  });

describe('the fake shares no code with the adapter', () => {
  it('imports nothing from the adapter source, only its own files and the generated description types', () => {
    const directory = path.dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(directory).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    expect(sources).toContain('hetzner-fake.ts');
    for (const file of sources) {
      const text = readFileSync(path.join(directory, file), 'utf8');
      const imports = [...text.matchAll(/from '(\.\.?\/[^']+)'/g)].map((match) => match[1]!);
      for (const target of imports) {
        expect(
          target.startsWith('./') || target === '../generated/hetzner-api.js',
          `${file} imports ${target}`,
        ).toBe(true);
      }
    }
  });

  it('computes the fingerprint ssh-keygen prints, and its own budget table', () => {
    expect(fakeFingerprint(fixedKey)).toBe(fixedFingerprint);
    expect(fakeFingerprint('not a key')).toBeNull();
    expect(fakeBudgetFor('/actions')).toBe('actions');
    expect(fakeBudgetFor('/actions/12')).toBe('actions');
    expect(fakeBudgetFor('/servers/7/actions')).toBe('actions');
    expect(fakeBudgetFor('/servers/actions')).toBe('actions');
    expect(fakeBudgetFor('/servers')).toBe('general');
    expect(fakeBudgetFor('/ssh_keys')).toBe('general');
  });
});

describe('POST /servers is checked like the real API', () => {
  it('takes an SSH key id as a JSON number, and a numeric string as a key name (not found)', async () => {
    const key = await call('POST', '/ssh_keys', { name: 'k', public_key: fixedKey });
    expect(key.status).toBe(201);
    const id = key.body['ssh_key'].id as number;
    const asString = await create({ ssh_keys: [String(id)] });
    expect(asString.status).toBe(422);
    expect(asString.body['error'].code).toBe('invalid_input');
    expect(asString.body['error'].details.fields).toEqual([
      { name: 'ssh_keys[0]', messages: [`SSH key named "${id}" not found`] },
    ]);
    const byName = await create({ name: 'node-2', ssh_keys: ['k'] });
    expect(byName.status).toBe(201);
    const asNumber = await create({ ssh_keys: [id] });
    expect(asNumber.status).toBe(201);
    expect(fake.servers().map((server) => server.sshKeyIds)).toEqual([[id], [id]]);
  });

  it('takes a server type, image or location ID as a number; a numeric string is a name', async () => {
    expect((await create({ server_type: '104' })).status).toBe(422);
    expect((await create({ image: '161547269' })).status).toBe(422);
    expect((await create({ location: '2' })).status).toBe(422);
    const byIds = await create({ server_type: 104, image: 161547269, location: 2 });
    expect(byIds.status).toBe(201);
    expect(fake.servers()[0]).toMatchObject({ serverType: 'cx23', location: 'nbg1', imageId: 161547269 });
  });

  it('refuses unknown fields, removed fields and wrong types by the vendored schema', async () => {
    const unknown = await create({ colour: 'blue' });
    expect(unknown.status).toBe(422);
    expect(unknown.body['error'].details.fields).toEqual([
      { name: 'colour', messages: ['is not a known field'] },
    ]);
    const removed = await create({ datacenter: 'nbg1-dc3' });
    expect(removed.body['error'].details.fields[0].name).toBe('datacenter');
    const wrongType = await create({ start_after_create: 'yes', public_net: { enable_ipv4: 1 } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body['error'].details.fields).toEqual([
      { name: 'start_after_create', messages: ['is string, expected boolean'] },
      { name: 'public_net.enable_ipv4', messages: ['is integer, expected boolean'] },
    ]);
    const missing = await call('POST', '/servers', { name: 'x' });
    expect(missing.body['error'].details.fields.map((field: { name: string }) => field.name).sort()).toEqual([
      'image',
      'server_type',
    ]);
    expect(fake.servers()).toHaveLength(0);
  });

  it('refuses a wrongly typed SSH key body, and an empty one for its missing fields', async () => {
    const wrong = await call('POST', '/ssh_keys', { name: 7, public_key: fixedKey });
    expect(wrong.body['error'].details.fields).toEqual([
      { name: 'name', messages: ['is integer, expected string'] },
    ]);
    const empty = await call('POST', '/ssh_keys', {});
    expect(empty.status).toBe(422);
    expect(empty.body['error'].code).toBe('invalid_input');
  });

  it('validates against the schema generated from the description (labels pattern included)', () => {
    expect(
      validateRequestBody('POST /servers', {
        name: 'a',
        server_type: 1,
        image: 'x',
        labels: { k: 'bad value' },
      }),
    ).toEqual([{ name: 'labels.k', messages: ['has an invalid format'] }]);
    expect(validateRequestBody('GET /servers', {})).toBeNull();
  });
});

describe('what the fake can serve', () => {
  it('IPv6-only servers: IPv4 disabled on create, or none handed out (scenario)', async () => {
    const disabled = await create({ public_net: { enable_ipv4: false, enable_ipv6: true } });
    expect(disabled.body['server'].public_net.ipv4).toBeNull();
    expect(disabled.body['server'].public_net.ipv6.ip).toMatch(/::\/64$/);
    fake.scenario({ name: 'ipv6-only', times: 1 });
    const scarce = await create({ name: 'node-2' });
    expect(scarce.body['server'].public_net.ipv4).toBeNull();
    const normal = await create({ name: 'node-3' });
    expect(normal.body['server'].public_net.ipv4.ip).toMatch(/^203\.0\./);
    expect(fake.servers().map((server) => server.ipv4 === null)).toEqual([true, true, false]);
  });

  it('deprecated types orderable until unavailable_after, unknown architectures and missing prices', async () => {
    const types = (await call('GET', '/server_types?per_page=50')).body['server_types'] as Json[];
    const byName = new Map(types.map((type) => [type.name, type]));
    expect(byName.get('cpx11').locations[0].deprecation.unavailable_after).toBe('2030-01-01T00:00:00Z');
    expect((await create({ server_type: 'cpx11' })).status).toBe(201);
    expect((await create({ name: 'node-2', server_type: 'cx22' })).status).toBe(412);
    expect(byName.get('cx9r').architecture).toBe('riscv');
    expect(byName.get('cx63').prices).toEqual([]);
  });
});
