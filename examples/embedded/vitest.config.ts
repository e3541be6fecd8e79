import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests run against the TypeScript source of the packages (their "pressluft-source" export condition);
  // vitest resolves through the SSR environment, whose conditions are set apart from the client's.
  resolve: { conditions: ['pressluft-source'] },
  ssr: { resolve: { conditions: ['pressluft-source'], externalConditions: ['pressluft-source'] } },
  test: {
    name: 'embedded',
    include: ['test/**/*.test.ts'],
    // The crash and fault suites run real processes and servers; give them room.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
