/**
 * Generates `src/generated/api-types.ts` from `contracts/openapi.yaml` with openapi-typescript, after
 * bringing the contract's `ErrorCode` enum up to date with the error-code registry of `@pressluft/core`.
 *
 * `--check` writes nothing and exits with 1 when the enum or the generated file is stale, so CI notices
 * a contract or registry change that was not regenerated.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '@pressluft/core';
import openapiTS, { astToString } from 'openapi-typescript';

const contractPath = fileURLToPath(new URL('../../../contracts/openapi.yaml', import.meta.url));
const outputPath = fileURLToPath(new URL('../src/generated/api-types.ts', import.meta.url));
const check = process.argv.includes('--check');

const banner = [
  '// generated — do not edit.',
  '// Source: contracts/openapi.yaml. Regenerate: pnpm --filter @pressluft/example-control-plane run generate:api-types',
  '',
].join('\n');

/** The contract with its ErrorCode enum replaced by the registry's codes, in registry order. */
function withRegistryCodes(contract: string): string {
  const enumBlock = /( {4}ErrorCode:\n(?: {6}.*\n)*? {6}enum:\n)((?: {8}- .*\n)+)/;
  if (!enumBlock.test(contract)) throw new Error('contracts/openapi.yaml: ErrorCode enum not found');
  const codes = Object.keys(errorCodes)
    .map((code) => `        - ${code}\n`)
    .join('');
  return contract.replace(enumBlock, (_match, head: string) => `${head}${codes}`);
}

const contract = await readFile(contractPath, 'utf8');
const updatedContract = withRegistryCodes(contract);
const ast = await openapiTS(updatedContract);
const generated = `${banner}${astToString(ast)}`;

if (check) {
  const current = await readFile(outputPath, 'utf8').catch(() => '');
  const stale = [
    ...(updatedContract === contract
      ? []
      : ['contracts/openapi.yaml (ErrorCode enum differs from the registry)']),
    ...(current === generated ? [] : ['src/generated/api-types.ts']),
  ];
  if (stale.length > 0) {
    console.error(
      `Stale: ${stale.join(', ')}. Run pnpm --filter @pressluft/example-control-plane run generate:api-types`,
    );
    process.exit(1);
  }
  console.log('contracts/openapi.yaml and src/generated/api-types.ts are fresh');
} else {
  if (updatedContract !== contract) await writeFile(contractPath, updatedContract);
  await writeFile(outputPath, generated);
  console.log('wrote contracts/openapi.yaml (ErrorCode enum) and src/generated/api-types.ts');
}
