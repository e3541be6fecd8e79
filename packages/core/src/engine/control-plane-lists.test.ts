import { randomBytes } from 'node:crypto';
import { okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../secrets/secret-box.js';
import type { NodeChange } from '../spec/store-lists.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { createMockProviderFactory } from '../testing/mock-provider-factory.js';
import { createMockProvisioner } from '../testing/mock-provisioner.js';
import { waitUntil } from '../testing/wait-until.js';
import { createControlPlane } from './control-plane.js';
import type { ControlPlane } from './control-plane-types.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';

const TOKEN = 'any-shape-at-all-0123456789';
const running: ControlPlane[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((controlPlane) => controlPlane.stop({ graceMs: 100 })));
});

async function harness() {
  const store = createMemoryStore();
  const factory = createMockProviderFactory({ tokens: { [TOKEN]: 'connected' } });
  const controlPlane = createControlPlane({
    store,
    providers: [factory],
    provisioner: createMockProvisioner(),
    secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
    provisioning: { sshWaitMs: 1_000, maxAttempts: 3 },
    waitForSsh: () => okAsync(undefined),
    worker: { pollIntervalMs: 10, reapIntervalMs: 50 },
  });
  running.push(controlPlane);
  const { connection } = (
    await controlPlane.providers.connect({ type: factory.info.type, name: 'main', token: TOKEN })
  )._unsafeUnwrap();
  return { controlPlane, store, providerId: connection.id };
}

/** Nodes written straight into the store, as another process sharing it would. */
async function seed(store: ReturnType<typeof createMemoryStore>, providerId: string, count: number) {
  for (let index = 0; index < count; index++) {
    (
      await store.createNode(
        {
          providerId,
          name: `${index % 2 === 0 ? 'web' : 'db'}-${index}`,
          location: 'fsn1',
          serverType: 'cx22',
          image: 'ubuntu-24.04',
          idempotencyKey: `seed-${index}`,
          status: index % 5 === 0 ? 'deleted' : 'ready',
        },
        1_000 + index,
      )
    )._unsafeUnwrap();
  }
}

describe('list cursors', () => {
  it('round-trip a position and refuse anything else with VALIDATION_FAILED', () => {
    const position = { createdAt: 1_700_000_000_123, id: 'node_01abc' };
    const cursor = encodeListCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListCursor(cursor)._unsafeUnwrap()).toEqual(position);
    for (const bad of [
      '',
      'not a cursor',
      cursor.slice(0, -3),
      Buffer.from('["c0",1,"x"]').toString('base64url'),
    ]) {
      expect(decodeListCursor(bad)._unsafeUnwrapErr().code, bad).toBe('VALIDATION_FAILED');
    }
  });
});

describe('control plane lists', () => {
  it('pages nodes 50 at a time by default, without deleted ones, to the last page', async () => {
    const { controlPlane, store, providerId } = await harness();
    await seed(store, providerId, 130);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await controlPlane.nodes.page(cursor === undefined ? {} : { cursor }))._unsafeUnwrap();
      expect(page.items.length, 'a page holds at most 50 nodes').toBeLessThanOrEqual(50);
      seen.push(...page.items.map((node) => node.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    const live = (await store.listNodes())._unsafeUnwrap().filter((node) => node.status !== 'deleted');
    expect(seen, 'every live node once, oldest first').toEqual(live.map((node) => node.id));
    expect(pages).toBe(3);
    const filtered = (
      await controlPlane.nodes.page({ limit: 1000, namePrefix: 'web-', statuses: ['ready'], providerId })
    )._unsafeUnwrap();
    expect(filtered.items.length, 'the limit is clamped to 500, filters apply').toBe(
      live.filter((node) => node.name.startsWith('web-')).length,
    );
    expect(filtered.nextCursor).toBeNull();
    expect((await controlPlane.nodes.page({ cursor: 'garbage' }))._unsafeUnwrapErr().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('refuses a node name taken on the same provider, by lookup', async () => {
    const { controlPlane, store, providerId } = await harness();
    await seed(store, providerId, 3);
    const clash = await controlPlane.nodes.create({
      providerId,
      name: 'db-1',
      location: 'fsn1',
      serverType: 'cx22',
    });
    expect(clash._unsafeUnwrapErr().code).toBe('CONFLICT');
    // web-0 is deleted (index 0): its name is free again.
    const reused = await controlPlane.nodes.create({
      providerId,
      name: 'web-0',
      location: 'fsn1',
      serverType: 'cx22',
    });
    expect(reused.isOk()).toBe(true);
  });

  it('pages jobs newest first', async () => {
    const { controlPlane, providerId } = await harness();
    const created = [];
    for (const name of ['a-1', 'a-2', 'a-3']) {
      created.push(
        (
          await controlPlane.nodes.create({ providerId, name, location: 'fsn1', serverType: 'cx22' })
        )._unsafeUnwrap().job.id,
      );
    }
    const first = (await controlPlane.jobs.page({ limit: 2 }))._unsafeUnwrap();
    const second = (
      await controlPlane.jobs.page({ limit: 2, cursor: first.nextCursor as string })
    )._unsafeUnwrap();
    const all = [...first.items, ...second.items];
    expect(all.map((job) => job.id).sort()).toEqual([...created].sort());
    for (const [index, job] of all.entries()) {
      const next = all[index + 1];
      if (next === undefined) continue;
      // Newest first; jobs of the same millisecond by id, descending.
      expect(job.createdAt > next.createdAt || (job.createdAt === next.createdAt && job.id > next.id)).toBe(
        true,
      );
    }
    expect(second.nextCursor).toBeNull();
  });

  it('streams node changes from a sequence value, including writes made behind its back', async () => {
    const { controlPlane, store, providerId } = await harness();
    await seed(store, providerId, 2);
    const start = (await controlPlane.nodes.changeSeq())._unsafeUnwrap();
    const abort = new AbortController();
    const received: NodeChange[] = [];
    const reading = (async () => {
      for await (const change of controlPlane.nodes.changes({ afterSeq: start, signal: abort.signal })) {
        received.push(change);
      }
    })();
    const target = (await store.listNodes())._unsafeUnwrap()[1];
    if (target === undefined) throw new Error('seeded node missing');
    // Straight into the store: only the feed's poll can notice this one.
    (await store.updateNode(target.id, { status: 'failed' }, 9_000))._unsafeUnwrap();
    await waitUntil(async () => received.length >= 1 || undefined, 'the change to arrive');
    expect(received[0]?.node).toMatchObject({ id: target.id, status: 'failed' });
    expect(received[0]?.seq).toBeGreaterThan(start);
    abort.abort();
    await reading;
    // Resuming from the last seen value sends nothing twice.
    const resumed = controlPlane.nodes.changes({
      afterSeq: received[0]?.seq ?? 0,
      signal: AbortSignal.timeout(300),
    });
    const again: NodeChange[] = [];
    for await (const change of resumed) again.push(change);
    expect(again).toEqual([]);
  });
});
