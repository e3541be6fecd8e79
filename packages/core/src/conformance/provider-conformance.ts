import { beforeEach, describe, expect, it } from 'vitest';
import { PressluftError } from '../errors/pressluft-error.js';
import type { NodeProviderV1 } from '../spec/node-provider-v1.js';
import { generateSshKeyPair } from '../ssh/generate-ssh-key-pair.js';
import { uniqueSuffix } from '../testing/kit-fixtures.js';
import { describeError, expectErr, expectOk } from '../testing/result-assertions.js';

/** A failure the backend answers every request with, as the real API signals it, until cleared. */
export type ProviderBackendFailure = 'unauthorized' | 'rate-limited' | 'unavailable';

/** A server as the backend holds it: enough to count servers and read their labels. */
export interface ProviderBackendServer {
  /** The server id, as the adapter reports it. */
  readonly id: string;
  /** The server's labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Catalog options the backend accepts for a new server. */
export interface ProviderCatalogSample {
  /** A location name. */
  readonly location: string;
  /** A server type available in that location. */
  readonly serverType: string;
  /** An image for that server type. */
  readonly image: string;
}

/**
 * The scripted backend behind the provider under test (a fake HTTP API, an in-memory cloud): the kit
 * reads it to check what the adapter really did. Keep it thin; only `listServers` is required.
 */
export interface ProviderConformanceBackend {
  /** Every server the backend holds now, with its labels. */
  listServers(): Promise<readonly ProviderBackendServer[]>;
  /** Empty the backend; called before every test when given. */
  reset?(): Promise<void> | void;
  /**
   * Make every request fail as the API would signal it (`unauthorized`: 401; `rate-limited`: 429;
   * `unavailable`: 503) until called with null. Without it, the kit leaves out its error-mapping tests.
   * Adapters that retry should be built with retries off for the kit, or the test waits for them.
   */
  scriptFailure?(failure: ProviderBackendFailure | null): Promise<void> | void;
}

/** Options of {@link runProviderConformance}. */
export interface ProviderConformanceOptions {
  /** Names the provider in the test titles, such as `hetzner`. */
  readonly name: string;
  /** A provider adapter talking to the backend; called for every test. */
  createProvider(): NodeProviderV1 | Promise<NodeProviderV1>;
  /** The backend the adapter talks to. */
  readonly backend: ProviderConformanceBackend;
  /** Catalog options the backend accepts for a new server. */
  readonly catalogSample: ProviderCatalogSample;
  /** A server id the backend does not know; `987654321` by default. */
  readonly unknownServerId?: string;
  /** The deadline passed to `waitForActions`; 30 000 ms by default. */
  readonly actionDeadlineMs?: number;
}

function expectProviderError(error: unknown, behaviour: string): void {
  expect(
    PressluftError.isInstance(error),
    `${behaviour}: the error is a Pressluft error (${describeError(error)})`,
  ).toBe(true);
  if (!PressluftError.isInstance(error)) return;
  expect(error.family, `${behaviour}: the error is of the provider family`).toBe('provider');
  expect(error.name, `${behaviour}: the error is a ProviderError`).toBe('ProviderError');
  expect(error.code, `${behaviour}: the code is a PROVIDER_* code`).toMatch(/^PROVIDER_/);
}

async function expectProviderErrorCode(
  pending: Parameters<typeof expectErr>[0],
  code: string,
  behaviour: string,
): Promise<PressluftError> {
  const error = await expectErr(pending, behaviour);
  expectProviderError(error, behaviour);
  const typed = error as PressluftError;
  expect(typed.code, `${behaviour}: gives ${code}`).toBe(code);
  return typed;
}

/**
 * The provider conformance kit: registers vitest suites that take a `NodeProviderV1` through the
 * acquisition lifecycle against a scripted backend — credentials, catalog shape, idempotent SSH key
 * registration, idempotent server creation (checked in the backend), actions, lookup by idempotency
 * key, SSH target, deletion — and check that failures are `ProviderError`s with `PROVIDER_*` codes.
 *
 * ```ts
 * runProviderConformance({ name: 'hetzner', createProvider, backend: fakeApi, catalogSample });
 * ```
 */
export function runProviderConformance(options: ProviderConformanceOptions): void {
  const { backend, catalogSample } = options;
  const unknownServerId = options.unknownServerId ?? '987654321';
  const actionDeadlineMs = options.actionDeadlineMs ?? 30_000;

  describe(`provider conformance: ${options.name}`, () => {
    let provider: NodeProviderV1;

    beforeEach(async () => {
      await backend.reset?.();
      provider = await options.createProvider();
    });

    const registerKey = async () => {
      const pair = generateSshKeyPair({ comment: 'pressluft-kit' });
      const ensured = await expectOk(
        provider.ensureSshKey({
          name: `pressluft-kit-${uniqueSuffix()}`,
          publicKey: pair.publicKey,
          fingerprintMd5: pair.fingerprintMd5,
          labels: {},
        }),
        'registering the SSH key',
      );
      return { pair, ensured };
    };

    const serverInput = (sshKeyId: string, idempotencyKey: string) => ({
      name: `pressluft-kit-${uniqueSuffix()}`,
      location: catalogSample.location,
      serverType: catalogSample.serverType,
      image: catalogSample.image,
      sshKeyIds: [sshKeyId],
      idempotencyKey,
      labels: { 'pressluft-kit': 'conformance' },
    });

    it('describes itself as a v1 provider', () => {
      expect(provider.specificationVersion, 'the contract version is v1').toBe('v1');
      expect(provider.info.type, 'the provider has a type').toMatch(/^[a-z0-9-]+$/);
      expect(provider.info.displayName.length, 'the provider has a display name').toBeGreaterThan(0);
      expect(provider.info.docsUrl, 'the docs URL is an http(s) URL').toMatch(/^https?:\/\//);
      expect(provider.info.tokenHelp.length, 'the provider explains how to make a token').toBeGreaterThan(0);
    });

    it('validates working credentials as connected', async () => {
      const check = await expectOk(provider.validateCredentials(), 'validating credentials');
      expect(check.status, 'a working token is connected').toBe('connected');
      expect(check.guidance.length, 'a credential check carries guidance').toBeGreaterThan(0);
    });

    it('lists a catalog whose server types are available only in listed locations', async () => {
      const catalog = await expectOk(provider.listCatalog(), 'listing the catalog');
      expect(catalog.locations.length, 'the catalog has locations').toBeGreaterThan(0);
      expect(catalog.serverTypes.length, 'the catalog has server types').toBeGreaterThan(0);
      expect(catalog.images.length, 'the catalog has images').toBeGreaterThan(0);
      const locationNames = new Set(catalog.locations.map((location) => location.name));
      for (const serverType of catalog.serverTypes) {
        for (const location of serverType.availableIn) {
          expect(
            locationNames.has(location),
            `${serverType.name} is available in the listed location ${location}`,
          ).toBe(true);
        }
        for (const location of serverType.recommendedIn) {
          expect(
            serverType.availableIn.includes(location),
            `${serverType.name} is recommended only where available (${location})`,
          ).toBe(true);
        }
        expect(['x86', 'arm'], `${serverType.name} has a known architecture`).toContain(
          serverType.architecture,
        );
        for (const price of serverType.prices) {
          expect(price.monthlyGross, `${serverType.name} prices are decimal strings`).toMatch(
            /^\d+(\.\d+)?$/,
          );
        }
      }
      expect(locationNames.has(catalogSample.location), 'the sample location is in the catalog').toBe(true);
      const sampleType = catalog.serverTypes.find(
        (serverType) => serverType.name === catalogSample.serverType,
      );
      expect(sampleType?.availableIn, 'the sample server type is available in the sample location').toContain(
        catalogSample.location,
      );
      expect(
        catalog.images.map((image) => image.name),
        'the sample image is in the catalog',
      ).toContain(catalogSample.image);
    });

    it('registers an SSH key once and finds it by fingerprint the second time', async () => {
      const { pair, ensured } = await registerKey();
      expect(ensured.created, 'the first registration creates the key').toBe(true);
      expect(ensured.providerKeyId.length, 'the key has a provider id').toBeGreaterThan(0);
      const again = await expectOk(
        provider.ensureSshKey({
          name: `pressluft-kit-${uniqueSuffix()}`,
          publicKey: pair.publicKey,
          fingerprintMd5: pair.fingerprintMd5,
          labels: {},
        }),
        'registering the same key again',
      );
      expect(again.providerKeyId, 'the second registration returns the same key').toBe(ensured.providerKeyId);
      expect(again.created, 'the second registration does not create').toBe(false);
    });

    it('acquires a server idempotently, waits for it, finds it, and deletes it', async () => {
      const { ensured } = await registerKey();
      const idempotencyKey = `kit-${uniqueSuffix()}`;
      const before = await backend.listServers();
      const input = serverInput(ensured.providerKeyId, idempotencyKey);

      const created = await expectOk(provider.createServer(input), 'creating a server');
      expect(created.adopted, 'the first create is not an adoption').toBe(false);
      expect(created.serverId.length, 'the server has an id').toBeGreaterThan(0);
      const again = await expectOk(
        provider.createServer(input),
        'creating again with the same idempotency key',
      );
      expect(again.adopted, 'the second create adopts the existing server').toBe(true);
      expect(again.serverId, 'the second create returns the same server').toBe(created.serverId);
      const after = await backend.listServers();
      expect(after.length, 'the backend holds exactly one new server').toBe(before.length + 1);
      expect(
        after.map((server) => server.id),
        'the backend holds the created server',
      ).toContain(created.serverId);

      await expectOk(
        provider.waitForActions(created.actionIds, { deadlineMs: actionDeadlineMs }),
        'waiting for the create actions',
      );
      await expectOk(
        provider.waitForActions(again.actionIds, { deadlineMs: actionDeadlineMs }),
        'waiting for the adopted server’s actions',
      );

      const server = await expectOk(provider.getServer(created.serverId), 'getting the server');
      expect(server.id, 'the fetched server has the created id').toBe(created.serverId);
      expect(server.idempotencyKey, 'the server carries the idempotency key').toBe(idempotencyKey);
      expect(server.labels['pressluft-kit'], 'the caller’s labels are on the server').toBe('conformance');
      expect(server.sshTarget, 'the server has an SSH target').not.toBeNull();
      expect(server.sshTarget?.host, 'the SSH target is the IPv4 address, else the IPv6 one').toBe(
        server.ipv4 ?? server.ipv6,
      );
      expect(Number.isInteger(server.sshTarget?.port), 'the SSH target has a port').toBe(true);
      expect(server.sshTarget?.user.length, 'the SSH target has a user').toBeGreaterThan(0);
      expect(['initializing', 'starting', 'running'], 'a new server is starting or running').toContain(
        server.status,
      );

      const found = await expectOk(
        provider.findServerByIdempotencyKey(idempotencyKey),
        'finding the server by idempotency key',
      );
      expect(found?.id, 'the idempotency key finds the server').toBe(created.serverId);

      const deleted = await expectOk(provider.deleteServer(created.serverId), 'deleting the server');
      expect(deleted.deleted, 'the first delete deletes').toBe(true);
      expect(
        (await backend.listServers()).map((each) => each.id),
        'the backend no longer holds the deleted server',
      ).not.toContain(created.serverId);
      const twice = await expectOk(provider.deleteServer(created.serverId), 'deleting the server again');
      expect(twice.deleted, 'deleting a server that is gone reports deleted=false').toBe(false);
      await expectProviderErrorCode(
        provider.getServer(created.serverId),
        'PROVIDER_SERVER_NOT_FOUND',
        'getting a deleted server',
      );
      expect(
        await expectOk(provider.findServerByIdempotencyKey(idempotencyKey), 'finding a deleted server'),
        'a deleted server is not found by its key',
      ).toBeNull();
    });

    it('finds nothing for an unknown idempotency key', async () => {
      expect(
        await expectOk(
          provider.findServerByIdempotencyKey(`kit-unknown-${uniqueSuffix()}`),
          'finding an unknown key',
        ),
        'an unknown idempotency key gives null',
      ).toBeNull();
    });

    it('resolves waiting for no actions at once', async () => {
      await expectOk(provider.waitForActions([], { deadlineMs: actionDeadlineMs }), 'waiting for no actions');
    });

    it('reports an unknown server as PROVIDER_SERVER_NOT_FOUND, and deleting it as deleted=false', async () => {
      await expectProviderErrorCode(
        provider.getServer(unknownServerId),
        'PROVIDER_SERVER_NOT_FOUND',
        'getting an unknown server',
      );
      const deleted = await expectOk(provider.deleteServer(unknownServerId), 'deleting an unknown server');
      expect(deleted.deleted, 'deleting an unknown server reports deleted=false').toBe(false);
    });

    const scriptFailure = backend.scriptFailure?.bind(backend);
    if (scriptFailure !== undefined) {
      const withFailure = async (failure: ProviderBackendFailure, body: () => Promise<void>) => {
        await scriptFailure(failure);
        try {
          await body();
        } finally {
          await scriptFailure(null);
        }
      };

      it('maps a rejected token: validation reports invalid, calls fail with PROVIDER_AUTH_INVALID', async () => {
        await withFailure('unauthorized', async () => {
          const check = await expectOk(provider.validateCredentials(), 'validating a rejected token');
          expect(check.status, 'a rejected token is invalid').toBe('invalid');
          const error = await expectProviderErrorCode(
            provider.listCatalog(),
            'PROVIDER_AUTH_INVALID',
            'listing the catalog with a rejected token',
          );
          expect(error.retryable, 'a rejected token is not retryable').toBe(false);
        });
      });

      it('maps a rate limit to a retryable PROVIDER_RATE_LIMITED', async () => {
        await withFailure('rate-limited', async () => {
          const error = await expectProviderErrorCode(
            provider.getServer(unknownServerId),
            'PROVIDER_RATE_LIMITED',
            'a rate-limited request',
          );
          expect(error.retryable, 'a rate limit is retryable').toBe(true);
        });
      });

      it('maps an outage to a retryable PROVIDER_UNAVAILABLE', async () => {
        await withFailure('unavailable', async () => {
          const error = await expectProviderErrorCode(
            provider.listCatalog(),
            'PROVIDER_UNAVAILABLE',
            'a request during an outage',
          );
          expect(error.retryable, 'an outage is retryable').toBe(true);
        });
      });
    }
  });
}
