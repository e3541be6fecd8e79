import { fileURLToPath } from 'node:url';

/**
 * The repository's `ansible/` directory. Both `src/` (tests, development) and `dist/` (the build) sit
 * one level below the package, which sits two levels below the repository root, so the same relative
 * URL works for both. An installed copy of the package has no `ansible/` next to it: pass
 * `ansibleDirectory` (or the individual paths) explicitly there.
 */
export const defaultAnsibleDirectory: string = fileURLToPath(new URL('../../../ansible', import.meta.url));
