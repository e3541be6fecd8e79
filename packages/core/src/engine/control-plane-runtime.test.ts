import { randomBytes } from 'node:crypto';
import { okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../secrets/secret-box.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { createMockProviderFactory } from '../testing/mock-provider-factory.js';
import { createMockProvisioner } from '../testing/mock-provisioner.js';
import { waitUntil } from '../testing/wait-until.js';
import { createControlPlane } from './control-plane.js';
import type { ControlPlane } from './control-plane-types.js';
import { ANSIBLE_INSTALL_COMMAND } from './runtime-readiness.js';

const TOKEN = 'any-shape-at-all-0123456789';
const running: ControlPlane[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((controlPlane) => controlPlane.stop({ graceMs: 100 })));
});

describe('a control plane without its provisioning runtime', () => {
  it('starts, serves providers, refuses node creation before renting a server, and needs no restart once the runtime appears', async () => {
    let now = 1_000_000;
    const factory = createMockProviderFactory({ tokens: { [TOKEN]: 'connected' } });
    const provisioner = createMockProvisioner();
    // Missing at start and at the first creation; found from then on.
    provisioner.failNext('checkRuntime', 'PROVISION_RUNTIME_MISSING');
    provisioner.failNext('checkRuntime', 'PROVISION_RUNTIME_MISSING');
    const controlPlane = createControlPlane({
      store: createMemoryStore(),
      providers: [factory],
      provisioner,
      secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
      waitForSsh: () => okAsync(undefined),
      worker: { pollIntervalMs: 10 },
      clock: { now: () => now },
      runtimeCheckMaxAgeMs: 5_000,
    });
    (await controlPlane.start())._unsafeUnwrap();
    running.push(controlPlane);
    await waitUntil(
      async () => (controlPlane.runtime().state === 'missing' ? true : undefined),
      'the background check to answer',
    );

    const { connection } = (
      await controlPlane.providers.connect({ type: factory.info.type, name: 'main', token: TOKEN })
    )._unsafeUnwrap();
    expect(connection.status).toBe('connected');
    expect((await controlPlane.providers.catalog(connection.id)).isOk()).toBe(true);

    const input = { providerId: connection.id, name: 'web-1', location: 'fsn1', serverType: 'cx22' };
    // Within the cache the remembered answer is used; after it, a new check (still missing).
    const cached = await controlPlane.nodes.create(input);
    expect(cached._unsafeUnwrapErr().code).toBe('PROVISION_RUNTIME_MISSING');
    now += 5_000;
    const refused = (await controlPlane.nodes.create(input))._unsafeUnwrapErr();
    expect(refused.code).toBe('PROVISION_RUNTIME_MISSING');
    expect(refused.guidance).toContain(ANSIBLE_INSTALL_COMMAND);
    expect(factory.cloud.servers.size).toBe(0);
    expect((await controlPlane.nodes.list())._unsafeUnwrap()).toHaveLength(0);
    expect(provisioner.calls.filter((call) => call.method === 'checkRuntime')).toHaveLength(2);

    // Installed meanwhile: the next creation after the cache expires goes ahead.
    now += 5_000;
    const created = (await controlPlane.nodes.create(input))._unsafeUnwrap();
    expect(created.node.name).toBe('web-1');
    expect(controlPlane.runtime().state).toBe('ready');
  });
});
