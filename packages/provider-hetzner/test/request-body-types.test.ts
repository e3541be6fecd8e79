import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sshFingerprintMd5 } from '../src/ssh-fingerprint.js';
import { useHetznerFake } from './harness.js';

/**
 * Every request body the adapter sends, checked field by field against the JSON types of the *vendored*
 * description (read here, not the generated types or the fake's schemas), so a body that only our own
 * code accepts cannot pass.
 */

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const specPath =
  process.env['PRESSLUFT_HETZNER_OPENAPI'] ??
  path.resolve(packageRoot, '..', '..', '..', 'shared', 'vendor', 'hetzner-cloud.openapi.json');

type Schema = { [keyword: string]: unknown };
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  const reference = schema['$ref'];
  return typeof reference === 'string'
    ? resolve(spec.components.schemas[reference.replace('#/components/schemas/', '')]!)
    : schema;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Where the vendored description's `type` is narrower than its own text (README, "Generated types"):
 * `ssh_keys` items are typed string but documented as "IDs (`integer`) or names (`string`)". The adapter
 * sends IDs, so the expected type there is integer.
 */
const documentedTypes: Record<string, string> = { 'POST /servers ssh_keys[]': 'integer' };

/** `field: jsonType` for every value in the body, and a problem for each that does not match the spec. */
function typesOf(operation: string, schema: Schema, value: unknown, name: string, out: string[]): void {
  const resolved = resolve(schema);
  const override = documentedTypes[`${operation} ${name}`];
  const expected = override ?? (resolved['type'] as string | undefined);
  const actual = jsonType(value);
  if (expected !== undefined && expected !== actual && !(expected === 'number' && actual === 'integer')) {
    out.push(`${name}: sent ${actual}, the description says ${expected}`);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) typesOf(operation, resolved['items'] as Schema, item, `${name}[]`, out);
  } else if (actual === 'object') {
    const properties = (resolved['properties'] ?? {}) as Record<string, Schema>;
    const extra = resolved['additionalProperties'] as Schema | undefined;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const property = properties[key] ?? extra;
      if (property === undefined) out.push(`${name}.${key}: not in the description`);
      else typesOf(operation, property, child, name === '' ? key : `${name}.${key}`, out);
    }
  }
}

const { fake, provider } = useHetznerFake();

describe('request bodies against the vendored OpenAPI description', () => {
  it('every body the adapter sends has exactly the JSON types the description gives', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'pressluft-body-types-'));
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 't', '-f', `${directory}/k`]);
      const publicKey = readFileSync(`${directory}/k.pub`, 'utf8').trim();
      const adapter = provider();
      expect((await adapter.validateCredentials())._unsafeUnwrap().status).toBe('connected');
      const key = (
        await adapter.ensureSshKey({
          name: 'pressluft',
          publicKey,
          fingerprintMd5: sshFingerprintMd5(publicKey)!,
          labels: { purpose: 'test' },
        })
      )._unsafeUnwrap();
      const created = (
        await adapter.createServer({
          name: 'node-1',
          location: 'nbg1',
          serverType: 'cax11',
          image: 'ubuntu-24.04',
          sshKeyIds: [key.providerKeyId],
          idempotencyKey: 'job_01types',
          labels: { env: 'test' },
        })
      )._unsafeUnwrap();
      (await adapter.waitForActions(created.actionIds))._unsafeUnwrap();
      (await adapter.deleteServer(created.serverId))._unsafeUnwrap();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }

    const withBodies = fake.requests.filter((request) => request.body !== null);
    const operations = withBodies.map((request) => `${request.method} ${request.path}`);
    // The write probe (an empty body), the key and the server: every kind of body the adapter has.
    expect(operations).toEqual(['POST /ssh_keys', 'POST /ssh_keys', 'POST /servers']);
    const seen: Record<string, string[]> = {};
    for (const request of withBodies) {
      const operation = `${request.method} ${request.path}`;
      const schema =
        spec.paths[request.path]?.[request.method.toLowerCase()]?.requestBody?.content['application/json']
          ?.schema;
      expect(schema, `${operation} has a body in the description`).toBeDefined();
      const problems: string[] = [];
      typesOf(operation, schema!, request.body, '', problems);
      expect(problems, operation).toEqual([]);
      const types: string[] = [];
      const walk = (value: unknown, name: string): void => {
        types.push(`${name || 'body'}: ${jsonType(value)}`);
        if (Array.isArray(value)) for (const item of value) walk(item, `${name}[]`);
        else if (jsonType(value) === 'object')
          for (const [key, child] of Object.entries(value as object))
            walk(child, name ? `${name}.${key}` : key);
      };
      walk(request.body, '');
      seen[operation] = [...(seen[operation] ?? []), ...types];
    }
    // The exact types, spelled out: names as strings, SSH key IDs as integers, flags as booleans.
    expect(seen['POST /servers']).toEqual([
      'body: object',
      'name: string',
      'server_type: string',
      'image: string',
      'location: string',
      'ssh_keys: array',
      'ssh_keys[]: integer',
      'labels: object',
      'labels.env: string',
      'labels.pressluft/managed: string',
      'labels.pressluft/idempotency-key: string',
      'start_after_create: boolean',
      'public_net: object',
      'public_net.enable_ipv4: boolean',
      'public_net.enable_ipv6: boolean',
    ]);
    expect(seen['POST /ssh_keys']).toEqual([
      'body: object',
      'body: object',
      'name: string',
      'public_key: string',
      'labels: object',
      'labels.purpose: string',
      'labels.pressluft/managed: string',
    ]);
  });

  it('the checker itself refuses what the real API would not take as an ID', () => {
    const schema = spec.paths['/servers']!['post']!.requestBody!.content['application/json']!.schema;
    const problems: string[] = [];
    typesOf('POST /servers', schema, { name: 'n', server_type: 104, ssh_keys: ['7700001'] }, '', problems);
    expect(problems).toEqual([
      'server_type: sent integer, the description says string',
      'ssh_keys[]: sent string, the description says integer',
    ]);
  });
});
