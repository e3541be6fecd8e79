/**
 * Migration 1: the initial schema.
 *
 * Times are INTEGER milliseconds since the epoch; JSON lives in TEXT columns; booleans are 0/1.
 * Released migrations never change: a schema change is a new numbered file.
 */
export const migration0001Initial = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE provider_connections (
  id              TEXT PRIMARY KEY,
  type            TEXT NOT NULL,
  name            TEXT NOT NULL,
  -- sealed envelope only (pls1.<keyId>.…); the key id is kept apart so a key rotation can find its rows
  sealed_token    TEXT NOT NULL,
  token_key_id    TEXT,
  status          TEXT NOT NULL DEFAULT 'unchecked',
  status_guidance TEXT,
  checked_at      INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE nodes (
  id                 TEXT PRIMARY KEY,
  provider_id        TEXT NOT NULL,
  name               TEXT NOT NULL,
  location           TEXT NOT NULL,
  server_type        TEXT NOT NULL,
  image              TEXT NOT NULL,
  status             TEXT NOT NULL,
  idempotency_key    TEXT NOT NULL UNIQUE,
  provider_server_id TEXT,
  ipv4               TEXT,
  ipv6               TEXT,
  ssh_host           TEXT,
  ssh_port           INTEGER,
  ssh_user           TEXT,
  host_key           TEXT,
  last_error_code    TEXT,
  last_error_message TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;

CREATE INDEX nodes_by_provider ON nodes (provider_id, created_at);

CREATE TABLE managed_ssh_keys (
  provider_id            TEXT PRIMARY KEY REFERENCES provider_connections (id) ON DELETE CASCADE,
  provider_key_id        TEXT,
  name                   TEXT NOT NULL,
  public_key             TEXT NOT NULL,
  fingerprint_md5        TEXT NOT NULL,
  fingerprint_sha256     TEXT NOT NULL,
  sealed_private_key     TEXT NOT NULL,
  private_key_key_id     TEXT,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL
) STRICT;

CREATE TABLE jobs (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  node_id            TEXT,
  payload            TEXT NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0,
  max_attempts       INTEGER NOT NULL,
  run_at             INTEGER NOT NULL,
  lease_owner        TEXT,
  lease_token        TEXT,
  lease_expires_at   INTEGER,
  checkpoint         TEXT,
  current_step       TEXT,
  last_error_code    TEXT,
  last_error_message TEXT,
  dedupe_key         TEXT,
  cancel_requested   INTEGER NOT NULL DEFAULT 0,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  finished_at        INTEGER
) STRICT;

-- The claim scans only queued rows, in claim order.
CREATE INDEX jobs_queued ON jobs (run_at, id) WHERE status = 'queued';
-- The reaper scans only running rows, by lease end.
CREATE INDEX jobs_running_leases ON jobs (lease_expires_at) WHERE status = 'running';
-- One unfinished job per dedupe key.
CREATE UNIQUE INDEX jobs_dedupe_unfinished ON jobs (dedupe_key)
  WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');
CREATE INDEX jobs_by_created ON jobs (created_at, id);
CREATE INDEX jobs_by_node ON jobs (node_id, created_at) WHERE node_id IS NOT NULL;

CREATE TABLE job_events (
  job_id TEXT NOT NULL REFERENCES jobs (id),
  seq    INTEGER NOT NULL,
  type   TEXT NOT NULL,
  at     INTEGER NOT NULL,
  data   TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
) STRICT, WITHOUT ROWID;

-- The event log is history: rows are only ever added.
CREATE TRIGGER job_events_append_only_update BEFORE UPDATE ON job_events
BEGIN
  SELECT RAISE(ABORT, 'job_events is append-only');
END;

CREATE TRIGGER job_events_append_only_delete BEFORE DELETE ON job_events
BEGIN
  SELECT RAISE(ABORT, 'job_events is append-only');
END;
`,
} as const;
