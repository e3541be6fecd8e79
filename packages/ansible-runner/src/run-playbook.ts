import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type JsonObject,
  type ProvisionConnection,
  ProvisionError,
  type ProvisionEvent,
  type ProvisionRunIdentity,
  Redactor,
} from '@pressluft/core';
import { execa } from 'execa';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { parseAnsibleEventLine } from './ansible-event.js';
import { classifyRun } from './classify-run.js';
import { HeadTailBuffer } from './head-tail-buffer.js';
import { ansibleInventory } from './inventory.js';
import { firstHostKey, knownHostsLine, normalizeHostKey } from './known-hosts.js';
import { processGroupAlive, signalProcessGroup, stopProcessGroup, trackRun } from './process-group.js';
import {
  createRunDirectory,
  prepareRunParent,
  processStartTime,
  stopOlderRuns,
  writeRecord,
} from './run-records.js';
import { type RunSummary, RunSummaryBuilder } from './run-summary.js';
import { toProvisionEvent } from './to-provision-event.js';

/** Everything one ansible-playbook run needs; the provisioner fills it from its options and the input. */
export interface PlaybookRunOptions {
  /** Absolute path of ansible-playbook. */
  readonly ansiblePlaybookPath: string;
  /** The ansible.cfg to use (`ANSIBLE_CONFIG`). */
  readonly ansibleConfigPath: string;
  /** The directory holding the `pressluft_events` callback plugin. */
  readonly callbackPluginDirectory: string;
  /** Collections Ansible may load; undefined gives an empty per-run directory (ansible.builtin only). */
  readonly collectionsPath: string | undefined;
  /**
   * The directory the run's private directory is created in (made 0700 if missing; a shared sticky
   * directory such as `/tmp` itself is refused). Runs recorded there are swept by the provisioner's `recover()`.
   */
  readonly runDirectory: string;
  /** The job attempt the run belongs to: names its directory, and older attempts' runs are stopped first. */
  readonly run: ProvisionRunIdentity | undefined;
  /** The playbook to run. */
  readonly playbookPath: string;
  /** Target, key and pinned host key. */
  readonly connection: ProvisionConnection;
  /** Extra vars, written to a 0600 file and passed as `-e @file`. */
  readonly vars: JsonObject;
  /** Run with `--check`. */
  readonly checkMode: boolean;
  /** Aborting stops the run. */
  readonly signal: AbortSignal | undefined;
  /** Deadline in milliseconds. */
  readonly timeoutMs: number | undefined;
  /** The live event sink. */
  readonly onEvent: ((event: ProvisionEvent) => void) | undefined;
  /** Extra values to scrub. */
  readonly secrets: readonly string[];
  /** `ANSIBLE_SSH_RETRIES`. */
  readonly sshRetries: number;
  /** Time between SIGINT, SIGTERM and SIGKILL when stopping the process group. */
  readonly killGraceMs: number;
  /** Characters kept at each end of failure output. */
  readonly outputLimit: number;
  /** The clock. */
  readonly now: () => number;
}

/** What a finished, successful run reports. */
export interface PlaybookRunResult {
  /** What the events said. */
  readonly summary: RunSummary;
  /** The host key the node presented (`type base64`), or an empty string if no SSH connection was made. */
  readonly hostKey: string;
  /** Wall time in milliseconds. */
  readonly durationMs: number;
}

const PLAYBOOK_OUTPUT_LIMIT = 16 * 1024;

/**
 * Run one playbook against one node in a private directory and classify the result. The directory
 * (key, inventory, vars, known_hosts, control sockets) is removed on every path.
 */
export function runPlaybook(options: PlaybookRunOptions): ResultAsync<PlaybookRunResult, ProvisionError> {
  return new ResultAsync(
    runPlaybookSafely(options).catch(
      (error: unknown): Result<PlaybookRunResult, ProvisionError> =>
        err(
          new ProvisionError({
            code: 'PROVISION_PLAYBOOK_FAILED',
            message: `The run could not be prepared or supervised: ${new Redactor([options.connection.privateKey, ...options.secrets]).redact(error instanceof Error ? error.message : String(error))}`,
            cause: error,
          }),
        ),
    ),
  );
}

async function runPlaybookSafely(
  options: PlaybookRunOptions,
): Promise<Result<PlaybookRunResult, ProvisionError>> {
  const startedAt = options.now();
  const playbook = basename(options.playbookPath);
  const redactor = new Redactor([options.connection.privateKey, ...options.secrets]);
  const scrub = (text: string): string => redactor.redact(text);
  const { target, knownHostKey } = options.connection;

  if (options.signal?.aborted) {
    return err(
      new ProvisionError({
        code: 'PROVISION_CANCELLED',
        message: `Provisioning with ${playbook} was cancelled.`,
      }),
    );
  }
  const pinned = knownHostKey === null ? undefined : normalizeHostKey(knownHostKey);
  if (knownHostKey !== null && pinned === undefined) {
    return err(
      new ProvisionError({
        code: 'PROVISION_HOST_KEY_MISMATCH',
        message: 'The pinned host key is not an OpenSSH public key; clear it to trust the node again.',
      }),
    );
  }

  await prepareRunParent(options.runDirectory);
  // Every file in the run directory is written 0600; the record comes first (see run-records.ts).
  const created = await createRunDirectory(options.runDirectory, options.run, playbook, Date.now());
  const runDirectory = created.directory;
  let untrack = trackRun(undefined, runDirectory);
  try {
    if (options.run !== undefined) {
      // An earlier attempt of this job whose process outlived its lease must be gone before this one
      // touches the node; a later attempt that already runs means this attempt is the orphan.
      const older = await stopOlderRuns(options.runDirectory, options.run, runDirectory, options.killGraceMs);
      if (older.superseded !== undefined) {
        return err(
          new ProvisionError({
            code: 'PROVISION_CANCELLED',
            message: `Attempt ${options.run.attempt} of job ${options.run.jobId} was superseded by attempt ${older.superseded.attempt}; ${playbook} did not run.`,
          }),
        );
      }
    }
    const paths = {
      key: join(runDirectory, 'ssh_key'),
      inventory: join(runDirectory, 'inventory.json'),
      vars: join(runDirectory, 'extravars.json'),
      knownHosts: join(runDirectory, 'known_hosts'),
      controlSockets: created.record.controlDirectory,
      localTemp: join(runDirectory, 'tmp'),
      home: join(runDirectory, 'home'),
      collections: join(runDirectory, 'collections'),
    };
    for (const directory of [paths.localTemp, paths.home, paths.collections]) {
      await mkdir(directory, { mode: 0o700 });
    }
    // Made 0700 here unless it is the short directory mkdtemp already made (long run paths).
    await mkdir(paths.controlSockets, { recursive: true, mode: 0o700 });
    // OpenSSH rejects a key without its final newline or with CRLF ("error in libcrypto").
    const key = `${options.connection.privateKey.replace(/\r\n?/g, '\n').trimEnd()}\n`;
    await writeFile(paths.key, key, { mode: 0o600, flag: 'wx' });
    await writeFile(paths.inventory, JSON.stringify(ansibleInventory(target)), { mode: 0o600, flag: 'wx' });
    await writeFile(paths.vars, JSON.stringify(options.vars), { mode: 0o600, flag: 'wx' });
    await writeFile(
      paths.knownHosts,
      pinned === undefined ? '' : knownHostsLine(target.host, target.port, pinned),
      {
        mode: 0o600,
        flag: 'wx',
      },
    );

    const sshArgs = [
      '-o ControlMaster=auto',
      '-o ControlPersist=30s',
      '-o IdentitiesOnly=yes',
      '-o BatchMode=yes',
      // Trust on first use into an empty per-run file; once pinned, only the pinned key is accepted.
      `-o StrictHostKeyChecking=${pinned === undefined ? 'accept-new' : 'yes'}`,
      `-o UserKnownHostsFile=${quote(paths.knownHosts)}`,
      '-o GlobalKnownHostsFile=/dev/null',
      '-o HashKnownHosts=no',
      '-o UpdateHostKeys=no',
      '-o ServerAliveInterval=15',
      '-o ServerAliveCountMax=4',
    ].join(' ');
    const environment: Record<string, string> = {
      PATH: [...new Set([dirname(options.ansiblePlaybookPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(
        delimiter,
      ),
      HOME: paths.home,
      ANSIBLE_HOME: join(paths.home, '.ansible'),
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
      ANSIBLE_CONFIG: options.ansibleConfigPath,
      ANSIBLE_STDOUT_CALLBACK: 'pressluft_events',
      ANSIBLE_CALLBACK_PLUGINS: options.callbackPluginDirectory,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_FORCE_COLOR: '0',
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      ANSIBLE_LOCAL_TEMP: paths.localTemp,
      ANSIBLE_SSH_CONTROL_PATH_DIR: paths.controlSockets,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_SSH_ARGS: sshArgs,
      ANSIBLE_PIPELINING: 'True',
      ANSIBLE_SSH_RETRIES: String(options.sshRetries),
      ANSIBLE_COLLECTIONS_SCAN_SYS_PATH: 'False',
      ANSIBLE_COLLECTIONS_PATH: options.collectionsPath ?? paths.collections,
      ANSIBLE_INVENTORY_ENABLED: 'yaml',
      ANSIBLE_INVENTORY_UNPARSED_FAILED: 'True',
      ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED: 'True',
      ANSIBLE_DEPRECATION_WARNINGS: 'False',
      ANSIBLE_LOCALHOST_WARNING: 'False',
    };
    const args = [
      '-i',
      paths.inventory,
      '--private-key',
      paths.key,
      '-e',
      `@${paths.vars}`,
      ...(options.checkMode ? ['--check'] : []),
      options.playbookPath,
    ];

    const subprocess = execa(options.ansiblePlaybookPath, args, {
      cwd: runDirectory,
      env: environment,
      extendEnv: false,
      detached: true,
      stdin: 'ignore',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      stripFinalNewline: false,
    });
    const pid = subprocess.pid;
    untrack();
    untrack = trackRun(pid, runDirectory);
    if (pid !== undefined) {
      // With its process, so a successor can find and stop the group if this process dies first.
      const startTime = (await processStartTime(pid)) ?? null;
      await writeRecord(runDirectory, { ...created.record, ansible: { pid, pgid: pid, startTime } }).catch(
        () => undefined,
      );
    }

    let cancelled = false;
    let timedOut = false;
    let cancelEscalation: (() => void) | undefined;
    const stop = (reason: 'cancel' | 'timeout'): void => {
      if (cancelled || timedOut) return;
      if (reason === 'cancel') cancelled = true;
      else timedOut = true;
      if (pid !== undefined) cancelEscalation = stopProcessGroup(pid, options.killGraceMs);
    };
    const onAbort = (): void => stop('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const deadline =
      options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs);

    const summary = new RunSummaryBuilder();
    const rawStdout = new HeadTailBuffer(PLAYBOOK_OUTPUT_LIMIT);
    const stderr = new HeadTailBuffer(PLAYBOOK_OUTPUT_LIMIT);
    subprocess.stderr?.setEncoding('utf8');
    subprocess.stderr?.on('data', (chunk: string) => stderr.append(chunk));

    if (subprocess.stdout !== null) {
      const lines = createInterface({ input: subprocess.stdout, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        const event = parseAnsibleEventLine(line);
        if (event === undefined) {
          if (line.trim().length > 0) rawStdout.append(`${line}\n`);
          continue;
        }
        summary.add(event);
        const provisionEvent = toProvisionEvent(event, scrub, options.now());
        if (provisionEvent !== undefined && options.onEvent !== undefined) {
          try {
            options.onEvent(provisionEvent);
          } catch {
            // A failing sink must not break the run it observes.
          }
        }
      }
    }
    const result = await subprocess;
    options.signal?.removeEventListener('abort', onAbort);
    if (deadline !== undefined) clearTimeout(deadline);
    cancelEscalation?.();
    // A worker that outlived the main process would keep running the remote task: end the group.
    if (pid !== undefined && processGroupAlive(pid)) signalProcessGroup(pid, 'SIGKILL');

    if (result.failed && result.exitCode === undefined && result.signal === undefined) {
      const code = (result as { code?: string }).code;
      return err(
        new ProvisionError({
          code: 'PROVISION_RUNTIME_MISSING',
          message: `ansible-playbook could not be started at ${options.ansiblePlaybookPath}${code === undefined ? '' : ` (${code})`}.`,
          details: { path: options.ansiblePlaybookPath },
        }),
      );
    }

    const error = classifyRun(
      {
        playbook,
        exitCode: result.exitCode,
        signal: result.signal,
        cancelled,
        timedOut,
        timeoutMs: options.timeoutMs,
        summary: summary.summary,
        stderr: stderr.toString(),
        rawStdout: rawStdout.toString(),
      },
      scrub,
      options.outputLimit,
    );
    if (error !== undefined) return err(error);
    const seen = pinned ?? firstHostKey(await readFile(paths.knownHosts, 'utf8'));
    return ok({ summary: summary.summary, hostKey: seen ?? '', durationMs: options.now() - startedAt });
  } finally {
    await closeControlMasters(created.record.controlDirectory, join(runDirectory, 'home'));
    await rm(runDirectory, { recursive: true, force: true });
    await rm(created.record.controlDirectory, { recursive: true, force: true });
    untrack();
  }
}

/**
 * ControlPersist masters outlive ansible-playbook (and would let a later connection through the same
 * socket skip authentication), so ask each to exit before the directory goes.
 */
async function closeControlMasters(directory: string, home: string): Promise<void> {
  let sockets: string[];
  try {
    sockets = await readdir(directory);
  } catch {
    return;
  }
  const control = (socket: string, command: 'check' | 'exit') =>
    execa(
      'ssh',
      ['-o', `ControlPath=${join(directory, socket)}`, '-O', command, 'pressluft-control-master'],
      {
        env: { PATH: '/usr/bin:/bin', HOME: home },
        extendEnv: false,
        reject: false,
        stdin: 'ignore',
        timeout: 5000,
      },
    );
  await Promise.all(
    sockets.map(async (socket) => {
      // "Master running (pid=1234)": remember the pid, so the directory goes only after the master did.
      const check = await control(socket, 'check');
      const pid = Number(/pid=(\d+)/.exec(`${check.stdout}${check.stderr}`)?.[1]);
      await control(socket, 'exit');
      if (Number.isInteger(pid) && pid > 0) await waitForProcessExit(pid, 3000);
    }),
  );
}

async function waitForProcessExit(pid: number, limitMs: number): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 20) {
    let state: string | undefined;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch {
      return;
    }
    // A zombie has exited; only its reaper (init) still has to collect it.
    if (state === 'Z') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function quote(path: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
