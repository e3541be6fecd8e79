import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pressluft-lifecycle-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

/** Start `src/main.ts` as `pnpm start` does, and wait until it listens. */
async function startMain(extraArguments: string[] = []): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--conditions=pressluft-source', '--import', 'tsx', 'src/main.ts', ...extraArguments],
    {
      cwd: packageDirectory,
      env: { ...process.env, PORT: '0', PRESSLUFT_DATA_DIR: dataDir, PRESSLUFT_ADMIN_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const match = /"msg":"control plane listening","url":"([^"]+)"/.exec(output);
      if (match?.[1]) {
        clearInterval(check);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
  return { child, output: () => output, url, exited };
}

describe('the server process', () => {
  it('--help prints every variable and exits', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=pressluft-source', '--import', 'tsx', 'src/main.ts', '--help'],
      {
        cwd: packageDirectory,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('PRESSLUFT_HETZNER_API_URL');
    expect(output).toContain('default: ./.pressluft');
  });

  it('prints a generated operator token once, keeps only its hash, and stops cleanly on SIGTERM', async () => {
    const first = await startMain();
    const token = /(plt_[A-Za-z0-9_-]{43})/.exec(first.output())?.[1];
    expect(token).toBeDefined();
    expect(await readFile(path.join(dataDir, 'operator-token.sha256'), 'utf8')).not.toContain(token!);
    const authorized = await fetch(`${first.url}/api/nodes`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(authorized.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"control plane stopped"');
    // The token never reaches a log line.
    const logLines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.some((line) => line.includes(token!))).toBe(false);

    const second = await startMain();
    expect(second.output()).not.toMatch(/plt_[A-Za-z0-9_-]{43}/);
    const again = await fetch(`${second.url}/api/nodes`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
