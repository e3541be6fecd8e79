/**
 * Generates, from the vendored Hetzner Cloud OpenAPI description:
 * - src/generated/hetzner-api.ts: the adapter's wire types (openapi-typescript);
 * - src/testing/generated/request-schemas.ts: the request body schemas the fake validates against, so the
 *   fake checks bodies by the description and not by the adapter's types.
 *
 *   tsx scripts/generate-types.ts          write the files
 *   tsx scripts/generate-types.ts --check  regenerate in memory and fail when a committed file differs
 *
 * The description lives outside the repository (../shared/vendor next to the repo root) and is never
 * copied in; PRESSLUFT_HETZNER_OPENAPI points at another copy.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { prepareOpenApiDocument, requestBodySchemas } from './transform-openapi.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(packageRoot, '..', '..');
const specPath =
  process.env['PRESSLUFT_HETZNER_OPENAPI'] ??
  path.resolve(repoRoot, '..', 'shared', 'vendor', 'hetzner-cloud.openapi.json');
const outputPath = path.join(packageRoot, 'src', 'generated', 'hetzner-api.ts');
const schemasPath = path.join(packageRoot, 'src', 'testing', 'generated', 'request-schemas.ts');

async function generate(): Promise<{ types: string; schemas: string }> {
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
  const types = `${banner}\n${astToString(ast).replaceAll('@description ', '')}`;
  const schemas = [
    banner,
    '/** A JSON schema of a request body, reduced to the keywords validation needs. */',
    'export type HetznerRequestSchema = { readonly [keyword: string]: unknown };',
    '',
    '/** The JSON body schema of each operation the adapter can call, keyed `METHOD /path`, references inlined. */',
    `export const hetznerRequestSchemas: Readonly<Record<string, HetznerRequestSchema>> = ${JSON.stringify(requestBodySchemas(document), null, 2)};`,
    '',
  ].join('\n');
  return { types, schemas };
}

const generated = await generate();
const outputs: [string, string][] = [
  [outputPath, generated.types],
  [schemasPath, generated.schemas],
];
if (process.argv.includes('--check')) {
  let stale = false;
  for (const [file, content] of outputs) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== content) {
      stale = true;
      console.error(
        `${path.relative(repoRoot, file)} is stale. Run: pnpm --filter @pressluft/provider-hetzner run generate`,
      );
    } else console.log(`${path.relative(repoRoot, file)} is up to date.`);
  }
  if (stale) process.exit(1);
} else {
  for (const [file, content] of outputs) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`Wrote ${path.relative(repoRoot, file)} (${content.length} characters).`);
  }
}
