import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  type JsonValue,
  type ProvisionConnection,
  ProvisionError,
  type ProvisionEvent,
  type ProvisionerRuntime,
  type ProvisionerV1,
  type ProvisionInput,
  type ProvisionRecovery,
  type ProvisionResult,
  type ProvisionRunIdentity,
  type ReadinessInput,
  type ReadinessReport,
  Redactor,
} from '@pressluft/core';
import { execa } from 'execa';
import { err, errAsync, ok, okAsync, ResultAsync } from 'neverthrow';
import { isObject } from './ansible-event.js';
import { checkAnsibleContent } from './check-content.js';
import { defaultAnsibleDirectory } from './default-paths.js';
import { findExecutable } from './find-executable.js';
import { ReadinessFailureCollector } from './readiness-failures.js';
import { type PlaybookRunResult, runPlaybook } from './run-playbook.js';
import { prepareRunParent, sweepRuns } from './run-records.js';
import { type RunSummary, sumCounter } from './run-summary.js';

/** Options of {@link createAnsibleProvisioner}; every one has a default. */
export interface AnsibleProvisionerOptions {
  /** The ansible-playbook command: a path, or a name looked up in `searchPath`. Default `ansible-playbook`. */
  readonly ansiblePlaybookPath?: string;
  /** Where a bare command name is looked up. Default the process's PATH, then `/usr/local/bin:/usr/bin:/bin`. */
  readonly searchPath?: string;
  /**
   * The directory holding `ansible.cfg`, `plugins/callback/` and `playbooks/`. Default the repository's
   * `ansible/`, found relative to this package (works inside the monorepo; pass it when installed elsewhere).
   */
  readonly ansibleDirectory?: string;
  /** The ansible.cfg to use. Default `<ansibleDirectory>/ansible.cfg`. */
  readonly ansibleConfigPath?: string;
  /** The directory of the `pressluft_events` callback plugin. Default `<ansibleDirectory>/plugins/callback`. */
  readonly callbackPluginDirectory?: string;
  /** The playbook `ProvisionerV1.provision` runs. Default `<ansibleDirectory>/playbooks/node-provision.yml`. */
  readonly provisionPlaybookPath?: string;
  /** The playbook `ProvisionerV1.checkReadiness` runs. Default `<ansibleDirectory>/playbooks/node-readiness.yml`. */
  readonly readinessPlaybookPath?: string;
  /**
   * Collections Ansible may load (`ANSIBLE_COLLECTIONS_PATH`). Default: none, so playbooks can only use
   * ansible.builtin, whatever is installed on the machine.
   */
  readonly collectionsPath?: string;
  /**
   * Where the private per-run directories are created (`job-<id>-attempt-<n>-xxxxxx`, each 0700 with a
   * `run.json` record of its job attempt and processes). It is made 0700 when missing; a directory of
   * another user or a shared sticky one (`/tmp` itself) is refused. Give each control plane its own,
   * inside its data directory: the provisioner's `recover()` removes the runs of dead processes found
   * here. Default `<OS temp dir>/pressluft-runs-<uid>`.
   */
  readonly runDirectory?: string;
  /** @deprecated The former name of `runDirectory`, used when that is not set. */
  readonly temporaryDirectory?: string;
  /** How often ssh is retried when it exits with 255 (`ANSIBLE_SSH_RETRIES`). Default 3. */
  readonly sshRetries?: number;
  /** Milliseconds between SIGINT, SIGTERM and SIGKILL when a run is stopped. Default 3000. */
  readonly killGraceMs?: number;
  /** Characters of failure output kept at each end (head and tail). Default 2048. */
  readonly outputLimit?: number;
  /** The clock. Default `Date.now`. */
  readonly now?: () => number;
}

/** The name the readiness playbook reports its findings under, through `ansible.builtin.set_stats`. */
export const READINESS_STATS_KEY = 'pressluft_readiness_missing';

/**
 * Create a `ProvisionerV1` that runs `ansible-playbook` over SSH: provisioning with the
 * node-provision playbook, readiness with the node-readiness playbook, each in a private temporary
 * directory with a pinned (or first-use) host key, live task events and classified errors.
 */
export function createAnsibleProvisioner(options: AnsibleProvisionerOptions = {}): ProvisionerV1 {
  const ansibleDirectory = options.ansibleDirectory ?? defaultAnsibleDirectory;
  const command = options.ansiblePlaybookPath ?? 'ansible-playbook';
  const searchPath =
    options.searchPath ?? [process.env['PATH'], '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter);
  const now = options.now ?? Date.now;
  const settings = {
    ansibleConfigPath: options.ansibleConfigPath ?? join(ansibleDirectory, 'ansible.cfg'),
    callbackPluginDirectory: options.callbackPluginDirectory ?? join(ansibleDirectory, 'plugins', 'callback'),
    collectionsPath: options.collectionsPath,
    runDirectory:
      options.runDirectory ??
      options.temporaryDirectory ??
      join(tmpdir(), `pressluft-runs-${process.getuid?.() ?? 'user'}`),
    sshRetries: options.sshRetries ?? 3,
    killGraceMs: options.killGraceMs ?? 3000,
    outputLimit: options.outputLimit ?? 2048,
    now,
  };
  const provisionPlaybookPath =
    options.provisionPlaybookPath ?? join(ansibleDirectory, 'playbooks', 'node-provision.yml');
  const readinessPlaybookPath =
    options.readinessPlaybookPath ?? join(ansibleDirectory, 'playbooks', 'node-readiness.yml');

  const missingRuntime = (detail: string): ProvisionError =>
    new ProvisionError({
      code: 'PROVISION_RUNTIME_MISSING',
      message: `ansible-playbook was not found (${detail}).`,
      guidance:
        'Install ansible-core (Debian/Ubuntu: apt-get install --no-install-recommends ansible-core openssh-client) or set ansiblePlaybookPath to its location.',
      details: { command },
    });

  // Only a found binary is remembered, so installing Ansible later is noticed without a restart.
  let resolvedPath: string | undefined;
  const resolveRuntime = (): ResultAsync<string, ProvisionError> => {
    if (resolvedPath !== undefined) return okAsync(resolvedPath);
    return ResultAsync.fromSafePromise(findExecutable(command, searchPath)).andThen((path) => {
      if (path === undefined) return err(missingRuntime(`looked for "${command}" in ${searchPath}`));
      resolvedPath = path;
      return ok(path);
    });
  };

  const run = (
    playbookPath: string,
    input: ProvisionConnection & {
      readonly vars: ProvisionInput['vars'];
      readonly signal?: AbortSignal | undefined;
      readonly onEvent?: ProvisionInput['onEvent'];
      readonly timeoutMs?: number | undefined;
      readonly secrets?: readonly string[] | undefined;
      readonly run?: ProvisionRunIdentity | undefined;
    },
    checkMode: boolean,
  ): ResultAsync<PlaybookRunResult, ProvisionError> =>
    resolveRuntime()
      .andThen((path) => recoverOnce().map(() => path))
      .andThen((ansiblePlaybookPath) =>
        runPlaybook({
          ...settings,
          ansiblePlaybookPath,
          playbookPath,
          connection: {
            target: input.target,
            privateKey: input.privateKey,
            knownHostKey: input.knownHostKey,
          },
          vars: input.vars,
          checkMode,
          signal: input.signal,
          timeoutMs: input.timeoutMs,
          onEvent: input.onEvent,
          secrets: input.secrets ?? [],
          run: input.run,
        }),
      );

  const recover = (): ResultAsync<ProvisionRecovery, ProvisionError> =>
    ResultAsync.fromPromise(
      prepareRunParent(settings.runDirectory).then(() =>
        sweepRuns(settings.runDirectory, settings.killGraceMs, Date.now()),
      ),
      (error) =>
        new ProvisionError({
          code: 'PROVISION_RUNTIME_MISSING',
          message: `The run directory ${settings.runDirectory} could not be cleaned up: ${error instanceof Error ? error.message : String(error)}`,
          guidance: 'Give runDirectory a private directory (mode 0700) owned by the service user.',
          details: { runDirectory: settings.runDirectory },
          cause: error,
        }),
    );
  // The sweep runs once per provisioner before its first run, even when nobody called recover();
  // a failed sweep is tried again by the next run.
  let recovered: ResultAsync<ProvisionRecovery, ProvisionError> | undefined;
  const remember = (sweep: ResultAsync<ProvisionRecovery, ProvisionError>) => {
    recovered = sweep.mapErr((error) => {
      recovered = undefined;
      return error;
    });
    return recovered;
  };
  const recoverOnce = (): ResultAsync<void, ProvisionError> =>
    (recovered ?? remember(recover())).map(() => undefined);

  return {
    specificationVersion: 'v1',

    recover(): ResultAsync<ProvisionRecovery, ProvisionError> {
      return remember(recover());
    },

    checkRuntime(): ResultAsync<ProvisionerRuntime, ProvisionError> {
      return resolveRuntime().andThen((path) =>
        ResultAsync.fromPromise(
          execa(path, ['--version'], {
            env: {
              PATH: '/usr/local/bin:/usr/bin:/bin',
              LANG: 'C.UTF-8',
              HOME: tmpdir(),
              ANSIBLE_NOCOLOR: '1',
            },
            extendEnv: false,
            stdin: 'ignore',
            timeout: 30_000,
          }),
          (error) => {
            resolvedPath = undefined;
            return missingRuntime(
              `"${path} --version" failed: ${error instanceof Error ? error.message : String(error)}`,
            );
          },
        )
          .andThen((result) => {
            const firstLine = result.stdout.split('\n')[0] ?? '';
            const version =
              /\[core ([^\]]+)\]/.exec(firstLine)?.[1] ?? /(\d+\.\d+[^\s]*)/.exec(firstLine)?.[1];
            if (version === undefined) return err(missingRuntime(`"${path} --version" printed no version`));
            return ok({ name: 'ansible-playbook', version, path });
          })
          .andThen((runtime) =>
            checkAnsibleContent({
              ansiblePlaybookPath: path,
              ansibleConfigPath: settings.ansibleConfigPath,
              callbackPluginDirectory: settings.callbackPluginDirectory,
              playbookPaths: [provisionPlaybookPath, readinessPlaybookPath],
            }).map(() => runtime),
          ),
      );
    },

    provision(input: ProvisionInput): ResultAsync<ProvisionResult, ProvisionError> {
      return run(provisionPlaybookPath, input, input.checkMode ?? false).map((result) => {
        const changed = sumCounter(result.summary.perHost, 'changed');
        // Ansible counts a changed task as ok too; the contract's ok means "already as wanted".
        const okCount = Math.max(0, sumCounter(result.summary.perHost, 'ok') - changed);
        return { hostKey: result.hostKey, changed, ok: okCount, durationMs: result.durationMs };
      });
    },

    checkReadiness(input: ReadinessInput): ResultAsync<ReadinessReport, ProvisionError> {
      const redactor = new Redactor([input.privateKey, ...(input.secrets ?? [])]);
      // A failed task (an assert, a check) is a finding with its message, not a crashed run.
      const failures = new ReadinessFailureCollector();
      const onEvent = (event: ProvisionEvent): void => {
        failures.add(event);
        input.onEvent?.(event);
      };
      return run(readinessPlaybookPath, { ...input, onEvent }, false)
        .andThen((result) => {
          const reported = readinessFindings(result.summary);
          if (reported === undefined && failures.findings.length === 0) {
            return errAsync(
              new ProvisionError({
                code: 'PROVISION_PLAYBOOK_INVALID',
                message: `The readiness playbook reported no findings: it must call ansible.builtin.set_stats with data.${READINESS_STATS_KEY} (a list of strings), or fail a task.`,
              }),
            );
          }
          const scrubbed = [...(reported ?? []), ...failures.findings].map((line) => redactor.redact(line));
          return okAsync({ ready: scrubbed.length === 0, missing: scrubbed, hostKey: result.hostKey });
        })
        .orElse((error) =>
          error.code === 'PROVISION_PLAYBOOK_FAILED' && failures.findings.length > 0
            ? okAsync({
                ready: false,
                missing: failures.findings.map((line) => redactor.redact(line)),
                // The run stopped at a failed task; the key it connected with is the pinned one.
                hostKey: input.knownHostKey ?? '',
              })
            : errAsync(error),
        );
    },
  };
}

/** The findings the readiness playbook reported through set_stats, run-wide or per host. */
function readinessFindings(summary: RunSummary): string[] | undefined {
  let found: string[] | undefined;
  const collect = (scope: JsonValue | undefined): void => {
    if (!isObject(scope)) return;
    const value = scope[READINESS_STATS_KEY];
    if (!Array.isArray(value)) return;
    found = [
      ...(found ?? []),
      ...value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))),
    ];
  };
  for (const scope of Object.values(summary.custom)) collect(scope);
  return found;
}
