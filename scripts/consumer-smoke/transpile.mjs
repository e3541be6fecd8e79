// Turns the consumer's example.ts and smoke-harness.ts into JavaScript with the consumer's own
// TypeScript (types were checked by tsc before), so the example runs on every supported Node.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [typescriptPath, project] = process.argv.slice(2);
const ts = (await import(typescriptPath)).default;
for (const name of ['example', 'smoke-harness']) {
  const source = readFileSync(join(project, `${name}.ts`), 'utf8');
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(project, `${name}.js`), output.outputText);
}
