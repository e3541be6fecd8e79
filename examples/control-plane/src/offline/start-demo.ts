import { execFile } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type LoopbackSshd, startLoopbackSshd } from '@pressluft/ansible-runner/testing';
import { createHetznerProviderFactory } from '@pressluft/provider-hetzner';
import {
  type HetznerFakeServer,
  hetznerFakeReadOnlyToken,
  hetznerFakeToken,
  hetznerFakeUnknownToken,
  startHetznerFakeServer,
} from '@pressluft/provider-hetzner/testing';
import { parseConfig } from '../config.js';
import { type RunningServer, startServer } from '../server.js';
import { withLoopbackServers } from './loopback-servers.js';

const run = promisify(execFile);
const demoProvisionPlaybook = fileURLToPath(new URL('../../playbooks/demo-provision.yml', import.meta.url));
const demoReadinessPlaybook = fileURLToPath(new URL('../../playbooks/demo-readiness.yml', import.meta.url));

/** What {@link startDemo} takes. */
export interface DemoOptions {
  /** Environment overrides, as for the real server (PORT, PRESSLUFT_DATA_DIR, PRESSLUFT_ADMIN_TOKEN, ...). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Fake action durations in ms (create, start, delete). Default 4 s, 2 s, 2 s: long enough to watch. */
  readonly actionDurations?: {
    readonly create_server?: number;
    readonly start_server?: number;
    readonly delete_server?: number;
  };
  /** Where log lines go. Default standard output. */
  readonly writeLog?: (line: string) => void;
  /** Where notices go. Default standard output. */
  readonly print?: (text: string) => void;
}

/** A running demo. */
export interface RunningDemo {
  readonly server: RunningServer;
  /** The fake Hetzner API. */
  readonly fake: HetznerFakeServer;
  /** The loopback SSH server nodes are provisioned on, when it could be started. */
  readonly sshd: LoopbackSshd | null;
  /** A read-write token the fake accepts. */
  readonly hetznerToken: string;
  /** Stop the control plane, the sshd and the fake. */
  stop(): Promise<void>;
}

/** Authorize a key for a local user, as cloud-init does on a new server. */
async function authorizeKeyFor(user: string, publicKey: string): Promise<void> {
  const { stdout } = await run('getent', ['passwd', user]);
  const home = stdout.split(':')[5];
  if (!home) throw new Error(`no home directory for ${user}`);
  await appendFile(path.join(home, '.ssh', 'authorized_keys'), `${publicKey.trim()}\n`);
}

/**
 * The offline demo: the Hetzner fake on a loopback port, a throwaway sshd on another one standing in
 * for every server the fake creates (provisioned with a harmless playbook that changes nothing), and
 * the control plane pointed at both, on a fresh data directory (`./.pressluft-demo`, wiped at start).
 * Without root or sshd the demo still runs, but nodes stop at the SSH wait.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const environment = { ...options.environment };
  const fake = await startHetznerFakeServer({
    fakeOptions: {
      actionDurations: {
        create_server: options.actionDurations?.create_server ?? 4_000,
        start_server: options.actionDurations?.start_server ?? 2_000,
        delete_server: options.actionDurations?.delete_server ?? 2_000,
      },
    },
  });
  let sshd: LoopbackSshd | null = null;
  try {
    sshd = await startLoopbackSshd({ sudo: false });
  } catch (error) {
    print(
      `  No loopback sshd (${(error as Error).message.split('\n')[0]}): it needs root and openssh-server.\n` +
        '  The demo runs, but nodes will wait for SSH and fail with PROVISION_SSH_UNREACHABLE.',
    );
  }

  const config = parseConfig({
    PRESSLUFT_DATA_DIR: './.pressluft-demo',
    PRESSLUFT_PROVISION_PLAYBOOK: demoProvisionPlaybook,
    PRESSLUFT_READINESS_PLAYBOOK: demoReadinessPlaybook,
    PRESSLUFT_SHUTDOWN_GRACE_MS: '3000',
    ...environment,
    PRESSLUFT_HETZNER_API_URL: fake.url,
  });
  if (config.isErr()) {
    await Promise.all([fake.stop(), sshd?.stop()]);
    throw config.error;
  }
  await rm(config.value.dataDir, { recursive: true, force: true });

  const hetzner = createHetznerProviderFactory({ baseUrl: fake.url });
  const loopbackSshd = sshd;
  const started = await startServer({
    config: config.value,
    providers: [
      loopbackSshd === null
        ? hetzner
        : withLoopbackServers(hetzner, {
            host: loopbackSshd.target.host,
            port: loopbackSshd.target.port,
            user: loopbackSshd.target.user,
            authorizeKey: (publicKey) => authorizeKeyFor(loopbackSshd.target.user, publicKey),
          }),
    ],
    provisioning: {
      sshWaitMs: loopbackSshd === null ? 20_000 : 60_000,
      sshWaitIntervalMs: 500,
      ...(loopbackSshd === null
        ? {}
        : { sshUser: loopbackSshd.target.user, sshPort: loopbackSshd.target.port }),
    },
    ...(options.writeLog === undefined ? {} : { writeLog: options.writeLog }),
    print,
  });
  if (started.isErr()) {
    await Promise.all([fake.stop(), sshd?.stop()]);
    throw started.error;
  }
  const server = started.value;
  print(
    [
      '',
      `  Offline demo: Hetzner fake at ${fake.url}`,
      loopbackSshd === null
        ? '  No loopback sshd: provisioning cannot reach the nodes.'
        : `  Every server is provisioned on ${loopbackSshd.target.user}@${loopbackSshd.target.host}:${loopbackSshd.target.port} with playbooks/demo-*.yml (they change nothing).`,
      '  Hetzner tokens the fake accepts (paste one into "Connect a provider"):',
      `    read & write: ${hetznerFakeToken}`,
      `    read only:    ${hetznerFakeReadOnlyToken}`,
      `    unknown:      ${hetznerFakeUnknownToken}`,
      '',
    ].join('\n'),
  );
  return {
    server,
    fake,
    sshd,
    hetznerToken: hetznerFakeToken,
    async stop() {
      await server.stop();
      await Promise.all([fake.stop(), sshd?.stop()]);
    },
  };
}
