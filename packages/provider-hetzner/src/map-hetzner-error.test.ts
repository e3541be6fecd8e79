import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useHetznerFake } from '../test/harness.js';
import { hetznerApiBaseUrl } from './hetzner-provider.js';
import { hetznerErrorTable, mapHetznerError } from './map-hetzner-error.js';

const { fake, server, provider } = useHetznerFake();
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

  it('an unknown code → PROVIDER_UNKNOWN, retryable (bounded by the engine), code kept', async () => {
    fake.inject(
      { kind: 'error', status: 422, code: 'brand_new_code', message: 'new' },
      { path: '/servers/{id}' },
    );
    const error = (await once().getServer('42'))._unsafeUnwrapErr();
    expect([error.code, error.retryable, error.details?.['hetznerCode']]).toEqual([
      'PROVIDER_UNKNOWN',
      true,
      'brand_new_code',
    ]);
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
