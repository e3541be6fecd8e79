import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAnsibleProvisioner } from '@pressluft/ansible-runner';
import { ANSIBLE_INSTALL_COMMAND } from '@pressluft/core';
import { createMockProviderFactory, createMockProvisioner } from '@pressluft/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttemptThrottle } from '../src/auth/attempt-throttle.js';
import { parseConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { eventually, expectErrorResponse, startTestServer, type TestServer } from './test-server.js';

const goodToken = 'mock-token-connected-0123456789abcdef0123456789abcdef';
let test: TestServer;

beforeAll(async () => {
  test = await startTestServer({
    providers: [createMockProviderFactory({ tokens: { [goodToken]: 'connected' } })],
    provisioner: createMockProvisioner(),
    throttle: createAttemptThrottle({ freeFailures: 3, baseDelayMs: 60_000 }),
  });
});
afterAll(async () => {
  await test?.close();
});

/** One raw HTTP/1.1 exchange, so status, headers and connection handling are seen as sent. */
function raw(
  method: string,
  pathname: string,
  options: {
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunks?: number;
    chunkBytes?: number;
    base?: string;
  } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(options.base ?? test.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: pathname,
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    // The server may close while a large body is still being sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.chunks !== undefined) {
      const chunk = Buffer.alloc(options.chunkBytes ?? 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < (options.chunks ?? 0)) {
          sent += 1;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else {
      req.end(options.body);
    }
  });
}

async function sessionCookie(): Promise<string> {
  const response = await fetch(`${test.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: test.adminToken, next: '/nodes' }).toString(),
  });
  expect(response.status).toBe(303);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function errorBody(text: string): { code: string; message: string; request_id: string } {
  return (JSON.parse(text) as { error: { code: string; message: string; request_id: string } }).error;
}

describe('finding 1 and 5: one body limit on every route, 413 closes the connection', () => {
  it('refuses an oversized login form by Content-Length and when chunked, with the error body', async () => {
    const form = `token=${'x'.repeat(10_000)}`;
    const declared = await raw('POST', '/login', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(form.length) },
      body: form,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers['connection']).toBe('close');
    expect(errorBody(declared.body).code).toBe('VALIDATION_PAYLOAD_TOO_LARGE');
    for (const pathname of ['/login', '/logout', '/api/nodes', '/nodes']) {
      const chunked = await raw('POST', pathname, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
        chunks: 64,
      });
      expect(chunked.status, pathname).toBe(413);
      expect(chunked.headers['connection'], pathname).toBe('close');
      expect(chunked.headers['x-request-id'], pathname).toBe(errorBody(chunked.body).request_id);
    }
  });

  it("answers Node's own 431 with the security headers and the error body", async () => {
    const response = await raw('GET', '/api/health', { headers: { 'X-Padding': 'p'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['connection']).toBe('close');
    const error = errorBody(response.body);
    expect(error.code).toBe('VALIDATION_HEADERS_TOO_LARGE');
    expect(response.headers['x-request-id']).toBe(error.request_id);
  });
});

describe('finding 3: no prototype lookups, parser errors are 400 with a code', () => {
  it('answers 404 for inherited property names under /assets', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await fetch(`${test.url}/assets/${name}`)).status, name).toBe(404);
    }
  });

  it('answers a malformed multipart login with 400 VALIDATION_FAILED', async () => {
    const response = await fetch(`${test.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=nothing-like-it' },
      body: '--other\r\nContent-Disposition: form-data; name="token"\r\n\r\nx',
    });
    await expectErrorResponse(response, 'VALIDATION_FAILED');
    const noBoundary = await fetch(`${test.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data' },
      body: 'garbage',
    });
    await expectErrorResponse(noBoundary, 'VALIDATION_FAILED');
  });
});

describe('finding 4: throttled logins and tokens, audited', () => {
  it('answers 429 with Retry-After after repeated wrong Bearer tokens, the right one included', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await fetch(`${test.url}/api/providers`, {
        headers: { Authorization: 'Bearer wrong-token' },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    const refused = await fetch(`${test.url}/api/providers`, {
      headers: { Authorization: `Bearer ${test.adminToken}` },
    });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectErrorResponse(refused, 'VALIDATION_TOO_MANY_ATTEMPTS');
    const login = await fetch(`${test.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: test.adminToken }).toString(),
    });
    await expectErrorResponse(login, 'VALIDATION_TOO_MANY_ATTEMPTS');
    const audit = test.logLines
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === 'audit: wrong operator token');
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({
      level: 'warn',
      client: expect.stringMatching(/127\.0\.0\.1/),
      failures: 1,
    });
    expect(test.logLines.join('\n')).not.toContain('wrong-token');
  });
});

describe('finding 6: Origin and Host checked against an allow-list, not against themselves', () => {
  it('refuses a DNS-rebinding page whose Origin and Host both name it', async () => {
    // A fresh server: the throttle test above leaves this address waiting on the shared one.
    const fresh = await startTestServer({
      providers: [createMockProviderFactory({ tokens: { [goodToken]: 'connected' } })],
      provisioner: createMockProvisioner(),
    });
    try {
      const previous = test;
      test = fresh;
      const cookie = await sessionCookie();
      test = previous;
      const port = new URL(fresh.url).port;
      const body = JSON.stringify({ type: 'mock', name: 'rebound', token: goodToken });
      const rebinding = await raw('POST', '/api/providers', {
        base: fresh.url,
        headers: {
          Cookie: cookie,
          'Content-Type': 'application/json',
          Origin: `http://evil.example:${port}`,
          Host: `evil.example:${port}`,
        },
        body,
      });
      expect(rebinding.status).toBe(403);
      expect(errorBody(rebinding.body).code).toBe('FORBIDDEN');
      const loopback = await fetch(`${fresh.url}/api/providers`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: fresh.url },
        body,
      });
      expect(loopback.status).toBe(201);
    } finally {
      await fresh.close();
    }
  });

  it('with PRESSLUFT_PUBLIC_ORIGIN accepts only the listed origins', async () => {
    const listed = await startTestServer({
      providers: [createMockProviderFactory({ tokens: { [goodToken]: 'connected' } })],
      provisioner: createMockProvisioner(),
      environment: { PRESSLUFT_PUBLIC_ORIGIN: 'https://cp.example.com' },
    });
    try {
      const form = new URLSearchParams({ token: listed.adminToken }).toString();
      const login = (headers: Record<string, string>) =>
        raw('POST', '/login', {
          base: listed.url,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body: form,
        });
      expect((await login({ Origin: 'https://cp.example.com', Host: 'cp.example.com' })).status).toBe(303);
      expect((await login({ Origin: listed.url })).status).toBe(403);
      expect(
        (await login({ Origin: 'https://cp.example.com.evil.example', Host: 'cp.example.com' })).status,
      ).toBe(403);
    } finally {
      await listed.close();
    }
  });
});

describe('finding 7: request ids, event-stream headers, file modes, safe names', () => {
  it('sends X-Request-Id on every answer and writes it in the log lines of the request', async () => {
    for (const pathname of ['/api/health', '/login', '/assets/styles.css', '/api/nodes', '/nowhere']) {
      const response = await fetch(`${test.url}${pathname}`);
      const id = response.headers.get('x-request-id');
      expect(id, pathname).toMatch(/^[0-9a-f-]{36}$/);
      await eventually(
        async () => (test.logLines.some((line) => JSON.parse(line).request_id === id) ? true : undefined),
        `a log line with request id ${id}`,
        2_000,
      );
    }
  });

  it('creates the data directory 0700 and the database 0600', async () => {
    expect((await stat(test.dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(test.dataDir, 'pressluft.db'))).mode & 0o777).toBe(0o600);
  });

  it('refuses provider names with NUL, control or bidi characters', async () => {
    const fresh = await startTestServer({
      providers: [createMockProviderFactory({ tokens: { [goodToken]: 'connected' } })],
      provisioner: createMockProvisioner(),
    });
    try {
      for (const name of ['bad\u0000name', 'evil\u202Egnp.exe', 'two\nlines', 'zero\u200Bwidth']) {
        const response = await fetch(`${fresh.url}/api/providers`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${fresh.adminToken}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ type: 'mock', name, token: goodToken }),
        });
        await expectErrorResponse(response, 'VALIDATION_FAILED');
      }
      const fine = await fetch(`${fresh.url}/api/providers`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${fresh.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'mock', name: 'Hetzner – Müller & Söhne (prod)', token: goodToken }),
      });
      expect(fine.status).toBe(201);
      // An event stream carries the anti-buffering headers.
      const { provider } = (await fine.json()) as { provider: { id: string } };
      void provider;
      const controller = new AbortController();
      const stream = await fetch(`${fresh.url}/api/nodes/changes`, {
        headers: { Authorization: `Bearer ${fresh.adminToken}`, Accept: 'text/event-stream' },
        signal: controller.signal,
      });
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.headers.get('cache-control')).toBe('no-cache');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      controller.abort();
    } finally {
      await fresh.close();
    }
  });
});

describe('finding 8 and #18: configuration first, the token only when listening, no Ansible needed', () => {
  it('prints and stores no token when the start fails before listening', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-start-order-'));
    const printed: string[] = [];
    try {
      const config = parseConfig({ PORT: String(port), PRESSLUFT_DATA_DIR: dataDir })._unsafeUnwrap();
      const started = await startServer({
        config,
        providers: [createMockProviderFactory()],
        provisioner: createMockProvisioner(),
        writeLog: () => {},
        print: (text) => printed.push(text),
      });
      expect(started.isErr()).toBe(true);
      expect(printed.join('')).not.toContain('operator token');
      await expect(stat(path.join(dataDir, 'operator-token.sha256'))).rejects.toThrow();
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('listens without ansible-playbook on the path, says so in health, and refuses node creation with the install command', async () => {
    const emptyPath = await mkdtemp(path.join(tmpdir(), 'pressluft-no-ansible-'));
    const printed: string[] = [];
    const factory = createMockProviderFactory({ tokens: { [goodToken]: 'connected' } });
    const degraded = await startTestServer({
      providers: [factory],
      provisioner: createAnsibleProvisioner({
        searchPath: emptyPath,
        runDirectory: path.join(emptyPath, 'runs'),
      }),
      print: (text) => printed.push(text),
    });
    try {
      const health = await eventually(async () => {
        const body = (await (await fetch(`${degraded.url}/api/health`)).json()) as {
          status: string;
          parts: { provisioner: { state: string; guidance?: string } };
        };
        return body.parts.provisioner.state === 'checking' ? undefined : body;
      }, 'the runtime check');
      expect(health.status).toBe('degraded');
      expect(health.parts.provisioner.state).toBe('missing');
      expect(health.parts.provisioner.guidance).toContain(ANSIBLE_INSTALL_COMMAND);

      const { data: connected } = await degraded.client.POST('/api/providers', {
        body: { type: 'mock', name: 'main', token: goodToken },
      });
      expect(connected?.check.status).toBe('connected');
      const pages = await fetch(`${degraded.url}/providers`, { redirect: 'manual' });
      expect(pages.status).toBe(303);
      const created = await fetch(`${degraded.url}/api/nodes`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${degraded.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          provider_id: connected!.provider.id,
          name: 'web-1',
          location: 'fsn1',
          server_type: 'cx22',
        }),
      });
      const error = await expectErrorResponse(created, 'PROVISION_RUNTIME_MISSING');
      expect(String(error['guidance'])).toContain(ANSIBLE_INSTALL_COMMAND);
      expect(factory.cloud.servers.size).toBe(0);
    } finally {
      await degraded.close();
      await rm(emptyPath, { recursive: true, force: true });
    }
  });
});
