import { defineConfig } from 'vitest/config';

// One project per package; each package's vitest.config.ts holds its own settings.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
  },
});
