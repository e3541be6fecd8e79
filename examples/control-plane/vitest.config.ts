import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests run against the TypeScript source of the workspace packages (their "pressluft-source" export
  // condition); vitest resolves through the SSR environment, whose conditions are set apart from the client's.
  resolve: { conditions: ['pressluft-source'] },
  ssr: { resolve: { conditions: ['pressluft-source'], externalConditions: ['pressluft-source'] } },
  test: {
    name: 'control-plane',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
