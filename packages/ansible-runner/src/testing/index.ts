/**
 * Test helpers of `@pressluft/ansible-runner` (`@pressluft/ansible-runner/testing`): a throwaway
 * loopback sshd for integration tests of anything that provisions over SSH.
 *
 * @packageDocumentation
 */

export {
  type LoopbackSshd,
  type LoopbackSshdOptions,
  parseSshdConnections,
  type SshdConnection,
  startLoopbackSshd,
} from './loopback-sshd.js';
