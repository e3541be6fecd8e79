import { migration0001Initial } from './0001-initial.js';
import { migration0002ListsAndNodeChanges } from './0002-lists-and-node-changes.js';
import type { SqliteMigration } from './sqlite-migration.js';

/** Every migration this version knows, in order. The last one's version is the newest schema it can open. */
export const migrations: readonly SqliteMigration[] = [
  migration0001Initial,
  migration0002ListsAndNodeChanges,
];

/** The schema version this package writes. */
export const latestSchemaVersion: number = migrations[migrations.length - 1]?.version ?? 0;
