import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useHetznerFake } from '../test/harness.js';
import { hetznerApiBaseUrl } from './hetzner-provider.js';
import { hetznerErrorTable, mapHetznerError } from './map-hetzner-error.js';

const { fake, server, provider } = useHetznerFake();

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared');
const specPath =
  process.env['PRESSLUFT_HETZNER_OPENAPI'] ?? path.join(shared, 'vendor', 'hetzner-cloud.openapi.json');

/** Error codes of the vendored description: the `| \`code\` |` rows of its operations' error tables. */
function codesInDescription(): string[] {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
    paths: Record<string, Record<string, { description?: string }>>;
  };
  const codes = new Set<string>();
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const text = typeof operation === 'object' && operation !== null ? (operation.description ?? '') : '';
      for (const match of text.matchAll(/\|\s*`([a-z_]+)`\s*\|/g)) codes.add(match[1]!);
    }
  }
  return [...codes].sort();
}

/** Codes named in the notes' error chapter (§1) and the action example (§3.1), without field names. */
function codesInNotes(): string[] {
  const notes = readFileSync(path.join(shared, 'docs', 'hetzner-api-notes.md'), 'utf8');
  const chapter = notes.slice(notes.indexOf('## 1. Error model'), notes.indexOf('## 2. Rate limiting'));
  const notCodes = new Set([
    'code',
    'message',
    'details',
    'create_server',
    'start_server',
    'next_actions',
    'project_limit',
    'primary_ip_limit',
  ]);
  const codes = new Set(['action_failed']);
  for (const match of chapter.matchAll(/`([a-z]+(?:_[a-z]+)*)`/g))
    if (!notCodes.has(match[1]!)) codes.add(match[1]!);
  return [...codes].sort();
}

/** The expected class of every code, written out here (not read from the table under test). */
const invalid = ['PROVIDER_INVALID_REQUEST', false] as const;
const expectedClasses: Record<string, readonly [string, boolean]> = {
  unauthorized: ['PROVIDER_AUTH_INVALID', false],
  token_readonly: ['PROVIDER_TOKEN_READONLY', false],
  forbidden: ['PROVIDER_PERMISSION_DENIED', false],
  resource_locked: ['PROVIDER_PERMISSION_DENIED', false],
  protected: ['PROVIDER_PERMISSION_DENIED', false],
  maintenance: ['PROVIDER_UNAVAILABLE', true],
  service_error: ['PROVIDER_UNAVAILABLE', true],
  server_error: ['PROVIDER_UNAVAILABLE', true],
  bad_gateway: ['PROVIDER_UNAVAILABLE', true],
  unavailable: ['PROVIDER_UNAVAILABLE', true],
  robot_unavailable: ['PROVIDER_UNAVAILABLE', true],
  timeout: ['PROVIDER_TIMEOUT', true],
  rate_limit_exceeded: ['PROVIDER_RATE_LIMITED', true],
  limit_reached: ['PROVIDER_RATE_LIMITED', true],
  conflict: ['PROVIDER_CONFLICT', true],
  locked: ['PROVIDER_CONFLICT', true],
  resource_in_use: ['PROVIDER_CONFLICT', false],
  resource_unavailable: ['PROVIDER_CAPACITY_UNAVAILABLE', true],
  placement_error: ['PROVIDER_CAPACITY_UNAVAILABLE', true],
  no_space_left_in_location: ['PROVIDER_CAPACITY_UNAVAILABLE', true],
  resource_limit_exceeded: ['PROVIDER_QUOTA_EXCEEDED', false],
  placement_group_member_limit_reached: ['PROVIDER_QUOTA_EXCEEDED', false],
  uniqueness_error: ['PROVIDER_NAME_TAKEN', false],
  unknown_error: ['PROVIDER_UNKNOWN', false],
  action_failed: ['PROVIDER_ACTION_FAILED', false],
  not_found: invalid,
  ...Object.fromEntries(
    [
      'invalid_input',
      'json_error',
      'method_not_allowed',
      'unsupported_error',
      'deprecated_api_endpoint',
      'primary_ip_assigned',
      'primary_ip_datacenter_mismatch',
      'primary_ip_version_mismatch',
      'server_not_stopped',
      'invalid_server_type',
      'server_already_attached',
      'networks_overlap',
      'ip_not_available',
      'no_subnet_available',
      'primary_ip_already_assigned',
      'floating_ip_assigned',
      'must_be_unassigned',
      'ip_not_owned',
      'private_net_only_server',
      'server_not_attached_to_network',
      'incompatible_network_type',
      'firewall_already_applied',
      'firewall_managed_by_label_selector',
      'firewall_resource_not_found',
      'invalid_load_balancer_type',
      'load_balancer_already_attached',
      'load_balancer_not_attached_to_network',
      'load_balancer_public_interface_disabled',
      'server_already_added',
      'server_is_load_balancer_target',
      'source_port_already_used',
      'target_already_defined',
      'targets_without_use_private_ip',
      'cloud_resource_ip_not_allowed',
      'ca_dns_validation_failed',
      'ca_too_many_authorizations_failed_recently',
      'ca_too_many_certificates_issued_for_registered_domain',
      'ca_too_many_duplicate_certificates',
      'caa_record_does_not_allow_ca',
      'could_not_verify_domain_delegated_to_zone',
      'dns_zone_is_secondary_zone',
      'dns_zone_not_found',
      'incorrect_zone_mode',
    ].map((code) => [code, invalid]),
  ),
};

describe('error table coverage', () => {
  it('has a row for every error code of the vendored OpenAPI description', () => {
    const codes = codesInDescription();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((code) => hetznerErrorTable[code] === undefined)).toEqual([]);
  });

  it('has a row for every error code in hetzner-api-notes.md', () => {
    const codes = codesInNotes();
    expect(codes).toContain('token_readonly');
    expect(codes.filter((code) => hetznerErrorTable[code] === undefined)).toEqual([]);
  });

  it('classifies every row as written out in this test', () => {
    const table = Object.fromEntries(
      Object.entries(hetznerErrorTable).map(([code, row]) => [code, [row.code, row.retryable]]),
    );
    expect(table).toEqual(expectedClasses);
  });
});
// Transport retries are off so each row shows the classification of the first answer.
const once = () => provider({ retry: { maxRetries: 0 } });

describe('error table: every Hetzner error code, through the API', () => {
  const rows = Object.entries(hetznerErrorTable).filter(([code]) => code !== 'not_found');
  it.each(rows)('%s → %o', async (code, expected) => {
    fake.inject(
      { kind: 'error', status: 422, code, message: `${code} happened`, details: { fields: [] } },
      {
        method: 'GET',
        path: '/servers/{id}',
      },
    );
    const result = await once().getServer('42');
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe(expected.code);
    expect(error.retryable).toBe(expected.retryable);
    expect(error.details?.['hetznerCode']).toBe(code);
    expect(error.details?.['hetznerMessage']).toBe(`${code} happened`);
    expect(error.details?.['correlationId']).toMatch(/^[0-9a-f]{16}$/);
    expect(error.details?.['path']).toBe('/servers/42');
    if (expected.guidance !== undefined) expect(error.guidance).toBe(expected.guidance);
    expect(fake.requests.filter((request) => request.path === '/servers/42')).toHaveLength(1);
  });

  it('not_found on a server → PROVIDER_SERVER_NOT_FOUND, not retryable', async () => {
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['hetznerCode']]).toEqual([
      'PROVIDER_SERVER_NOT_FOUND',
      false,
      'not_found',
    ]);
  });

  it('not_found on anything else → PROVIDER_INVALID_REQUEST', () => {
    const error = mapHetznerError(
      {
        status: 404,
        correlationId: 'abc',
        body: { error: { code: 'not_found', message: 'image not found' } },
      },
      { method: 'GET', path: '/images/1', resource: 'catalog' },
    );
    expect([error.code, error.retryable]).toEqual(['PROVIDER_INVALID_REQUEST', false]);
  });

  it('an unknown code → PROVIDER_UNKNOWN, terminal, raw code kept in details', async () => {
    fake.inject(
      { kind: 'error', status: 422, code: 'brand_new_code', message: 'new' },
      { path: '/servers/{id}' },
    );
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['hetznerCode']]).toEqual([
      'PROVIDER_UNKNOWN',
      false,
      'brand_new_code',
    ]);
    expect(error.details?.['unclassified']).toBe(true);
    expect(error.guidance).toMatch(/does not know/);
    expect(fake.requests.filter((request) => request.path === '/servers/42')).toHaveLength(1);
  });

  it('classifies by code, not status: json_error answered with 422 is still an invalid request', async () => {
    fake.inject(
      { kind: 'error', status: 422, code: 'json_error', message: 'syntax error' },
      { path: '/servers/{id}' },
    );
    expect((await once().getServer('42'))._unsafeUnwrapErr().code).toBe('PROVIDER_INVALID_REQUEST');
  });
});

describe('error table: answers without a Hetzner code', () => {
  it.each([
    [502, 'PROVIDER_UNAVAILABLE', true],
    [503, 'PROVIDER_UNAVAILABLE', true],
    [504, 'PROVIDER_TIMEOUT', true],
    [500, 'PROVIDER_UNAVAILABLE', true],
    [401, 'PROVIDER_AUTH_INVALID', false],
    [403, 'PROVIDER_PERMISSION_DENIED', false],
    [429, 'PROVIDER_RATE_LIMITED', true],
    [418, 'PROVIDER_PROTOCOL_ERROR', true],
  ] as const)('non-JSON %i → %s (retryable %s)', async (status, code, retryable) => {
    fake.inject({ kind: 'non-json', status }, { path: '/servers/{id}' });
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['httpStatus']]).toEqual([code, retryable, status]);
    expect(error.details?.['correlationId']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('network error → PROVIDER_UNAVAILABLE, retryable', async () => {
    fake.inject({ kind: 'network-error' }, { path: '/servers/{id}' });
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['failure']]).toEqual([
      'PROVIDER_UNAVAILABLE',
      true,
      'network',
    ]);
  });

  it('no answer within the request deadline → PROVIDER_TIMEOUT, retryable', async () => {
    fake.inject({ kind: 'hang' }, { path: '/servers/{id}' });
    const error = (
      await provider({ retry: { maxRetries: 0 }, requestTimeoutMs: 50 }).getServer('42')
    )._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['failure']]).toEqual([
      'PROVIDER_TIMEOUT',
      true,
      'timeout',
    ]);
    fake.releaseHangs();
  });

  it('a success body that is not JSON → PROVIDER_PROTOCOL_ERROR, retryable', async () => {
    fake.inject({ kind: 'malformed-json' }, { path: '/servers/{id}' });
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable]).toEqual(['PROVIDER_PROTOCOL_ERROR', true]);
  });

  it('a JSON success body of the wrong shape → PROVIDER_PROTOCOL_ERROR with the correlation id', async () => {
    server.use(
      http.get(`${hetznerApiBaseUrl}/servers/:id`, () =>
        HttpResponse.json({ unexpected: true }, { headers: { 'X-Correlation-Id': 'feedbeef' } }),
      ),
    );
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.details?.['correlationId']]).toEqual(['PROVIDER_PROTOCOL_ERROR', 'feedbeef']);
  });
});

describe('error table: actions', () => {
  it.each([
    ['resource_unavailable', 'PROVIDER_CAPACITY_UNAVAILABLE', true],
    ['locked', 'PROVIDER_CONFLICT', true],
    ['resource_limit_exceeded', 'PROVIDER_QUOTA_EXCEEDED', false],
    ['action_failed', 'PROVIDER_ACTION_FAILED', false],
    ['brand_new_action_code', 'PROVIDER_ACTION_FAILED', false],
  ])('an action ending in %s is classified like a request error: %s', async (code, coreCode, later) => {
    fake.scenario({ name: 'create-action-fails', code, message: `${code} in the action` });
    const adapter = once();
    const created = (
      await adapter.createServer({
        name: 'action-classified',
        location: 'nbg1',
        serverType: 'cx23',
        image: 'ubuntu-24.04',
        sshKeyIds: [],
        idempotencyKey: 'action-classified',
      })
    )._unsafeUnwrap();
    const error = (await adapter.waitForActions(created.actionIds))._unsafeUnwrapErr();
    expect(error.code).toBe(coreCode);
    // Waiting for the finished action again cannot help; whether a new server can is in the details.
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({
      source: 'action',
      hetznerCode: code,
      command: 'create_server',
      classifiedRetryable: later,
    });
  });

  it('an action ending in error → PROVIDER_ACTION_FAILED with Hetzner’s code, not retryable', async () => {
    fake.scenario({ name: 'create-action-fails', code: 'unknown_error', message: 'server is locked' });
    const adapter = once();
    const created = (
      await adapter.createServer({
        name: 'action-fails',
        location: 'nbg1',
        serverType: 'cx23',
        image: 'ubuntu-24.04',
        sshKeyIds: [],
        idempotencyKey: 'action-fails',
      })
    )._unsafeUnwrap();
    const error = (await adapter.waitForActions(created.actionIds))._unsafeUnwrapErr();
    expect(error.code).toBe('PROVIDER_ACTION_FAILED');
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({
      hetznerCode: 'unknown_error',
      hetznerMessage: 'server is locked',
      command: 'create_server',
      actionId: created.actionIds[0],
    });
  });

  it('actions still running at the deadline → PROVIDER_TIMEOUT, retryable', async () => {
    const adapter = once();
    fake.seedServer({ name: 'placeholder' });
    const created = (
      await adapter.createServer({
        name: 'slow',
        location: 'nbg1',
        serverType: 'cx23',
        image: 'ubuntu-24.04',
        sshKeyIds: [],
        idempotencyKey: 'slow',
      })
    )._unsafeUnwrap();
    const error = (await adapter.waitForActions(created.actionIds, { deadlineMs: 5 }))._unsafeUnwrapErr();
    expect([error.code, error.retryable]).toEqual(['PROVIDER_TIMEOUT', true]);
    expect(error.details?.['pendingActionIds']).toEqual(created.actionIds);
  });

  it('an action Hetzner does not return → PROVIDER_ACTION_FAILED (not_found), never an endless wait', async () => {
    const error = (await once().waitForActions(['123456']))._unsafeUnwrapErr();
    expect([error.code, error.details?.['hetznerCode']]).toEqual(['PROVIDER_ACTION_FAILED', 'not_found']);
  });
});
