import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { applyMigrations } from '../src/migrate.js';
import { migrations } from '../src/migrations/migrations.js';
import { temporaryDirectory } from './temporary-directory.js';

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory();
});
afterEach(() => directory.remove());

describe('migration 2: lists and node changes', () => {
  it('numbers existing nodes in the order they last changed and continues the sequence from there', async () => {
    const path = join(directory.path, 'pressluft.db');
    const old = new Database(path);
    applyMigrations(old, 1, path, migrations.slice(0, 1))._unsafeUnwrap();
    old
      .prepare(
        "INSERT INTO provider_connections (id, type, name, sealed_token, created_at, updated_at) VALUES ('prv_1', 'x', 'x', 'sealed', 1, 1)",
      )
      .run();
    const insert = old.prepare(
      `INSERT INTO nodes (id, provider_id, name, location, server_type, image, status, idempotency_key, created_at, updated_at)
       VALUES (?, 'prv_1', ?, 'fsn1', 'cx22', 'img', 'ready', ?, ?, ?)`,
    );
    // Created a, b, c; last changed b, then c, then a.
    insert.run('node_a', 'a', 'key-a', 10, 300);
    insert.run('node_b', 'b', 'key-b', 20, 100);
    insert.run('node_c', 'c', 'key-c', 30, 200);
    old.close();

    const store = (await createSqliteStore({ path }))._unsafeUnwrap();
    try {
      expect((await store.lastNodeChangeSeq())._unsafeUnwrap(), 'the counter starts at the backfill').toBe(3);
      const feed = (await store.listNodeChanges({ afterSeq: 0, limit: 10 }))._unsafeUnwrap();
      expect(
        feed.map((change) => [change.seq, change.node.id]),
        'the backfill follows updated_at',
      ).toEqual([
        [1, 'node_b'],
        [2, 'node_c'],
        [3, 'node_a'],
      ]);
      await store.updateNode('node_b', { status: 'failed' }, 400);
      const created = (
        await store.createNode(
          {
            providerId: 'prv_1',
            name: 'd',
            location: 'fsn1',
            serverType: 'cx22',
            image: 'img',
            idempotencyKey: 'key-d',
          },
          500,
        )
      )._unsafeUnwrap();
      const since = (await store.listNodeChanges({ afterSeq: 3, limit: 10 }))._unsafeUnwrap();
      expect(
        since.map((change) => [change.seq, change.node.id]),
        'one value per write, with no double count for an insert',
      ).toEqual([
        [4, 'node_b'],
        [5, created.id],
      ]);
    } finally {
      await store.close();
    }
    const raw = new Database(path, { readonly: true });
    try {
      const plan = raw
        .prepare(
          "EXPLAIN QUERY PLAN SELECT * FROM nodes WHERE status <> 'deleted' AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT 51",
        )
        .all(0, '')
        .map((row) => (row as { detail: string }).detail)
        .join('; ');
      expect(plan, 'the default page walks the live-nodes index, without a sort').toContain(
        'nodes_live_by_created',
      );
      expect(plan, 'no temporary B-tree for the order').not.toContain('TEMP B-TREE');
    } finally {
      raw.close();
    }
  });
});
