/**
 * `@pressluft/ansible-runner`: a `ProvisionerV1` that runs `ansible-playbook` over SSH, with
 * live task events, trust-on-first-use host keys, classified errors and process-group cancellation.
 *
 * @packageDocumentation
 */

export { type AnsibleEvent, parseAnsibleEventLine } from './ansible-event.js';
export {
  type ConnectionFailure,
  classifyConnectionFailure,
  classifyRun,
  type RunOutcome,
} from './classify-run.js';
export {
  type AnsibleProvisionerOptions,
  createAnsibleProvisioner,
  READINESS_STATS_KEY,
} from './create-ansible-provisioner.js';
export { defaultAnsibleDirectory } from './default-paths.js';
export { HeadTailBuffer, truncateHeadTail } from './head-tail-buffer.js';
export { type PlaybookRunOptions, type PlaybookRunResult, runPlaybook } from './run-playbook.js';
export { type FailedTask, type RunSummary, RunSummaryBuilder, type UnreachableHost } from './run-summary.js';
export { toProvisionEvent } from './to-provision-event.js';
