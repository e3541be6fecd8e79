import {
  ProvisionError,
  type ProvisionEvent,
  type ProvisionerV1,
  type ProvisionInput,
  type ProvisionResult,
} from '@pressluft/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';

/** Options of {@link createStandInProvisioner}. */
export interface StandInProvisionerOptions {
  /** How long each pretend task takes, in ms. Default 200. */
  readonly taskMs?: number;
}

const tasks = ['Create the admin user', 'Harden sshd', 'Enable the firewall'];

/** The host key every stand-in node presents. */
export const standInHostKey =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIStandInHostKeyOfTheEmbeddedExample000000000';

/**
 * A {@link ProvisionerV1} that logs in nowhere: it reports a short pretend run as live events and a
 * stable host key. It stands in for `@pressluft/ansible-runner` where the servers exist only in the
 * Hetzner fake, so nothing could answer SSH. Like a real run it stops when its signal aborts.
 */
export function createStandInProvisioner(options: StandInProvisionerOptions = {}): ProvisionerV1 {
  const taskMs = options.taskMs ?? 200;
  return {
    specificationVersion: 'v1',
    checkRuntime: () => okAsync({ name: 'stand-in', version: '1.0.0', path: '(built in)' }),
    provision(input: ProvisionInput): ResultAsync<ProvisionResult, ProvisionError> {
      const started = Date.now();
      const emit = (event: Omit<ProvisionEvent, 'at'>) => input.onEvent?.({ ...event, at: Date.now() });
      const run = async (): Promise<boolean> => {
        for (const name of tasks) {
          emit({ type: 'task-started', name, host: input.target.host });
          await new Promise((resolve) => setTimeout(resolve, taskMs));
          if (input.signal?.aborted) return false;
          emit({ type: 'task-ok', name, host: input.target.host });
        }
        return true;
      };
      return ResultAsync.fromSafePromise(run()).andThen((finished) =>
        finished
          ? okAsync({
              hostKey: standInHostKey,
              changed: 0,
              ok: tasks.length,
              durationMs: Date.now() - started,
            })
          : errAsync(new ProvisionError({ code: 'PROVISION_CANCELLED', message: 'The run was aborted.' })),
      );
    },
    checkReadiness: () => okAsync({ ready: true, missing: [], hostKey: standInHostKey }),
  };
}
