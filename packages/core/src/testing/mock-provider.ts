import { err, ok, type Result, ResultAsync } from 'neverthrow';
import type { ProviderErrorCode } from '../errors/error-codes.js';
import { ProviderError } from '../errors/error-families.js';
import type { CredentialStatus } from '../model/provider-connection.js';
import type {
  CreatedServer,
  CreateServerInput,
  CredentialCheck,
  DeletedServer,
  EnsuredSshKey,
  EnsureSshKeyInput,
  NodeProviderV1,
  ProviderCallOptions,
  ProviderCatalog,
  ProviderInfo,
  ProviderServer,
  WaitForActionsOptions,
} from '../spec/node-provider-v1.js';
import {
  createMockCloud,
  type MockCloud,
  type MockCloudServer,
  mockIdempotencyLabel,
  mockManagedLabel,
} from './mock-cloud.js';

/** The methods of a mock provider that can be scripted and are recorded. */
export type MockProviderMethod =
  | 'validateCredentials'
  | 'listCatalog'
  | 'ensureSshKey'
  | 'createServer'
  | 'findServerByIdempotencyKey'
  | 'waitForActions'
  | 'getServer'
  | 'deleteServer';

/** One recorded call. */
export interface MockProviderCall {
  /** The method called. */
  readonly method: MockProviderMethod;
  /** Its arguments, as passed. */
  readonly args: readonly unknown[];
}

/** How a scripted failure behaves. */
export interface MockFailureOptions {
  /**
   * Apply the call's effect first, then fail: a server is created but the answer is lost, the case
   * idempotency keys exist for.
   */
  readonly afterEffect?: boolean;
}

/** Options of {@link createMockProvider}. */
export interface MockProviderOptions {
  /** The backend to act on; a new one by default. Share one to let several adapters see the same servers. */
  readonly cloud?: MockCloud;
  /** What the token is; `connected` by default. Other statuses make calls fail as a real provider would. */
  readonly credentialStatus?: CredentialStatus;
  /** The catalog to offer; a small Hetzner-like one by default. */
  readonly catalog?: ProviderCatalog;
  /** The provider info; `type` is `mock` by default. */
  readonly info?: Partial<ProviderInfo>;
  /** Milliseconds between action polls in `waitForActions`; 0 by default. */
  readonly pollIntervalMs?: number;
  /** The deadline of `waitForActions` when the caller gives none; 60 000 ms by default. */
  readonly defaultDeadlineMs?: number;
  /** The SSH user of servers; `root` by default. */
  readonly sshUser?: string;
}

/** A `NodeProviderV1` over a {@link MockCloud}, with call recording and scriptable failures. */
export interface MockProvider extends NodeProviderV1 {
  /** The backend it acts on. */
  readonly cloud: MockCloud;
  /** Every call, in order. */
  readonly calls: readonly MockProviderCall[];
  /** The recorded calls of one method. */
  callsTo(method: MockProviderMethod): readonly MockProviderCall[];
  /** Make the next call of a method fail with this error (or a new error with this code); calls queue up. */
  failNext(
    method: MockProviderMethod,
    error: ProviderError | ProviderErrorCode,
    options?: MockFailureOptions,
  ): void;
  /** Make the next call of a method hang until its signal aborts (then `PROVIDER_TIMEOUT`). */
  hangNext(method: MockProviderMethod): void;
  /** Make the next action started (create or delete) end in error, so `waitForActions` fails. */
  failNextAction(errorCode?: string): void;
  /** Change what the token is, as if it were revoked or its permissions changed. */
  setCredentialStatus(status: CredentialStatus): void;
}

type ScriptStep =
  | { readonly kind: 'fail'; readonly error: ProviderError; readonly afterEffect: boolean }
  | { readonly kind: 'hang' };

const writeMethods: ReadonlySet<MockProviderMethod> = new Set([
  'ensureSshKey',
  'createServer',
  'deleteServer',
]);

/** The catalog a mock provider offers unless given another: three locations, three server types, two images. */
export const defaultMockCatalog: ProviderCatalog = {
  locations: [
    {
      name: 'fsn1',
      description: 'Falkenstein DC Park 1',
      country: 'DE',
      city: 'Falkenstein',
      networkZone: 'eu-central',
    },
    {
      name: 'nbg1',
      description: 'Nuremberg DC Park 1',
      country: 'DE',
      city: 'Nuremberg',
      networkZone: 'eu-central',
    },
    {
      name: 'hel1',
      description: 'Helsinki DC Park 1',
      country: 'FI',
      city: 'Helsinki',
      networkZone: 'eu-central',
    },
  ],
  serverTypes: [
    {
      name: 'cx22',
      description: 'CX22',
      cores: 2,
      memoryGb: 4,
      diskGb: 40,
      architecture: 'x86',
      availableIn: ['fsn1', 'nbg1', 'hel1'],
      recommendedIn: ['fsn1', 'nbg1'],
      prices: ['fsn1', 'nbg1', 'hel1'].map((location) => ({
        location,
        monthlyGross: '4.5900',
        hourlyGross: '0.0073',
        currency: 'EUR',
      })),
    },
    {
      name: 'cax11',
      description: 'CAX11',
      cores: 2,
      memoryGb: 4,
      diskGb: 40,
      architecture: 'arm',
      availableIn: ['fsn1', 'nbg1'],
      recommendedIn: ['fsn1'],
      prices: ['fsn1', 'nbg1'].map((location) => ({
        location,
        monthlyGross: '4.5100',
        hourlyGross: '0.0072',
        currency: 'EUR',
      })),
    },
    {
      name: 'cpx11',
      description: 'CPX11',
      cores: 2,
      memoryGb: 2,
      diskGb: 40,
      architecture: 'x86',
      availableIn: ['hel1'],
      recommendedIn: [],
      prices: [{ location: 'hel1', monthlyGross: '5.1800', hourlyGross: '0.0083', currency: 'EUR' }],
    },
  ],
  images: [
    {
      name: 'ubuntu-24.04',
      description: 'Ubuntu 24.04',
      architecture: 'x86',
      osFlavor: 'ubuntu',
      osVersion: '24.04',
    },
    { name: 'debian-12', description: 'Debian 12', architecture: 'x86', osFlavor: 'debian', osVersion: '12' },
  ],
};

const credentialGuidance: Readonly<Record<CredentialStatus, string>> = {
  connected: 'The token works and can create servers.',
  invalid: 'The provider rejected the token; create a new one.',
  read_only: 'The token can only read; create one with read and write permission.',
  insufficient_permissions: 'The token lacks permissions for this project.',
  unreachable: 'The provider could not be reached.',
};

const credentialErrorCodes: Readonly<Record<Exclude<CredentialStatus, 'connected'>, ProviderErrorCode>> = {
  invalid: 'PROVIDER_AUTH_INVALID',
  read_only: 'PROVIDER_TOKEN_READONLY',
  insufficient_permissions: 'PROVIDER_PERMISSION_DENIED',
  unreachable: 'PROVIDER_UNAVAILABLE',
};

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * A mock `NodeProviderV1`: servers, SSH keys and actions live in a {@link MockCloud}; creation is
 * idempotent by key, SSH keys are found by fingerprint, actions finish after the cloud's `actionPolls`,
 * and every call is recorded. Failures can be scripted per method (`failNext`, `hangNext`,
 * `failNextAction`), for the whole cloud (`cloud.failure`), or through the token's status.
 */
export function createMockProvider(options: MockProviderOptions = {}): MockProvider {
  const cloud = options.cloud ?? createMockCloud();
  const catalog = options.catalog ?? defaultMockCatalog;
  const info: ProviderInfo = {
    type: 'mock',
    displayName: 'Mock Cloud',
    docsUrl: 'https://example.com/mock-cloud/docs',
    tokenHelp: 'Any token works with the mock cloud.',
    ...options.info,
  };
  const pollIntervalMs = options.pollIntervalMs ?? 0;
  const defaultDeadlineMs = options.defaultDeadlineMs ?? 60_000;
  const sshUser = options.sshUser ?? 'root';
  const calls: MockProviderCall[] = [];
  const scripts = new Map<MockProviderMethod, ScriptStep[]>();
  const failingActions: string[] = [];
  let credentialStatus: CredentialStatus = options.credentialStatus ?? 'connected';

  const providerError = (code: ProviderErrorCode, message: string, details?: Record<string, string>) =>
    new ProviderError({ code, message, provider: info.type, ...(details === undefined ? {} : { details }) });

  const aborted = (method: MockProviderMethod) =>
    new ProviderError({
      code: 'PROVIDER_TIMEOUT',
      message: `${method} was aborted before the mock cloud answered.`,
      provider: info.type,
      details: { method, failure: 'aborted' },
    });

  // What the real API would answer before doing anything: an outage, a rate limit, a bad token.
  const gatekeeper = (method: MockProviderMethod): ProviderError | null => {
    switch (cloud.failure) {
      case 'unauthorized':
        return providerError('PROVIDER_AUTH_INVALID', 'The mock cloud rejected the token.');
      case 'rate-limited':
        return new ProviderError({
          code: 'PROVIDER_RATE_LIMITED',
          message: 'The mock cloud rate limit is used up.',
          provider: info.type,
          retryAfterMs: 1_000,
        });
      case 'unavailable':
        return providerError('PROVIDER_UNAVAILABLE', 'The mock cloud answered 503.');
      case null:
        break;
    }
    if (credentialStatus === 'connected') return null;
    if (credentialStatus === 'read_only' && !writeMethods.has(method)) return null;
    return providerError(credentialErrorCodes[credentialStatus], credentialGuidance[credentialStatus]);
  };

  const invoke = <T>(
    method: MockProviderMethod,
    args: readonly unknown[],
    signal: AbortSignal | undefined,
    effect: () => Result<T, ProviderError> | Promise<Result<T, ProviderError>>,
  ): ResultAsync<T, ProviderError> => {
    calls.push({ method, args });
    const step = scripts.get(method)?.shift();
    const run = async (): Promise<Result<T, ProviderError>> => {
      if (signal?.aborted) return err(aborted(method));
      if (step?.kind === 'hang') {
        await waitForAbort(signal);
        return err(aborted(method));
      }
      if (step?.kind === 'fail' && !step.afterEffect) return err(step.error);
      if (method !== 'validateCredentials') {
        const refusal = gatekeeper(method);
        if (refusal !== null) return err(refusal);
      }
      const result = await effect();
      if (step?.kind === 'fail') return err(step.error);
      return result;
    };
    return new ResultAsync(run());
  };

  const toProviderServer = (server: MockCloudServer): ProviderServer => {
    const host = server.ipv4 ?? server.ipv6;
    return {
      id: server.id,
      name: server.name,
      status: server.status,
      ipv4: server.ipv4,
      ipv6: server.ipv6,
      sshTarget: host === null ? null : { host, port: 22, user: sshUser },
      labels: { ...server.labels },
      idempotencyKey: server.labels[mockIdempotencyLabel] ?? null,
    };
  };

  const findByKey = (idempotencyKey: string): MockCloudServer | undefined =>
    [...cloud.servers.values()].find((server) => server.labels[mockIdempotencyLabel] === idempotencyKey);

  const startAction = (command: string, serverId: string) =>
    cloud.startAction(command, serverId, failingActions.shift() ?? null);

  const provider: MockProvider = {
    specificationVersion: 'v1',
    info,
    cloud,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext(method, error, failureOptions = {}) {
      const queue = scripts.get(method) ?? [];
      const failure =
        typeof error === 'string'
          ? providerError(error, `Scripted ${error} for ${method}.`, { method })
          : error;
      queue.push({ kind: 'fail', error: failure, afterEffect: failureOptions.afterEffect ?? false });
      scripts.set(method, queue);
    },
    hangNext(method) {
      const queue = scripts.get(method) ?? [];
      queue.push({ kind: 'hang' });
      scripts.set(method, queue);
    },
    failNextAction(errorCode = 'action_failed') {
      failingActions.push(errorCode);
    },
    setCredentialStatus(status) {
      credentialStatus = status;
    },

    validateCredentials: (callOptions?: ProviderCallOptions) =>
      invoke(
        'validateCredentials',
        [callOptions],
        callOptions?.signal,
        (): Result<CredentialCheck, ProviderError> => {
          if (cloud.failure === 'unauthorized') {
            return ok({
              status: 'invalid',
              guidance: credentialGuidance.invalid,
              errorCode: 'PROVIDER_AUTH_INVALID',
            });
          }
          if (cloud.failure !== null) {
            const refusal = gatekeeper('validateCredentials');
            if (refusal !== null) return err(refusal);
          }
          if (credentialStatus === 'connected')
            return ok({ status: 'connected', guidance: credentialGuidance.connected });
          return ok({
            status: credentialStatus,
            guidance: credentialGuidance[credentialStatus],
            errorCode: credentialErrorCodes[credentialStatus],
          });
        },
      ),

    listCatalog: (callOptions?: ProviderCallOptions) =>
      invoke('listCatalog', [callOptions], callOptions?.signal, () => ok(structuredClone(catalog))),

    ensureSshKey: (input: EnsureSshKeyInput, callOptions?: ProviderCallOptions) =>
      invoke(
        'ensureSshKey',
        [input, callOptions],
        callOptions?.signal,
        (): Result<EnsuredSshKey, ProviderError> => {
          const keys = [...cloud.sshKeys.values()];
          const found = keys.find((key) => key.fingerprintMd5 === input.fingerprintMd5);
          if (found !== undefined) return ok({ providerKeyId: found.id, name: found.name, created: false });
          if (keys.some((key) => key.name === input.name)) {
            return err(
              providerError(
                'PROVIDER_NAME_TAKEN',
                `An SSH key named ${input.name} exists with another fingerprint.`,
              ),
            );
          }
          const id = cloud.nextId();
          cloud.sshKeys.set(id, {
            id,
            name: input.name,
            publicKey: input.publicKey,
            fingerprintMd5: input.fingerprintMd5,
            labels: { ...input.labels, [mockManagedLabel]: 'true' },
          });
          return ok({ providerKeyId: id, name: input.name, created: true });
        },
      ),

    createServer: (input: CreateServerInput) =>
      invoke('createServer', [input], input.signal, (): Result<CreatedServer, ProviderError> => {
        const existing = findByKey(input.idempotencyKey);
        if (existing !== undefined) {
          const pending = [...cloud.actions.values()]
            .filter((action) => action.serverId === existing.id && action.status === 'running')
            .map((action) => action.id);
          return ok({ serverId: existing.id, actionIds: pending, adopted: true });
        }
        const location = catalog.locations.find((each) => each.name === input.location);
        const serverType = catalog.serverTypes.find((each) => each.name === input.serverType);
        const image = catalog.images.find((each) => each.name === input.image);
        if (location === undefined || serverType === undefined || image === undefined) {
          return err(
            providerError('PROVIDER_INVALID_REQUEST', 'Unknown location, server type or image.', {
              location: input.location,
              serverType: input.serverType,
              image: input.image,
            }),
          );
        }
        if (!serverType.availableIn.includes(location.name)) {
          return err(
            providerError(
              'PROVIDER_CAPACITY_UNAVAILABLE',
              `${serverType.name} is not available in ${location.name} right now.`,
            ),
          );
        }
        const unknownKey = input.sshKeyIds.find((id) => !cloud.sshKeys.has(id));
        if (unknownKey !== undefined) {
          return err(providerError('PROVIDER_INVALID_REQUEST', `SSH key ${unknownKey} does not exist.`));
        }
        if ([...cloud.servers.values()].some((server) => server.name === input.name)) {
          return err(providerError('PROVIDER_NAME_TAKEN', `A server named ${input.name} already exists.`));
        }
        const server = cloud.addServer({
          name: input.name,
          status: 'initializing',
          location: input.location,
          serverType: input.serverType,
          image: input.image,
          labels: {
            ...input.labels,
            [mockManagedLabel]: 'true',
            [mockIdempotencyLabel]: input.idempotencyKey,
          },
          sshKeyIds: [...input.sshKeyIds],
        });
        const action = startAction('create_server', server.id);
        return ok({ serverId: server.id, actionIds: [action.id], adopted: false });
      }),

    findServerByIdempotencyKey: (idempotencyKey: string, callOptions?: ProviderCallOptions) =>
      invoke('findServerByIdempotencyKey', [idempotencyKey, callOptions], callOptions?.signal, () => {
        const server = findByKey(idempotencyKey);
        return ok(server === undefined ? null : toProviderServer(server));
      }),

    waitForActions: (actionIds: readonly string[], waitOptions: WaitForActionsOptions = {}) =>
      invoke('waitForActions', [actionIds, waitOptions], waitOptions.signal, async () => {
        const deadline = Date.now() + (waitOptions.deadlineMs ?? defaultDeadlineMs);
        for (;;) {
          let running = 0;
          for (const id of actionIds) {
            const action = cloud.pollAction(id);
            if (action === undefined) {
              return err(providerError('PROVIDER_INVALID_REQUEST', `Action ${id} does not exist.`));
            }
            if (action.status === 'error') {
              return err(
                providerError('PROVIDER_ACTION_FAILED', `Action ${id} (${action.command}) ended in error.`, {
                  actionId: id,
                  command: action.command,
                  providerCode: action.errorCode ?? 'unknown',
                }),
              );
            }
            if (action.status === 'running') running += 1;
          }
          if (running === 0) return ok(undefined);
          if (waitOptions.signal?.aborted) return err(aborted('waitForActions'));
          if (Date.now() >= deadline) {
            return err(
              providerError('PROVIDER_TIMEOUT', `${running} action(s) did not finish before the deadline.`),
            );
          }
          await sleep(pollIntervalMs);
        }
      }),

    getServer: (serverId: string, callOptions?: ProviderCallOptions) =>
      invoke('getServer', [serverId, callOptions], callOptions?.signal, () => {
        const server = cloud.servers.get(serverId);
        if (server === undefined) {
          return err(
            providerError('PROVIDER_SERVER_NOT_FOUND', `Server ${serverId} does not exist.`, { serverId }),
          );
        }
        return ok(toProviderServer(server));
      }),

    deleteServer: (serverId: string, callOptions?: ProviderCallOptions) =>
      invoke(
        'deleteServer',
        [serverId, callOptions],
        callOptions?.signal,
        (): Result<DeletedServer, ProviderError> => {
          const server = cloud.servers.get(serverId);
          if (server === undefined) return ok({ deleted: false });
          if (server.labels[mockManagedLabel] !== 'true') {
            return err(
              providerError('PROVIDER_PERMISSION_DENIED', `Server ${serverId} is not managed by Pressluft.`, {
                serverId,
              }),
            );
          }
          // The real delete waits for its action; the mock's finishes at once.
          cloud.servers.delete(serverId);
          return ok({ deleted: true });
        },
      ),
  };
  return provider;
}
