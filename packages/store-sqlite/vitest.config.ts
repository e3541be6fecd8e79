import { defineProject } from 'vitest/config';
import { workspaceSource } from '../../vitest.shared.js';

export default defineProject({
  ...workspaceSource,
  test: {
    name: 'store-sqlite',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
