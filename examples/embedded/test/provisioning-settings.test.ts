import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ControlPlane, createControlPlane, createSecretBox } from '@pressluft/core';
import { createMockProviderFactory, createMockProvisioner } from '@pressluft/core/testing';
import { createSqliteStore } from '@pressluft/store-sqlite';
import { okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './support/harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('provisioning settings', () => {
  it('connects as the configured SSH user and port, not the provider defaults', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pressluft-settings-'));
    const store = (await createSqliteStore({ path: join(directory, 'pressluft.db') }))._unsafeUnwrap();
    cleanups.push(async () => {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    });
    const provisioner = createMockProvisioner();
    const probes: string[] = [];
    const controlPlane: ControlPlane = createControlPlane({
      store,
      providers: [createMockProviderFactory()],
      provisioner,
      secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
      provisioning: { sshUser: 'deploy', sshPort: 2222 },
      // Mock servers have documentation-range addresses: record the target instead of dialling it.
      waitForSsh: (target) => {
        probes.push(`${target.user}@${target.host}:${target.port}`);
        return okAsync(undefined);
      },
      worker: { pollIntervalMs: 20 },
    });
    (await controlPlane.start())._unsafeUnwrap();
    cleanups.push(() => controlPlane.stop({ graceMs: 100 }));
    const { connection } = (
      await controlPlane.providers.connect({ type: 'mock', name: 'main', token: 'token' })
    )._unsafeUnwrap();
    const { node } = (
      await controlPlane.nodes.create({
        providerId: connection.id,
        name: 'web-1',
        location: 'fsn1',
        serverType: 'cx22',
      })
    )._unsafeUnwrap();

    const ready = await until(async () => {
      const current = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
      return current.status === 'ready' || current.status === 'failed' ? current : undefined;
    }, 'the node to settle');

    expect(ready.status).toBe('ready');
    expect(ready.sshTarget).toMatchObject({ user: 'deploy', port: 2222 });
    expect(probes).toEqual([`deploy@${ready.ipv4}:2222`]);
    const provisionCall = provisioner.calls.find((call) => call.method === 'provision');
    expect(provisionCall?.input?.target).toEqual({ host: ready.ipv4, user: 'deploy', port: 2222 });
  });
});
