/**
 * `pnpm bench:memory`: what an oversized body costs the server. Starts the real control plane
 * (src/main.ts) as a child process on loopback and sends a 200 MB body, chunked (no Content-Length, the
 * case a limit must count while streaming) and with a Content-Length, to each kind of route: the login
 * form, the logout form, a dashboard page, an asset, the public health route, an authenticated JSON
 * route and an unauthenticated one. Prints the answer, how many bytes the server let in before it
 * closed, and the growth of the server's resident memory (peak VmHWM over the RSS before the first
 * body) next to the same run's reference: the same routes with a body just under the limit. Goal (issue
 * #14): growth under 20 MB. Figures, not a test.
 *
 * Environment: BENCH_BODY_MB (default 200).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bodyMegabytes = Number(process.env.BENCH_BODY_MB ?? 200);
const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const limitBytes = 65_536;
const adminToken = randomBytes(32).toString('hex');

const routes: readonly { name: string; method: string; path: string; headers: Record<string, string> }[] = [
  {
    name: 'login form',
    method: 'POST',
    path: '/login',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  },
  {
    name: 'logout form',
    method: 'POST',
    path: '/logout',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
  },
  { name: 'dashboard page', method: 'GET', path: '/nodes', headers: {} },
  { name: 'asset', method: 'GET', path: '/assets/styles.css', headers: {} },
  { name: 'health', method: 'GET', path: '/api/health', headers: {} },
  {
    name: 'API, authenticated',
    method: 'POST',
    path: '/api/providers',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
  },
  {
    name: 'API, anonymous',
    method: 'POST',
    path: '/api/nodes',
    headers: { 'Content-Type': 'application/json' },
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function memory(pid: number): Promise<{ rssKb: number; hwmKb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Send `bytes` of body; resolves with the status and how much was written before the server closed. */
function send(
  port: number,
  route: (typeof routes)[number],
  bytes: number,
  chunked: boolean,
): Promise<{ status: number; connection: string; written: number }> {
  return new Promise((resolve) => {
    let written = 0;
    let status = 0;
    let connection = '';
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve({ status, connection, written });
    };
    const headers: Record<string, string> = { ...route.headers };
    if (chunked) headers['Transfer-Encoding'] = 'chunked';
    else headers['Content-Length'] = String(bytes);
    const req = request(
      { host: '127.0.0.1', port, method: route.method, path: route.path, headers, agent: false },
      (res) => {
        status = res.statusCode ?? 0;
        connection = String(res.headers.connection ?? '');
        res.resume();
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    req.on('error', finish);
    req.on('close', () => setTimeout(finish, 50));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (written < bytes && !req.destroyed) {
        const size = Math.min(chunk.length, bytes - written);
        written += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-bench-memory-'));
  const port = await freePort();
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
        PRESSLUFT_LOG_LEVEL: 'warn',
        PRESSLUFT_MAX_BODY_BYTES: String(limitBytes),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    const started = Date.now();
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() - started > 60_000) throw new Error('the control plane did not start within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pid = child.pid as number;
    // Warm up every route once with a small body, so first-use allocations are not counted as growth.
    for (const route of routes) await send(port, route, 1024, true);
    const baseline = await memory(pid);
    const hwmBefore = baseline.hwmKb;
    console.log(
      `control plane pid ${pid}, body limit ${limitBytes} B, baseline RSS ${(baseline.rssKb / 1024).toFixed(1)} MB (peak so far ${(hwmBefore / 1024).toFixed(1)} MB)`,
    );

    console.log('\nreference: a body just under the limit (60 KiB), chunked, to each route');
    for (const route of routes) {
      const result = await send(port, route, 60 * 1024, true);
      const now = await memory(pid);
      console.log(
        `  ${route.name.padEnd(20)} ${String(result.status).padEnd(4)} RSS ${((now.rssKb - baseline.rssKb) / 1024).toFixed(1).padStart(6)} MB over baseline`,
      );
    }
    const referencePeak = (await memory(pid)).hwmKb;

    const bytes = bodyMegabytes * 1024 * 1024;
    let worstGrowthKb = 0;
    for (const chunked of [true, false]) {
      console.log(
        `\n${bodyMegabytes} MB body, ${chunked ? 'chunked (no Content-Length)' : 'with Content-Length'}`,
      );
      for (const route of routes) {
        const began = performance.now();
        const result = await send(port, route, bytes, chunked);
        const now = await memory(pid);
        const growthKb = now.hwmKb - baseline.rssKb;
        worstGrowthKb = Math.max(worstGrowthKb, growthKb);
        console.log(
          `  ${route.name.padEnd(20)} ${String(result.status).padEnd(4)} connection: ${result.connection.padEnd(10)} client wrote ${(result.written / 1024 / 1024).toFixed(1).padStart(6)} MB in ${Math.round(performance.now() - began)} ms; peak RSS growth ${(growthKb / 1024).toFixed(1)} MB`,
        );
      }
    }
    const peak = await memory(pid);
    console.log(
      `\npeak RSS ${(peak.hwmKb / 1024).toFixed(1)} MB; growth over the baseline: worst ${(worstGrowthKb / 1024).toFixed(1)} MB with ${bodyMegabytes} MB bodies, ${((referencePeak - baseline.rssKb) / 1024).toFixed(1)} MB for the under-limit reference (goal < 20 MB: ${worstGrowthKb / 1024 < 20 ? 'met' : 'NOT met'})`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
