/**
 * `pnpm bench:api [nodes]`: the HTTP API at scale. Seeds N nodes (default 10,000) straight into the SQLite
 * store, starts the real control plane (src/main.ts) as a child process on loopback, and loads it with
 * autocannon at 50 connections: a single-node read (the in-run reference), the default list page, a
 * filtered page deep in the list, the node change list, and the SSE stream of node changes (50 streams
 * open while nodes change). Prints req/s, p50/p99, bytes per response, and the server's peak RSS, then
 * the goals of issue #15 with the figures that decide them. Figures, not a test: nothing here fails on a
 * slow machine.
 *
 *   pnpm bench:api            # 10,000 nodes
 *   pnpm bench:api 100000     # 100,000 nodes
 *
 * Environment: BENCH_DURATION_S (per load, default 10), BENCH_CONNECTIONS (default 50),
 * PRESSLUFT_LOG_LEVEL for the server (default warn, so the figures measure the lists, not logging).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecretBox, type NodeStatus, type SealedSecret } from '@pressluft/core';
import { createSqliteStore, type SqliteStore } from '@pressluft/store-sqlite';
import autocannon from 'autocannon';
import { DATABASE_FILE } from '../src/server.js';

const nodeCount = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 10_000);
const durationS = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const statuses: readonly NodeStatus[] = [
  'ready',
  'ready',
  'ready',
  'ready',
  'failed',
  'provisioning',
  'deleted',
];

interface LoadFigures {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly bytesPerResponse: number;
  readonly bodyBytes: number;
  readonly errors: number;
  readonly non2xx: number;
}

const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function seed(
  store: SqliteStore,
  sealedToken: SealedSecret,
): Promise<{ providerId: string; ids: string[] }> {
  const connection = (
    await store.createProviderConnection(
      { type: 'hetzner', name: 'bench', sealedToken, status: 'connected' },
      Date.now(),
    )
  )._unsafeUnwrap();
  const ids: string[] = [];
  const base = Date.now() - nodeCount * 1_000;
  const batch = 5_000;
  for (let start = 0; start < nodeCount; start += batch) {
    (
      await store.transaction((tx) => {
        let last = tx.lastNodeChangeSeq();
        for (let index = start; index < Math.min(nodeCount, start + batch); index++) {
          last = tx
            .createNode(
              {
                providerId: connection.id,
                name: `node-${String(index).padStart(6, '0')}`,
                location: index % 2 === 0 ? 'fsn1' : 'nbg1',
                serverType: 'cx22',
                image: 'debian-12',
                idempotencyKey: `bench-${index}`,
                status: statuses[index % statuses.length] as NodeStatus,
              },
              base + index * 1_000,
            )
            .map((node) => {
              ids.push(node.id);
              return 0;
            });
        }
        return last;
      })
    )._unsafeUnwrap();
  }
  return { providerId: connection.id, ids };
}

async function startChild(
  dataDir: string,
  adminToken: string,
  secretKey: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=pressluft-source', '--import', 'tsx', 'src/main.ts'], {
    cwd: packageRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      PRESSLUFT_DATA_DIR: dataDir,
      PRESSLUFT_ADMIN_TOKEN: adminToken,
      PRESSLUFT_SECRET_KEY: secretKey,
      PRESSLUFT_LOG_LEVEL: process.env.PRESSLUFT_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const match = /(http:\/\/[^\s]+)\/nodes/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return { child, url };
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  paths: readonly string[],
): Promise<LoadFigures> {
  const probe = await fetch(`${url}${paths[0]}`, { headers });
  const bodyBytes = (await probe.arrayBuffer()).byteLength;
  if (!probe.ok) throw new Error(`${name}: ${paths[0]} answered ${probe.status}`);
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    headers,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length] as string;
          return request;
        },
      },
    ],
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    bodyBytes,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * 50 live SSE streams of node changes while the bench changes nodes through its own store handle (another
 * process, as far as the server knows): how long a change takes to reach every stream.
 */
async function streamFanOut(
  url: string,
  headers: Record<string, string>,
  store: SqliteStore,
  ids: readonly string[],
): Promise<{ delivered: number; expected: number; p50Ms: number; p99Ms: number; bytesPerEvent: number }> {
  const abort = new AbortController();
  const start = (await (await fetch(`${url}/api/nodes/changes?limit=1`, { headers })).json()) as {
    last_seq: number;
  };
  const writtenAt = new Map<string, number>();
  const latencies: number[] = [];
  let bytes = 0;
  let events = 0;
  const readers = await Promise.all(
    Array.from({ length: connections }, async () => {
      const response = await fetch(`${url}/api/nodes/changes?after_seq=${start.last_seq}`, {
        headers: { ...headers, Accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (response.body === null) throw new Error('the stream has no body');
      // Wrapped: an async function returning a promise would wait for it, and the reading never ends by itself.
      const reading = (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        try {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf('\n\n');
              if (!block.includes('event: node-changed')) continue;
              bytes += block.length + 2;
              events++;
              const id = /"id":"([^"]+)"/.exec(block)?.[1];
              const at = id === undefined ? undefined : writtenAt.get(id);
              if (at !== undefined) latencies.push(performance.now() - at);
            }
          }
        } catch {
          // Aborted at the end of the run.
        }
      })();
      return { reading };
    }),
  );
  process.stderr.write(`bench:api: ${connections} streams open\n`);
  const changes = Math.min(200, ids.length);
  const interval = (durationS * 1_000) / changes;
  for (let index = 0; index < changes; index++) {
    const id = ids[(index * 7919) % ids.length] as string;
    writtenAt.set(id, performance.now());
    (await store.updateNode(id, { lastErrorMessage: `bench change ${index}` }, Date.now()))._unsafeUnwrap();
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  process.stderr.write('bench:api: changes written\n');
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  abort.abort();
  await Promise.all(readers.map((reader) => reader.reading));
  latencies.sort((left, right) => left - right);
  const quantile = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    delivered: latencies.length,
    expected: changes * connections,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
    bytesPerEvent: events > 0 ? bytes / events : 0,
  };
}

async function main(): Promise<void> {
  const phases: string[] = [];
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${format((now - phaseStart) / 1_000, 1)} s`);
    process.stderr.write(`bench:api: ${phases[phases.length - 1]}\n`);
    phaseStart = now;
  };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-bench-api-'));
  const adminToken = `bench-${randomBytes(16).toString('hex')}`;
  const key = randomBytes(32);
  const secrets = createSecretBox({ keys: [key] })._unsafeUnwrap();
  let child: ChildProcess | undefined;
  let store: SqliteStore | undefined;
  try {
    store = (await createSqliteStore({ path: path.join(dataDir, DATABASE_FILE) }))._unsafeUnwrap();
    const sealed = secrets.seal(`bench-token-${randomBytes(8).toString('hex')}`)._unsafeUnwrap();
    const { providerId, ids } = await seed(store, sealed);
    phase(`seed ${format(nodeCount)} nodes`);
    const started = await startChild(dataDir, adminToken, key.toString('hex'));
    child = started.child;
    const { url } = started;
    phase('server start');
    const headers = { Authorization: `Bearer ${adminToken}`, Accept: 'application/json' };

    // A cursor from the middle of the list, for a page that is not the first.
    const deepCursor = await (async () => {
      let cursor: string | null = null;
      for (let hop = 0; hop < 4; hop++) {
        const query: string =
          cursor === null ? '?limit=500' : `?limit=500&cursor=${encodeURIComponent(cursor)}`;
        const page = (await (await fetch(`${url}/api/nodes${query}`, { headers })).json()) as {
          next_cursor: string | null;
        };
        cursor = page.next_cursor ?? cursor;
      }
      return cursor;
    })();
    const sample = Array.from({ length: 1_000 }, (_, index) => ids[(index * 104_729) % ids.length] as string);
    const loads: LoadFigures[] = [];
    loads.push(
      await load(
        'single read GET /api/nodes/{id}',
        url,
        headers,
        sample.map((id) => `/api/nodes/${id}`),
      ),
    );
    phase('load: single read');
    loads.push(await load('list GET /api/nodes (default page)', url, headers, ['/api/nodes']));
    phase('load: list page');
    loads.push(
      await load('list, filtered, deep page', url, headers, [
        `/api/nodes?status=ready&provider_id=${providerId}&cursor=${encodeURIComponent(deepCursor ?? '')}`,
      ]),
    );
    phase('load: deep filtered page');
    loads.push(await load('list GET /api/jobs (default page)', url, headers, ['/api/jobs']));
    phase('load: job list');
    const lastSeq = (
      (await (await fetch(`${url}/api/nodes/changes?limit=1`, { headers })).json()) as { last_seq: number }
    ).last_seq;
    loads.push(
      await load('changes GET /api/nodes/changes (50 after a position)', url, headers, [
        `/api/nodes/changes?after_seq=${Math.max(0, lastSeq - 50)}`,
      ]),
    );
    phase('load: change list');
    const stream = await streamFanOut(url, headers, store, ids);
    phase('SSE fan-out');
    const rss = await peakRssMb(child.pid as number);

    const reference = loads[0] as LoadFigures;
    console.log(
      `\nbench:api — ${format(nodeCount)} nodes, ${connections} connections, ${durationS} s per load, loopback, server log level ${process.env.PRESSLUFT_LOG_LEVEL ?? 'warn'}`,
    );
    console.log(
      `${'load'.padEnd(54)} ${'req/s'.padStart(8)} ${'× ref'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'B/resp'.padStart(8)} ${'body B'.padStart(8)} ${'errors'.padStart(7)}`,
    );
    for (const figures of loads) {
      console.log(
        `${figures.name.padEnd(54)} ${format(figures.requestsPerSecond).padStart(8)} ${format(figures.requestsPerSecond / reference.requestsPerSecond, 2).padStart(6)} ${format(figures.p50Ms).padStart(7)} ${format(figures.p99Ms).padStart(7)} ${format(figures.bytesPerResponse).padStart(8)} ${format(figures.bodyBytes).padStart(8)} ${format(figures.errors + figures.non2xx).padStart(7)}`,
      );
    }
    console.log(
      `SSE GET /api/nodes/changes: ${connections} streams, ${format(stream.delivered)}/${format(stream.expected)} changes delivered, write→stream p50 ${format(stream.p50Ms)} ms, p99 ${format(stream.p99Ms)} ms, ${format(stream.bytesPerEvent)} B per event`,
    );
    console.log(`server peak RSS (VmHWM): ${format(rss, 1)} MB`);

    const list = loads[1] as LoadFigures;
    const goals: [string, boolean, string][] = [
      ['default list page ≤ 100 KB', list.bodyBytes <= 100 * 1024, `${format(list.bodyBytes / 1024, 1)} KB`],
      [
        'list throughput ≥ 0.5× single read',
        list.requestsPerSecond >= 0.5 * reference.requestsPerSecond,
        `${format(list.requestsPerSecond / reference.requestsPerSecond, 2)}×`,
      ],
      ['list p99 < 25 ms', list.p99Ms < 25, `${format(list.p99Ms)} ms`],
      ['peak RSS < 250 MB', rss < 250, `${format(rss, 1)} MB`],
    ];
    console.log('goals (issue #15):');
    for (const [goal, met, figure] of goals)
      console.log(`  ${met ? 'met    ' : 'NOT MET'} ${goal}: ${figure}`);
    console.log(`phases: ${phases.join(', ')}`);
  } finally {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
