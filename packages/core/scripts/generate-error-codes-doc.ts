/**
 * Writes docs/error-codes.md from the error-code registry, or with `--check` exits 1 when the committed
 * file differs from what the registry renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderErrorCodesDoc } from '../src/errors/render-error-codes-doc.js';

const documentPath = fileURLToPath(new URL('../../../docs/error-codes.md', import.meta.url));
const rendered = renderErrorCodesDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(documentPath, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== rendered) {
    console.error(
      'docs/error-codes.md is stale: run `pnpm --filter @pressluft/core run generate:error-codes` and commit it.',
    );
    process.exit(1);
  }
  console.log('docs/error-codes.md is up to date.');
} else {
  writeFileSync(documentPath, rendered);
  console.log(`wrote ${documentPath}`);
}
