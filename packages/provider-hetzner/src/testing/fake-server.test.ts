import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHetznerProvider } from '../hetzner-provider.js';
import { createHetznerScope } from '../hetzner-scope.js';
import { type HetznerFakeServer, startHetznerFakeServer } from './fake-server.js';
import { hetznerFakeToken, matchesLabelSelector } from './hetzner-fake.js';

let running: HetznerFakeServer;
beforeAll(async () => {
  running = await startHetznerFakeServer({
    fakeOptions: { actionDurations: { create_server: 30, start_server: 20, delete_server: 10 } },
  });
});
afterAll(() => running.stop());

const provider = () =>
  createHetznerProvider({
    token: hetznerFakeToken,
    baseUrl: running.url,
    scope: createHetznerScope(),
    polling: { schedule: () => 10 },
    retry: { maxRetries: 0 },
    requestTimeoutMs: 1_000,
  });

describe('the fake as an HTTP server on a loopback port', () => {
  it('listens on 127.0.0.1 and serves a whole acquisition over real HTTP', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const adapter = provider();
    expect((await adapter.validateCredentials())._unsafeUnwrap().status).toBe('connected');
    const created = (
      await adapter.createServer({
        name: 'over-http',
        location: 'hel1',
        serverType: 'cax11',
        image: 'debian-12',
        sshKeyIds: [],
        idempotencyKey: 'over-http',
      })
    )._unsafeUnwrap();
    expect((await adapter.waitForActions(created.actionIds)).isOk()).toBe(true);
    expect((await adapter.getServer(created.serverId))._unsafeUnwrap().status).toBe('running');
    expect((await adapter.deleteServer(created.serverId))._unsafeUnwrap().deleted).toBe(true);
  });

  it('drops the connection for a network fault and answers 429 with headers when the budget is empty', async () => {
    running.fake.inject({ kind: 'network-error' }, { path: '/locations' });
    expect((await provider().listCatalog())._unsafeUnwrapErr().code).toBe('PROVIDER_UNAVAILABLE');

    running.fake.setBudget(hetznerFakeToken, 'general', { remaining: 0 });
    const response = await fetch(`${running.url}/servers`, {
      headers: { Authorization: `Bearer ${hetznerFakeToken}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('RateLimit-Remaining')).toBe('0');
    expect(response.headers.get('RateLimit-Limit')).toBe('3600');
    expect(Number(response.headers.get('RateLimit-Reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(response.headers.get('X-Correlation-Id')).toMatch(/^[0-9a-f]{16}$/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    running.fake.reset();
  });

  it('answers unknown tokens with unauthorized and read-only writes with token_readonly', async () => {
    const unknown = await fetch(`${running.url}/servers`, { headers: { Authorization: 'Bearer nope' } });
    expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([
      401,
      'unauthorized',
    ]);
  });
});

describe('label selectors', () => {
  it.each([
    ['a==1', true],
    ['a=1', true],
    ['a!=1', false],
    ['a', true],
    ['!a', false],
    ['!c', true],
    ['a==1,b==2', true],
    ['a==1,b==3', false],
  ])('%s on {a:1,b:2} → %s', (selector, expected) => {
    expect(matchesLabelSelector(selector, { a: '1', b: '2' })).toBe(expected);
  });
});
