#!/usr/bin/env node
// Consumer smoke test: the published packages work for a project outside this repository.
//
// 1. build and `pnpm pack` every publishable package (packages/*, not private);
// 2. install the tarballs into a fresh temporary project outside the workspace, with npm (and, with
//    --pnpm, a second time with pnpm 10), running no install scripts; better-sqlite3's native module is
//    the workspace's own compiled binary copied in (same version, checked), so CI does not compile it twice;
// 3. `tsc --noEmit` with skipLibCheck: false on a file importing every public entry point and on the
//    README's embedding example;
// 4. run the README's embedding example (the code block under "## Embedding" in README.md, with a few
//    substitutions that each must match exactly once) against the package's own Hetzner fake, whose
//    server is a disposable Debian 12 test host (packages/test-host), through @pressluft/ansible-runner
//    with its shipped default playbooks, for real, until the node is `ready`.
// Prints the cost of each phase. Needs root (the test host), ansible-playbook and ssh; outside CI, a
// machine without the test host's prerequisites skips step 4 with one line saying what to install.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const managers = process.argv.includes('--pnpm') ? ['npm', 'pnpm'] : ['npm'];
const keep = process.argv.includes('--keep');
const timings = [];

function phase(name, action) {
  const started = performance.now();
  const result = action();
  const ms = performance.now() - started;
  timings.push([name, ms]);
  console.log(`[consumer-smoke] ${name}: ${(ms / 1000).toFixed(1)} s`);
  return result;
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

const packages = readdirSync(join(root, 'packages'))
  .map((name) => ({ name, directory: join(root, 'packages', name) }))
  .map((entry) => ({
    ...entry,
    manifest: JSON.parse(readFileSync(join(entry.directory, 'package.json'), 'utf8')),
  }))
  .filter((entry) => entry.manifest.private !== true);

const work = mkdtempSync(join(tmpdir(), 'pressluft-consumer-'));
process.on('exit', (code) => {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`[consumer-smoke] kept ${work}`);
  if (code !== 0) console.error('[consumer-smoke] FAILED');
});
if (work.startsWith(root)) throw new Error(`the consumer project must be outside the workspace: ${work}`);
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);

if (!process.argv.includes('--no-build'))
  phase('build', () =>
    run('pnpm', ['-r', ...packages.flatMap((p) => ['--filter', p.manifest.name]), 'run', 'build'], {
      cwd: root,
    }),
  );
const packed = phase('pack', () =>
  Object.fromEntries(
    packages.map((p) => {
      const output = execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
        cwd: p.directory,
        encoding: 'utf8',
      });
      const file = output.trim().split('\n').at(-1).trim();
      const listing = execFileSync('tar', ['tzf', file], { encoding: 'utf8' });
      const manifest = execFileSync('tar', ['xzOf', file, 'package/package.json'], { encoding: 'utf8' });
      const { exports, main, types, dependencies, peerDependencies } = JSON.parse(manifest);
      const published = JSON.stringify({ exports, main, types, dependencies, peerDependencies });
      if (
        published.includes('pressluft-source') ||
        published.includes('./src/') ||
        published.includes('workspace:')
      )
        throw new Error(
          `${p.manifest.name}: the packed package.json still points at sources or the workspace`,
        );
      if (!listing.includes('package/LICENSE'))
        throw new Error(`${p.manifest.name}: no LICENSE in the tarball`);
      if (/^package\/src\//m.test(listing)) throw new Error(`${p.manifest.name}: src/ in the tarball`);
      return [p.manifest.name, file];
    }),
  ),
);
if (
  !readFileSync(packed['@pressluft/ansible-runner'], 'latin1') ||
  !execFileSync('tar', ['tzf', packed['@pressluft/ansible-runner']], { encoding: 'utf8' }).includes(
    'package/dist/ansible/plugins/callback/pressluft_events.py',
  )
)
  throw new Error('@pressluft/ansible-runner: the tarball lacks the callback plugin');

// publint and arethetypeswrong on the tarballs as packed (offline: both read the local file).
phase('publint --strict, attw --profile esm-only', () => {
  for (const file of Object.values(packed)) {
    run(join(root, 'node_modules/.bin/publint'), ['run', file, '--strict'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    run(join(root, 'node_modules/.bin/attw'), [file, '--profile', 'esm-only', '--format', 'table-flipped'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
});

// The README's embedding example, adapted to the fake and the loopback sshd by exact substitutions.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = /## Embedding\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
if (block === undefined) throw new Error('README.md has no ```ts block under "## Embedding"');
const substitutions = [
  [
    'createHetznerProviderFactory()',
    'createHetznerProviderFactory({ baseUrl: smoke.hetznerUrl, fetch: smoke.fetch })',
  ],
  [
    'provisioner: createAnsibleProvisioner(),',
    'provisioner: createAnsibleProvisioner(),\n  ...smoke.controlPlaneOptions,',
  ],
  [
    'await controlPlane.stop();',
    'await smoke.finish(controlPlane, node.id, job.id);\nawait controlPlane.stop();',
  ],
];
let example = block;
for (const [from, to] of substitutions) {
  const count = example.split(from).length - 1;
  if (count !== 1) throw new Error(`README embedding example: expected "${from}" once, found ${count} times`);
  example = example.replace(from, to);
}
example = `import { smoke } from './smoke-harness.js';\n${example}`;

// The workspace's compiled better-sqlite3, reused (checked to be the same version as the consumer's).
const workspaceSqlite = join(root, 'packages/store-sqlite/node_modules/better-sqlite3');
const workspaceSqliteVersion = JSON.parse(
  readFileSync(join(workspaceSqlite, 'package.json'), 'utf8'),
).version;
const workspaceBinary = join(workspaceSqlite, 'build/Release/better_sqlite3.node');
if (!existsSync(workspaceBinary))
  throw new Error(`no compiled better-sqlite3 in the workspace: ${workspaceBinary}`);

const devVersions = (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

for (const manager of managers) {
  const project = join(work, `consumer-${manager}`);
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'pressluft-consumer-smoke',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(Object.entries(packed).map(([name, file]) => [name, `file:${file}`])),
          'better-sqlite3': workspaceSqliteVersion,
          neverthrow: '^8.2.0',
          // optional peers of @pressluft/provider-hetzner/testing/msw and @pressluft/core/conformance
          msw: '^2.9.0',
          vitest: '^3.2.0',
        },
        devDependencies: { typescript: devVersions('typescript'), '@types/node': '^20.19.0' },
      },
      null,
      2,
    )}\n`,
  );
  for (const file of ['entry-points.ts', 'smoke-harness.ts', 'tsconfig.json', 'load.mjs'])
    copyFileSync(join(here, file), join(project, file));
  writeFileSync(join(project, 'example.ts'), example);

  phase(`install (${manager})`, () => {
    if (manager === 'npm')
      run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd: project,
      });
    else
      run('pnpm', ['install', '--ignore-scripts', '--config.node-linker=hoisted', '--reporter=silent'], {
        cwd: project,
      });
    const target = join(project, 'node_modules/better-sqlite3');
    const version = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).version;
    if (version !== workspaceSqliteVersion)
      throw new Error(`better-sqlite3 ${version} installed, workspace has ${workspaceSqliteVersion}`);
    mkdirSync(join(target, 'build/Release'), { recursive: true });
    copyFileSync(workspaceBinary, join(target, 'build/Release/better_sqlite3.node'));
  });
  phase(`tsc --noEmit, skipLibCheck false (${manager})`, () =>
    run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: project }),
  );
  phase(`load every entry point, open a SQLite store (${manager})`, () =>
    run(process.execPath, ['load.mjs'], { cwd: project }),
  );
  if (manager !== 'npm') continue; // the example's run proves the same code; once is enough
  const hostStarted = performance.now();
  const host = await startTestHost(mkdtempSync(join(work, 'key-')));
  timings.push(['start the Debian 12 test host', performance.now() - hostStarted]);
  if (host.skip !== undefined) {
    console.log(`[consumer-smoke] README embedding example skipped: ${host.skip}`);
    continue;
  }
  try {
    phase(`README embedding example, real provisioning to ready (${manager})`, () => {
      const ts = join(project, 'node_modules/typescript/lib/typescript.js');
      run(process.execPath, [join(here, 'transpile.mjs'), ts, project], { cwd: project });
      run(process.execPath, ['example.js'], {
        cwd: project,
        env: {
          ...process.env,
          HCLOUD_TOKEN: randomBytes(32).toString('hex'),
          PRESSLUFT_SMOKE_HOST: host.address,
          PRESSLUFT_SMOKE_KEY_FILE: host.keyFile,
        },
      });
    });
  } finally {
    await host.stop();
  }
}

/**
 * Start scripts/consumer-smoke/test-host.ts (workspace code, through tsx) and wait for its JSON line.
 * `stop()` closes its standard input, which tears the host down, and fails when it left anything behind.
 */
async function startTestHost(keyDirectory) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'test-host.ts'), keyDirectory], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let output = '';
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const end = output.indexOf('\n');
      if (end >= 0) resolve(output.slice(0, end));
    });
    exited.then((code) => reject(new Error(`the test host helper exited (${code}) before it was ready`)));
  });
  return {
    ...JSON.parse(line),
    async stop() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the test host helper failed at teardown (${code})`);
    },
  };
}

const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
console.log('[consumer-smoke] cost:');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(50)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
console.log(`  ${'total'.padEnd(50)} ${(total / 1000).toFixed(1).padStart(7)} s`);
