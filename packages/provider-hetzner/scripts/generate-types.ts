/**
 * Generates src/generated/hetzner-api.ts from the vendored Hetzner Cloud OpenAPI description.
 *
 *   tsx scripts/generate-types.ts          write the file
 *   tsx scripts/generate-types.ts --check  regenerate in memory and fail when the committed file differs
 *
 * The description lives outside the repository (../shared/vendor next to the repo root) and is never
 * copied in; PRESSLUFT_HETZNER_OPENAPI points at another copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { prepareOpenApiDocument } from './transform-openapi.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const specPath =
  process.env['PRESSLUFT_HETZNER_OPENAPI'] ??
  path.resolve(repoRoot, '..', 'shared', 'vendor', 'hetzner-cloud.openapi.json');
const outputPath = path.join(packageRoot, 'src', 'generated', 'hetzner-api.ts');

async function generate(): Promise<string> {
  let raw: string;
  try {
    raw = readFileSync(specPath, 'utf8');
  } catch {
    throw new Error(
      `Cannot read the Hetzner OpenAPI description at ${specPath}. Set PRESSLUFT_HETZNER_OPENAPI to its path.`,
    );
  }
  const original = JSON.parse(raw) as { info?: { version?: string } };
  const document = prepareOpenApiDocument(original);
  const ast = await openapiTS(document as unknown as OpenAPI3);
  const banner = [
    '// generated — do not edit.',
    `// Source: Hetzner Cloud OpenAPI description, version ${original.info?.version ?? 'unknown'},`,
    '// pruned to the endpoints the adapter calls and updated to the 2026 API by scripts/transform-openapi.ts.',
    '// Regenerate: pnpm --filter @pressluft/provider-hetzner run generate',
    '',
  ].join('\n');
  // TSDoc has no @description tag: the text becomes the plain summary, which typedoc and editors show as is.
  return `${banner}\n${astToString(ast).replaceAll('@description ', '')}`;
}

const generated = await generate();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(outputPath, 'utf8');
  } catch {
    committed = '';
  }
  if (committed !== generated) {
    console.error(
      `${path.relative(repoRoot, outputPath)} is stale. Run: pnpm --filter @pressluft/provider-hetzner run generate`,
    );
    process.exit(1);
  }
  console.log(`${path.relative(repoRoot, outputPath)} is up to date.`);
} else {
  writeFileSync(outputPath, generated);
  console.log(`Wrote ${path.relative(repoRoot, outputPath)} (${generated.length} characters).`);
}
