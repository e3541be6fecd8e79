import { errAsync, ResultAsync } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/error-families.js';
import type { JobRecord } from '../model/job.js';
import type { JsonObject } from '../model/json.js';
import type { NodeRecord } from '../model/node.js';
import type { SealedSecret } from '../secrets/sealed-secret.js';
import type { NewJob, NewNode, Store } from '../spec/store.js';
import { sealForKit, uniqueSuffix } from '../testing/kit-fixtures.js';
import { codeOf, expectErr, expectErrCode, expectOk } from '../testing/result-assertions.js';
import type { RawJobRow, StoreReadBack } from './store-read-back.js';

/** Optional behaviours a store may leave out; each defaults to `true`, and `false` leaves its tests out. */
export interface StoreCapabilities {
  /** Operations outside an open transaction wait for it, so they never see its uncommitted writes. */
  readonly isolatesTransactions?: boolean;
  /** After `close()`, operations fail with `STORE_UNAVAILABLE`. */
  readonly closes?: boolean;
}

/** Options of {@link runStoreConformance}. */
export interface StoreConformanceOptions<S extends Store = Store> {
  /** Names the store in the test titles, such as `sqlite`. */
  readonly name: string;
  /** A fresh, empty store; called before every test. */
  createStore(): Promise<S> | S;
  /** Release what `createStore` made (close it, remove files); the store may already be closed. */
  destroyStore?(store: S): Promise<void> | void;
  /** The raw read-back channel of a store made by `createStore` (for SQLite: direct SQL on its database). */
  readBack(store: S): StoreReadBack;
  /** Behaviours the store does not offer. */
  readonly capabilities?: StoreCapabilities;
}

// One clock for the whole kit; stores must use the times they are given, never their own clock.
const t0 = 1_700_000_000_000;
const plaintextToken = `kit-plaintext-token-${uniqueSuffix()}-must-never-be-stored`;
const plaintextPrivateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\nkit-${uniqueSuffix()}\n-----END OPENSSH PRIVATE KEY-----`;

function normalizeJobRow(row: RawJobRow | null) {
  if (row === null) return null;
  return {
    ...row,
    leaseToken: row.leaseToken === null ? null : String(row.leaseToken),
    cancelRequested: Boolean(row.cancelRequested),
    checkpoint:
      typeof row.checkpoint === 'string'
        ? (JSON.parse(row.checkpoint) as JsonObject)
        : (row.checkpoint ?? null),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/**
 * The store conformance kit: registers vitest suites that check a `Store` implementation against
 * the contract — provider connections, nodes, managed SSH keys, the job queue (dedupe, claim order,
 * leases and fencing, settling, cancellation, the reaper's view), the job event log, transactions and
 * concurrent claims. Every write is checked through `readBack` as well as through the store.
 *
 * Call it at the top level of a test file:
 *
 * ```ts
 * runStoreConformance({ name: 'sqlite', createStore: () => openTestStore(), readBack: (store) => sqlReadBack(store) });
 * ```
 */
export function runStoreConformance<S extends Store>(options: StoreConformanceOptions<S>): void {
  const capabilities = { isolatesTransactions: true, closes: true, ...options.capabilities };

  describe(`store conformance: ${options.name}`, () => {
    let store: S;
    let raw: StoreReadBack;
    const rawJob = async (id: string) => normalizeJobRow(await raw.job(id));

    beforeEach(async () => {
      store = await options.createStore();
      raw = options.readBack(store);
    });

    afterEach(async () => {
      await options.destroyStore?.(store);
    });

    const createConnection = (
      name = 'kit connection',
      sealedToken: SealedSecret = sealForKit(plaintextToken),
    ) =>
      expectOk(
        store.createProviderConnection({ type: 'kit', name, sealedToken }, t0),
        'creating a provider connection',
      );

    const newNode = (providerId: string, overrides: Partial<NewNode> = {}): NewNode => ({
      providerId,
      name: `node-${uniqueSuffix()}`,
      location: 'fsn1',
      serverType: 'cx22',
      image: 'ubuntu-24.04',
      idempotencyKey: `idem-${uniqueSuffix()}`,
      ...overrides,
    });

    const enqueue = async (input: Partial<NewJob> = {}, now = t0) =>
      (await expectOk(store.enqueueJob({ kind: 'kit-job', ...input }, now), 'enqueueing a job')).job;

    const claim = (owner: string, now = t0, limit = 1, kinds?: readonly string[]) =>
      expectOk(
        store.claimJobs({ owner, limit, leaseMs: 30_000, now, ...(kinds === undefined ? {} : { kinds }) }),
        'claiming jobs',
      );

    const claimOnly = async (job: JobRecord, now = t0): Promise<JobRecord> => {
      const claimed = await claim('worker-a', now, 1, [job.kind]);
      expect(
        claimed.map((each) => each.id),
        'claiming a single due job returns it',
      ).toEqual([job.id]);
      return claimed[0] as JobRecord;
    };

    describe('provider connections', () => {
      it('creates a connection with defaults and stores the sealed token exactly as given', async () => {
        const sealedToken = sealForKit(plaintextToken);
        const connection = await createConnection('first', sealedToken);
        expect(connection.id, 'a connection id starts with prv_').toMatch(/^prv_/);
        expect(connection.status, 'a new connection without a check is unchecked').toBe('unchecked');
        expect(connection.statusGuidance, 'a new connection has no guidance').toBeNull();
        expect(connection.checkedAt, 'a new connection has no check time').toBeNull();
        expect(connection.createdAt, 'createdAt is the time passed in').toBe(t0);
        expect(connection.updatedAt, 'updatedAt is the time passed in').toBe(t0);
        expect(connection.sealedToken, 'the sealed token round-trips unchanged').toBe(sealedToken);
        const row = await raw.providerConnection(connection.id);
        expect(row?.sealedToken, 'the database holds the sealed envelope, unchanged').toBe(sealedToken);
        expect(row?.name, 'the database holds the name').toBe('first');
        expect(row?.status, 'the database holds the status').toBe('unchecked');
      });

      it('never stores the plaintext token or private key (raw dump)', async () => {
        const connection = await createConnection();
        await expectOk(
          store.saveManagedSshKey(
            {
              providerId: connection.id,
              providerKeyId: '1',
              name: 'pressluft',
              publicKey: 'ssh-ed25519 AAAAkit kit',
              fingerprintMd5: 'aa:bb',
              fingerprintSha256: 'SHA256:kit',
              sealedPrivateKey: sealForKit(plaintextPrivateKey),
            },
            t0,
          ),
          'saving a managed SSH key',
        );
        // Without a full dump, the rows that hold secrets are the next best evidence.
        const dump =
          raw.rawText === undefined
            ? JSON.stringify([
                await raw.providerConnection(connection.id),
                await raw.managedSshKey(connection.id),
              ])
            : await raw.rawText();
        expect(dump.includes(connection.sealedToken), 'the raw dump holds the sealed token').toBe(true);
        expect(dump.includes(plaintextToken), 'the plaintext token never appears in the raw dump').toBe(
          false,
        );
        expect(dump.includes('BEGIN OPENSSH PRIVATE KEY'), 'no plaintext private key in the raw dump').toBe(
          false,
        );
      });

      it('gets, lists oldest first and returns null for an unknown id', async () => {
        const first = await createConnection('first');
        const second = await expectOk(
          store.createProviderConnection(
            { type: 'kit', name: 'second', sealedToken: sealForKit(plaintextToken), status: 'connected' },
            t0 + 1,
          ),
          'creating a second connection',
        );
        expect(second.status, 'the status given at creation is kept').toBe('connected');
        expect(await expectOk(store.getProviderConnection(first.id), 'getting a connection')).toEqual(first);
        expect(
          await expectOk(store.getProviderConnection('prv_unknown'), 'getting an unknown connection'),
          'an unknown connection id gives null',
        ).toBeNull();
        const listed = await expectOk(store.listProviderConnections(), 'listing connections');
        expect(
          listed.map((connection) => connection.id),
          'connections are listed oldest first',
        ).toEqual([first.id, second.id]);
      });

      it('updates given fields only, rotates the sealed token, and refuses an unknown id with NOT_FOUND', async () => {
        const connection = await createConnection('before');
        const rotated = sealForKit(`${plaintextToken}-rotated`);
        const updated = await expectOk(
          store.updateProviderConnection(
            connection.id,
            { sealedToken: rotated, status: 'connected', statusGuidance: 'fine', checkedAt: t0 + 5 },
            t0 + 10,
          ),
          'updating a connection',
        );
        expect(updated.name, 'an absent field stays as it was').toBe('before');
        expect(updated.sealedToken, 'the token is rotated').toBe(rotated);
        expect(updated.status, 'the status is updated').toBe('connected');
        expect(updated.statusGuidance, 'the guidance is updated').toBe('fine');
        expect(updated.checkedAt, 'the check time is updated').toBe(t0 + 5);
        expect(updated.updatedAt, 'updatedAt moves to the time passed in').toBe(t0 + 10);
        expect(updated.createdAt, 'createdAt does not move').toBe(t0);
        const row = await raw.providerConnection(connection.id);
        expect(row?.sealedToken, 'the database holds the rotated token').toBe(rotated);
        expect(row?.status, 'the database holds the new status').toBe('connected');
        await expectErrCode(
          store.updateProviderConnection('prv_unknown', { name: 'x' }, t0),
          'NOT_FOUND',
          'updating an unknown connection',
        );
      });

      it('refuses to delete a connection used by a node that is not deleted (CONFLICT), then deletes it with its key', async () => {
        const connection = await createConnection();
        const node = await expectOk(store.createNode(newNode(connection.id), t0), 'creating a node');
        await expectOk(
          store.saveManagedSshKey(
            {
              providerId: connection.id,
              providerKeyId: '7',
              name: 'pressluft',
              publicKey: 'ssh-ed25519 AAAAkit kit',
              fingerprintMd5: 'aa:bb',
              fingerprintSha256: 'SHA256:kit',
              sealedPrivateKey: sealForKit(plaintextPrivateKey),
            },
            t0,
          ),
          'saving a managed SSH key',
        );
        await expectErrCode(
          store.deleteProviderConnection(connection.id),
          'CONFLICT',
          'deleting a connection a live node uses',
        );
        expect(await raw.providerConnection(connection.id), 'a refused delete leaves the row').not.toBeNull();
        await expectOk(store.updateNode(node.id, { status: 'deleted' }, t0 + 1), 'marking the node deleted');
        await expectOk(
          store.deleteProviderConnection(connection.id),
          'deleting a connection only deleted nodes use',
        );
        expect(await raw.providerConnection(connection.id), 'the connection row is gone').toBeNull();
        expect(
          await raw.managedSshKey(connection.id),
          'the managed key row goes with its connection',
        ).toBeNull();
        expect(
          await expectOk(store.getProviderConnection(connection.id), 'getting a deleted connection'),
          'a deleted connection reads as null',
        ).toBeNull();
      });
    });

    describe('nodes', () => {
      it('creates a node with defaults', async () => {
        const connection = await createConnection();
        const input = newNode(connection.id);
        const node = await expectOk(store.createNode(input, t0), 'creating a node');
        expect(node.id, 'a node id starts with node_').toMatch(/^node_/);
        expect(node, 'a new node carries its input and empty provider facts').toMatchObject({
          ...input,
          status: 'pending',
          providerServerId: null,
          ipv4: null,
          ipv6: null,
          sshTarget: null,
          hostKey: null,
          lastErrorCode: null,
          lastErrorMessage: null,
          createdAt: t0,
          updatedAt: t0,
        });
        const row = await raw.node(node.id);
        expect(row, 'the database holds the node').toMatchObject({
          status: 'pending',
          providerId: connection.id,
          idempotencyKey: input.idempotencyKey,
          providerServerId: null,
        });
      });

      it('refuses a second node with the same idempotency key (CONFLICT)', async () => {
        const connection = await createConnection();
        const first = await expectOk(
          store.createNode(newNode(connection.id, { idempotencyKey: 'same-key' }), t0),
          'creating the first node',
        );
        await expectErrCode(
          store.createNode(newNode(connection.id, { idempotencyKey: 'same-key' }), t0 + 1),
          'CONFLICT',
          'creating a node with a taken idempotency key',
        );
        const nodes = await expectOk(store.listNodes(), 'listing nodes');
        expect(
          nodes.map((node) => node.id),
          'only the first node exists',
        ).toEqual([first.id]);
      });

      it('updates given fields, clears with null, and refuses an unknown id with NOT_FOUND', async () => {
        const connection = await createConnection();
        const node = await expectOk(store.createNode(newNode(connection.id), t0), 'creating a node');
        const target = { host: '203.0.113.10', port: 22, user: 'root' };
        const updated = await expectOk(
          store.updateNode(
            node.id,
            {
              status: 'provisioning',
              providerServerId: '4711',
              ipv4: '203.0.113.10',
              ipv6: '2001:db8::1',
              sshTarget: target,
              hostKey: 'ssh-ed25519 AAAAhost',
              lastErrorCode: 'PROVIDER_TIMEOUT',
              lastErrorMessage: 'slow',
            },
            t0 + 5,
          ),
          'updating a node',
        );
        expect(updated, 'every patched field is saved').toMatchObject({
          status: 'provisioning',
          providerServerId: '4711',
          ipv4: '203.0.113.10',
          ipv6: '2001:db8::1',
          sshTarget: target,
          hostKey: 'ssh-ed25519 AAAAhost',
          lastErrorCode: 'PROVIDER_TIMEOUT',
          lastErrorMessage: 'slow',
          updatedAt: t0 + 5,
          createdAt: t0,
        });
        expect(await raw.node(node.id), 'the database holds the patched node').toMatchObject({
          status: 'provisioning',
          providerServerId: '4711',
          lastErrorCode: 'PROVIDER_TIMEOUT',
        });
        const cleared = await expectOk(
          store.updateNode(node.id, { lastErrorCode: null, lastErrorMessage: null, status: 'ready' }, t0 + 6),
          'clearing the error of a node',
        );
        expect(cleared.lastErrorCode, 'null clears the error code').toBeNull();
        expect(cleared.lastErrorMessage, 'null clears the error message').toBeNull();
        expect(cleared.sshTarget, 'absent fields stay as they were').toEqual(target);
        expect((await raw.node(node.id))?.lastErrorCode, 'the database holds the cleared code').toBeNull();
        await expectErrCode(
          store.updateNode('node_unknown', { status: 'ready' }, t0),
          'NOT_FOUND',
          'updating an unknown node',
        );
        expect(
          await expectOk(store.getNode('node_unknown'), 'getting an unknown node'),
          'unknown node is null',
        ).toBeNull();
      });

      it('lists nodes oldest first, filtered by provider and statuses', async () => {
        const first = await createConnection('first');
        const second = await createConnection('second');
        const a = await expectOk(store.createNode(newNode(first.id), t0), 'creating node a');
        const b = await expectOk(store.createNode(newNode(second.id), t0 + 1), 'creating node b');
        const c = await expectOk(
          store.createNode(newNode(first.id, { status: 'ready' }), t0 + 2),
          'creating node c',
        );
        const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id);
        expect(ids(await expectOk(store.listNodes(), 'listing all')), 'all nodes, oldest first').toEqual([
          a.id,
          b.id,
          c.id,
        ]);
        expect(
          ids(await expectOk(store.listNodes({ providerId: first.id }), 'listing by provider')),
          'the provider filter keeps that provider’s nodes',
        ).toEqual([a.id, c.id]);
        expect(
          ids(await expectOk(store.listNodes({ statuses: ['ready', 'failed'] }), 'listing by status')),
          'the status filter keeps nodes in those statuses',
        ).toEqual([c.id]);
        expect(
          ids(
            await expectOk(
              store.listNodes({ providerId: second.id, statuses: ['ready'] }),
              'listing by both',
            ),
          ),
          'filters combine',
        ).toEqual([]);
      });

      it('pages nodes by (createdAt, id) with a position that survives writes, and filters in the query', async () => {
        const first = await createConnection('first');
        const second = await createConnection('second');
        // Two nodes share a createdAt, so the id must break the tie.
        const made: NodeRecord[] = [];
        for (const [index, at] of [t0, t0, t0 + 1, t0 + 2, t0 + 3, t0 + 4].entries()) {
          made.push(
            await expectOk(
              store.createNode(
                newNode(index % 2 === 0 ? first.id : second.id, {
                  name: index < 3 ? `web-${index}` : `db-${index}`,
                  status: index === 4 ? 'deleted' : 'ready',
                }),
                at,
              ),
              `creating node ${index}`,
            ),
          );
        }
        const order = [...made].sort(
          (left, right) => left.createdAt - right.createdAt || (left.id < right.id ? -1 : 1),
        );
        const live = order.filter((node) => node.status !== 'deleted').map((node) => node.id);
        const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id);
        const one = await expectOk(store.pageNodes({ limit: 2 }), 'the first page');
        expect(ids(one.items), 'the first page holds the two oldest live nodes').toEqual(live.slice(0, 2));
        expect(one.next, 'a next position while rows remain').toEqual({
          createdAt: one.items[1]?.createdAt,
          id: one.items[1]?.id,
        });
        // A write between pages (a new node, a changed one) neither repeats nor skips a row.
        await expectOk(
          store.updateNode(live[0] as string, { status: 'failed' }, t0 + 10),
          'changing a seen node',
        );
        const late = await expectOk(
          store.createNode(newNode(first.id, { name: 'late' }), t0 + 20),
          'a new node',
        );
        const two = await expectOk(store.pageNodes({ limit: 2, after: one.next }), 'the second page');
        const three = await expectOk(store.pageNodes({ limit: 2, after: two.next }), 'the third page');
        expect([...ids(two.items), ...ids(three.items)], 'the later pages continue in order').toEqual([
          ...live.slice(2),
          late.id,
        ]);
        expect(three.next, 'no next position after the last row').toBeNull();
        expect(
          ids((await expectOk(store.pageNodes({ limit: 500, includeDeleted: true }), 'with deleted')).items),
          'includeDeleted lists deleted nodes in place',
        ).toEqual([...order.map((node) => node.id), late.id]);
        expect(
          ids((await expectOk(store.pageNodes({ limit: 50, statuses: ['deleted'] }), 'only deleted')).items),
          'asking for the deleted status lists deleted nodes',
        ).toEqual([made[4]?.id]);
        expect(
          ids((await expectOk(store.pageNodes({ limit: 50, namePrefix: 'web-' }), 'by name prefix')).items),
          'the name prefix matches the start of the name',
        ).toEqual(order.filter((node) => node.name.startsWith('web-')).map((node) => node.id));
        expect(
          ids(
            (
              await expectOk(
                store.pageNodes({ limit: 50, providerId: second.id, statuses: ['ready'], namePrefix: 'db' }),
                'all filters',
              )
            ).items,
          ),
          'filters combine',
        ).toEqual(
          order
            .filter((node) => node.providerId === second.id && node.name.startsWith('db'))
            .map((node) => node.id),
        );
        const clamped = await expectOk(
          store.pageNodes({ limit: 10_000, includeDeleted: true }),
          'a huge limit',
        );
        expect(clamped.items.length, 'a limit above the maximum is clamped, not refused').toBe(7);
      });

      it('finds a live node by provider and exact name, never a deleted one', async () => {
        const first = await createConnection('first');
        const second = await createConnection('second');
        const gone = await expectOk(
          store.createNode(newNode(first.id, { name: 'web', status: 'deleted' }), t0),
          'a deleted node',
        );
        expect(
          await expectOk(store.findNodeByName(first.id, 'web'), 'finding a name only a deleted node had'),
          'a deleted node does not hold its name',
        ).toBeNull();
        const web = await expectOk(
          store.createNode(newNode(first.id, { name: 'web' }), t0 + 1),
          'a live node',
        );
        expect(
          (await expectOk(store.findNodeByName(first.id, 'web'), 'finding web'))?.id,
          'the live one',
        ).toBe(web.id);
        expect(web.id, 'not the deleted one').not.toBe(gone.id);
        expect(
          await expectOk(store.findNodeByName(second.id, 'web'), 'another provider'),
          'names are per provider',
        ).toBeNull();
        expect(
          await expectOk(store.findNodeByName(first.id, 'we'), 'a prefix'),
          'the name must match whole',
        ).toBeNull();
      });

      it('gives every node write the next value of a persistent change sequence, one entry per node', async () => {
        const connection = await createConnection();
        const start = await expectOk(store.lastNodeChangeSeq(), 'the sequence before any node');
        const a = await expectOk(store.createNode(newNode(connection.id), t0), 'creating node a');
        const b = await expectOk(store.createNode(newNode(connection.id), t0 + 1), 'creating node b');
        const afterCreates = await expectOk(store.lastNodeChangeSeq(), 'the sequence after two creates');
        expect(afterCreates, 'each create moves the sequence').toBeGreaterThanOrEqual(start + 2);
        const all = await expectOk(store.listNodeChanges({ afterSeq: start, limit: 50 }), 'all changes');
        expect(
          all.map((change) => change.node.id),
          'changes come in the order they were made',
        ).toEqual([a.id, b.id]);
        await expectOk(store.updateNode(a.id, { status: 'acquiring' }, t0 + 2), 'changing node a');
        const changed = await expectOk(store.updateNode(a.id, { status: 'provisioning' }, t0 + 3), 'again');
        const latest = await expectOk(store.lastNodeChangeSeq(), 'the sequence after the updates');
        const since = await expectOk(
          store.listNodeChanges({ afterSeq: afterCreates, limit: 50 }),
          'changes since',
        );
        expect(since, 'one entry per node, with its latest state and the latest value').toEqual([
          { seq: latest, node: changed },
        ]);
        expect(
          (await expectOk(store.listNodeChanges({ afterSeq: start, limit: 50 }), 'all again')).map(
            (change) => change.node.id,
          ),
          'a changed node moves to the end of the feed',
        ).toEqual([b.id, a.id]);
        expect(
          await expectOk(store.listNodeChanges({ afterSeq: start, limit: 1 }), 'limited'),
          'the limit keeps the oldest changes',
        ).toHaveLength(1);
        expect(
          await expectOk(store.listNodeChanges({ afterSeq: latest, limit: 50 }), 'after the newest'),
          'nothing after the newest value',
        ).toEqual([]);
        const rolledBack = await store.transaction((tx) =>
          tx
            .updateNode(b.id, { status: 'failed' }, t0 + 4)
            .andThen(() => errAsync(new ValidationError({ code: 'CONFLICT', message: 'roll back' }))),
        );
        expect(rolledBack.isErr(), 'the transaction rolled back').toBe(true);
        expect(
          await expectOk(store.listNodeChanges({ afterSeq: latest, limit: 50 }), 'after a rollback'),
          'a rolled-back write leaves no change behind',
        ).toEqual([]);
      });
    });

    describe('managed SSH keys', () => {
      it('saves one key per provider connection and replaces it on a second save', async () => {
        const first = await createConnection('first');
        const second = await createConnection('second');
        expect(
          await expectOk(store.getManagedSshKey(first.id), 'getting a key before any save'),
          'no key before the first save',
        ).toBeNull();
        const keyInput = {
          providerId: first.id,
          providerKeyId: null,
          name: 'pressluft-a',
          publicKey: 'ssh-ed25519 AAAAfirst kit',
          fingerprintMd5: '11:22',
          fingerprintSha256: 'SHA256:first',
          sealedPrivateKey: sealForKit(plaintextPrivateKey),
        };
        const saved = await expectOk(store.saveManagedSshKey(keyInput, t0), 'saving a key');
        expect(saved, 'the saved key carries its input and times').toMatchObject({
          ...keyInput,
          createdAt: t0,
          updatedAt: t0,
        });
        const replaced = await expectOk(
          store.saveManagedSshKey(
            { ...keyInput, providerKeyId: '99', fingerprintSha256: 'SHA256:second' },
            t0 + 5,
          ),
          'saving the key again',
        );
        expect(replaced.providerKeyId, 'a second save replaces the provider key id').toBe('99');
        expect(replaced.updatedAt, 'a second save moves updatedAt').toBe(t0 + 5);
        expect(await raw.managedSshKey(first.id), 'the database holds the replaced key').toMatchObject({
          providerKeyId: '99',
          fingerprintSha256: 'SHA256:second',
          sealedPrivateKey: keyInput.sealedPrivateKey,
        });
        expect(
          await expectOk(store.getManagedSshKey(second.id), 'getting the other provider’s key'),
          'keys are per provider connection',
        ).toBeNull();
      });
    });

    describe('jobs: enqueue and dedupe', () => {
      it('enqueues with defaults and appends a job-queued event', async () => {
        const { job, created } = await expectOk(
          store.enqueueJob({ kind: 'kit-job', payload: { answer: 42 } }, t0),
          'enqueueing a job',
        );
        expect(created, 'a new job reports created').toBe(true);
        expect(job.id, 'a job id starts with job_').toMatch(/^job_/);
        expect(job, 'a new job has the documented defaults').toMatchObject({
          kind: 'kit-job',
          status: 'queued',
          nodeId: null,
          payload: { answer: 42 },
          attempts: 0,
          maxAttempts: 5,
          runAt: t0,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
          checkpoint: null,
          currentStep: null,
          lastErrorCode: null,
          lastErrorMessage: null,
          dedupeKey: null,
          cancelRequested: false,
          createdAt: t0,
          updatedAt: t0,
          finishedAt: null,
        });
        expect(await rawJob(job.id), 'the database holds the queued job').toMatchObject({
          status: 'queued',
          attempts: 0,
          maxAttempts: 5,
          runAt: t0,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
          checkpoint: null,
          dedupeKey: null,
          cancelRequested: false,
          finishedAt: null,
        });
        const events = await raw.jobEvents(job.id);
        expect(
          events.map((event) => [event.seq, event.type, event.at]),
          'enqueue appends job-queued as event 1',
        ).toEqual([[1, 'job-queued', t0]]);
      });

      it('keeps the given runAt, maxAttempts, node and checkpoint', async () => {
        const connection = await createConnection();
        const node = await expectOk(store.createNode(newNode(connection.id), t0), 'creating a node');
        const job = await enqueue({
          runAt: t0 + 60_000,
          maxAttempts: 9,
          nodeId: node.id,
          checkpoint: { step: 'create-server', serverId: '1' },
        });
        expect(job, 'the given fields are kept').toMatchObject({
          runAt: t0 + 60_000,
          maxAttempts: 9,
          nodeId: node.id,
          checkpoint: { step: 'create-server', serverId: '1' },
        });
        expect(await rawJob(job.id), 'the database holds them').toMatchObject({
          runAt: t0 + 60_000,
          maxAttempts: 9,
          checkpoint: { step: 'create-server', serverId: '1' },
        });
        const listed = await expectOk(store.listJobs({ nodeId: node.id }), 'listing jobs of the node');
        expect(
          listed.map((each) => each.id),
          'jobs are found by node',
        ).toEqual([job.id]);
      });

      it('returns the unfinished job for a taken dedupe key (created=false) and allows a new one after it finished', async () => {
        const first = await enqueue({ dedupeKey: 'node-1-provision' });
        const again = await expectOk(
          store.enqueueJob({ kind: 'kit-job', dedupeKey: 'node-1-provision' }, t0 + 1),
          'enqueueing a duplicate while queued',
        );
        expect(again.created, 'a duplicate of a queued job is not created').toBe(false);
        expect(again.job.id, 'a duplicate returns the queued job').toBe(first.id);
        expect((await raw.jobEvents(first.id)).length, 'a duplicate appends no event').toBe(1);
        const running = await claimOnly(first);
        const whileRunning = await expectOk(
          store.enqueueJob({ kind: 'kit-job', dedupeKey: 'node-1-provision' }, t0 + 2),
          'enqueueing a duplicate while running',
        );
        expect(whileRunning.created, 'a duplicate of a running job is not created').toBe(false);
        expect(whileRunning.job.id, 'a duplicate returns the running job').toBe(first.id);
        expect(
          (await expectOk(store.listJobs(), 'listing jobs')).length,
          'no second job exists while the first is unfinished',
        ).toBe(1);
        await expectOk(
          store.settleJob({
            jobId: first.id,
            leaseToken: running.leaseToken ?? '',
            outcome: { status: 'succeeded' },
            now: t0 + 3,
          }),
          'settling the first job',
        );
        const fresh = await expectOk(
          store.enqueueJob({ kind: 'kit-job', dedupeKey: 'node-1-provision' }, t0 + 4),
          'enqueueing after the first finished',
        );
        expect(fresh.created, 'after the first finished, the key makes a new job').toBe(true);
        expect(fresh.job.id, 'the new job is another job').not.toBe(first.id);
        expect((await rawJob(fresh.job.id))?.dedupeKey, 'the database holds the dedupe key').toBe(
          'node-1-provision',
        );
      });

      it('lists jobs newest first, filtered by status and kind, with a limit', async () => {
        const a = await enqueue({ kind: 'alpha' }, t0);
        const b = await enqueue({ kind: 'beta' }, t0 + 1);
        const c = await enqueue({ kind: 'alpha' }, t0 + 2);
        await claimOnly(a);
        const ids = (jobs: readonly JobRecord[]) => jobs.map((job) => job.id);
        expect(
          ids(await expectOk(store.listJobs(), 'listing all jobs')),
          'jobs are listed newest first',
        ).toEqual([c.id, b.id, a.id]);
        expect(
          ids(await expectOk(store.listJobs({ kinds: ['alpha'] }), 'listing by kind')),
          'the kind filter keeps those kinds',
        ).toEqual([c.id, a.id]);
        expect(
          ids(await expectOk(store.listJobs({ statuses: ['running'] }), 'listing by status')),
          'the status filter keeps those statuses',
        ).toEqual([a.id]);
        expect(
          ids(await expectOk(store.listJobs({ limit: 2 }), 'listing with a limit')),
          'the limit keeps the newest',
        ).toEqual([c.id, b.id]);
        expect(
          await expectOk(store.getJob('job_unknown'), 'getting an unknown job'),
          'unknown job is null',
        ).toBeNull();
      });
    });

    describe('jobs: pages', () => {
      it('pages jobs newest first by (createdAt, id), filtered by node, status and kind', async () => {
        const connection = await createConnection();
        const node = await expectOk(store.createNode(newNode(connection.id), t0), 'creating a node');
        const jobs: JobRecord[] = [];
        for (const [index, at] of [t0, t0, t0 + 1, t0 + 2, t0 + 3].entries()) {
          jobs.push(
            await enqueue(
              {
                kind: index === 4 ? 'gamma' : index % 2 === 0 ? 'alpha' : 'beta',
                ...(index < 3 ? { nodeId: node.id } : {}),
              },
              at,
            ),
          );
        }
        const newest = [...jobs]
          .sort((left, right) => right.createdAt - left.createdAt || (left.id < right.id ? 1 : -1))
          .map((job) => job.id);
        const ids = (list: readonly JobRecord[]) => list.map((job) => job.id);
        const one = await expectOk(store.pageJobs({ limit: 2 }), 'the first page');
        const two = await expectOk(store.pageJobs({ limit: 2, after: one.next }), 'the second page');
        const three = await expectOk(store.pageJobs({ limit: 2, after: two.next }), 'the third page');
        expect(
          [...ids(one.items), ...ids(two.items), ...ids(three.items)],
          'pages walk newest to oldest',
        ).toEqual(newest);
        expect(three.next, 'the last page has no next position').toBeNull();
        expect(
          ids(
            (
              await expectOk(
                store.pageJobs({ limit: 50, nodeId: node.id, kinds: ['alpha'] }),
                'by node and kind',
              )
            ).items,
          ),
          'node and kind filters combine',
        ).toEqual(newest.filter((id) => [jobs[0]?.id, jobs[2]?.id].includes(id)));
        await claimOnly(jobs[4] as JobRecord, t0 + 10);
        expect(
          ids((await expectOk(store.pageJobs({ limit: 50, statuses: ['running'] }), 'by status')).items),
          'the status filter',
        ).toEqual([jobs[4]?.id]);
      });
    });

    describe('jobs: claim', () => {
      it('claims in runAt order, then id order, and returns them in that order', async () => {
        const late = await enqueue({ runAt: t0 - 1_000 }, t0);
        const early = await enqueue({ runAt: t0 - 3_000 }, t0);
        const middle = await enqueue({ runAt: t0 - 2_000 }, t0);
        const tiedA = await enqueue({ runAt: t0 - 500 }, t0);
        const tiedB = await enqueue({ runAt: t0 - 500 }, t0);
        const tied = [tiedA.id, tiedB.id].sort();
        const claimed = await claim('worker-a', t0, 10);
        expect(
          claimed.map((job) => job.id),
          'claimed jobs come oldest runAt first, ties by id',
        ).toEqual([early.id, middle.id, late.id, ...tied]);
      });

      it('claims the oldest runAt first when the limit is smaller than the backlog', async () => {
        const second = await enqueue({ runAt: t0 - 1_000 });
        const first = await enqueue({ runAt: t0 - 2_000 });
        const claimed = await claim('worker-a', t0, 1);
        expect(
          claimed.map((job) => job.id),
          'limit 1 takes the oldest runAt',
        ).toEqual([first.id]);
        expect((await rawJob(second.id))?.status, 'the other job stays queued').toBe('queued');
      });

      it('does not claim a job whose runAt is in the future, and claims it once due', async () => {
        const future = await enqueue({ runAt: t0 + 60_000 });
        expect(await claim('worker-a', t0, 5), 'a future job is not claimed').toEqual([]);
        expect((await rawJob(future.id))?.status, 'the future job stays queued').toBe('queued');
        const due = await claim('worker-a', t0 + 60_000, 5);
        expect(
          due.map((job) => job.id),
          'a job is due when runAt equals now',
        ).toEqual([future.id]);
      });

      it('respects the claim limit', async () => {
        for (let index = 0; index < 5; index++) await enqueue({}, t0 + index);
        const claimed = await claim('worker-a', t0 + 10, 3);
        expect(claimed.length, 'no more than limit jobs are claimed').toBe(3);
        const stillQueued = await expectOk(store.listJobs({ statuses: ['queued'] }), 'listing queued jobs');
        expect(stillQueued.length, 'the rest stay queued').toBe(2);
      });

      it('claims only the given kinds', async () => {
        const alpha = await enqueue({ kind: 'alpha' });
        const beta = await enqueue({ kind: 'beta' });
        const claimed = await claim('worker-a', t0, 10, ['beta']);
        expect(
          claimed.map((job) => job.id),
          'only jobs of the given kinds are claimed',
        ).toEqual([beta.id]);
        expect((await rawJob(alpha.id))?.status, 'other kinds stay queued').toBe('queued');
      });

      it('counts the attempt at claim and sets the lease from the claim clock', async () => {
        const job = await enqueue();
        const [claimed] = await claim('worker-a', t0 + 100);
        expect(claimed, 'the claimed job is running with a lease').toMatchObject({
          id: job.id,
          status: 'running',
          attempts: 1,
          leaseOwner: 'worker-a',
          leaseExpiresAt: t0 + 100 + 30_000,
          updatedAt: t0 + 100,
        });
        expect(typeof claimed?.leaseToken, 'a claimed job has a lease token').toBe('string');
        expect(await rawJob(job.id), 'the database holds the lease and the counted attempt').toMatchObject({
          status: 'running',
          attempts: 1,
          leaseOwner: 'worker-a',
          leaseToken: claimed?.leaseToken,
          leaseExpiresAt: t0 + 100 + 30_000,
        });
      });

      it('gives a new lease token on every claim', async () => {
        const job = await enqueue();
        const first = await claimOnly(job);
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: first.leaseToken ?? '',
            outcome: { status: 'queued', runAt: t0 },
            now: t0 + 1,
          }),
          'sending the job back to the queue',
        );
        const second = await claimOnly(job, t0 + 2);
        expect(second.leaseToken, 'the second claim has a token').not.toBeNull();
        expect(second.leaseToken, 'the second claim has a different token').not.toBe(first.leaseToken);
        expect(second.attempts, 'the second claim counts a second attempt').toBe(2);
        expect((await rawJob(job.id))?.leaseToken, 'the database holds the new token').toBe(
          second.leaseToken,
        );
      });

      it('gives each of 20 jobs to exactly one of 50 parallel claimers', async () => {
        const jobIds = new Set<string>();
        for (let index = 0; index < 20; index++) jobIds.add((await enqueue({}, t0 + index)).id);
        const claims = await Promise.all(
          Array.from({ length: 50 }, (_, index) =>
            store.claimJobs({ owner: `worker-${index}`, limit: 1, leaseMs: 30_000, now: t0 + 100 }),
          ),
        );
        const owners = new Map<string, string>();
        claims.forEach((result, index) => {
          if (result.isErr()) throw new Error(`parallel claim ${index} failed: ${codeOf(result.error)}`);
          for (const job of result.value) {
            expect(owners.has(job.id), `job ${job.id} was claimed by two claimers`).toBe(false);
            owners.set(job.id, `worker-${index}`);
          }
        });
        expect(owners.size, 'every job is claimed exactly once').toBe(20);
        expect([...owners.keys()].sort(), 'the claimed jobs are the enqueued ones').toEqual(
          [...jobIds].sort(),
        );
        for (const [jobId, owner] of owners) {
          const row = await rawJob(jobId);
          expect(row?.leaseOwner, `the database names the claimer of ${jobId}`).toBe(owner);
          expect(row?.attempts, `job ${jobId} counted one attempt`).toBe(1);
        }
      });
    });

    describe('jobs: leases and fencing', () => {
      it('extends the lease on heartbeat', async () => {
        const job = await claimOnly(await enqueue());
        const beat = await expectOk(
          store.heartbeatJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            leaseMs: 60_000,
            now: t0 + 10_000,
          }),
          'heartbeating a held lease',
        );
        expect(beat, 'the heartbeat reports the new lease end and no cancellation').toEqual({
          leaseExpiresAt: t0 + 70_000,
          cancelRequested: false,
        });
        expect((await rawJob(job.id))?.leaseExpiresAt, 'the database holds the extended lease').toBe(
          t0 + 70_000,
        );
      });

      it('saves a checkpoint under a held lease', async () => {
        const job = await claimOnly(await enqueue());
        const saved = await expectOk(
          store.checkpointJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            checkpoint: { serverId: '4711' },
            currentStep: 'create-server',
            now: t0 + 5,
          }),
          'checkpointing a held lease',
        );
        expect(saved, 'the checkpoint is returned').toMatchObject({
          checkpoint: { serverId: '4711' },
          currentStep: 'create-server',
          status: 'running',
        });
        expect(await rawJob(job.id), 'the database holds the checkpoint').toMatchObject({
          checkpoint: { serverId: '4711' },
          currentStep: 'create-server',
        });
      });

      it('refuses heartbeat, checkpoint and settle with a wrong token (JOB_LEASE_LOST) and writes nothing', async () => {
        const job = await claimOnly(await enqueue());
        const before = await rawJob(job.id);
        const wrong = { jobId: job.id, leaseToken: 'not-the-token' };
        await expectErrCode(
          store.heartbeatJob({ ...wrong, leaseMs: 60_000, now: t0 + 1 }),
          'JOB_LEASE_LOST',
          'heartbeat with a wrong token',
        );
        await expectErrCode(
          store.checkpointJob({ ...wrong, checkpoint: { stolen: true }, currentStep: 'x', now: t0 + 1 }),
          'JOB_LEASE_LOST',
          'checkpoint with a wrong token',
        );
        await expectErrCode(
          store.settleJob({ ...wrong, outcome: { status: 'succeeded' }, now: t0 + 1 }),
          'JOB_LEASE_LOST',
          'settle with a wrong token',
        );
        expect(await rawJob(job.id), 'refused fenced writes leave the row untouched').toEqual(before);
      });

      it('refuses writes with a stale token after the job was claimed again, and writes nothing', async () => {
        const job = await enqueue();
        const first = await claimOnly(job);
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: first.leaseToken ?? '',
            outcome: { status: 'queued', runAt: t0 },
            now: t0 + 1,
          }),
          'sending the job back to the queue',
        );
        const second = await claimOnly(job, t0 + 2);
        const before = await rawJob(job.id);
        const stale = { jobId: job.id, leaseToken: first.leaseToken ?? '' };
        await expectErrCode(
          store.heartbeatJob({ ...stale, leaseMs: 60_000, now: t0 + 3 }),
          'JOB_LEASE_LOST',
          'heartbeat with a stale token',
        );
        await expectErrCode(
          store.checkpointJob({ ...stale, checkpoint: { zombie: true }, currentStep: 'x', now: t0 + 3 }),
          'JOB_LEASE_LOST',
          'checkpoint with a stale token',
        );
        await expectErrCode(
          store.settleJob({
            ...stale,
            outcome: { status: 'failed', errorCode: 'INTERNAL', errorMessage: 'zombie' },
            now: t0 + 3,
          }),
          'JOB_LEASE_LOST',
          'settle with a stale token',
        );
        const after = await rawJob(job.id);
        expect(after, 'a zombie attempt changes nothing').toEqual(before);
        expect(after?.leaseToken, 'the current lease is intact').toBe(second.leaseToken);
      });

      it('refuses writes with the token of an attempt that already settled', async () => {
        const job = await claimOnly(await enqueue());
        const lease = { jobId: job.id, leaseToken: job.leaseToken ?? '' };
        await expectOk(
          store.settleJob({ ...lease, outcome: { status: 'succeeded' }, now: t0 + 1 }),
          'settling',
        );
        const before = await rawJob(job.id);
        await expectErrCode(
          store.heartbeatJob({ ...lease, leaseMs: 1_000, now: t0 + 2 }),
          'JOB_LEASE_LOST',
          'heartbeat after settle',
        );
        await expectErrCode(
          store.settleJob({ ...lease, outcome: { status: 'succeeded' }, now: t0 + 2 }),
          'JOB_LEASE_LOST',
          'settling twice',
        );
        expect(await rawJob(job.id), 'a second settle writes nothing').toEqual(before);
      });
    });

    describe('jobs: settle', () => {
      it('succeeded: final, finishedAt set, lease cleared', async () => {
        const job = await claimOnly(await enqueue());
        const settled = await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: { status: 'succeeded' },
            now: t0 + 50,
          }),
          'settling as succeeded',
        );
        expect(settled, 'the job is succeeded and released').toMatchObject({
          status: 'succeeded',
          finishedAt: t0 + 50,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
          attempts: 1,
        });
        expect(await rawJob(job.id), 'the database holds the final state').toMatchObject({
          status: 'succeeded',
          finishedAt: t0 + 50,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
        });
      });

      it('failed: error code and message stored, finishedAt set, lease cleared', async () => {
        const job = await claimOnly(await enqueue());
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: {
              status: 'failed',
              errorCode: 'PROVIDER_QUOTA_EXCEEDED',
              errorMessage: 'limit reached',
            },
            now: t0 + 50,
          }),
          'settling as failed',
        );
        expect(await rawJob(job.id), 'the database holds the failure').toMatchObject({
          status: 'failed',
          lastErrorCode: 'PROVIDER_QUOTA_EXCEEDED',
          lastErrorMessage: 'limit reached',
          finishedAt: t0 + 50,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
        });
        expect(await claim('worker-b', t0 + 100, 5), 'a failed job is not claimed again').toEqual([]);
      });

      it('cancelled: final with the error code when given', async () => {
        const job = await claimOnly(await enqueue());
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: { status: 'cancelled', errorCode: 'JOB_CANCELLED', errorMessage: 'asked to stop' },
            now: t0 + 50,
          }),
          'settling as cancelled',
        );
        expect(await rawJob(job.id), 'the database holds the cancellation').toMatchObject({
          status: 'cancelled',
          lastErrorCode: 'JOB_CANCELLED',
          finishedAt: t0 + 50,
          leaseToken: null,
        });
      });

      it('queued: back in the queue at the given runAt with the error stored and the lease cleared', async () => {
        const job = await claimOnly(await enqueue());
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: {
              status: 'queued',
              runAt: t0 + 5_000,
              errorCode: 'PROVIDER_UNAVAILABLE',
              errorMessage: '503',
            },
            now: t0 + 50,
          }),
          'settling as queued for a retry',
        );
        expect(await rawJob(job.id), 'the database holds the scheduled retry').toMatchObject({
          status: 'queued',
          runAt: t0 + 5_000,
          attempts: 1,
          lastErrorCode: 'PROVIDER_UNAVAILABLE',
          lastErrorMessage: '503',
          finishedAt: null,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
        });
        expect(await claim('worker-a', t0 + 4_999, 5), 'the retry is not due before its runAt').toEqual([]);
        const retried = await claim('worker-a', t0 + 5_000, 5);
        expect(
          retried.map((each) => each.attempts),
          'the retry counts a second attempt',
        ).toEqual([2]);
      });

      it('queued with refundAttempt gives the attempt back', async () => {
        const job = await claimOnly(await enqueue());
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: { status: 'queued', runAt: t0 + 1, refundAttempt: true },
            now: t0 + 1,
          }),
          'releasing the job with a refund',
        );
        expect((await rawJob(job.id))?.attempts, 'a refunded attempt is not counted').toBe(0);
      });
    });

    describe('jobs: batched settle and events', () => {
      const claimMany = async (count: number): Promise<JobRecord[]> => {
        for (let index = 0; index < count; index++) await enqueue({ kind: 'kit-batch' });
        const claimed = await claim('worker-a', t0, count, ['kit-batch']);
        expect(claimed, `claiming ${count} due jobs`).toHaveLength(count);
        return [...claimed];
      };
      const leaseOf = (job: JobRecord) => ({ jobId: job.id, leaseToken: job.leaseToken ?? '' });

      it('settles many attempts with mixed outcomes in one call, results in input order', async () => {
        const [a, b, c, d, e] = (await claimMany(5)) as [
          JobRecord,
          JobRecord,
          JobRecord,
          JobRecord,
          JobRecord,
        ];
        const results = await expectOk(
          store.settleJobs([
            { ...leaseOf(a), outcome: { status: 'succeeded' }, now: t0 + 10 },
            {
              ...leaseOf(b),
              outcome: { status: 'failed', errorCode: 'PROVIDER_QUOTA_EXCEEDED', errorMessage: 'limit' },
              now: t0 + 11,
            },
            { ...leaseOf(c), outcome: { status: 'succeeded' }, now: t0 + 12 },
            {
              ...leaseOf(d),
              outcome: { status: 'queued', runAt: t0 + 5_000, errorCode: 'PROVIDER_UNAVAILABLE' },
              now: t0 + 13,
            },
            {
              ...leaseOf(e),
              outcome: { status: 'queued', runAt: t0 + 14, refundAttempt: true },
              now: t0 + 14,
            },
          ]),
          'settling five attempts at once',
        );
        const settled = results.map((result) => {
          if (result.isErr()) throw new Error(`an item with a held lease failed: ${codeOf(result.error)}`);
          return result.value;
        });
        expect(
          settled.map((job) => [job.id, job.status]),
          'each result belongs to its input, in order',
        ).toEqual([
          [a.id, 'succeeded'],
          [b.id, 'failed'],
          [c.id, 'succeeded'],
          [d.id, 'queued'],
          [e.id, 'queued'],
        ]);
        expect(settled[2], 'a succeeded item gets its own settle time').toMatchObject({
          finishedAt: t0 + 12,
          updatedAt: t0 + 12,
          leaseToken: null,
        });
        expect(await rawJob(a.id), 'the database holds the first success').toMatchObject({
          status: 'succeeded',
          finishedAt: t0 + 10,
          leaseOwner: null,
          leaseToken: null,
          leaseExpiresAt: null,
        });
        expect(await rawJob(b.id), 'the database holds the failure').toMatchObject({
          status: 'failed',
          lastErrorCode: 'PROVIDER_QUOTA_EXCEEDED',
          finishedAt: t0 + 11,
          leaseToken: null,
        });
        expect(await rawJob(d.id), 'the database holds the scheduled retry').toMatchObject({
          status: 'queued',
          runAt: t0 + 5_000,
          attempts: 1,
          lastErrorCode: 'PROVIDER_UNAVAILABLE',
          leaseToken: null,
        });
        expect(await rawJob(e.id), 'the database holds the refunded release').toMatchObject({
          status: 'queued',
          attempts: 0,
          runAt: t0 + 14,
        });
      });

      it('fences each item on its own: a lost lease writes nothing, the others are written', async () => {
        const [a, b, c] = (await claimMany(3)) as [JobRecord, JobRecord, JobRecord];
        const beforeB = await rawJob(b.id);
        const results = await expectOk(
          store.settleJobs([
            { ...leaseOf(a), outcome: { status: 'succeeded' }, now: t0 + 1 },
            { jobId: b.id, leaseToken: 'not-the-token', outcome: { status: 'succeeded' }, now: t0 + 1 },
            { ...leaseOf(c), outcome: { status: 'succeeded' }, now: t0 + 1 },
            { jobId: 'job_unknown', leaseToken: 'x', outcome: { status: 'succeeded' }, now: t0 + 1 },
          ]),
          'settling with one wrong token and one unknown job',
        );
        expect(
          results.map((result) => (result.isOk() ? result.value.status : codeOf(result.error))),
          'only the held leases settle',
        ).toEqual(['succeeded', 'JOB_LEASE_LOST', 'succeeded', 'JOB_LEASE_LOST']);
        expect(await rawJob(b.id), 'the refused item is untouched').toEqual(beforeB);
        expect((await rawJob(a.id))?.status, 'the item before it is written').toBe('succeeded');
        expect((await rawJob(c.id))?.status, 'the item after it is written').toBe('succeeded');
      });

      it('applies the items in order: the same attempt twice settles once', async () => {
        const [a, b] = (await claimMany(2)) as [JobRecord, JobRecord];
        const results = await expectOk(
          store.settleJobs([
            { ...leaseOf(a), outcome: { status: 'succeeded' }, now: t0 + 1 },
            { ...leaseOf(b), outcome: { status: 'succeeded' }, now: t0 + 1 },
            { ...leaseOf(a), outcome: { status: 'succeeded' }, now: t0 + 2 },
          ]),
          'settling one attempt twice',
        );
        expect(
          results.map((result) => (result.isOk() ? result.value.status : codeOf(result.error))),
          'the repeat finds the lease already released',
        ).toEqual(['succeeded', 'succeeded', 'JOB_LEASE_LOST']);
        expect((await rawJob(a.id))?.finishedAt, 'the first settle stands').toBe(t0 + 1);
        expect(await expectOk(store.settleJobs([]), 'settling nothing'), 'no items, no results').toEqual([]);
      });

      it('settles many inside a transaction and rolls them back with it', async () => {
        const [a, b] = (await claimMany(2)) as [JobRecord, JobRecord];
        const before = [await rawJob(a.id), await rawJob(b.id)];
        const rolledBack = await store.transaction((tx) =>
          tx
            .settleJobs([
              { ...leaseOf(a), outcome: { status: 'succeeded' }, now: t0 + 1 },
              { ...leaseOf(b), outcome: { status: 'succeeded' }, now: t0 + 1 },
            ])
            .andThen(() =>
              errAsync(new ValidationError({ code: 'VALIDATION_FAILED', message: 'kit abort' })),
            ),
        );
        expect(rolledBack.isErr(), 'the transaction reports the abort').toBe(true);
        expect([await rawJob(a.id), await rawJob(b.id)], 'the rolled-back settles left no trace').toEqual(
          before,
        );
      });

      it('appends many events in order, consecutive per job, all or nothing', async () => {
        const a = await enqueue();
        const b = await enqueue();
        const appended = await expectOk(
          store.appendJobEvents([
            { jobId: a.id, type: 'job-started', at: t0 + 1, data: { attempt: 1 } },
            { jobId: b.id, type: 'job-started', at: t0 + 2 },
            { jobId: a.id, type: 'job-succeeded', at: t0 + 3, data: { attempt: 1 } },
          ]),
          'appending three events at once',
        );
        expect(
          appended.map((event) => [event.jobId, event.seq, event.type, event.at, event.data]),
          'each event gets the next number of its job, in input order',
        ).toEqual([
          [a.id, 2, 'job-started', t0 + 1, { attempt: 1 }],
          [b.id, 2, 'job-started', t0 + 2, {}],
          [a.id, 3, 'job-succeeded', t0 + 3, { attempt: 1 }],
        ]);
        const distinct = await expectOk(
          store.appendJobEvents([
            { jobId: a.id, type: 'step-progress', at: t0 + 4 },
            { jobId: b.id, type: 'step-progress', at: t0 + 4 },
          ]),
          'appending one event for each of two jobs',
        );
        expect(
          distinct.map((event) => event.seq),
          'distinct jobs continue their own sequences',
        ).toEqual([4, 3]);
        expect(
          (await raw.jobEvents(a.id)).map((row) => row.seq),
          'the database holds a gapless sequence',
        ).toEqual([1, 2, 3, 4]);
        await expectErrCode(
          store.appendJobEvents([
            { jobId: b.id, type: 'step-progress', at: t0 + 5 },
            { jobId: 'job_unknown', type: 'step-progress', at: t0 + 5 },
          ]),
          'NOT_FOUND',
          'appending with an unknown job among them',
        );
        expect(
          (await raw.jobEvents(b.id)).map((row) => row.seq),
          'a refused batch appends none of its events',
        ).toEqual([1, 2, 3]);
        expect(await expectOk(store.appendJobEvents([]), 'appending nothing'), 'no events').toEqual([]);
      });

      it('appends more events than one statement holds', async () => {
        const jobs = [];
        for (let index = 0; index < 70; index++) jobs.push(await enqueue());
        const appended = await expectOk(
          store.appendJobEvents(
            jobs.map((job, index) => ({ jobId: job.id, type: 'job-started', at: t0 + index })),
          ),
          'appending 70 events of 70 jobs',
        );
        expect(
          appended.map((event) => [event.jobId, event.seq, event.at]),
          'every event is appended once, in order',
        ).toEqual(jobs.map((job, index) => [job.id, 2, t0 + index]));
      });
    });

    describe('jobs: cancellation, reaper view, next run', () => {
      it('cancels a queued job at once', async () => {
        const job = await enqueue();
        const cancelled = await expectOk(store.requestJobCancel(job.id, t0 + 5), 'cancelling a queued job');
        expect(cancelled, 'a queued job becomes cancelled').toMatchObject({
          status: 'cancelled',
          finishedAt: t0 + 5,
        });
        expect(await rawJob(job.id), 'the database holds the cancellation').toMatchObject({
          status: 'cancelled',
          finishedAt: t0 + 5,
        });
        expect(await claim('worker-a', t0 + 10, 5), 'a cancelled job is not claimed').toEqual([]);
      });

      it('flags a running job and its heartbeat reports the request', async () => {
        const job = await claimOnly(await enqueue());
        const flagged = await expectOk(store.requestJobCancel(job.id, t0 + 5), 'cancelling a running job');
        expect(flagged, 'a running job stays running with the flag set').toMatchObject({
          status: 'running',
          cancelRequested: true,
          leaseToken: job.leaseToken,
        });
        expect(await rawJob(job.id), 'the database holds the flag').toMatchObject({
          status: 'running',
          cancelRequested: true,
        });
        const beat = await expectOk(
          store.heartbeatJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            leaseMs: 1_000,
            now: t0 + 6,
          }),
          'heartbeating a job with a cancel request',
        );
        expect(beat.cancelRequested, 'the heartbeat reports the cancel request').toBe(true);
      });

      it('returns a finished job unchanged and refuses an unknown id with NOT_FOUND', async () => {
        const job = await claimOnly(await enqueue());
        await expectOk(
          store.settleJob({
            jobId: job.id,
            leaseToken: job.leaseToken ?? '',
            outcome: { status: 'succeeded' },
            now: t0,
          }),
          'settling',
        );
        const before = await rawJob(job.id);
        const unchanged = await expectOk(store.requestJobCancel(job.id, t0 + 5), 'cancelling a finished job');
        expect(unchanged.status, 'a finished job keeps its status').toBe('succeeded');
        expect(await rawJob(job.id), 'a finished job is not written').toEqual(before);
        await expectErrCode(
          store.requestJobCancel('job_unknown', t0),
          'NOT_FOUND',
          'cancelling an unknown job',
        );
      });

      it('lists running jobs whose lease ended before now, up to the limit', async () => {
        const a = await enqueue({}, t0);
        const b = await enqueue({}, t0 + 1);
        const c = await enqueue({}, t0 + 2);
        await store.claimJobs({ owner: 'worker-a', limit: 1, leaseMs: 1_000, now: t0 + 10 });
        await store.claimJobs({ owner: 'worker-a', limit: 1, leaseMs: 2_000, now: t0 + 10 });
        await store.claimJobs({ owner: 'worker-a', limit: 1, leaseMs: 60_000, now: t0 + 10 });
        const expired = await expectOk(store.listExpiredLeases(t0 + 5_000, 10), 'listing expired leases');
        expect(expired.map((job) => job.id).sort(), 'only leases that ended before now are listed').toEqual(
          [a.id, b.id].sort(),
        );
        const limited = await expectOk(store.listExpiredLeases(t0 + 5_000, 1), 'listing with a limit');
        expect(limited.length, 'the limit is respected').toBe(1);
        expect(
          await expectOk(store.listExpiredLeases(t0 + 500, 10), 'listing before any lease ended'),
          'nothing is listed while every lease holds',
        ).toEqual([]);
        expect((await rawJob(c.id))?.status, 'listing changes nothing').toBe('running');
      });

      it('reports the earliest runAt of queued jobs, by kind, or null', async () => {
        expect(
          await expectOk(store.nextRunAt(), 'next run of an empty queue'),
          'an empty queue has none',
        ).toBeNull();
        await enqueue({ kind: 'alpha', runAt: t0 + 3_000 });
        await enqueue({ kind: 'beta', runAt: t0 + 1_000 });
        const running = await enqueue({ kind: 'alpha', runAt: t0 - 1 });
        await claimOnly(running);
        expect(await expectOk(store.nextRunAt(), 'next run'), 'the earliest queued runAt').toBe(t0 + 1_000);
        expect(
          await expectOk(store.nextRunAt(['alpha']), 'next run of a kind'),
          'the earliest queued runAt of that kind (running jobs do not count)',
        ).toBe(t0 + 3_000);
        expect(
          await expectOk(store.nextRunAt(['gamma']), 'next run of an absent kind'),
          'no job of that kind',
        ).toBeNull();
      });
    });

    describe('job events', () => {
      it('appends with a gapless per-job sequence starting at 1', async () => {
        const a = await enqueue();
        const b = await enqueue();
        const appended = await expectOk(
          store.appendJobEvent({
            jobId: a.id,
            type: 'step-started',
            at: t0 + 1,
            data: { step: 'create-server' },
          }),
          'appending an event',
        );
        expect(appended, 'the first appended event follows job-queued').toMatchObject({
          jobId: a.id,
          seq: 2,
          type: 'step-started',
          at: t0 + 1,
          data: { step: 'create-server' },
        });
        const withoutData = await expectOk(
          store.appendJobEvent({ jobId: b.id, type: 'job-started', at: t0 + 2 }),
          'appending an event without data',
        );
        expect(withoutData.seq, 'sequences are per job').toBe(2);
        expect(withoutData.data, 'absent data is an empty object').toEqual({});
        const parallel = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            store.appendJobEvent({ jobId: a.id, type: 'step-progress', at: t0 + 10 + index }),
          ),
        );
        for (const result of parallel) {
          if (result.isErr()) throw new Error(`a parallel append failed: ${codeOf(result.error)}`);
        }
        const rows = await raw.jobEvents(a.id);
        expect(
          rows.map((row) => row.seq),
          'parallel appends give a gapless sequence without duplicates',
        ).toEqual(Array.from({ length: 22 }, (_, index) => index + 1));
      });

      it('lists events in order, after a sequence number and up to a limit', async () => {
        const job = await enqueue();
        for (const type of ['job-started', 'step-started', 'step-succeeded'] as const) {
          await expectOk(store.appendJobEvent({ jobId: job.id, type, at: t0 }), `appending ${type}`);
        }
        const all = await expectOk(store.listJobEvents(job.id), 'listing events');
        expect(
          all.map((event) => event.type),
          'events come in sequence order',
        ).toEqual(['job-queued', 'job-started', 'step-started', 'step-succeeded']);
        const after = await expectOk(store.listJobEvents(job.id, { afterSeq: 2 }), 'listing after seq 2');
        expect(
          after.map((event) => event.seq),
          'afterSeq skips events up to it',
        ).toEqual([3, 4]);
        const limited = await expectOk(
          store.listJobEvents(job.id, { afterSeq: 1, limit: 2 }),
          'listing with a limit',
        );
        expect(
          limited.map((event) => event.seq),
          'the limit keeps the earliest after afterSeq',
        ).toEqual([2, 3]);
        expect(
          await expectOk(store.listJobEvents('job_unknown'), 'listing events of an unknown job'),
          'an unknown job has no events',
        ).toEqual([]);
      });

      it('refuses an event for an unknown job', async () => {
        await expectErr(
          store.appendJobEvent({ jobId: 'job_unknown', type: 'job-started', at: t0 }),
          'appending to an unknown job',
        );
      });
    });

    describe('transactions', () => {
      it('commits node, job and event writes together and returns the value', async () => {
        const connection = await createConnection();
        const value = await expectOk(
          store.transaction((tx) =>
            tx
              .createNode(newNode(connection.id), t0)
              .andThen((node) =>
                tx.enqueueJob({ kind: 'kit-job', nodeId: node.id }, t0).map(({ job }) => ({ node, job })),
              )
              .andThen(({ node, job }) =>
                tx
                  .appendJobEvent({ jobId: job.id, type: 'job-started', at: t0 })
                  .map(() => ({ nodeId: node.id, jobId: job.id })),
              ),
          ),
          'a committing transaction',
        );
        expect((await raw.node(value.nodeId))?.status, 'the committed node is in the database').toBe(
          'pending',
        );
        expect((await rawJob(value.jobId))?.status, 'the committed job is in the database').toBe('queued');
        expect(
          (await raw.jobEvents(value.jobId)).map((event) => event.type),
          'the committed events are in the database',
        ).toEqual(['job-queued', 'job-started']);
      });

      it('rolls back node, job and event writes when the callback returns an Err', async () => {
        const connection = await createConnection();
        const existing = await enqueue();
        const written: { nodeId?: string; jobId?: string } = {};
        const failure = new ValidationError({ code: 'VALIDATION_FAILED', message: 'kit rollback' });
        const error = await expectErr(
          store.transaction((tx) =>
            tx
              .createNode(newNode(connection.id), t0)
              .andThen((node) => {
                written.nodeId = node.id;
                return tx.enqueueJob({ kind: 'kit-job', nodeId: node.id }, t0);
              })
              .andThen(({ job }) => {
                written.jobId = job.id;
                return tx.appendJobEvent({ jobId: existing.id, type: 'job-started', at: t0 });
              })
              .andThen(() => tx.requestJobCancel(existing.id, t0 + 1))
              .andThen(() => errAsync(failure)),
          ),
          'a transaction whose callback fails',
        );
        expect(error, 'the callback’s Err is returned').toBe(failure);
        expect(written.nodeId, 'the transaction created a node before failing').toBeDefined();
        expect(await raw.node(written.nodeId ?? ''), 'the node write is rolled back').toBeNull();
        expect(await raw.job(written.jobId ?? ''), 'the job write is rolled back').toBeNull();
        expect(await raw.jobEvents(written.jobId ?? ''), 'the new job’s events are rolled back').toEqual([]);
        expect(
          (await raw.jobEvents(existing.id)).map((event) => event.seq),
          'the event appended to an existing job is rolled back',
        ).toEqual([1]);
        expect((await rawJob(existing.id))?.status, 'the cancel of an existing job is rolled back').toBe(
          'queued',
        );
        const next = await expectOk(
          store.appendJobEvent({ jobId: existing.id, type: 'job-started', at: t0 + 2 }),
          'appending after a rollback',
        );
        expect(next.seq, 'the sequence continues without a gap after a rollback').toBe(2);
      });

      it.runIf(capabilities.isolatesTransactions)(
        'keeps uncommitted writes from operations outside the transaction',
        async () => {
          const connection = await createConnection();
          const created = deferred();
          const release = deferred();
          let nodeId = '';
          const transaction = store.transaction((tx) =>
            tx.createNode(newNode(connection.id), t0).andThen((node) => {
              nodeId = node.id;
              created.resolve();
              return ResultAsync.fromSafePromise(release.promise).andThen(() =>
                errAsync(new ValidationError({ code: 'VALIDATION_FAILED', message: 'kit rollback' })),
              );
            }),
          );
          await created.promise;
          const outside = store.getNode(nodeId);
          const outsideList = store.listNodes();
          setTimeout(release.resolve, 20);
          await expectErr(transaction, 'the transaction fails on purpose');
          expect(
            await expectOk(outside, 'reading outside the transaction'),
            'an outside read never sees an uncommitted node',
          ).toBeNull();
          expect(
            await expectOk(outsideList, 'listing outside the transaction'),
            'an outside list never sees it',
          ).toEqual([]);
        },
      );
    });

    it.runIf(capabilities.closes)('fails with STORE_UNAVAILABLE after close', async () => {
      await expectOk(store.close(), 'closing the store');
      await expectErrCode(store.getJob('job_any'), 'STORE_UNAVAILABLE', 'reading from a closed store');
      await expectErrCode(
        store.enqueueJob({ kind: 'kit-job' }, t0),
        'STORE_UNAVAILABLE',
        'writing to a closed store',
      );
    });
  });
}
