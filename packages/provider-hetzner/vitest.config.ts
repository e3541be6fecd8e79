import { defineProject } from 'vitest/config';

export default defineProject({
  // Tests run against the TypeScript source of @pressluft/core (its "pressluft-source" export condition);
  // vitest resolves through the SSR environment, whose conditions are set apart from the client's.
  resolve: { conditions: ['pressluft-source'] },
  ssr: { resolve: { conditions: ['pressluft-source'], externalConditions: ['pressluft-source'] } },
  test: {
    name: 'provider-hetzner',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
