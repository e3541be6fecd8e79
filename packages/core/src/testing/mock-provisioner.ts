import { err, ok, type Result, ResultAsync } from 'neverthrow';
import type { ProvisionErrorCode } from '../errors/error-codes.js';
import { ProvisionError } from '../errors/error-families.js';
import type {
  ProvisionEvent,
  ProvisionerRuntime,
  ProvisionerV1,
  ProvisionInput,
  ProvisionResult,
  ReadinessInput,
  ReadinessReport,
} from '../spec/provisioner-v1.js';

/** The methods of a mock provisioner that can be scripted and are recorded. */
export type MockProvisionerMethod = 'checkRuntime' | 'provision' | 'checkReadiness';

/** One recorded call; the input is kept as passed (it holds a private key: keep it inside the test). */
export interface MockProvisionerCall {
  /** The method called. */
  readonly method: MockProvisionerMethod;
  /** Its input, if it takes one. */
  readonly input: ProvisionInput | ReadinessInput | null;
}

/** Options of {@link createMockProvisioner}. */
export interface MockProvisionerOptions {
  /** The host key every node presents; a fixed ed25519 key line by default. */
  readonly hostKey?: string;
  /** The runtime `checkRuntime` reports. */
  readonly runtime?: ProvisionerRuntime;
  /** The names of the tasks a run goes through; three by default. */
  readonly tasks?: readonly string[];
  /** What readiness checks report missing; nothing by default (ready). */
  readonly missing?: readonly string[];
  /** Milliseconds each task takes; 0 by default. Aborting or a timeout interrupts the wait. */
  readonly taskMs?: number;
  /** The clock for event times; `Date.now` by default. */
  readonly now?: () => number;
}

/** A `ProvisionerV1` that provisions nothing, with call recording and scriptable failures. */
export interface MockProvisioner extends ProvisionerV1 {
  /** Every call, in order. */
  readonly calls: readonly MockProvisionerCall[];
  /** The hosts provisioned successfully, in order (a second run on one reports no changes). */
  readonly provisionedHosts: readonly string[];
  /** Make the next call of a method fail with this error (or a new error with this code); calls queue up. */
  failNext(method: MockProvisionerMethod, error: ProvisionError | ProvisionErrorCode): void;
  /** Make the next call of a method hang until its signal aborts (`PROVISION_CANCELLED`) or it times out. */
  hangNext(method: MockProvisionerMethod): void;
}

type ScriptStep = { readonly kind: 'fail'; readonly error: ProvisionError } | { readonly kind: 'hang' };

/** The host key a mock provisioner reports unless given another. */
export const defaultMockHostKey =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockHostKeyForPressluftTestsOnly0000000000';

/**
 * A mock `ProvisionerV1`: a run emits `playbook-started`, a start and a result per task and
 * `stats`, then reports a stable host key. It enforces the pinned host key
 * (`PROVISION_HOST_KEY_MISMATCH`), honours abort signals (`PROVISION_CANCELLED`) and timeouts
 * (`PROVISION_TIMEOUT`), and is idempotent: a second run on a host changes nothing.
 */
export function createMockProvisioner(options: MockProvisionerOptions = {}): MockProvisioner {
  const hostKey = options.hostKey ?? defaultMockHostKey;
  const tasks = options.tasks ?? ['Create the deploy user', 'Harden sshd', 'Enable the firewall'];
  const taskMs = options.taskMs ?? 0;
  const now = options.now ?? Date.now;
  const runtime: ProvisionerRuntime = options.runtime ?? {
    name: 'mock-provisioner',
    version: '1.0.0',
    path: '/usr/bin/mock-provisioner',
  };
  const calls: MockProvisionerCall[] = [];
  const provisionedHosts: string[] = [];
  const scripts = new Map<MockProvisionerMethod, ScriptStep[]>();

  const failure = (code: ProvisionErrorCode, message: string) => new ProvisionError({ code, message });

  const cancelled = () => failure('PROVISION_CANCELLED', 'The run was aborted.');

  // Resolves with the error that stops the run early (abort, deadline), or null once the time has passed.
  const pause = (milliseconds: number, signal: AbortSignal | undefined, deadline: number | null) =>
    new Promise<ProvisionError | null>((resolve) => {
      if (signal?.aborted) return resolve(cancelled());
      const remaining = deadline === null ? Number.POSITIVE_INFINITY : Math.max(0, deadline - now());
      const timesOut = remaining < milliseconds;
      const wait = Math.min(milliseconds, remaining);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: ProvisionError | null) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = () => finish(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      if (Number.isFinite(wait)) {
        timer = setTimeout(
          () => finish(timesOut ? failure('PROVISION_TIMEOUT', 'The run did not finish in time.') : null),
          wait,
        );
      }
    });

  const scripted = (method: MockProvisionerMethod) => scripts.get(method)?.shift();

  const provisioner: MockProvisioner = {
    specificationVersion: 'v1',
    calls,
    provisionedHosts,
    failNext(method, error) {
      const queue = scripts.get(method) ?? [];
      queue.push({
        kind: 'fail',
        error: typeof error === 'string' ? failure(error, `Scripted ${error} for ${method}.`) : error,
      });
      scripts.set(method, queue);
    },
    hangNext(method) {
      const queue = scripts.get(method) ?? [];
      queue.push({ kind: 'hang' });
      scripts.set(method, queue);
    },

    checkRuntime() {
      calls.push({ method: 'checkRuntime', input: null });
      const step = scripted('checkRuntime');
      if (step?.kind === 'fail') return new ResultAsync(Promise.resolve(err(step.error)));
      return new ResultAsync(Promise.resolve(ok({ ...runtime })));
    },

    provision(input: ProvisionInput) {
      calls.push({ method: 'provision', input });
      const step = scripted('provision');
      const run = async (): Promise<Result<ProvisionResult, ProvisionError>> => {
        const started = now();
        const deadline = input.timeoutMs === undefined ? null : started + input.timeoutMs;
        const emit = (event: Omit<ProvisionEvent, 'at'>) => input.onEvent?.({ ...event, at: now() });
        if (input.signal?.aborted) return err(cancelled());
        if (step?.kind === 'fail') return err(step.error);
        if (input.knownHostKey !== null && input.knownHostKey !== hostKey) {
          return err(
            failure('PROVISION_HOST_KEY_MISMATCH', `${input.target.host} presented another host key.`),
          );
        }
        emit({ type: 'playbook-started', name: 'site.yml' });
        emit({ type: 'play-started', name: 'Provision the node', host: input.target.host });
        if (step?.kind === 'hang') {
          const stop = await pause(Number.POSITIVE_INFINITY, input.signal, deadline);
          return err(stop ?? cancelled());
        }
        const already = provisionedHosts.includes(input.target.host);
        let changed = 0;
        for (const task of tasks) {
          emit({ type: 'task-started', name: task, host: input.target.host });
          const stop = await pause(taskMs, input.signal, deadline);
          if (stop !== null) return err(stop);
          const changes = !already && input.checkMode !== true;
          if (changes) changed += 1;
          emit({ type: changes ? 'task-changed' : 'task-ok', name: task, host: input.target.host });
        }
        const unchanged = tasks.length - changed;
        emit({
          type: 'stats',
          stats: { [input.target.host]: { ok: unchanged, changed, failed: 0, unreachable: 0 } },
        });
        if (input.checkMode !== true) provisionedHosts.push(input.target.host);
        return ok({ hostKey, changed, ok: unchanged, durationMs: now() - started });
      };
      return new ResultAsync(run());
    },

    checkReadiness(input: ReadinessInput) {
      calls.push({ method: 'checkReadiness', input });
      const step = scripted('checkReadiness');
      const run = async (): Promise<Result<ReadinessReport, ProvisionError>> => {
        const deadline = input.timeoutMs === undefined ? null : now() + input.timeoutMs;
        if (input.signal?.aborted) return err(cancelled());
        if (step?.kind === 'fail') return err(step.error);
        if (step?.kind === 'hang') {
          const stop = await pause(Number.POSITIVE_INFINITY, input.signal, deadline);
          return err(stop ?? cancelled());
        }
        if (input.knownHostKey !== null && input.knownHostKey !== hostKey) {
          return err(
            failure('PROVISION_HOST_KEY_MISMATCH', `${input.target.host} presented another host key.`),
          );
        }
        input.onEvent?.({ type: 'playbook-started', name: 'readiness.yml', at: now() });
        const missing = [...(options.missing ?? [])];
        return ok({ ready: missing.length === 0, missing, hostKey });
      };
      return new ResultAsync(run());
    },
  };
  return provisioner;
}
