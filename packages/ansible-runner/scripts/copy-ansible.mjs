// Copies the repository's ansible/ (the one source of truth for playbooks, roles, ansible.cfg and the
// callback plugin) into dist/ansible, so the packed package carries the content it runs by default.
// Test fixtures, Python byte-code and the folder's README stay behind.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../../ansible', import.meta.url));
const target = fileURLToPath(new URL('../dist/ansible', import.meta.url));
if (!existsSync(`${source}/ansible.cfg`)) throw new Error(`no ansible.cfg in ${source}`);
rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (path) => {
    const name = basename(path);
    const inside = relative(source, path);
    return (
      name !== '__pycache__' &&
      !name.endsWith('.pyc') &&
      inside !== 'playbooks/fixtures' &&
      inside !== 'README.md'
    );
  },
});
console.log(`copied ${source} to ${target}`);
