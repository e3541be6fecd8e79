import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../secrets/secret-box.js';
import { createMemoryStore } from '../testing/memory-store.js';
import { createMockProviderFactory } from '../testing/mock-provider-factory.js';
import { ProviderAdapters } from './provider-adapters.js';

const TOKEN = 'token-that-the-check-calls-connected';

async function setUp() {
  const store = createMemoryStore();
  const factory = createMockProviderFactory({ tokens: { [TOKEN]: 'connected' } });
  const secrets = createSecretBox({ keys: [randomBytes(32)] })._unsafeUnwrap();
  const connection = (
    await store.createProviderConnection(
      {
        type: factory.info.type,
        name: 'probe-was-wrong',
        sealedToken: secrets.seal(TOKEN)._unsafeUnwrap(),
        status: 'connected',
      },
      1_000,
    )
  )._unsafeUnwrap();
  const adapters = new ProviderAdapters([factory], store, secrets, () => 5_000);
  return { store, factory, adapters, connection };
}

describe('ProviderAdapters: the second read-only signal', () => {
  it('a write refused with PROVIDER_TOKEN_READONLY marks a connection the check called connected read-only', async () => {
    const { store, factory, adapters, connection } = await setUp();
    const { provider } = (await adapters.forConnection(connection.id))._unsafeUnwrap();
    factory.built[0]!.provider.failNext('ensureSshKey', 'PROVIDER_TOKEN_READONLY');
    const refused = await provider.ensureSshKey({
      name: 'k',
      publicKey: 'x',
      fingerprintMd5: 'y',
      labels: {},
    });
    expect(refused._unsafeUnwrapErr().code).toBe('PROVIDER_TOKEN_READONLY');
    const after = (await store.getProviderConnection(connection.id))._unsafeUnwrap();
    expect(after?.status).toBe('read_only');
    expect(after?.checkedAt).toBe(5_000);
    expect(after?.statusGuidance).toMatch(/\S/);
  });

  it('other refusals leave the status alone', async () => {
    const { store, factory, adapters, connection } = await setUp();
    const { provider } = (await adapters.forConnection(connection.id))._unsafeUnwrap();
    factory.built[0]!.provider.failNext('createServer', 'PROVIDER_CAPACITY_UNAVAILABLE');
    const refused = await provider.createServer({
      name: 'n',
      location: 'fsn1',
      serverType: 'cx22',
      image: 'ubuntu-24.04',
      sshKeyIds: [],
      idempotencyKey: 'k',
    });
    expect(refused._unsafeUnwrapErr().code).toBe('PROVIDER_CAPACITY_UNAVAILABLE');
    expect((await store.getProviderConnection(connection.id))._unsafeUnwrap()?.status).toBe('connected');
  });
});
