import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  errorCodes,
  isErrorCode,
  type NodeProviderFactoryV1,
  type ProvisionerV1,
  type WaitForSsh,
} from '@pressluft/core';
import { okAsync } from 'neverthrow';
import { expect } from 'vitest';
import { type AttemptThrottle, createAttemptThrottle } from '../src/auth/attempt-throttle.js';
import { type ControlPlaneClient, createControlPlaneClient } from '../src/client.js';
import { parseConfig } from '../src/config.js';
import { type RunningServer, startServer } from '../src/server.js';

/** A control-plane server on a loopback port with a fresh data directory, and what tests need around it. */
export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly adminToken: string;
  readonly dataDir: string;
  /** A typed client with the operator token. */
  readonly client: ControlPlaneClient;
  /** Every log line written so far. */
  readonly logLines: string[];
  /** Everything printed outside the log (the one-time token notice). */
  readonly printed: string[];
  /** Stop the server and delete the data directory. */
  close(): Promise<void>;
}

/** What {@link startTestServer} takes. */
export interface TestServerOptions {
  readonly providers: readonly NodeProviderFactoryV1[];
  readonly provisioner: ProvisionerV1;
  /** Extra environment. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Default: SSH is reachable at once (the mock cloud's addresses are not real). */
  readonly waitForSsh?: WaitForSsh | null;
  /** Default: a throttle that lets 10,000 failures pass, since the suites send many wrong tokens on purpose. */
  readonly throttle?: AttemptThrottle;
  /** Where the one-time token notice goes, besides `printed`. */
  readonly print?: (text: string) => void;
}

/** Start the real server composition (SQLite store in a temp dir, real engine) with the given parts. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-control-plane-'));
  const adminToken = `test-admin-${randomBytes(16).toString('hex')}`;
  const config = parseConfig({
    PORT: '0',
    PRESSLUFT_DATA_DIR: dataDir,
    PRESSLUFT_ADMIN_TOKEN: adminToken,
    PRESSLUFT_LOG_LEVEL: 'debug',
    PRESSLUFT_MAX_BODY_BYTES: '4096',
    PRESSLUFT_SHUTDOWN_GRACE_MS: '1000',
    ...options.environment,
  })._unsafeUnwrap();
  const logLines: string[] = [];
  const printed: string[] = [];
  const started = await startServer({
    config,
    providers: options.providers,
    provisioner: options.provisioner,
    worker: { pollIntervalMs: 50 },
    provisioning: { sshWaitIntervalMs: 50 },
    ...(options.waitForSsh === null
      ? {}
      : { waitForSsh: options.waitForSsh ?? (() => okAsync<void>(undefined)) }),
    writeLog: (line) => logLines.push(line),
    print: (text) => {
      printed.push(text);
      options.print?.(text);
    },
    throttle: options.throttle ?? createAttemptThrottle({ freeFailures: 10_000 }),
  });
  if (started.isErr()) throw started.error;
  const server = started.value;
  return {
    server,
    url: server.url,
    adminToken,
    dataDir,
    client: createControlPlaneClient({ baseUrl: server.url, token: adminToken }),
    logLines,
    printed,
    async close() {
      await server.stop(500);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Assert an answer is an error body with this code, and its status is the registry's for the code. */
export async function expectErrorResponse(
  response: Response,
  code: string,
): Promise<Record<string, unknown>> {
  const body = (await response.json()) as {
    error: { code: string; message: string; guidance?: string; request_id?: string };
  };
  expect(body.error.code).toBe(code);
  // The request id is in the body and in the header, the same one.
  expect(body.error.request_id).toMatch(/^[\w=-]{1,64}$/);
  expect(response.headers.get('x-request-id')).toBe(body.error.request_id);
  expect(isErrorCode(body.error.code)).toBe(true);
  if (isErrorCode(body.error.code)) expect(response.status).toBe(errorCodes[body.error.code].httpStatus);
  expect(typeof body.error.message).toBe('string');
  expect(
    Object.keys(body.error).every((key) =>
      ['code', 'message', 'guidance', 'details', 'request_id'].includes(key),
    ),
  ).toBe(true);
  return body.error as Record<string, unknown>;
}

/** Poll until the check passes (the engine works in the background). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  limitMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
