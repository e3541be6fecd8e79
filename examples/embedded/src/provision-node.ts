/**
 * Pressluft embedded in a script, fully offline: a control plane on a SQLite file with a fresh secret
 * key, acquiring a server from the Hetzner fake on a loopback port, printing the job's events as they
 * happen. Run it with `pnpm --filter @pressluft/example-embedded start`; it exits 0 once the node is ready.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlPlane, createSecretBox } from '@pressluft/core';
import { createMockProvisioner } from '@pressluft/core/testing';
import { createHetznerProviderFactory } from '@pressluft/provider-hetzner';
import { startHetznerFakeServer } from '@pressluft/provider-hetzner/testing';
import { createSqliteStore } from '@pressluft/store-sqlite';
import { okAsync } from 'neverthrow';

// The Hetzner fake, with a token it accepts; actions take 2 s (create) and 1 s (start) instead of 10 s and 5 s.
const hetzner = await startHetznerFakeServer({
  fakeOptions: { actionDurations: { create_server: 2_000, start_server: 1_000 } },
});
const token = randomBytes(32).toString('hex');
hetzner.fake.addToken(token, 'read-write');

const directory = await mkdtemp(join(tmpdir(), 'pressluft-example-'));
const store = (await createSqliteStore({ path: join(directory, 'pressluft.db') }))._unsafeUnwrap();
const controlPlane = createControlPlane({
  store,
  secrets: createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap(),
  providers: [createHetznerProviderFactory({ baseUrl: hetzner.url })],
  // Provisioning with Ansible needs a reachable server; a mock provisioner stands in for it here.
  provisioner: createMockProvisioner(),
  // The fake's servers have documentation addresses that nothing answers on: skip the SSH wait.
  waitForSsh: () => okAsync(undefined),
});
(await controlPlane.start())._unsafeUnwrap();

const { connection, check } = (
  await controlPlane.providers.connect({ type: 'hetzner', name: 'fake', token })
)._unsafeUnwrap();
console.log(`provider ${connection.name}: ${check.status} (${check.guidance})`);

const { node, job } = (
  await controlPlane.nodes.create({
    providerId: connection.id,
    name: 'web-1',
    location: 'fsn1',
    serverType: 'cx23',
  })
)._unsafeUnwrap();
console.log(`node ${node.name} ${node.status}, job ${job.kind} ${job.status}`);

for await (const event of controlPlane.jobs.subscribe(job.id)) {
  console.log(`  ${event.seq}. ${event.type} ${JSON.stringify(event.data)}`);
}

const done = (await controlPlane.nodes.get(node.id))._unsafeUnwrap();
console.log(`node ${done.name} ${done.status}`, done.sshTarget ?? '', done.lastErrorCode ?? '');

await controlPlane.stop();
await store.close();
await hetzner.stop();
await rm(directory, { recursive: true, force: true });
process.exit(done.status === 'ready' ? 0 : 1);
