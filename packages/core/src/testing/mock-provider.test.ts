import { describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../ssh/generate-ssh-key-pair.js';
import { createMockCloud, mockManagedLabel } from './mock-cloud.js';
import { createMockProvider, type MockProvider } from './mock-provider.js';
import { createMockProviderFactory } from './mock-provider-factory.js';
import { codeOf, expectErrCode, expectOk } from './result-assertions.js';

async function keyId(provider: MockProvider): Promise<string> {
  const pair = generateSshKeyPair();
  const ensured = await expectOk(
    provider.ensureSshKey({
      name: 'pressluft',
      publicKey: pair.publicKey,
      fingerprintMd5: pair.fingerprintMd5,
      labels: {},
    }),
    'registering a key',
  );
  return ensured.providerKeyId;
}

function serverInput(sshKeyId: string, idempotencyKey = 'key-1') {
  return {
    name: `server-${idempotencyKey}`,
    location: 'fsn1',
    serverType: 'cx22',
    image: 'ubuntu-24.04',
    sshKeyIds: [sshKeyId],
    idempotencyKey,
  };
}

describe('createMockProvider', () => {
  it('fails the next call of a method as scripted, then works again, and records calls', async () => {
    const provider = createMockProvider();
    provider.failNext('listCatalog', 'PROVIDER_UNAVAILABLE');
    await expectErrCode(provider.listCatalog(), 'PROVIDER_UNAVAILABLE', 'the scripted failure');
    await expectOk(provider.listCatalog(), 'the call after the scripted failure');
    expect(provider.callsTo('listCatalog').length, 'both calls are recorded').toBe(2);
  });

  it('creates the server and still fails when the failure comes after the effect, then adopts it', async () => {
    const provider = createMockProvider();
    const sshKeyId = await keyId(provider);
    provider.failNext('createServer', 'PROVIDER_TIMEOUT', { afterEffect: true });
    await expectErrCode(provider.createServer(serverInput(sshKeyId)), 'PROVIDER_TIMEOUT', 'a lost answer');
    expect(provider.cloud.servers.size, 'the server exists although the answer was lost').toBe(1);
    const found = await expectOk(provider.findServerByIdempotencyKey('key-1'), 'finding it by key');
    const adopted = await expectOk(provider.createServer(serverInput(sshKeyId)), 'creating again');
    expect(adopted.adopted, 'the retry adopts the server').toBe(true);
    expect(adopted.serverId, 'the adopted server is the one found').toBe(found?.id);
  });

  it('hangs a call until its signal aborts, with PROVIDER_TIMEOUT', async () => {
    const provider = createMockProvider();
    provider.hangNext('getServer');
    const controller = new AbortController();
    const pending = provider.getServer('1', { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await expectErrCode(pending, 'PROVIDER_TIMEOUT', 'an aborted hanging call');
    expect(
      (error as { details?: Record<string, unknown> }).details?.['failure'],
      'it says it was aborted',
    ).toBe('aborted');
  });

  it('finishes actions after the configured number of polls, and fails scripted actions', async () => {
    const cloud = createMockCloud({ actionPolls: 3 });
    const provider = createMockProvider({ cloud });
    const sshKeyId = await keyId(provider);
    const created = await expectOk(provider.createServer(serverInput(sshKeyId)), 'creating');
    const server = await expectOk(provider.getServer(created.serverId), 'getting the new server');
    expect(server.status, 'a new server initializes until its action finishes').toBe('initializing');
    await expectOk(provider.waitForActions(created.actionIds), 'waiting');
    expect(cloud.actions.get(created.actionIds[0] ?? '')?.status, 'the action finished').toBe('success');
    expect((await expectOk(provider.getServer(created.serverId), 'getting')).status, 'then it runs').toBe(
      'running',
    );

    provider.failNextAction('placement_error');
    const failing = await expectOk(provider.createServer(serverInput(sshKeyId, 'key-2')), 'creating another');
    const error = await expectErrCode(
      provider.waitForActions(failing.actionIds),
      'PROVIDER_ACTION_FAILED',
      'waiting for a failing action',
    );
    expect(codeOf(error), 'the action failure is a provider error').toBe('PROVIDER_ACTION_FAILED');
  });

  it('gives up waiting at the deadline with PROVIDER_TIMEOUT', async () => {
    const cloud = createMockCloud({ actionPolls: 1_000_000 });
    const provider = createMockProvider({ cloud, pollIntervalMs: 1 });
    const sshKeyId = await keyId(provider);
    const created = await expectOk(provider.createServer(serverInput(sshKeyId)), 'creating');
    await expectErrCode(
      provider.waitForActions(created.actionIds, { deadlineMs: 20 }),
      'PROVIDER_TIMEOUT',
      'waiting past the deadline',
    );
  });

  it('refuses invalid requests, taken names and deleting servers it does not own', async () => {
    const provider = createMockProvider();
    const sshKeyId = await keyId(provider);
    await expectErrCode(
      provider.createServer({ ...serverInput(sshKeyId), location: 'mars1' }),
      'PROVIDER_INVALID_REQUEST',
      'an unknown location',
    );
    await expectErrCode(
      provider.createServer({ ...serverInput(sshKeyId), serverType: 'cpx11' }),
      'PROVIDER_CAPACITY_UNAVAILABLE',
      'a server type not available in the location',
    );
    const foreign = provider.cloud.addServer({ name: 'server-key-1' });
    await expectErrCode(provider.createServer(serverInput(sshKeyId)), 'PROVIDER_NAME_TAKEN', 'a taken name');
    await expectErrCode(
      provider.deleteServer(foreign.id),
      'PROVIDER_PERMISSION_DENIED',
      'deleting a foreign server',
    );
    expect(provider.cloud.servers.has(foreign.id), 'the foreign server is kept').toBe(true);
  });

  it('answers as a read-only token would', async () => {
    const provider = createMockProvider({ credentialStatus: 'read_only' });
    const check = await expectOk(provider.validateCredentials(), 'validating');
    expect(check, 'validation reports read_only with its code').toMatchObject({
      status: 'read_only',
      errorCode: 'PROVIDER_TOKEN_READONLY',
    });
    await expectOk(provider.listCatalog(), 'reading with a read-only token');
    const pair = generateSshKeyPair();
    await expectErrCode(
      provider.ensureSshKey({
        name: 'k',
        publicKey: pair.publicKey,
        fingerprintMd5: pair.fingerprintMd5,
        labels: {},
      }),
      'PROVIDER_TOKEN_READONLY',
      'writing with a read-only token',
    );
  });

  it('marks what it creates as managed', async () => {
    const provider = createMockProvider();
    const sshKeyId = await keyId(provider);
    const created = await expectOk(provider.createServer(serverInput(sshKeyId)), 'creating');
    expect(
      provider.cloud.servers.get(created.serverId)?.labels[mockManagedLabel],
      'the server is managed',
    ).toBe('true');
    expect(provider.cloud.sshKeys.get(sshKeyId)?.labels[mockManagedLabel], 'the key is managed').toBe('true');
  });
});

describe('createMockProviderFactory', () => {
  it('builds adapters that share a cloud and know their tokens', async () => {
    const factory = createMockProviderFactory({
      tokens: { good: 'connected', weak: 'insufficient_permissions' },
    });
    expect(factory.specificationVersion, 'the factory is v1').toBe('v1');
    const good = factory.create({ token: 'good' });
    const other = factory.create({ token: 'good' });
    const unknown = factory.create({ token: 'nope' });
    expect((await expectOk(good.validateCredentials(), 'good')).status, 'a listed token').toBe('connected');
    expect((await expectOk(unknown.validateCredentials(), 'unknown')).status, 'an unlisted token').toBe(
      'invalid',
    );
    expect(
      (await expectOk(factory.create({ token: 'weak' }).validateCredentials(), 'weak')).status,
      'a token with few permissions',
    ).toBe('insufficient_permissions');
    const sshKeyId = await keyId(good);
    const created = await expectOk(good.createServer(serverInput(sshKeyId)), 'creating through one adapter');
    const seen = await expectOk(other.getServer(created.serverId), 'reading through another');
    expect(seen.id, 'adapters of one factory share the cloud').toBe(created.serverId);
    expect(
      factory.built.map((entry) => entry.token),
      'the factory remembers what it built',
    ).toEqual(['good', 'good', 'nope', 'weak']);
  });
});
