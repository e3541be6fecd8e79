import type { CatalogSkippedEntry, ProviderError, ProviderLocation, ProviderServer } from '@pressluft/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type ActionState, convertAction } from './convert-action.js';
import {
  type CatalogImage,
  type CatalogServerType,
  convertImage,
  convertLocation,
  convertRows,
  convertServerType,
} from './convert-catalog.js';
import { convertServer } from './convert-server.js';
import { convertSshKey, type RegisteredSshKey } from './convert-ssh-key.js';
import type { HetznerAnswer, HetznerClient } from './hetzner-client.js';
import { MalformedBodyError } from './malformed-body.js';
import { type HetznerRequestFacts, mapMalformedBody } from './map-hetzner-error.js';

/**
 * What creating a server sends. Server type, image and location go by name (stable and unique, what CLI
 * and terraform users write; Hetzner picks the image built for the server type's architecture, which the
 * catalog check has confirmed exists); SSH keys by integer ID, because a string in `ssh_keys` is a key
 * *name*, even when it is all digits.
 */
export interface CreateServerRequest {
  /** The stable server name. */
  readonly name: string;
  /** Server type name, such as `cx23`. */
  readonly serverType: string;
  /** System image name, such as `ubuntu-24.04`. */
  readonly image: string;
  /** Location name. */
  readonly location: string;
  /** SSH key IDs, sent as JSON integers. */
  readonly sshKeyIds: readonly number[];
  /** Labels including ownership and idempotency labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The 201 answer of `POST /servers`. */
export interface CreatedServerAnswer {
  /** The preliminary server. */
  readonly server: ProviderServer;
  /** `action` followed by `next_actions`. */
  readonly actionIds: readonly string[];
}

/** Converted catalog rows and the rows left out. */
export interface CatalogRows<T> {
  /** The entries. */
  readonly items: T[];
  /** What was left out, and why. */
  readonly skipped: CatalogSkippedEntry[];
}

function asRows<T>(converted: { values: T[]; skipped: CatalogSkippedEntry[] }): CatalogRows<T> {
  return { items: converted.values, skipped: converted.skipped };
}

/** A per-call abort signal. */
type Signal = AbortSignal | undefined;

const pageSize = 50;

function convertWith<D, T>(
  facts: HetznerRequestFacts,
  answer: HetznerAnswer<D>,
  convert: (data: D) => T,
): ResultAsync<T, ProviderError> {
  try {
    if (answer.data === undefined || answer.data === null) throw new MalformedBodyError('empty body');
    return okAsync(convert(answer.data));
  } catch (error) {
    const reason = error instanceof MalformedBodyError ? error.message : 'unexpected shape';
    return errAsync(mapMalformedBody(facts, reason, answer.correlationId, error));
  }
}

function withSignal(signal: Signal): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

/**
 * The calls the adapter makes, each returning core-shaped values: the only place, with the convert-*
 * files, where Hetzner's wire types appear.
 */
export function createHetznerOperations(client: HetznerClient) {
  const listAll = <Item, D extends { meta?: { pagination?: { next_page?: number | null } } }>(
    facts: HetznerRequestFacts,
    fetchPage: (page: number) => Promise<{ data?: D; error?: unknown; response: Response }>,
    itemsOf: (data: D) => readonly Item[],
  ): ResultAsync<Item[], ProviderError> => {
    const collect = (page: number, collected: Item[]): ResultAsync<Item[], ProviderError> =>
      client
        .call(facts, () => fetchPage(page))
        .andThen((answer) =>
          convertWith(facts, answer, (data) => {
            const items = itemsOf(data);
            if (!Array.isArray(items)) throw new MalformedBodyError('list without items');
            return { items, next: data.meta?.pagination?.next_page ?? null };
          }),
        )
        .andThen(({ items, next }) => {
          const all = [...collected, ...items];
          return next === null || next <= page ? okAsync(all) : collect(next, all);
        });
    return collect(1, []);
  };

  return {
    /** `GET /locations?per_page=1`: the cheapest authenticated read, for token checks. */
    probeRead(signal: Signal): ResultAsync<void, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: '/locations', resource: 'catalog' };
      return client
        .call(facts, (api) =>
          api.GET('/locations', { params: { query: { per_page: 1 } }, ...withSignal(signal) }),
        )
        .map(() => undefined);
    },

    /**
     * `POST /ssh_keys` with an empty body: a write that cannot change anything. A read-only token gets
     * `token_readonly`; a read-write token gets `invalid_input`. Both arrive as errors.
     */
    probeWrite(signal: Signal): ResultAsync<void, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'POST', path: '/ssh_keys', resource: 'ssh_key' };
      return client
        .call(facts, (api) =>
          api.POST('/ssh_keys', {
            body: {} as unknown as { name: string; public_key: string },
            ...withSignal(signal),
          }),
        )
        .map(() => undefined);
    },

    listLocations(signal: Signal): ResultAsync<CatalogRows<ProviderLocation>, ProviderError> {
      return listAll(
        { method: 'GET', path: '/locations', resource: 'catalog' },
        (page) =>
          client.api.GET('/locations', {
            params: { query: { page, per_page: pageSize } },
            ...withSignal(signal),
          }),
        (data) => data.locations,
      ).andThen((locations) =>
        convertWith(
          { method: 'GET', path: '/locations' },
          { data: locations, correlationId: null },
          (items) => asRows(convertRows(items, convertLocation)),
        ),
      );
    },

    /** Server types orderable at `now` (ms); rows the adapter does not understand come back in `skipped`. */
    listServerTypes(signal: Signal, now: number): ResultAsync<CatalogRows<CatalogServerType>, ProviderError> {
      return listAll(
        { method: 'GET', path: '/server_types', resource: 'catalog' },
        (page) =>
          client.api.GET('/server_types', {
            params: { query: { page, per_page: pageSize } },
            ...withSignal(signal),
          }),
        (data) => data.server_types,
      ).andThen((types) =>
        convertWith({ method: 'GET', path: '/server_types' }, { data: types, correlationId: null }, (items) =>
          asRows(convertRows(items, (item) => convertServerType(item, now))),
        ),
      );
    },

    listImages(signal: Signal): ResultAsync<CatalogRows<CatalogImage>, ProviderError> {
      return listAll(
        { method: 'GET', path: '/images', resource: 'catalog' },
        (page) =>
          client.api.GET('/images', {
            params: { query: { type: ['system'], status: ['available'], page, per_page: pageSize } },
            ...withSignal(signal),
          }),
        (data) => data.images,
      ).andThen((images) =>
        convertWith({ method: 'GET', path: '/images' }, { data: images, correlationId: null }, (items) =>
          asRows(convertRows(items, convertImage)),
        ),
      );
    },

    findSshKeyByFingerprint(
      fingerprint: string,
      signal: Signal,
    ): ResultAsync<RegisteredSshKey | null, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: '/ssh_keys', resource: 'ssh_key' };
      return client
        .call(facts, (api) =>
          api.GET('/ssh_keys', { params: { query: { fingerprint } }, ...withSignal(signal) }),
        )
        .andThen((answer) =>
          convertWith(facts, answer, (data) => data.ssh_keys.map(convertSshKey)[0] ?? null),
        );
    },

    findSshKeyByName(name: string, signal: Signal): ResultAsync<RegisteredSshKey | null, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: '/ssh_keys', resource: 'ssh_key' };
      return client
        .call(facts, (api) => api.GET('/ssh_keys', { params: { query: { name } }, ...withSignal(signal) }))
        .andThen((answer) =>
          convertWith(facts, answer, (data) => data.ssh_keys.map(convertSshKey)[0] ?? null),
        );
    },

    createSshKey(
      input: { name: string; publicKey: string; labels: Readonly<Record<string, string>> },
      signal: Signal,
    ): ResultAsync<RegisteredSshKey, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'POST', path: '/ssh_keys', resource: 'ssh_key' };
      return client
        .call(facts, (api) =>
          api.POST('/ssh_keys', {
            body: { name: input.name, public_key: input.publicKey.trim(), labels: { ...input.labels } },
            ...withSignal(signal),
          }),
        )
        .andThen((answer) => convertWith(facts, answer, (data) => convertSshKey(data.ssh_key)));
    },

    findServers(
      query: { labelSelector: string } | { name: string },
      signal: Signal,
    ): ResultAsync<ProviderServer[], ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: '/servers' };
      const filter = 'name' in query ? { name: query.name } : { label_selector: query.labelSelector };
      return client
        .call(facts, (api) =>
          api.GET('/servers', {
            params: { query: { ...filter, per_page: pageSize } },
            ...withSignal(signal),
          }),
        )
        .andThen((answer) => convertWith(facts, answer, (data) => data.servers.map(convertServer)));
    },

    createServer(
      request: CreateServerRequest,
      signal: Signal,
    ): ResultAsync<CreatedServerAnswer, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'POST', path: '/servers' };
      return client
        .call(facts, (api) =>
          api.POST('/servers', {
            body: {
              name: request.name,
              server_type: request.serverType,
              image: request.image,
              location: request.location,
              ssh_keys: [...request.sshKeyIds],
              labels: { ...request.labels },
              start_after_create: true,
              public_net: { enable_ipv4: true, enable_ipv6: true },
            },
            ...withSignal(signal),
          }),
        )
        .andThen((answer) =>
          convertWith(facts, answer, (data) => ({
            server: convertServer(data.server),
            actionIds: [data.action, ...(data.next_actions ?? [])].map((action) => convertAction(action).id),
          })),
        );
    },

    getServer(serverId: number, signal: Signal): ResultAsync<ProviderServer, ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: `/servers/${serverId}`, resource: 'server' };
      return client
        .call(facts, (api) =>
          api.GET('/servers/{id}', { params: { path: { id: serverId } }, ...withSignal(signal) }),
        )
        .andThen((answer) => convertWith(facts, answer, (data) => convertServer(data.server)));
    },

    /** `DELETE /servers/{id}`: the id of the delete action. */
    deleteServer(serverId: number, signal: Signal): ResultAsync<string, ProviderError> {
      const facts: HetznerRequestFacts = {
        method: 'DELETE',
        path: `/servers/${serverId}`,
        resource: 'server',
      };
      return client
        .call(facts, (api) =>
          api.DELETE('/servers/{id}', { params: { path: { id: serverId } }, ...withSignal(signal) }),
        )
        .andThen((answer) => convertWith(facts, answer, (data) => convertAction(data.action).id));
    },

    /** The ids of a server's actions still running (an adopted server may still be starting). */
    runningServerActions(serverId: number, signal: Signal): ResultAsync<string[], ProviderError> {
      const facts: HetznerRequestFacts = {
        method: 'GET',
        path: `/servers/${serverId}/actions`,
        resource: 'server',
      };
      return client
        .call(facts, (api) =>
          api.GET('/servers/{id}/actions', {
            params: { path: { id: serverId }, query: { status: ['running'], per_page: pageSize } },
            ...withSignal(signal),
          }),
        )
        .andThen((answer) =>
          convertWith(facts, answer, (data) =>
            data.actions
              .map(convertAction)
              .filter((action) => action.status === 'running')
              .map((action) => action.id),
          ),
        );
    },

    /** `GET /actions?id=…` for up to 25 ids. */
    getActions(ids: readonly number[], signal: Signal): ResultAsync<ActionState[], ProviderError> {
      const facts: HetznerRequestFacts = { method: 'GET', path: '/actions', resource: 'action' };
      return client
        .call(facts, (api) =>
          api.GET('/actions', { params: { query: { id: [...ids] } }, ...withSignal(signal) }),
        )
        .andThen((answer) => convertWith(facts, answer, (data) => data.actions.map(convertAction)));
    },
  };
}

/** The operations object. */
export type HetznerOperations = ReturnType<typeof createHetznerOperations>;
