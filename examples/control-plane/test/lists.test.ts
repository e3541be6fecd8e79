import path from 'node:path';
import { createMockProviderFactory, createMockProvisioner } from '@pressluft/core/testing';
import { createSqliteStore, type SqliteStore } from '@pressluft/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/server.js';
import { eventually, expectErrorResponse, startTestServer, type TestServer } from './test-server.js';

const goodToken = 'mock-token-connected-0123456789abcdef0123456789abcdef';
const seeded = 260;

let test: TestServer;
// A second store on the same file: the writes of "another process", which the server learns of only
// through the store.
let store: SqliteStore;
let providerId: string;

beforeAll(async () => {
  const factory = createMockProviderFactory({ tokens: { [goodToken]: 'connected' } });
  test = await startTestServer({ providers: [factory], provisioner: createMockProvisioner() });
  const { data } = await test.client.POST('/api/providers', {
    body: { type: 'mock', name: 'main', token: goodToken },
  });
  providerId = data!.provider.id;
  store = (await createSqliteStore({ path: path.join(test.dataDir, DATABASE_FILE) }))._unsafeUnwrap();
  (
    await store.transaction((tx) => {
      let last = tx.lastNodeChangeSeq();
      for (let index = 0; index < seeded; index++) {
        last = tx
          .createNode(
            {
              providerId,
              name: `${index % 2 === 0 ? 'web' : 'db'}-${index}`,
              location: 'fsn1',
              serverType: 'cx22',
              image: 'ubuntu-24.04',
              idempotencyKey: `seed-${index}`,
              status: index % 10 === 0 ? 'deleted' : index % 3 === 0 ? 'failed' : 'ready',
            },
            1_700_000_000_000 + index,
          )
          .map(() => 0);
      }
      return last;
    })
  )._unsafeUnwrap();
});

afterAll(async () => {
  await store?.close();
  await test?.close();
});

interface ChangesBody {
  changes: { seq: number; node: { id: string; status: string } }[];
  last_seq: number;
}

/** The JSON form of the changes answer (the contract also allows the event-stream text). */
const changesJson = async (query: string): Promise<ChangesBody> =>
  (await (await get(`/api/nodes/changes?${query}`)).json()) as ChangesBody;

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${test.url}${url}`, { headers: { Authorization: `Bearer ${test.adminToken}`, ...headers } });

describe('paged lists', () => {
  it('walks every live node once, 50 per page by default, with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor = null as string | null;
    let pages = 0;
    do {
      const { data, response } = await test.client.GET('/api/nodes', {
        params: { query: cursor === null ? {} : { cursor } },
      });
      expect(response.status).toBe(200);
      expect(data!.nodes.length).toBeLessThanOrEqual(50);
      for (const node of data!.nodes) {
        expect(node.status).not.toBe('deleted');
        seen.push(node.id);
      }
      cursor = data!.next_cursor;
      pages++;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(seeded - seeded / 10);
    expect(pages).toBe(Math.ceil(seen.length / 50));
  });

  it('filters by status, provider and name prefix, and includes deleted nodes only when asked', async () => {
    const { data: failed } = await test.client.GET('/api/nodes', {
      params: { query: { status: 'failed', name_prefix: 'web-', provider_id: providerId, limit: '500' } },
    });
    expect(failed!.nodes.length).toBeGreaterThan(0);
    for (const node of failed!.nodes) {
      expect(node.status).toBe('failed');
      expect(node.name.startsWith('web-')).toBe(true);
    }
    expect(failed!.next_cursor).toBeNull();
    const { data: all } = await test.client.GET('/api/nodes', {
      params: { query: { include_deleted: 'true', limit: '500' } },
    });
    expect(all!.nodes.length).toBe(seeded);
    const { data: other } = await test.client.GET('/api/nodes', {
      params: { query: { provider_id: 'prv_none' } },
    });
    expect(other!.nodes).toEqual([]);
  });

  it('refuses a bad limit, status or cursor with VALIDATION_FAILED', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=ten',
      'status=sleeping',
      'cursor=not-a-cursor',
      'include_deleted=maybe',
    ]) {
      await expectErrorResponse(await get(`/api/nodes?${query}`), 'VALIDATION_FAILED');
    }
    await expectErrorResponse(await get('/api/jobs?status=done'), 'VALIDATION_FAILED');
    await expectErrorResponse(await get('/api/nodes/changes?after_seq=-1'), 'VALIDATION_FAILED');
  });

  it('pages jobs newest first, over all nodes and per node', async () => {
    const { data: options } = await test.client.GET('/api/providers/{id}/options', {
      params: { path: { id: providerId } },
    });
    const location = options!.locations[0]!.name;
    const serverType = options!.server_types.find((type) => type.available_in.includes(location))!.name;
    const created = [];
    for (const name of ['job-a', 'job-b', 'job-c']) {
      const { data } = await test.client.POST('/api/nodes', {
        body: { provider_id: providerId, name, location, server_type: serverType },
      });
      created.push(data!);
    }
    const { data: first } = await test.client.GET('/api/jobs', { params: { query: { limit: '2' } } });
    const { data: second } = await test.client.GET('/api/jobs', {
      params: { query: { limit: '2', cursor: first!.next_cursor! } },
    });
    const ids = [...first!.jobs, ...second!.jobs].map((job) => job.id);
    expect(new Set(ids)).toEqual(new Set(created.map((each) => each.job.id)));
    const { data: ofNode } = await test.client.GET('/api/nodes/{id}/jobs', {
      params: { path: { id: created[1]!.node.id } },
    });
    expect(ofNode!.jobs.map((job) => job.id)).toEqual([created[1]!.job.id]);
    expect(ofNode!.next_cursor).toBeNull();
    const { data: byKind } = await test.client.GET('/api/jobs', {
      params: { query: { kind: 'node_provision', node_id: created[0]!.node.id } },
    });
    expect(byKind!.jobs.map((job) => job.id)).toEqual([created[0]!.job.id]);
    // A name taken by a seeded live node is refused by the index lookup; a deleted node's name is free.
    const clash = await test.client.POST('/api/nodes', {
      body: { provider_id: providerId, name: 'db-1', location, server_type: serverType },
    });
    expect(clash.response.status).toBe(409);
    const reuse = await test.client.POST('/api/nodes', {
      body: { provider_id: providerId, name: 'web-0', location, server_type: serverType },
    });
    expect(reuse.response.status).toBe(202);
  });
});

describe('node changes', () => {
  it('lists changes after a sequence value as JSON', async () => {
    const start = await changesJson('after_seq=0&limit=5');
    expect(start.changes).toHaveLength(5);
    expect(start.last_seq).toBeGreaterThanOrEqual(seeded);
    const seqs = start.changes.map((change) => change.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('streams a change written by another process, and resumes after Last-Event-ID without repeats', async () => {
    const from = (await changesJson('after_seq=0&limit=1')).last_seq;
    const abort = new AbortController();
    const response = await get(`/api/nodes/changes?after_seq=${from}`, { Accept: 'text/event-stream' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const target = (await store.pageNodes({ limit: 1 }))._unsafeUnwrap().items[0]!;
    (
      await store.updateNode(target.id, { status: 'failed', lastErrorCode: 'PROVIDER_TIMEOUT' }, Date.now())
    )._unsafeUnwrap();
    await eventually(
      async () => {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        text += value;
        return text.includes('event: node-changed') && text.includes(target.id) && text.endsWith('\n\n')
          ? text
          : undefined;
      },
      'the change on the stream',
      10_000,
    );
    await reader.cancel();
    abort.abort();
    // Other nodes (provisioning in the background) may change too: find the event of this one.
    const events = text
      .split('\n\n')
      .filter((block) => block.includes('event: node-changed'))
      .map((block) => ({
        id: Number(/^id: (\d+)$/m.exec(block)?.[1]),
        node: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as { id: string; status: string },
      }));
    const mine = events.find((event) => event.node.id === target.id);
    expect(mine?.node).toMatchObject({ id: target.id, status: 'failed' });
    const id = mine?.id ?? 0;
    expect(id).toBeGreaterThan(from);
    expect(
      events.map((event) => event.id),
      'events arrive in sequence order',
    ).toEqual([...events.map((event) => event.id)].sort((a, b) => a - b));
    // Resuming after that id: nothing is sent again.
    const resumed = await changesJson(`after_seq=${id}`);
    expect(resumed.changes.filter((change) => change.node.id === target.id)).toEqual([]);
  });
});
