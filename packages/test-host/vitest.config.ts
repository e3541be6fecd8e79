import { defineProject } from 'vitest/config';
import { workspaceSource } from '../../vitest.shared.js';

export default defineProject({
  ...workspaceSource,
  test: {
    name: 'test-host',
    include: ['test/**/*.test.ts'],
    // Building the rootfs the first time takes about a minute; later starts unpack the cached tarball.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
