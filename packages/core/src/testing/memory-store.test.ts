import { describe, expect, it } from 'vitest';
import { runStoreConformance } from '../conformance/store-conformance.js';
import type { StoreReadBack } from '../conformance/store-read-back.js';
import type { JsonObject } from '../model/json.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { expectErrCode, expectOk } from './result-assertions.js';

// The raw channel reads the store's tables directly, around its operations.
function memoryReadBack(store: MemoryStore): StoreReadBack {
  return {
    job: (id) => {
      const job = store.tables.jobs.get(id);
      return job === undefined ? null : { ...job, checkpoint: job.checkpoint as JsonObject | null };
    },
    jobEvents: (jobId) => store.tables.jobEvents.get(jobId) ?? [],
    node: (id) => store.tables.nodes.get(id) ?? null,
    providerConnection: (id) => store.tables.providerConnections.get(id) ?? null,
    managedSshKey: (providerId) => store.tables.managedSshKeys.get(providerId) ?? null,
    rawText: () =>
      JSON.stringify({
        providerConnections: [...store.tables.providerConnections.values()],
        nodes: [...store.tables.nodes.values()],
        managedSshKeys: [...store.tables.managedSshKeys.values()],
        jobs: [...store.tables.jobs.values()],
        jobEvents: [...store.tables.jobEvents.values()],
      }),
  };
}

runStoreConformance({
  name: 'memory',
  createStore: () => createMemoryStore(),
  readBack: memoryReadBack,
});

describe('createMemoryStore', () => {
  it('rolls back when the transaction callback throws, and refuses a transaction handle used afterwards', async () => {
    const store = createMemoryStore();
    let leaked: Parameters<Parameters<MemoryStore['transaction']>[0]>[0] | undefined;
    const result = await store.transaction((tx) => {
      leaked = tx;
      return tx.enqueueJob({ kind: 'thrown' }, 1).map(() => {
        throw new Error('boom');
      });
    });
    expect(result.isErr() && result.error.code, 'a throwing callback gives STORE_FAILED').toBe(
      'STORE_FAILED',
    );
    expect(store.tables.jobs.size, 'a throwing callback leaves no job behind').toBe(0);
    if (leaked === undefined) throw new Error('the callback did not run');
    await expectErrCode(leaked.getJob('job_x'), 'STORE_FAILED', 'using a finished transaction handle');
  });

  it('keeps stored JSON apart from the objects passed in', async () => {
    const store = createMemoryStore();
    const payload: JsonObject = { list: [1] };
    const { job } = await expectOk(store.enqueueJob({ kind: 'copy', payload }, 1), 'enqueueing');
    (payload['list'] as number[]).push(2);
    expect(
      store.tables.jobs.get(job.id)?.payload,
      'later changes to the input do not reach the store',
    ).toEqual({
      list: [1],
    });
  });

  it('uses the injected id maker', async () => {
    let counter = 0;
    const store = createMemoryStore({ createId: (prefix) => `${prefix}_${++counter}` });
    const { job } = await expectOk(store.enqueueJob({ kind: 'ids' }, 1), 'enqueueing');
    expect(job.id, 'ids come from the injected maker').toBe('job_1');
  });
});
