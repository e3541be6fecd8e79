/** One numbered schema change, applied once, in order, inside a transaction. */
export interface SqliteMigration {
  /** The schema version the database has after this migration; 1, 2, 3… without gaps. */
  readonly version: number;
  /** A short name, recorded in the version table. */
  readonly name: string;
  /** The statements; kept as a string in a module so the build ships it without copying files. */
  readonly sql: string;
}
