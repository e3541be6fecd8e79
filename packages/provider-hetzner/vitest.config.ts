import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['pressluft-source'] },
  test: {
    name: 'provider-hetzner',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
