import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Resolve a command to an absolute executable path: a path is checked as it is, a bare name is looked
 * up in `searchPath` (a PATH-style list). Undefined when nothing executable is found.
 */
export async function findExecutable(command: string, searchPath: string): Promise<string | undefined> {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [resolve(command)]
      : searchPath
          .split(delimiter)
          .filter((directory) => directory.length > 0)
          .map((directory) => join(directory, command));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}
