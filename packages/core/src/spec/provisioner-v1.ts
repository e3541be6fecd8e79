import type { ResultAsync } from 'neverthrow';
import type { ProvisionError } from '../errors/error-families.js';
import type { JsonObject } from '../model/json.js';
import type { SshTarget } from '../model/ssh-target.js';

/** One event from a provisioning run, handed out live while it runs. */
export interface ProvisionEvent {
  /** What happened. */
  readonly type:
    | 'playbook-started'
    | 'play-started'
    | 'task-started'
    | 'task-ok'
    | 'task-changed'
    | 'task-failed'
    | 'task-skipped'
    | 'host-unreachable'
    | 'stats';
  /** When it happened (ms since the epoch). */
  readonly at: number;
  /** The play, task or playbook name, when the event has one. */
  readonly name?: string;
  /** The host the result is for. */
  readonly host?: string;
  /** A short message (a failure reason), scrubbed of secrets. */
  readonly message?: string;
  /** Per-host counters, on `stats`. */
  readonly stats?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The SSH identity and target of a run. */
export interface ProvisionConnection {
  /** Where to connect. */
  readonly target: SshTarget;
  /** The OpenSSH private key to log in with. */
  readonly privateKey: string;
  /**
   * The host key pinned for this node (`ssh-ed25519 AAAA…`), or null on first contact (trust on first
   * use). A different key is `PROVISION_HOST_KEY_MISMATCH`.
   */
  readonly knownHostKey: string | null;
}

/**
 * Which attempt of which job a run belongs to. The engine claims a job's next attempt only after the
 * previous attempt's lease is gone (its worker died or lost the lease), so a provisioner that sees a run
 * of an older attempt of the same job still alive knows it is an orphan and must stop it first: one
 * job never has two runs against its node at once.
 */
export interface ProvisionRunIdentity {
  /** The job's id. */
  readonly jobId: string;
  /** The attempt number, counted at the claim (1 for the first). */
  readonly attempt: number;
}

/** What {@link ProvisionerV1.recover} cleaned up; figures for the start-up log. */
export interface ProvisionRecovery {
  /** Run directories (with their key material) of runs whose owner is gone, removed. */
  readonly removedRuns: number;
  /** Processes of such runs that were still alive and were stopped. */
  readonly stoppedProcesses: number;
}

/** A provisioning run. */
export interface ProvisionInput extends ProvisionConnection {
  /** Variables for the playbook (never secrets in plain sight: they are written to a 0600 file). */
  readonly vars: JsonObject;
  /** Aborting stops the run and its whole process tree: `PROVISION_CANCELLED`. */
  readonly signal?: AbortSignal;
  /** Called for every event while the run goes on. */
  readonly onEvent?: (event: ProvisionEvent) => void;
  /** Report what would change without changing it. */
  readonly checkMode?: boolean;
  /** Stop the run after this many milliseconds: `PROVISION_TIMEOUT`. */
  readonly timeoutMs?: number;
  /** Extra secret values to scrub from any output that leaves the run. */
  readonly secrets?: readonly string[];
  /** The job attempt this run belongs to; without it the run is not tied to a job. */
  readonly run?: ProvisionRunIdentity;
}

/** The result of a successful run. */
export interface ProvisionResult {
  /** The host key the node presented (to pin on first contact). */
  readonly hostKey: string;
  /** Tasks that changed something. */
  readonly changed: number;
  /** Tasks that were already as wanted. */
  readonly ok: number;
  /** Wall time of the run in milliseconds. */
  readonly durationMs: number;
}

/** A readiness check (changes nothing on the node). */
export interface ReadinessInput extends ProvisionConnection {
  /** Variables for the readiness playbook. */
  readonly vars: JsonObject;
  /** Aborting stops the check. */
  readonly signal?: AbortSignal;
  /** Called for every event. */
  readonly onEvent?: (event: ProvisionEvent) => void;
  /** Stop after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Extra secret values to scrub. */
  readonly secrets?: readonly string[];
  /** The job attempt this check belongs to. */
  readonly run?: ProvisionRunIdentity;
}

/** What the readiness check found. */
export interface ReadinessReport {
  /** True when nothing is missing. */
  readonly ready: boolean;
  /** What is missing or wrong, one short line each. */
  readonly missing: readonly string[];
  /** The host key the node presented. */
  readonly hostKey: string;
}

/** Facts about the provisioning runtime. */
export interface ProvisionerRuntime {
  /** The runtime's name, such as `ansible-playbook`. */
  readonly name: string;
  /** Its version. */
  readonly version: string;
  /** Where it was found. */
  readonly path: string;
}

/**
 * Something that provisions a node over SSH: version 1 of the contract.
 *
 * Provisioning must be idempotent: the engine runs it again after a crash or retry, and a second run on
 * a provisioned node must change nothing.
 */
export interface ProvisionerV1 {
  /** The contract version. */
  readonly specificationVersion: 'v1';
  /** Find the runtime before any node work starts: `PROVISION_RUNTIME_MISSING` when absent. */
  checkRuntime(): ResultAsync<ProvisionerRuntime, ProvisionError>;
  /** Bootstrap and harden a node. */
  provision(input: ProvisionInput): ResultAsync<ProvisionResult, ProvisionError>;
  /** Verify, without changing anything, that the node is ready; not-ready is an `Ok` report. */
  checkReadiness(input: ReadinessInput): ResultAsync<ReadinessReport, ProvisionError>;
  /**
   * Optional: clean up after runs whose owning process is gone (killed with SIGKILL, the machine
   * restarted): stop their processes that still live and remove what they left on disk, key material
   * included. The control plane calls it once at start, before its worker claims a job; a provisioner
   * that leaves nothing behind need not implement it. Runs of live processes are left alone.
   */
  recover?(): ResultAsync<ProvisionRecovery, ProvisionError>;
}
