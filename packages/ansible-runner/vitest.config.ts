import { defineProject } from 'vitest/config';
import { workspaceSource } from '../../vitest.shared.js';

export default defineProject({
  ...workspaceSource,
  test: {
    name: 'ansible-runner',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The integration tests run real ansible-playbook over SSH; a check-mode run of the whole
    // provisioning playbook takes a minute or more on a busy machine. These limits only stop a hang.
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
