import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTestHostPrerequisites, startTestHost, type TestHost } from '@pressluft/test-host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A newcomer's first minutes, for real: a fresh Debian 12 host that has nothing but Node.js and pnpm (copied
 * from this machine, as this kind of machine installs them) gets a clone of the repository and runs the
 * README's start command exactly as README.md writes it. apt and npm reach their registries through the
 * test host's loopback proxy; nothing else is reachable from inside.
 */

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The first shell line of the code block after `<!-- marker -->` in README.md (as .ci/run reads it). */
function readmeCommand(marker: string): string {
  const lines = readFileSync(join(repositoryRoot, 'README.md'), 'utf8').split('\n');
  const at = lines.findIndex((line) => line.trim() === `<!-- ${marker} -->`);
  const fence = lines.findIndex((line, index) => index > at && line.startsWith('```'));
  const command = lines[fence + 1];
  if (at < 0 || fence < 0 || command === undefined || command.startsWith('```')) {
    throw new Error(`README.md has no command after <!-- ${marker} -->`);
  }
  return command;
}

const skip = checkTestHostPrerequisites();
const SERVER_PORT = 8080;
const BASE = `http://127.0.0.1:${SERVER_PORT}`;

/** Runs inside the host: health, the login page, a login with the token, and the dashboard it opens. */
const probeScript = `
const base = ${JSON.stringify(BASE)};
const token = process.argv[2];
const out = {};
// The provisioning runtime is checked in the background: wait until that check has an answer.
for (let tries = 0; ; tries++) {
  const health = await fetch(base + '/api/health');
  out.health = { status: health.status, body: await health.json() };
  if (out.health.body.parts?.provisioner?.state !== 'checking' || tries > 100) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
out.loginPage = (await fetch(base + '/login')).status;
const login = await fetch(base + '/login', {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
  body: new URLSearchParams({ token, next: '/nodes' }),
});
out.login = login.status;
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
out.nodes = (await fetch(base + '/nodes', { headers: { cookie } })).status;
console.log(JSON.stringify(out));
`;

describe.skipIf(skip !== undefined)(
  `README start command on a fresh Debian 12 host${skip ? ` (${skip})` : ''}`,
  () => {
    let host: TestHost;
    const started = Date.now();
    const phase = (name: string, since: number) =>
      console.log(`[readme-on-fresh-host] ${name}: ${((Date.now() - since) / 1000).toFixed(1)} s`);

    /** Run a command in the host with the environment a newcomer's shell would have. */
    const run = (command: string) =>
      host.exec(
        `bash -c ${shellQuote(
          [
            'export HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
            `export http_proxy=${host.proxyUrl} https_proxy=${host.proxyUrl}`,
            `export npm_config_proxy=${host.proxyUrl} npm_config_https_proxy=${host.proxyUrl}`,
            'export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/pressluft-test-ca.crt',
            command,
          ].join('\n'),
        )}`,
      );

    /** Start a command in the background inside the host; returns its pid there. */
    const startInBackground = async (command: string, log: string): Promise<number> => {
      const result = await run(
        `cd /root/pressluft && (setsid bash -c ${shellQuote(command)} > ${log} 2>&1 & echo $!)`,
      );
      expect(result.exitCode, result.stderr).toBe(0);
      return Number(result.stdout.trim());
    };

    /** Wait until /api/health answers inside the host, or the process died (its log is in the error). */
    const waitForHealth = async (pid: number, log: string, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const probe = await run(
          `node -e "fetch('${BASE}/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`,
        );
        if (probe.exitCode === 0) return;
        const alive = await run(`kill -0 ${pid}`);
        if (alive.exitCode !== 0 || Date.now() > deadline) {
          const output = await run(`tail -n 60 ${log}`);
          throw new Error(`the control plane did not answer /api/health:\n${output.stdout}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    };

    const stopProcess = async (pid: number) => {
      await run(
        `kill -TERM -- -${pid} 2>/dev/null; for i in $(seq 50); do kill -0 ${pid} 2>/dev/null || exit 0; sleep 0.2; done; kill -KILL -- -${pid}`,
      );
    };

    beforeAll(async () => {
      const keyDirectory = join(repositoryRoot, 'node_modules', '.cache', 'pressluft-readme-host');
      mkdirSync(keyDirectory, { recursive: true });
      const keyPath = join(keyDirectory, 'id_ed25519');
      if (!existsSync(keyPath)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
      host = await startTestHost({ authorizedKey: readFileSync(`${keyPath}.pub`, 'utf8').trim() });

      // Only Node.js (with its headers, which node-gyp builds against) and pnpm, as installed here.
      const copyStarted = Date.now();
      const root = host.rootfs;
      cpSync('/usr/bin/node', join(root, 'usr/bin/node'));
      cpSync('/usr/include/node', join(root, 'usr/include/node'), { recursive: true });
      for (const tool of ['npm', 'pnpm']) {
        cpSync(`/usr/lib/node_modules/${tool}`, join(root, `usr/lib/node_modules/${tool}`), {
          recursive: true,
        });
      }
      const npmrc = join(homedir(), '.npmrc');
      if (existsSync(npmrc)) cpSync(npmrc, join(root, 'root/.npmrc'));
      // The CA bundle this machine's clients trust (the registries may be reached through an inspecting proxy).
      cpSync(
        process.env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt',
        join(root, 'etc/ssl/certs/pressluft-test-ca.crt'),
      );
      const links = await host.exec(
        [
          'ln -sf ../lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm',
          'ln -sf ../lib/node_modules/npm/bin/npx-cli.js /usr/bin/npx',
          'ln -sf ../lib/node_modules/pnpm/bin/pnpm.cjs /usr/bin/pnpm',
          'node --version && pnpm --version',
        ].join(' && '),
      );
      expect(links.exitCode, links.stderr).toBe(0);
      // The repository as a newcomer clones it: what is committed, nothing from this work tree's node_modules.
      execFileSync('git', [
        'clone',
        '--quiet',
        '--no-hardlinks',
        repositoryRoot,
        join(root, 'root/pressluft'),
      ]);
      writeFileSync(join(root, 'root/probe.mjs'), probeScript);
      phase('copy Node, pnpm and the repository', copyStarted);
    }, 300_000);

    afterAll(async () => {
      if (host === undefined) return;
      await host.stop();
      expect(await host.leftovers()).toEqual([]);
      phase('whole suite', started);
    }, 120_000);

    it('the start command, verbatim, ends with the control plane listening, its token printed and the dashboard login working; without Ansible it still starts and says what is missing', async () => {
      const startCommand = readmeCommand('start-command');
      const before = await run('command -v ansible-playbook g++ || true');
      expect(before.stdout.trim(), 'the fresh host must not have Ansible or a compiler yet').toBe('');

      const firstStarted = Date.now();
      const pid = await startInBackground(startCommand, '/root/start.log');
      await waitForHealth(pid, '/root/start.log', 1_800_000);
      phase('README start command to /api/health', firstStarted);

      const log = (await run('cat /root/start.log')).stdout;
      const token = /operator token[^\n]*\n\s*(\S{32,})/i.exec(log)?.[1];
      expect(token, `no operator token in the output:\n${log.slice(-3000)}`).toBeDefined();
      const probe = await run(`cd /root && node probe.mjs ${shellQuote(token ?? '')}`);
      expect(probe.exitCode, probe.stderr).toBe(0);
      const seen = JSON.parse(probe.stdout) as {
        health: { status: number; body: unknown };
        loginPage: number;
        login: number;
        nodes: number;
      };
      expect(seen.health.status).toBe(200);
      expect(seen.health.body).toMatchObject({ status: 'ok', parts: { provisioner: { state: 'ready' } } });
      expect(seen.loginPage).toBe(200);
      expect(seen.login).toBe(303);
      expect(seen.nodes).toBe(200);
      expect((await run('command -v ansible-playbook')).exitCode).toBe(0);
      await stopProcess(pid);

      // Degraded mode: the same server with Ansible removed starts, serves, and names what is missing.
      const removal = await run(
        'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ansible-core >/dev/null && ! command -v ansible-playbook',
      );
      expect(removal.exitCode, removal.stderr).toBe(0);
      const secondStarted = Date.now();
      const degradedPid = await startInBackground('pnpm start', '/root/start-degraded.log');
      await waitForHealth(degradedPid, '/root/start-degraded.log', 120_000);
      phase('pnpm start without Ansible to /api/health', secondStarted);
      const degraded = await run(`cd /root && node probe.mjs ${shellQuote(token ?? '')}`);
      expect(degraded.exitCode, degraded.stderr).toBe(0);
      const seenDegraded = JSON.parse(degraded.stdout) as typeof seen;
      expect(seenDegraded.health.status).toBe(200);
      expect(seenDegraded.health.body).toMatchObject({
        status: 'degraded',
        parts: {
          http: { state: 'ready' },
          store: { state: 'ready' },
          provisioner: { state: 'missing', code: 'PROVISION_RUNTIME_MISSING' },
        },
      });
      expect(JSON.stringify(seenDegraded.health.body)).toContain('apt-get install');
      expect(seenDegraded.login).toBe(303);
      expect(seenDegraded.nodes).toBe(200);
      await stopProcess(degradedPid);
    }, 2_400_000);
  },
);

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
