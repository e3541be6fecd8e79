import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['pressluft-source'] },
  test: {
    name: 'ansible-runner',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
