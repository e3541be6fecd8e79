import type { UserConfig } from 'vitest/config';

/**
 * Resolve workspace packages to their TypeScript source (the "pressluft-source" export condition), so
 * tests need no build. Vitest resolves through the SSR environment, whose conditions are set apart from
 * the client's, so both are set.
 */
export const workspaceSource = {
  resolve: { conditions: ['pressluft-source'] },
  ssr: { resolve: { conditions: ['pressluft-source'], externalConditions: ['pressluft-source'] } },
} satisfies UserConfig;
