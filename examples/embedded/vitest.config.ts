import { defineProject } from 'vitest/config';
import { workspaceSource } from '../../vitest.shared.js';

export default defineProject({
  ...workspaceSource,
  test: {
    name: 'embedded',
    include: ['test/**/*.test.ts'],
    // The crash and fault suites run real processes and servers; give them room.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
