import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { ProvisionError } from '../errors/error-families.js';
import type { ProvisionerRuntime, ProvisionerV1 } from '../spec/provisioner-v1.js';
import type { Clock } from './clock.js';

/** The command that installs the Ansible runtime on Debian and Ubuntu, quoted in every missing-runtime error. */
export const ANSIBLE_INSTALL_COMMAND =
  'apt-get install -y --no-install-recommends ansible-core openssh-client';

/**
 * What is known about the provisioning runtime right now: `checking` before the first check has
 * answered, `ready` with the runtime found, `missing` with the error that says what to install.
 */
export type RuntimeReadiness =
  | { readonly state: 'checking' }
  | { readonly state: 'ready'; readonly runtime: ProvisionerRuntime; readonly checkedAt: number }
  | { readonly state: 'missing'; readonly error: ProvisionError; readonly checkedAt: number };

/** The error a node creation answers while the runtime is missing: the provisioner's, with the install command. */
function withInstallCommand(error: ProvisionError): ProvisionError {
  if (error.code !== 'PROVISION_RUNTIME_MISSING' || error.guidance.includes(ANSIBLE_INSTALL_COMMAND)) {
    return error;
  }
  return new ProvisionError({
    code: 'PROVISION_RUNTIME_MISSING',
    message: error.message,
    guidance: `Install Ansible on the control plane's machine (Debian/Ubuntu: ${ANSIBLE_INSTALL_COMMAND}); no restart is needed.`,
    ...(error.details === undefined ? {} : { details: error.details }),
    cause: error,
  });
}

/**
 * The provisioning runtime's readiness, checked on demand and remembered for a short time: the control
 * plane starts without it, node creation asks for a fresh answer (so installing Ansible later needs no
 * restart), and health reports read the last answer without waiting. Concurrent checks share one run.
 */
export class RuntimeReadinessCheck {
  readonly #provisioner: ProvisionerV1;
  readonly #clock: Clock;
  readonly #maxAgeMs: number;
  #last: RuntimeReadiness = { state: 'checking' };
  #running: ResultAsync<ProvisionerRuntime, ProvisionError> | undefined;

  /** Check `provisioner`'s runtime, reusing an answer for `maxAgeMs` by `clock`. */
  constructor(provisioner: ProvisionerV1, clock: Clock, maxAgeMs: number) {
    this.#provisioner = provisioner;
    this.#clock = clock;
    this.#maxAgeMs = maxAgeMs;
  }

  /** The last answer; starts a check in the background when there is none or it is older than the cache. */
  current(): RuntimeReadiness {
    if (this.#stale()) void this.check();
    return this.#last;
  }

  /**
   * The runtime: a found one at once (refreshed in the background when its answer is older than the
   * cache); while it is missing or not yet checked, from an answer younger than the cache or a new check.
   */
  check(): ResultAsync<ProvisionerRuntime, ProvisionError> {
    const last = this.#last;
    const stale = this.#stale();
    // A runtime once found is trusted while a stale answer is refreshed in the background: node creation
    // does not wait for `ansible-playbook --version`; a runtime removed later fails the run itself.
    if (last.state === 'ready') {
      if (stale) void this.#refresh();
      return okAsync(last.runtime);
    }
    if (!stale && last.state === 'missing') return errAsync(last.error);
    return this.#refresh();
  }

  #refresh(): ResultAsync<ProvisionerRuntime, ProvisionError> {
    this.#running ??= this.#provisioner
      .checkRuntime()
      .map((runtime) => {
        this.#last = { state: 'ready', runtime, checkedAt: this.#clock.now() };
        this.#running = undefined;
        return runtime;
      })
      .mapErr((error) => {
        const missing = withInstallCommand(error);
        this.#last = { state: 'missing', error: missing, checkedAt: this.#clock.now() };
        this.#running = undefined;
        return missing;
      });
    return this.#running;
  }

  #stale(): boolean {
    const last = this.#last;
    return last.state === 'checking' || this.#clock.now() - last.checkedAt >= this.#maxAgeMs;
  }
}
