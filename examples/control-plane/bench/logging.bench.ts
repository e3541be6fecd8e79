/**
 * `pnpm bench:logging`: what logging costs a request. Starts the real control plane (src/main.ts) as a
 * child process three times, at PRESSLUFT_LOG_LEVEL warn (the same-run reference: no line per
 * request), info (the default: the access log is at debug, so still no line per request) and debug
 * (every request logged and redacted as a whole, as every request was before), and loads an
 * authenticated read (`GET /api/providers/{id}`) with autocannon at 50 connections. Then the redactor
 * alone: one log line scrubbed with 50 registered secrets, by the precompiled pattern and by the former
 * way (copy and sort the set, split and join per secret) as the in-run reference. Figures, not a test.
 *
 * Environment: BENCH_DURATION_S (per load, default 8), BENCH_CONNECTIONS (default 50).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REDACTED, Redactor, redactTokenShapes } from '@pressluft/core';
import autocannon from 'autocannon';

const durationS = Number(process.env.BENCH_DURATION_S ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const adminToken = randomBytes(32).toString('hex');
const format = (value: number) => Math.round(value).toLocaleString('en-US');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function load(level: string): Promise<{ rps: number; p99: number; lines: number }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-bench-logging-'));
  const port = await freePort();
  let lines = 0;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=pressluft-source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: packageRoot,
      env: {
        ...process.env,
        PORT: String(port),
        PRESSLUFT_DATA_DIR: dataDir,
        PRESSLUFT_ADMIN_TOKEN: adminToken,
        PRESSLUFT_LOG_LEVEL: level,
        PRESSLUFT_HETZNER_API_URL: 'http://127.0.0.1:9/v1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines += 1;
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    while (
      !(await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() - started > 60_000) throw new Error('the control plane did not start within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' };
    // A connection whose live check fails (nothing listens on port 9): stored, readable, no network.
    const created = await fetch(`${base}/api/providers`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ type: 'hetzner', name: 'bench', token: randomBytes(32).toString('base64url') }),
    });
    const { provider } = (await created.json()) as { provider: { id: string } };
    const before = lines;
    const result = await autocannon({
      url: `${base}/api/providers/${provider.id}`,
      connections,
      duration: durationS,
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    return { rps: result.requests.average, p99: result.latency.p99, lines: lines - before };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The former redaction: copy and sort the set for every string, split and join per secret. */
function formerRedact(secrets: Set<string>, text: string): string {
  let result = text;
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of sorted) result = result.split(secret).join(REDACTED);
  return redactTokenShapes(result);
}

function redactorFigures(): void {
  const secrets = Array.from({ length: 50 }, () => randomBytes(24).toString('base64url'));
  const redactor = new Redactor(secrets);
  const set = new Set(secrets);
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level: 'debug',
    msg: 'request',
    request_id: '2b1f0c1e-7a8e-4d59-9f7c-0d3f3c1b5a6e',
    method: 'GET',
    path: '/api/providers/prv_01jh5k3q9xabcdefghjkmnpqrs',
    status: 200,
    duration_ms: 1,
  });
  const measure = (scrub: (text: string) => string): number => {
    for (let i = 0; i < 5_000; i++) scrub(line);
    const rounds = 100_000;
    const began = performance.now();
    for (let i = 0; i < rounds; i++) scrub(line);
    return rounds / ((performance.now() - began) / 1000);
  };
  const precompiled = measure((text) => redactor.redact(text));
  const former = measure((text) => formerRedact(set, text));
  console.log(`\nredactor, one access-log line (${line.length} characters), 50 registered secrets:`);
  console.log(`  precompiled pattern   ${format(precompiled).padStart(10)} lines/s`);
  console.log(
    `  former copy+sort+split ${format(former).padStart(9)} lines/s (reference; ${(precompiled / former).toFixed(2)}x)`,
  );
}

async function main(): Promise<void> {
  console.log(`GET /api/providers/{id}, ${connections} connections, ${durationS} s per level`);
  const figures: Record<string, { rps: number; p99: number; lines: number }> = {};
  for (const level of ['warn', 'info', 'debug']) {
    figures[level] = await load(level);
    const { rps, p99, lines } = figures[level];
    const reference = figures['warn']?.rps ?? rps;
    console.log(
      `  log level ${level.padEnd(5)} ${format(rps).padStart(7)} req/s  p99 ${p99} ms  ${format(lines).padStart(8)} log lines  ${(rps / reference).toFixed(2)}x the warn reference`,
    );
  }
  redactorFigures();
}

await main();
