import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/conformance/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
});
