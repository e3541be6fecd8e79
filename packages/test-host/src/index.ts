export {
  BASE_PACKAGES,
  type BaseImageOptions,
  type DebianMirrors,
  defaultCacheDirectory,
  ensureBaseImage,
  readDebianMirrors,
} from './base-image.js';
export { accepts } from './loopback-proxy.js';
export { checkTestHostPrerequisites, missingTestHostPrerequisite } from './prerequisites.js';
export {
  sshOptions,
  startTestHost,
  type TestHost,
  type TestHostCommandResult,
  type TestHostOptions,
  type TestHostTimings,
} from './start-test-host.js';
