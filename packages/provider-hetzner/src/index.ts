/**
 * `@pressluft/provider-hetzner`: the Hetzner Cloud adapter of Pressluft's `NodeProviderV1`, with a shared
 * rate-limit budget per token, batched action polling, idempotent server creation by stable name and
 * ownership labels, and one error classifier for HTTP and action errors.
 *
 * @packageDocumentation
 */

export {
  ActionPoller,
  type ActionPollerOptions,
  type ActionPollerStats,
  maxActionIdsPerRequest,
} from './action-poller.js';
export { type Clock, type Sleep, systemClock, systemSleep } from './clock.js';
export type { ActionState } from './convert-action.js';
export {
  createHetznerProvider,
  type HetznerPollingOptions,
  type HetznerProviderOptions,
  hetznerApiBaseUrl,
} from './hetzner-provider.js';
export {
  createHetznerProviderFactory,
  type HetznerProviderFactoryOptions,
  hetznerProvider,
} from './hetzner-provider-factory.js';
export { hetznerProviderInfo } from './hetzner-provider-info.js';
export { createHetznerScope, type HetznerScope } from './hetzner-scope.js';
export { defaultRetryPolicy, type RetryPolicy } from './hetzner-transport.js';
export { ipv6HostAddress } from './ipv6-host-address.js';
export {
  classifyHetznerCode,
  type HetznerErrorClass,
  hetznerErrorTable,
  unknownHetznerCode,
} from './map-hetzner-error.js';
export { idempotencyLabel, managedLabel } from './ownership-labels.js';
export { packageVersion, userAgent } from './package-version.js';
export { defaultPollSchedule, type PollSchedule } from './poll-schedule.js';
export {
  RateLimitBucket,
  type RateLimitBucketName,
  type RateLimitBudget,
  type RateLimitSnapshot,
} from './rate-limit-budget.js';
export { sshFingerprintMd5 } from './ssh-fingerprint.js';
