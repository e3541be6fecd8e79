import { fork } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { temporaryDirectory } from './temporary-directory.js';

interface ClaimLine {
  readonly jobId?: string;
  readonly attempt?: number;
  readonly owner?: string;
  readonly token?: string;
  readonly error?: string;
}

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

const worker = join(import.meta.dirname, 'fixtures', 'claim-worker.ts');

function startClaimer(path: string, owner: string, batch: number) {
  const child = fork(worker, [path, owner, String(batch)], {
    execArgv: ['--conditions=pressluft-source', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
  const exited = new Promise<{ lines: ClaimLine[]; code: number | null; stderr: string }>((resolve) => {
    child.on('exit', (code) =>
      resolve({
        code,
        stderr,
        lines: stdout
          .split('\n')
          .filter((line) => line.length > 0)
          .map((line) => JSON.parse(line) as ClaimLine),
      }),
    );
  });
  return { child, ready, exited };
}

// Starting child processes through tsx takes seconds on a small machine; the limit only guards against a hang.
describe('several processes claiming from one database file', { timeout: 120_000 }, () => {
  it.each([
    { processes: 3, batch: 1 },
    { processes: 2, batch: 8 },
  ])(
    'never hands the same attempt to two of $processes processes (claim batch $batch)',
    async ({ processes, batch }) => {
      const path = join(directory.path, 'shared.db');
      const store = (await createSqliteStore({ path }))._unsafeUnwrap();
      const jobCount = 400;
      const retried = new Set<string>();
      for (let index = 0; index < jobCount; index++) {
        const failFirst = index % 5 === 0;
        const { job } = (await store.enqueueJob({ kind: 'noop', payload: { failFirst } }, 0))._unsafeUnwrap();
        if (failFirst) retried.add(job.id);
      }
      await store.close();

      const claimers = Array.from({ length: processes }, (_, index) =>
        startClaimer(path, `p${index}`, batch),
      );
      // Start them together once every process has opened the database.
      await Promise.all(claimers.map((claimer) => claimer.ready));
      for (const { child } of claimers) child.send('go');
      const results = await Promise.all(claimers.map((claimer) => claimer.exited));

      for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      const lines = results.flatMap((result) => result.lines);
      expect(lines.filter((line) => line.error !== undefined)).toEqual([]);
      const attempts = lines.map((line) => `${line.jobId}#${line.attempt}`);
      expect(new Set(attempts).size, 'no attempt was claimed twice').toBe(attempts.length);
      expect(new Set(lines.map((line) => line.token)).size, 'every claim got its own lease token').toBe(
        lines.length,
      );
      expect(lines.length).toBe(jobCount + retried.size);
      // Every process did some of the work, so the claims really competed.
      for (let index = 0; index < processes; index++) {
        expect(lines.some((line) => line.owner === `p${index}`)).toBe(true);
      }

      const raw = new Database(path, { readonly: true });
      const rows = raw.prepare('SELECT id, status, attempts FROM jobs').all() as {
        id: string;
        status: string;
        attempts: number;
      }[];
      raw.close();
      expect(rows).toHaveLength(jobCount);
      for (const row of rows) {
        expect(row.status).toBe('succeeded');
        expect(row.attempts).toBe(retried.has(row.id) ? 2 : 1);
      }
    },
  );
});
