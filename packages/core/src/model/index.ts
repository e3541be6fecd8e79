export type { JobEvent, JobEventType, JobRecord, JobStatus } from './job.js';
export { terminalJobEventTypes } from './job.js';
export type { ErrorDetails, JsonObject, JsonValue } from './json.js';
export type { ManagedSshKey } from './managed-ssh-key.js';
export type { NodeRecord, NodeStatus } from './node.js';
export type {
  CredentialStatus,
  ProviderConnection,
  ProviderConnectionStatus,
} from './provider-connection.js';
export type { SshTarget } from './ssh-target.js';
