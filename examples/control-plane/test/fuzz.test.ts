import { readFileSync } from 'node:fs';
import { errorCodes, isErrorCode } from '@pressluft/core';
import { createMockProviderFactory, createMockProvisioner } from '@pressluft/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.js';

/**
 * Every route of the contract with generated path parameters, queries, headers and bodies: no answer
 * is a 5xx, and every 4xx carries the standard error body with a registry code whose status it is.
 * FUZZ_RUNS sets the number of generated requests (default 300); a failure prints fast-check's seed.
 */
const runs = Number(process.env['FUZZ_RUNS'] ?? 300);
const goodToken = 'mock-token-connected-0123456789abcdef0123456789abcdef';

/** The operations of contracts/openapi.yaml: each path and its methods, read from the file as it is. */
function contractOperations(): { method: string; path: string }[] {
  const text = readFileSync(new URL('../../../contracts/openapi.yaml', import.meta.url), 'utf8');
  const operations: { method: string; path: string }[] = [];
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const path = /^ {2}(\/api\/\S*):\s*$/.exec(line);
    if (path?.[1] !== undefined) {
      current = path[1];
      continue;
    }
    if (/^\S/.test(line)) current = null;
    const method = /^ {4}(get|post|put|delete|patch):\s*$/.exec(line);
    if (current !== null && method?.[1] !== undefined) {
      operations.push({ method: method[1].toUpperCase(), path: current });
    }
  }
  return operations;
}

let test: TestServer;
let providerId = '';
const operations = contractOperations();

beforeAll(async () => {
  test = await startTestServer({
    providers: [createMockProviderFactory({ tokens: { [goodToken]: 'connected' } })],
    provisioner: createMockProvisioner(),
  });
  const { data } = await test.client.POST('/api/providers', {
    body: { type: 'mock', name: 'fuzz', token: goodToken },
  });
  providerId = data!.provider.id;
});
afterAll(async () => {
  await test?.close();
});

const printable = fc.string({
  unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~'.split('')),
  maxLength: 40,
});
const pathParameter = fc.oneof(
  fc.constant('prv_x'),
  fc.constant('node_x'),
  fc.constant('job_x'),
  fc.constant('__proto__'),
  fc.string({ unit: 'binary', maxLength: 30 }).map((value) => encodeURIComponent(value) || 'x'),
);
const queryValue = fc.oneof(
  fc.constantFrom('', '0', '-1', '50', '501', 'true', 'ready', 'abc', '9'.repeat(30)),
  printable,
);
const query = fc
  .dictionary(
    fc.constantFrom(
      'limit',
      'cursor',
      'status',
      'provider_id',
      'name_prefix',
      'include_deleted',
      'after_seq',
      'node_id',
      'kind',
      'x',
    ),
    queryValue,
    { maxKeys: 4 },
  )
  .map((entries) => new URLSearchParams(entries).toString());
const jsonField = fc.oneof(
  fc.jsonValue(),
  fc.constant(goodToken),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        type: fc.constantFrom('mock', 'hetzner', 'x'),
        name: jsonField,
        token: jsonField,
        provider_id: fc.oneof(fc.constant('PROVIDER'), jsonField),
        location: jsonField,
        server_type: jsonField,
        image: jsonField,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constant('{"token":'),
  fc.constant('x'.repeat(5_000)),
);
const headers = fc.record(
  {
    authorization: fc.oneof(
      { arbitrary: fc.constant('GOOD'), weight: 8 },
      { arbitrary: fc.constant('Bearer wrong'), weight: 1 },
      { arbitrary: printable.map((value) => `Bearer ${value}`), weight: 1 },
      { arbitrary: printable, weight: 1 },
    ),
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'multipart/form-data',
      'application/x-www-form-urlencoded',
      'application/vnd.x+json',
    ),
    accept: fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/html'),
    'last-event-id': fc.oneof(fc.constantFrom('0', '1', '-1', '99999999999999999999'), printable),
    origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
    cookie: fc.oneof(
      fc.constant('pressluft_session=forged'),
      printable.map((value) => `pressluft_session=${encodeURIComponent(value)}`),
    ),
    'x-csrf-token': printable,
    'x-request-id': printable,
  },
  { requiredKeys: ['authorization', 'content-type'] },
);

describe('fuzzing the contract routes', () => {
  it(`answers ${runs} generated requests without a 5xx, every 4xx with the error body`, async () => {
    const began = performance.now();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        pathParameter,
        query,
        headers,
        body,
        async (operation, parameter, search, generatedHeaders, generatedBody) => {
          const pathname = operation.path.replace('{id}', parameter === 'prv_x' ? providerId : parameter);
          const sent: Record<string, string> = { ...generatedHeaders };
          if (sent['authorization'] === 'GOOD') sent['authorization'] = `Bearer ${test.adminToken}`;
          const text = generatedBody?.replace('PROVIDER', providerId);
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 2_000);
          try {
            const response = await fetch(`${test.url}${pathname}${search ? `?${search}` : ''}`, {
              method: operation.method,
              headers: sent,
              signal: controller.signal,
              ...(text === undefined || operation.method === 'GET' ? {} : { body: text }),
            });
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            expect(response.status, `${operation.method} ${pathname}`).toBeLessThan(500);
            if (response.status >= 400) {
              const answer = (await response.json()) as { error: Record<string, unknown> };
              const code = answer.error['code'];
              expect(isErrorCode(code), `${operation.method} ${pathname}: ${String(code)}`).toBe(true);
              if (isErrorCode(code)) expect(response.status).toBe(errorCodes[code].httpStatus);
              expect(typeof answer.error['message']).toBe('string');
              expect(answer.error['request_id']).toBe(response.headers.get('x-request-id'));
            } else {
              await response.body?.cancel();
            }
          } finally {
            clearTimeout(timer);
          }
        },
      ),
      { numRuns: runs },
    );
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    console.log(
      `fuzz: ${runs} requests over ${operations.length} operations in ${Math.round(performance.now() - began)} ms: ${summary.join(' ')}`,
    );
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });
});
