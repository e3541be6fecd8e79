// Copied into and run from the consumer project (bare specifiers resolve to its node_modules): imports every public entry point of the installed tarballs at runtime
// and opens a SQLite store, which loads better-sqlite3's native module.
// @pressluft/core/conformance is left out: it registers vitest suites and loads only under vitest (tsc checks it).
const entries = [
  '@pressluft/core',
  '@pressluft/core/testing',
  '@pressluft/ansible-runner',
  '@pressluft/ansible-runner/testing',
  '@pressluft/provider-hetzner',
  '@pressluft/provider-hetzner/testing',
  '@pressluft/provider-hetzner/testing/msw',
  '@pressluft/store-sqlite',
];
for (const entry of entries) {
  const module = await import(entry);
  if (Object.keys(module).length === 0) throw new Error(`${entry} exports nothing`);
}
const { createSqliteStore } = await import('@pressluft/store-sqlite');
const store = (await createSqliteStore({ path: ':memory:' }))._unsafeUnwrap();
await store.close();
console.log(`[consumer-smoke] ${entries.length} entry points loaded; SQLite store opened and closed`);
