/**
 * node_provision while the Hetzner fake injects each class of failure. One table drives the tests and
 * is rendered into docs/job-engine.md (a test checks that the document carries it unchanged).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backoffDelay, defaultBackoff, type ErrorCode, minimumRetryDelayMs } from '@pressluft/core';
import { expectOk } from '@pressluft/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventsOf,
  type Harness,
  type HarnessOptions,
  movableClock,
  settledJob,
  startHarness,
  until,
} from './support/harness.js';

const documentPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'job-engine.md');

/** One class of Hetzner failure and what node_provision makes of it. */
interface FaultRow {
  /** The class of failure. */
  readonly fault: string;
  /** What the fake does. */
  readonly injection: string;
  /** Harness settings the row needs. */
  readonly harness?: HarnessOptions;
  /** Work before the fault (a first node). */
  readonly before?: (harness: Harness, providerId: string) => Promise<void>;
  /** Make the fake misbehave. */
  readonly inject: (harness: Harness) => void;
  /** Codes of the attempts that were retried, in order. */
  readonly retries: readonly ErrorCode[];
  /** How the job ends. */
  readonly outcome: 'succeeded' | 'failed';
  /** The code of a failed job. */
  readonly code?: ErrorCode;
  /** Servers of the node at the fake afterwards. */
  readonly servers: 0 | 1;
  /** Why, in the document's words. */
  readonly explanation: string;
}

const getServer = { method: 'GET', path: '/servers/{id}' } as const;

const faultTable: readonly FaultRow[] = [
  {
    fault: '429, briefly',
    injection: '`POST /servers` gets `rate_limit_exceeded` twice',
    // A large budget, so that the provider's pacing after a 429 is short.
    harness: { fakeOptions: { rateLimits: { general: 1_000_000, actions: 1_000_000 } } },
    inject: (h) => h.fake.scenario({ name: 'rate-limited', times: 2, path: '/servers' }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered inside the provider: a 429 is retried for any method (Hetzner did not act)',
  },
  {
    fault: '429, past the provider retries',
    injection: '`GET /servers/{id}` gets `rate_limit_exceeded` (provider retries off)',
    harness: { provider: { retry: { maxRetries: 0 } } },
    inject: (h) => h.fake.scenario({ name: 'rate-limited', times: 1, path: '/servers/{id}' }),
    retries: ['PROVIDER_RATE_LIMITED'],
    outcome: 'succeeded',
    servers: 1,
    explanation: "recovered by a job retry after at least 10 s (or the budget's refill time, if later)",
  },
  {
    fault: '5xx on a create',
    injection: '`POST /servers` gets 500 `server_error`',
    inject: (h) => h.fake.scenario({ name: 'server-error', times: 1, method: 'POST', path: '/servers' }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation:
      'recovered inside the provider: whether Hetzner acted is open, so it looks for the server by label, then sends again',
  },
  {
    fault: '5xx on a read',
    injection: '`GET /servers/{id}` gets 500 `server_error`',
    inject: (h) => h.fake.scenario({ name: 'server-error', times: 1, ...getServer }),
    retries: ['PROVIDER_UNAVAILABLE'],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered by a job retry (backoff 1 s) that resumes at the checkpoint',
  },
  {
    fault: 'non-JSON 502 on a create',
    injection: '`POST /servers` gets a gateway HTML page with 502',
    inject: (h) => h.fake.scenario({ name: 'bad-gateway-html', times: 1, method: 'POST', path: '/servers' }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation:
      'classified by status; recovered inside the provider like a 5xx create, never a second server',
  },
  {
    fault: 'non-JSON 502 on a read',
    injection: '`GET /servers/{id}` gets a gateway HTML page with 502',
    inject: (h) => h.fake.scenario({ name: 'bad-gateway-html', times: 1, ...getServer }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered inside the provider: reads are repeated',
  },
  {
    fault: 'timeout, read',
    injection: '`GET /servers/{id}` never answers once',
    inject: (h) => h.fake.scenario({ name: 'hang', times: 1, ...getServer }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered inside the provider: the request deadline passes and the read is repeated',
  },
  {
    fault: 'timeout, server created',
    injection: '`POST /servers` creates the server, then never answers',
    inject: (h) => h.fake.scenario({ name: 'create-response-lost', afterwards: 'hang' }),
    retries: [],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered inside the provider: the ambiguous create is resolved by the idempotency label',
  },
  {
    fault: 'action polling past its deadline',
    injection: '`create_server` takes 10 minutes; deadline 400 ms, 2 attempts',
    harness: {
      fakeOptions: { actionDurations: { create_server: 600_000, start_server: 1_000, delete_server: 100 } },
      provisioning: { actionDeadlineMs: 400, maxAttempts: 2 },
    },
    inject: () => undefined,
    retries: ['PROVIDER_TIMEOUT'],
    outcome: 'failed',
    code: 'PROVIDER_TIMEOUT',
    servers: 0,
    explanation:
      'retried from the checkpoint (same server), then failed; the clean-up policy deletes the server',
  },
  {
    fault: 'action error',
    injection: 'the `create_server` action ends in `unknown_error`',
    inject: (h) => h.fake.scenario({ name: 'create-action-fails' }),
    retries: [],
    outcome: 'failed',
    code: 'PROVIDER_ACTION_FAILED',
    servers: 0,
    explanation: 'failed at once (not retryable); the clean-up policy deletes the server',
  },
  {
    fault: '`resource_unavailable`',
    injection: '`POST /servers` gets 412 `resource_unavailable`',
    inject: (h) => h.fake.scenario({ name: 'capacity-unavailable', times: 1 }),
    retries: ['PROVIDER_CAPACITY_UNAVAILABLE'],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered by a job retry after at least 5 minutes (no hot loop)',
  },
  {
    fault: '`locked`',
    injection: '`GET /servers/{id}` gets 423 `locked`',
    inject: (h) => h.fake.scenario({ name: 'locked', times: 1, ...getServer }),
    retries: ['PROVIDER_CONFLICT'],
    outcome: 'succeeded',
    servers: 1,
    explanation: 'recovered by a job retry (backoff 1 s)',
  },
  {
    fault: 'read-only token',
    injection: 'the token turns read-only after the first node',
    before: async (h, providerId) => {
      const { job } = await h.createNode(providerId, 'first');
      expect((await settledJob(h.controlPlane, job.id)).status).toBe('succeeded');
    },
    inject: (h) => h.fake.addToken(h.token, 'read-only'),
    retries: [],
    outcome: 'failed',
    code: 'PROVIDER_TOKEN_READONLY',
    servers: 0,
    explanation:
      'failed at once, no server; `providers.check` then reports `read_only` (before any key exists it is `PROVIDER_SSH_KEY_FAILED`)',
  },
];

/** The table as it appears in docs/job-engine.md. */
function renderFaultTable(rows: readonly FaultRow[]): string {
  const lines = [
    '| Hetzner failure | injected by the fake | outcome | job retries | why |',
    '|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const outcome = row.outcome === 'succeeded' ? 'ready' : `failed, \`${row.code}\``;
    const retries = row.retries.length === 0 ? '—' : row.retries.map((code) => `\`${code}\``).join(', ');
    lines.push(`| ${row.fault} | ${row.injection} | ${outcome} | ${retries} | ${row.explanation} |`);
  }
  return lines.join('\n');
}

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const started of harnesses.splice(0)) await started.close();
});

describe('node_provision under Hetzner faults', () => {
  it.each(faultTable)('$fault: $injection', async (row) => {
    const clock = movableClock();
    const h = await startHarness({ ...row.harness, clock });
    harnesses.push(h);
    const providerId = await h.connect();
    await row.before?.(h, providerId);
    const serversBefore = h.fake.servers().length;
    row.inject(h);
    const { node, job } = await h.createNode(providerId, 'faulty');

    // Follow the job; move the clock over each scheduled retry so that minute-long waits take no time.
    const retried: string[] = [];
    for (;;) {
      const step = await until(async () => {
        const current = await expectOk(h.controlPlane.jobs.get(job.id), 'read the job');
        if (current.status !== 'queued' && current.status !== 'running') return { done: true as const };
        const events = await eventsOf(h.controlPlane, job.id);
        const scheduled = events.filter((event) => event.type === 'job-retry-scheduled');
        if (scheduled.length > retried.length && current.status === 'queued') {
          return { done: false as const, event: scheduled[retried.length] };
        }
        return undefined;
      }, `job ${job.id} to retry or finish`);
      if (step.done || step.event === undefined) break;
      const code = String(step.event.data['errorCode']);
      const delay = Number(step.event.data['runAt']) - step.event.at;
      const expected = Math.max(
        backoffDelay(defaultBackoff, retried.length + 1),
        minimumRetryDelayMs[code as ErrorCode] ?? 0,
      );
      if (code === 'PROVIDER_RATE_LIMITED') expect(delay).toBeGreaterThanOrEqual(expected);
      else expect(delay).toBe(expected);
      retried.push(code);
      clock.advance(delay);
    }

    const settled = await settledJob(h.controlPlane, job.id);
    const after = await expectOk(h.controlPlane.nodes.get(node.id), 'read the node');
    expect(retried).toEqual(row.retries);
    expect(settled.status).toBe(row.outcome);
    expect(settled.attempts).toBe(row.retries.length + 1);
    if (row.outcome === 'succeeded') {
      expect(after.status).toBe('ready');
    } else {
      expect(after.status).toBe('failed');
      expect(settled.lastErrorCode).toBe(row.code);
      expect(after.lastErrorCode).toBe(row.code);
    }
    await until(
      async () => (h.fake.servers().every((server) => server.status !== 'deleting') ? true : undefined),
      'deletions to finish',
    );
    const own = h.fake.servers().filter((server) => server.labels['pressluft-node-id'] === node.id);
    expect(own).toHaveLength(row.servers);
    expect(h.fake.servers()).toHaveLength(serversBefore + row.servers);
    if (row.code === 'PROVIDER_TOKEN_READONLY') {
      const checked = await expectOk(h.controlPlane.providers.check(providerId), 'check the provider again');
      expect(checked.connection.status).toBe('read_only');
    }
  });

  it('docs/job-engine.md carries this table', async () => {
    const document = await readFile(documentPath, 'utf8');
    // The Markdown formatter pads table cells; compare without the padding.
    const unpadded = (text: string) =>
      text
        .split('\n')
        .map((line) => (line.startsWith('|') ? line.replace(/ *\| */g, '|').replace(/-{3,}/g, '---') : line))
        .join('\n');
    expect(unpadded(document)).toContain(unpadded(renderFaultTable(faultTable)));
  });
});

/** Print the table (PRESSLUFT_PRINT_FAULT_TABLE=1), to paste into the document after a change. */
if (process.env['PRESSLUFT_PRINT_FAULT_TABLE'] === '1') console.log(renderFaultTable(faultTable));
