/**
 * Migration 2: lists at scale and the node change sequence.
 *
 * - Keyset pagination: every list orders by `(created_at, id)`, and each filter the API offers has an
 *   index that ends in that order, so a page reads about `limit` index entries however many rows exist.
 *   The node indexes that serve the default view leave deleted nodes out (`WHERE status <> 'deleted'`),
 *   so deleted nodes are filtered inside the index instead of after the scan.
 * - The name-clash check of a create looks up `(provider_id, name)` among live nodes.
 * - `change_seq`: every insert or update of a node takes the next value of the persistent counter in
 *   `pressluft_sequences` (triggers, so no write path can forget it); the dashboard's change stream reads
 *   `WHERE change_seq > ?` by its index and resumes from the last value it sent.
 *
 * The job indexes avoid `status` on purpose: a job changes status several times in its life, and every
 * indexed column it changes costs the queue's claim and settle statements an index update.
 */
export const migration0002ListsAndNodeChanges = {
  version: 2,
  name: 'lists-and-node-changes',
  sql: `
CREATE TABLE pressluft_sequences (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

ALTER TABLE nodes ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;

-- Existing nodes get sequence values in the order they last changed.
WITH ranked AS (SELECT id, row_number() OVER (ORDER BY updated_at, id) AS seq FROM nodes)
UPDATE nodes SET change_seq = ranked.seq FROM ranked WHERE nodes.id = ranked.id;

INSERT INTO pressluft_sequences (name, value)
  VALUES ('node_changes', (SELECT coalesce(max(change_seq), 0) FROM nodes));

-- The inner UPDATE sets only change_seq, which the update trigger does not watch, so neither trigger
-- fires again from it.
CREATE TRIGGER nodes_change_seq_on_insert AFTER INSERT ON nodes
BEGIN
  UPDATE pressluft_sequences SET value = value + 1 WHERE name = 'node_changes';
  UPDATE nodes SET change_seq = (SELECT value FROM pressluft_sequences WHERE name = 'node_changes')
    WHERE id = NEW.id;
END;

CREATE TRIGGER nodes_change_seq_on_update AFTER UPDATE OF
  provider_id, name, location, server_type, image, status, idempotency_key, provider_server_id, ipv4, ipv6,
  ssh_host, ssh_port, ssh_user, host_key, last_error_code, last_error_message, created_at, updated_at
  ON nodes
BEGIN
  UPDATE pressluft_sequences SET value = value + 1 WHERE name = 'node_changes';
  UPDATE nodes SET change_seq = (SELECT value FROM pressluft_sequences WHERE name = 'node_changes')
    WHERE id = NEW.id;
END;

CREATE INDEX nodes_by_change_seq ON nodes (change_seq);

DROP INDEX nodes_by_provider;
CREATE INDEX nodes_by_created ON nodes (created_at, id);
CREATE INDEX nodes_live_by_created ON nodes (created_at, id) WHERE status <> 'deleted';
CREATE INDEX nodes_by_provider_created ON nodes (provider_id, created_at, id);
CREATE INDEX nodes_live_by_provider_created ON nodes (provider_id, created_at, id) WHERE status <> 'deleted';
CREATE INDEX nodes_by_status_created ON nodes (status, created_at, id);
CREATE INDEX nodes_by_name ON nodes (name);
CREATE INDEX nodes_live_by_provider_name ON nodes (provider_id, name) WHERE status <> 'deleted';

DROP INDEX jobs_by_node;
CREATE INDEX jobs_by_node_created ON jobs (node_id, created_at, id) WHERE node_id IS NOT NULL;
`,
} as const;
