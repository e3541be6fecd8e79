import { createHash } from 'node:crypto';
import {
  type CreatedServer,
  type CreateServerInput,
  type CredentialCheck,
  type DeletedServer,
  describeErrorCode,
  type EnsuredSshKey,
  type EnsureSshKeyInput,
  type JsonValue,
  type NodeProviderV1,
  type ProviderCallOptions,
  type ProviderCatalog,
  ProviderError,
  type ProviderServer,
  type WaitForActionsOptions,
} from '@pressluft/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { CatalogCache } from './catalog-cache.js';
import { type Clock, type Sleep, systemClock, systemSleep } from './clock.js';
import {
  type CatalogImage,
  type CatalogServerType,
  type HetznerCatalog,
  toProviderCatalog,
} from './convert-catalog.js';
import type { RegisteredSshKey } from './convert-ssh-key.js';
import { createHetznerClient } from './hetzner-client.js';
import { type CreateServerRequest, createHetznerOperations } from './hetzner-operations.js';
import { hetznerProviderInfo } from './hetzner-provider-info.js';
import { type HetznerScope, processScope } from './hetzner-scope.js';
import { defaultRetryPolicy, type RetryPolicy } from './hetzner-transport.js';
import {
  belongsToIdempotencyKey,
  idempotencyLabel,
  idempotencyLabelValue,
  idempotencySelector,
  invalidLabels,
  isManagedByPressluft,
  isValidServerName,
  managedLabel,
} from './ownership-labels.js';
import { defaultPollSchedule, type PollSchedule } from './poll-schedule.js';
import { sshFingerprintMd5 } from './ssh-fingerprint.js';

/** The public Hetzner Cloud API. */
export const hetznerApiBaseUrl = 'https://api.hetzner.cloud/v1';

/** How actions are waited for. */
export interface HetznerPollingOptions {
  /** Interval by age of the wait; see {@link defaultPollSchedule}. */
  readonly schedule?: PollSchedule;
  /** Overall deadline of `waitForActions` when the caller gives none, in ms. Default 15 minutes. */
  readonly deadlineMs?: number;
  /** Deadline for the delete action in `deleteServer`, in ms. Default 5 minutes. */
  readonly deleteDeadlineMs?: number;
}

/** Options of {@link createHetznerProvider}. */
export interface HetznerProviderOptions {
  /** The project's API token; surrounding whitespace is trimmed. */
  readonly token: string;
  /** The API base URL. Default `https://api.hetzner.cloud/v1`; point it at the fake for offline runs. */
  readonly baseUrl?: string;
  /** The fetch to send with. Default: the global fetch, looked up per request (so msw sees it). */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Time source (ms since the epoch). */
  readonly clock?: Clock;
  /** Timer; with `clock`, lets benchmarks scale time. */
  readonly sleep?: Sleep;
  /** Randomness for retry jitter. */
  readonly random?: () => number;
  /** Action polling. */
  readonly polling?: HetznerPollingOptions;
  /** How long the catalog is cached, in ms. Default 10 minutes. */
  readonly catalogTtlMs?: number;
  /** Deadline of one HTTP attempt, in real ms (not scaled by `clock`/`sleep`). Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Retries of safe repetitions. Default: 5 retries, 1 s doubling with jitter, capped at 60 s. */
  readonly retry?: Partial<RetryPolicy>;
  /** Requests of each hourly budget left for other tools of the project; pacing starts below it. Default 10. */
  readonly rateLimitReserve?: number;
  /** Where budgets and pollers are shared. Default: one scope per process and fetch function. */
  readonly scope?: HetznerScope;
}

const tokenPattern = /^[A-Za-z0-9]{64}$/;

/** Looks the global fetch up per request, so interceptors installed after construction see the traffic. */
const globalFetch = (request: Request): Promise<Response> => globalThis.fetch(request);

function providerError(
  code: ProviderError['code'],
  message: string,
  details: Record<string, JsonValue>,
  guidance?: string,
): ProviderError {
  return new ProviderError({
    code,
    message,
    provider: 'hetzner',
    details,
    ...(guidance === undefined ? {} : { guidance }),
  });
}

/**
 * A choice the catalog does not offer. The core's `VALIDATION_OPTION_UNAVAILABLE` is a validation code, but
 * providers return provider errors, so it travels as `PROVIDER_INVALID_REQUEST` with
 * `details.validationCode` set to it and its guidance.
 */
function optionUnavailable(field: string, value: string, reason: string): ProviderError {
  return providerError(
    'PROVIDER_INVALID_REQUEST',
    `Hetzner does not offer this choice: ${reason}.`,
    { validationCode: 'VALIDATION_OPTION_UNAVAILABLE', field, value, reason },
    describeErrorCode('VALIDATION_OPTION_UNAVAILABLE').guidance,
  );
}

function isAmbiguous(error: ProviderError): boolean {
  return error.details?.['ambiguous'] === true;
}

function isUniquenessError(error: ProviderError): boolean {
  return error.details?.['hetznerCode'] === 'uniqueness_error';
}

type Validated = { readonly serverType: CatalogServerType; readonly image: CatalogImage };

function validateChoice(
  catalog: HetznerCatalog,
  input: CreateServerInput,
  now: number,
): Validated | ProviderError {
  const serverType = catalog.serverTypes.find((type) => type.name === input.serverType);
  if (serverType === undefined) {
    return optionUnavailable(
      'serverType',
      input.serverType,
      `server type "${input.serverType}" cannot be ordered`,
    );
  }
  if (!catalog.locations.some((location) => location.name === input.location)) {
    return optionUnavailable('location', input.location, `location "${input.location}" does not exist`);
  }
  if (!serverType.availableIn.includes(input.location)) {
    return optionUnavailable(
      'location',
      input.location,
      `server type "${serverType.name}" is not sold in "${input.location}" (available in ${serverType.availableIn.join(', ')})`,
    );
  }
  const lastDay = serverType.deprecations.find(
    (deprecation) => deprecation.location === input.location,
  )?.unavailableAfter;
  if (lastDay !== undefined && lastDay !== null && !(Date.parse(lastDay) > now)) {
    return optionUnavailable(
      'serverType',
      input.serverType,
      `server type "${serverType.name}" could be ordered in "${input.location}" only until ${lastDay}`,
    );
  }
  const image = catalog.images.find(
    (candidate) => candidate.name === input.image && candidate.architecture === serverType.architecture,
  );
  if (image === undefined) {
    const otherArchitecture = catalog.images.some((candidate) => candidate.name === input.image);
    return optionUnavailable(
      'image',
      input.image,
      otherArchitecture
        ? `image "${input.image}" is not built for ${serverType.architecture}, the architecture of "${serverType.name}"`
        : `image "${input.image}" is not an available system image`,
    );
  }
  return { serverType, image };
}

/**
 * The Hetzner Cloud adapter of `NodeProviderV1`: validated, idempotent server acquisition with a shared
 * rate-limit budget and batched action polling.
 */
export function createHetznerProvider(options: HetznerProviderOptions): NodeProviderV1 {
  const token = options.token.trim();
  const baseUrl = (options.baseUrl ?? hetznerApiBaseUrl).replace(/\/$/, '');
  const fetchFunction = options.fetch ?? globalFetch;
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? systemSleep;
  const scope = options.scope ?? processScope(fetchFunction);
  const scopeKey = `${baseUrl}#${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
  const budget = scope.budget(scopeKey, options.rateLimitReserve ?? 10);
  const client = createHetznerClient({
    token,
    baseUrl,
    fetch: fetchFunction,
    budget,
    clock,
    sleep,
    retry: { ...defaultRetryPolicy, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    random: options.random ?? Math.random,
  });
  const operations = createHetznerOperations(client);
  const schedule = options.polling?.schedule ?? defaultPollSchedule;
  const poller = scope.poller(scopeKey, () => ({
    fetchActions: (ids) => operations.getActions(ids, undefined),
    clock,
    sleep,
    schedule,
  }));
  const defaultDeadlineMs = options.polling?.deadlineMs ?? 15 * 60_000;
  const deleteDeadlineMs = options.polling?.deleteDeadlineMs ?? 5 * 60_000;
  const catalogCache = new CatalogCache(
    () =>
      ResultAsync.combine([
        operations.listLocations(undefined),
        operations.listServerTypes(undefined, clock.now()),
        operations.listImages(undefined),
      ]).map(([locations, serverTypes, images]) => ({
        locations: locations.items,
        serverTypes: serverTypes.items,
        images: images.items,
        skipped: [...locations.skipped, ...serverTypes.skipped, ...images.skipped],
      })),
    clock,
    options.catalogTtlMs ?? 10 * 60_000,
  );

  const tokenProblem = (): ProviderError | null =>
    tokenPattern.test(token)
      ? null
      : providerError(
          'PROVIDER_AUTH_INVALID',
          'The Hetzner API token is not 64 letters and digits, so Hetzner would refuse it.',
          { reason: 'token_format' },
          'Copy the whole token from the Hetzner Cloud Console (Security → API tokens) without spaces or line breaks.',
        );

  const guarded = <T>(run: () => ResultAsync<T, ProviderError>): ResultAsync<T, ProviderError> => {
    const problem = tokenProblem();
    return problem === null ? run() : errAsync(problem);
  };

  const waitFor = (ids: readonly string[], deadlineMs: number, signal?: AbortSignal) =>
    ResultAsync.fromSafePromise(poller.wait(ids, deadlineMs, signal)).andThen((error) =>
      error === null ? okAsync(undefined) : errAsync(error),
    );

  const adopt = (
    server: ProviderServer,
    signal: AbortSignal | undefined,
  ): ResultAsync<CreatedServer, ProviderError> =>
    operations
      .runningServerActions(Number(server.id), signal)
      .map((actionIds) => ({ serverId: server.id, actionIds, adopted: true }));

  const findByKey = (idempotencyKey: string, signal: AbortSignal | undefined) =>
    operations
      .findServers({ labelSelector: idempotencySelector(idempotencyKey) }, signal)
      .map((servers) =>
        servers
          .filter((server) => belongsToIdempotencyKey(server.labels, idempotencyKey))
          .sort((a, b) => Number(a.id) - Number(b.id)),
      );

  /** After `uniqueness_error`: the server of that name is ours only when its labels say so. */
  const resolveNameTaken = (
    input: CreateServerInput,
    original: ProviderError,
  ): ResultAsync<CreatedServer, ProviderError> =>
    operations.findServers({ name: input.name }, input.signal).andThen((servers) => {
      const existing = servers.find((server) => server.name === input.name);
      if (existing !== undefined && belongsToIdempotencyKey(existing.labels, input.idempotencyKey)) {
        return adopt(existing, input.signal);
      }
      return errAsync(
        providerError(
          'PROVIDER_NAME_TAKEN',
          `A server named "${input.name}" exists in the Hetzner project and was not created for this request.`,
          {
            ...(original.details ?? {}),
            name: input.name,
            existingServerId: existing?.id ?? null,
            managedByPressluft: existing === undefined ? false : isManagedByPressluft(existing.labels),
          },
        ),
      );
    });

  const post = (
    input: CreateServerInput,
    request: CreateServerRequest,
    attemptsLeft: number,
  ): ResultAsync<CreatedServer, ProviderError> =>
    operations
      .createServer(request, input.signal)
      .map(
        (answer): CreatedServer => ({
          serverId: answer.server.id,
          actionIds: answer.actionIds,
          adopted: false,
        }),
      )
      .orElse((error) => {
        if (isUniquenessError(error)) return resolveNameTaken(input, error);
        if (!isAmbiguous(error)) return errAsync(error);
        // Hetzner may have created the server: look it up by label before sending again. Sending again is
        // safe because the name is stable: a duplicate is refused with uniqueness_error and adopted.
        return findByKey(input.idempotencyKey, undefined).andThen((found) => {
          const [existing] = found;
          if (existing !== undefined) return adopt(existing, undefined);
          if (attemptsLeft <= 0 || input.signal?.aborted) return errAsync(error);
          return post(input, request, attemptsLeft - 1);
        });
      });

  const registerKey = (
    name: string,
    input: EnsureSshKeyInput,
    fingerprint: string,
    labels: Record<string, string>,
    signal: AbortSignal | undefined,
    renamesLeft: number,
  ): ResultAsync<EnsuredSshKey, ProviderError> =>
    operations
      .createSshKey({ name, publicKey: input.publicKey, labels }, signal)
      .map((key): EnsuredSshKey => ({ providerKeyId: key.id, name: key.name, created: true }))
      .orElse((error) => {
        if (!isUniquenessError(error) && !isAmbiguous(error)) return errAsync(error);
        return operations.findSshKeyByFingerprint(fingerprint, signal).andThen((found) => {
          if (found !== null) return okAsync(keyResult(found, name, isAmbiguous(error)));
          if (isAmbiguous(error)) return errAsync(error);
          return operations.findSshKeyByName(name, signal).andThen((sameName) => {
            if (sameName !== null && renamesLeft > 0) {
              // The name belongs to another key: register under a name derived from the fingerprint.
              const alternative = `${input.name}-${fingerprint.replaceAll(':', '').slice(0, 12)}`;
              return registerKey(alternative, input, fingerprint, labels, signal, renamesLeft - 1);
            }
            return errAsync(
              providerError(
                'PROVIDER_SSH_KEY_FAILED',
                `Hetzner refused the SSH key as a duplicate, but no key with fingerprint ${fingerprint} can be found.`,
                { ...(error.details ?? {}), fingerprint, name },
              ),
            );
          });
        });
      });

  const keyResult = (key: RegisteredSshKey, requestedName: string, maybeOurs: boolean): EnsuredSshKey => ({
    providerKeyId: key.id,
    name: key.name,
    created: maybeOurs && key.name === requestedName && isManagedByPressluft(key.labels),
  });

  return {
    specificationVersion: 'v1',
    info: hetznerProviderInfo,

    validateCredentials(callOptions?: ProviderCallOptions): ResultAsync<CredentialCheck, ProviderError> {
      const problem = tokenProblem();
      if (problem !== null) {
        return okAsync({ status: 'invalid', guidance: problem.guidance, errorCode: problem.code });
      }
      const signal = callOptions?.signal;
      const fromError = (error: ProviderError): ResultAsync<CredentialCheck, ProviderError> => {
        switch (error.code) {
          case 'PROVIDER_AUTH_INVALID':
            return okAsync({
              status: 'invalid',
              guidance:
                'Hetzner does not accept this token: it was deleted, mistyped, or belongs to a deleted project. Generate a new one.',
              errorCode: error.code,
            });
          case 'PROVIDER_PERMISSION_DENIED':
            return okAsync({
              status: 'insufficient_permissions',
              guidance:
                'Hetzner refused the token for this project (forbidden). Check the project (billing, locks) in the Hetzner console.',
              errorCode: error.code,
            });
          case 'PROVIDER_TOKEN_READONLY':
            return okAsync({
              status: 'read_only',
              guidance:
                'The token is read-only, so Pressluft cannot create servers or SSH keys. Generate a "Read & Write" token and rotate it.',
              errorCode: error.code,
            });
          case 'PROVIDER_RATE_LIMITED':
            return errAsync(error);
          default:
            return okAsync({
              status: 'unreachable',
              guidance: `The Hetzner API could not be checked (${error.message}) Retry; if it persists, check https://status.hetzner.com and the network.`,
              errorCode: error.code,
            });
        }
      };
      return operations
        .probeRead(signal)
        .andThen(() => operations.probeWrite(signal))
        .andThen(
          (): ResultAsync<CredentialCheck, ProviderError> =>
            okAsync({
              status: 'connected',
              guidance: 'The token can read and write in its Hetzner project.',
            }),
        )
        .orElse((error) =>
          // The write probe sends an empty body on purpose: a read-write token is refused for the body.
          error.code === 'PROVIDER_INVALID_REQUEST' && error.details?.['hetznerCode'] === 'invalid_input'
            ? okAsync<CredentialCheck, ProviderError>({
                status: 'connected',
                guidance: 'The token can read and write in its Hetzner project.',
              })
            : fromError(error),
        );
    },

    listCatalog(callOptions?: ProviderCallOptions): ResultAsync<ProviderCatalog, ProviderError> {
      void callOptions;
      return guarded(() => catalogCache.get().map(({ catalog }) => toProviderCatalog(catalog)));
    },

    ensureSshKey(
      input: EnsureSshKeyInput,
      callOptions?: ProviderCallOptions,
    ): ResultAsync<EnsuredSshKey, ProviderError> {
      return guarded(() => {
        const signal = callOptions?.signal;
        const fingerprint = sshFingerprintMd5(input.publicKey);
        if (fingerprint === null) {
          return errAsync(
            providerError(
              'PROVIDER_INVALID_REQUEST',
              'The SSH public key is not an OpenSSH public key line.',
              {
                field: 'publicKey',
              },
            ),
          );
        }
        if (input.fingerprintMd5.trim().toLowerCase().replace(/^md5:/, '') !== fingerprint) {
          return errAsync(
            providerError(
              'PROVIDER_INVALID_REQUEST',
              'The given MD5 fingerprint does not match the public key.',
              { field: 'fingerprintMd5', expected: fingerprint, given: input.fingerprintMd5 },
            ),
          );
        }
        const labels = { ...input.labels, [managedLabel]: 'true' };
        const badLabels = invalidLabels(labels);
        if (badLabels.length > 0 || input.name.trim() === '') {
          return errAsync(
            providerError('PROVIDER_INVALID_REQUEST', 'The SSH key name or labels break Hetzner rules.', {
              field: badLabels.length > 0 ? 'labels' : 'name',
              invalidLabels: badLabels,
            }),
          );
        }
        return operations.findSshKeyByFingerprint(fingerprint, signal).andThen((found) =>
          found !== null
            ? okAsync<EnsuredSshKey, ProviderError>({
                providerKeyId: found.id,
                name: found.name,
                created: false,
              })
            : registerKey(input.name, input, fingerprint, labels, signal, 1),
        );
      });
    },

    createServer(input: CreateServerInput): ResultAsync<CreatedServer, ProviderError> {
      return guarded(() => {
        if (!isValidServerName(input.name)) {
          return errAsync(
            providerError(
              'PROVIDER_INVALID_REQUEST',
              `"${input.name}" is not a valid server name: Hetzner needs a lowercase RFC 1123 host name.`,
              { field: 'name', value: input.name },
            ),
          );
        }
        if (input.idempotencyKey === '') {
          return errAsync(
            providerError('PROVIDER_INVALID_REQUEST', 'The idempotency key is empty.', {
              field: 'idempotencyKey',
            }),
          );
        }
        const labels: Record<string, string> = {
          ...input.labels,
          [managedLabel]: 'true',
          [idempotencyLabel]: idempotencyLabelValue(input.idempotencyKey),
        };
        const badLabels = invalidLabels(labels);
        if (badLabels.length > 0) {
          return errAsync(
            providerError(
              'PROVIDER_INVALID_REQUEST',
              `Labels break Hetzner rules: ${badLabels.join(', ')}.`,
              {
                field: 'labels',
                invalidLabels: badLabels,
              },
            ),
          );
        }
        const badKeys = input.sshKeyIds.filter((id) => !/^\d+$/.test(id));
        if (badKeys.length > 0) {
          return errAsync(
            providerError('PROVIDER_INVALID_REQUEST', 'SSH key ids must be Hetzner ids.', {
              field: 'sshKeyIds',
              invalid: badKeys,
            }),
          );
        }
        const validated = catalogCache.get().andThen(({ catalog, fresh }) => {
          const choice = validateChoice(catalog, input, clock.now());
          if (!ProviderError.isInstance(choice) || fresh)
            return ProviderError.isInstance(choice) ? errAsync(choice) : okAsync(choice);
          // A cached catalog may predate a new type or image: check once more against a fresh one.
          return catalogCache.get(true).andThen((refreshed) => {
            const again = validateChoice(refreshed.catalog, input, clock.now());
            return ProviderError.isInstance(again) ? errAsync(again) : okAsync(again);
          });
        });
        return findByKey(input.idempotencyKey, input.signal).andThen((existing) => {
          const [first] = existing;
          if (first !== undefined) return adopt(first, input.signal);
          return validated.andThen(({ serverType, image }) =>
            post(
              input,
              {
                name: input.name,
                serverType: serverType.name,
                image: image.name,
                location: input.location,
                sshKeyIds: input.sshKeyIds.map(Number),
                labels,
              },
              1,
            ),
          );
        });
      });
    },

    findServerByIdempotencyKey(
      idempotencyKey: string,
      callOptions?: ProviderCallOptions,
    ): ResultAsync<ProviderServer | null, ProviderError> {
      return guarded(() =>
        findByKey(idempotencyKey, callOptions?.signal).map((servers) => {
          const [first] = servers;
          return first === undefined ? null : { ...first, idempotencyKey };
        }),
      );
    },

    waitForActions(
      actionIds: readonly string[],
      waitOptions?: WaitForActionsOptions,
    ): ResultAsync<void, ProviderError> {
      return guarded(() =>
        waitFor(actionIds, waitOptions?.deadlineMs ?? defaultDeadlineMs, waitOptions?.signal),
      );
    },

    getServer(
      serverId: string,
      callOptions?: ProviderCallOptions,
    ): ResultAsync<ProviderServer, ProviderError> {
      return guarded(() => {
        if (!/^\d+$/.test(serverId)) {
          return errAsync(
            providerError('PROVIDER_SERVER_NOT_FOUND', `"${serverId}" is not a Hetzner server id.`, {
              serverId,
            }),
          );
        }
        return operations.getServer(Number(serverId), callOptions?.signal);
      });
    },

    deleteServer(
      serverId: string,
      callOptions?: ProviderCallOptions,
    ): ResultAsync<DeletedServer, ProviderError> {
      return guarded(() => {
        const signal = callOptions?.signal;
        if (!/^\d+$/.test(serverId)) return okAsync({ deleted: false });
        const notFound = (error: ProviderError) =>
          error.code === 'PROVIDER_SERVER_NOT_FOUND'
            ? okAsync<DeletedServer, ProviderError>({ deleted: false })
            : errAsync(error);
        return operations
          .getServer(Number(serverId), signal)
          .andThen((server): ResultAsync<DeletedServer, ProviderError> => {
            if (!isManagedByPressluft(server.labels)) {
              return errAsync(
                providerError(
                  'PROVIDER_PERMISSION_DENIED',
                  `Server ${serverId} ("${server.name}") is not managed by Pressluft, so it is not deleted.`,
                  { serverId, name: server.name, reason: 'not_managed', missingLabel: managedLabel },
                  'Pressluft only deletes servers labelled pressluft/managed=true. Delete this one in the Hetzner console if you mean to.',
                ),
              );
            }
            return operations
              .deleteServer(Number(serverId), signal)
              .andThen((actionId) => waitFor([actionId], deleteDeadlineMs, signal))
              .map(() => ({ deleted: true }))
              .orElse(notFound);
          })
          .orElse(notFound);
      });
    },
  };
}
