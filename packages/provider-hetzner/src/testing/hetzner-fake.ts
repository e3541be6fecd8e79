import { randomBytes } from 'node:crypto';
import type { components } from '../generated/hetzner-api.js';
import {
  defaultFakeCatalog,
  type FakeCatalog,
  type FakeImage,
  type FakeLocation,
  type FakeServerType,
} from './fake-catalog.js';
import type { HetznerFakeFault, HetznerFakeMatch, HetznerFakeScenario } from './fake-faults.js';
import {
  type FakeBudgetName,
  fakeBudgetFor,
  fakeFingerprint,
  validateRequestBody,
} from './fake-validation.js';

/** The fake's time source (ms since the epoch). */
export interface FakeClock {
  /** The current time. */
  now(): number;
}

type Schemas = components['schemas'];

/** A read-write token the fake accepts (64 letters and digits, like Hetzner's). */
export const hetznerFakeToken = 'PressluftFakeReadWrite000000000000000000000000000000000000000001';
/** A read-only token the fake accepts: every GET works, every write gets `token_readonly`. */
export const hetznerFakeReadOnlyToken = 'PressluftFakeReadOnly0000000000000000000000000000000000000000002';
/** A well-formed token the fake does not know: `unauthorized`. */
export const hetznerFakeUnknownToken = 'PressluftFakeUnknown00000000000000000000000000000000000000000003';

/** Commands of the actions the fake runs. */
export type FakeActionCommand = 'create_server' | 'start_server' | 'delete_server';

/** Options of {@link createHetznerFake}. */
export interface HetznerFakeOptions {
  /** The fake's time; actions progress and budgets refill by it. Default: the real clock. */
  readonly clock?: FakeClock;
  /** Action durations in ms. Defaults: create 10 s, start 5 s, delete 3 s (start runs after create). */
  readonly actionDurations?: Partial<Record<FakeActionCommand, number>>;
  /** Each duration varies by up to ± this fraction (deterministic per seed). Default 0. */
  readonly durationJitter?: number;
  /** Seed of the jitter. */
  readonly seed?: number;
  /** Budgets per token and hour. Defaults: 3600 general, 7200 actions. */
  readonly rateLimits?: Partial<Record<FakeBudgetName, number>>;
  /** The catalog. Default {@link defaultFakeCatalog}. */
  readonly catalog?: FakeCatalog;
}

/** One request as the fake received it, for tests that assert what was sent. */
export interface FakeRequestRecord {
  /** HTTP method. */
  readonly method: string;
  /** Path below `/v1`. */
  readonly path: string;
  /** The query string parameters (repeated keys kept). */
  readonly query: URLSearchParams;
  /** The parsed JSON body, if any. */
  readonly body: unknown;
  /** Request headers. */
  readonly headers: Headers;
  /** The budget it counted against. */
  readonly bucket: FakeBudgetName;
  /** The answer's status (0 when no answer was given). */
  status: number;
  /** When it arrived, by the fake's clock. */
  readonly at: number;
}

/** A server as the fake keeps it. */
export interface FakeServerState {
  /** Id. */
  readonly id: number;
  /** Name. */
  readonly name: string;
  /** Labels. */
  readonly labels: Record<string, string>;
  /** Status now. */
  readonly status: Schemas['server']['status'];
  /** Location name. */
  readonly location: string;
  /** Server type name. */
  readonly serverType: string;
  /** Image id. */
  readonly imageId: number;
  /** SSH key ids. */
  readonly sshKeyIds: readonly number[];
  /** The public IPv4 address; null for an IPv6-only server. */
  readonly ipv4: string | null;
  /** The routed IPv6 network (`…::/64`), if any. */
  readonly ipv6Network: string | null;
}

/** Request counts for one token. */
export interface FakeTokenStats {
  /** Requests on the general budget. */
  readonly general: number;
  /** Requests on the action budget. */
  readonly actions: number;
  /** 429 answers. */
  readonly rateLimited: number;
}

/** Thrown by {@link HetznerFake.handle} for a connection failure; adapters turn it into their transport's error. */
export class HetznerFakeNetworkError extends Error {
  /** Create the error. */
  constructor() {
    super('connection reset by the Hetzner fake');
    this.name = 'HetznerFakeNetworkError';
  }
}

interface FakeAction {
  readonly id: number;
  readonly command: FakeActionCommand;
  readonly serverId: number;
  readonly startedAt: number;
  readonly finishAt: number;
  readonly error: { code: string; message: string } | null;
}

interface FakeServer {
  readonly id: number;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly serverType: FakeServerType;
  readonly image: FakeImage;
  readonly location: FakeLocation;
  readonly sshKeyIds: readonly number[];
  readonly createdAt: number;
  readonly createAction: FakeAction;
  readonly startAction: FakeAction;
  deleteAction: FakeAction | null;
  /** Null for an IPv6-only server (IPv4 disabled, or none left to hand out). */
  readonly ipv4: string | null;
  readonly ipv6: string | null;
}

interface FakeSshKey {
  readonly id: number;
  readonly name: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly labels: Record<string, string>;
  readonly createdAt: number;
}

interface Bucket {
  limit: number;
  remaining: number;
  updatedAt: number;
}

interface TokenState {
  readonly access: 'read-write' | 'read-only';
  readonly buckets: Record<FakeBudgetName, Bucket>;
  general: number;
  actions: number;
  rateLimited: number;
}

interface InjectedFault {
  readonly fault: HetznerFakeFault;
  readonly match: HetznerFakeMatch;
  remaining: number;
}

/** The fake Hetzner Cloud API: state, faults, and a request handler shared by msw and the HTTP server. */
export interface HetznerFake {
  /** Serve one request. Throws {@link HetznerFakeNetworkError} for an injected connection failure. */
  handle(request: Request): Promise<Response>;
  /** A `fetch` served by the fake (connection failures become a `TypeError`, like undici's). */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Make matching requests fail. */
  inject(fault: HetznerFakeFault, match?: HetznerFakeMatch): void;
  /** Apply a named scenario. */
  scenario(scenario: HetznerFakeScenario): void;
  /** Make the next `times` actions of a command end in error. */
  failNextAction(
    command: FakeActionCommand,
    error?: { code?: string; message?: string },
    times?: number,
  ): void;
  /** Accept another token. */
  addToken(token: string, access: 'read-write' | 'read-only'): void;
  /** Set a token's budget (limit per hour and what is left now). */
  setBudget(token: string, bucket: FakeBudgetName, budget: { limit?: number; remaining: number }): void;
  /** Add a server that exists already (another tool's, or ours from an earlier run); its actions are done. */
  seedServer(server: {
    name: string;
    labels?: Record<string, string>;
    serverType?: string;
    location?: string;
    /** False for an IPv6-only server. */
    ipv4?: boolean;
  }): number;
  /**
   * Hand out the next `times` servers (default: every one) without IPv4, as Hetzner does when IPv4 is
   * unavailable; a create with `public_net.enable_ipv4: false` gets none regardless.
   */
  ipv6OnlyServers(times?: number): void;
  /** Add an SSH key that exists already. */
  seedSshKey(key: { name: string; publicKey: string; labels?: Record<string, string> }): number;
  /** Servers that exist now. */
  servers(): FakeServerState[];
  /** SSH keys that exist now. */
  sshKeys(): { id: number; name: string; fingerprint: string; labels: Record<string, string> }[];
  /** When an action started and finishes (fake clock), or null. */
  actionTimes(actionId: number): { startedAt: number; finishAt: number; command: FakeActionCommand } | null;
  /** Every request received, oldest first. */
  readonly requests: readonly FakeRequestRecord[];
  /** Request counts of a token (default: {@link hetznerFakeToken}). */
  stats(token?: string): FakeTokenStats;
  /** Let every hanging request fail now (call when a test ends). */
  releaseHangs(): void;
  /** Remove every injected fault and pending action failure. */
  clearFaults(): void;
  /** Back to the start: no servers, keys, actions, faults or recorded requests; default tokens with full budgets. */
  reset(): void;
}

const defaultDurations: Record<FakeActionCommand, number> = {
  create_server: 10_000,
  start_server: 5_000,
  delete_server: 3_000,
};

const labelValuePattern = /^(|[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])$/;
const serverNamePattern =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function iso(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function json(status: number, body: unknown, headers: Headers = new Headers()): Response {
  headers.set('Content-Type', 'application/json');
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
}

function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

/** Evaluate a Hetzner label selector (`k==v`, `k=v`, `k!=v`, `k`, `!k`, joined by commas) against labels. */
export function matchesLabelSelector(selector: string, labels: Readonly<Record<string, string>>): boolean {
  return selector
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .every((part) => {
      const notEqual = part.match(/^([^!=]+)!=(.*)$/);
      if (notEqual) return labels[notEqual[1]!.trim()] !== notEqual[2]!.trim();
      const equal = part.match(/^([^!=]+)==?(.*)$/);
      if (equal) return labels[equal[1]!.trim()] === equal[2]!.trim();
      if (part.startsWith('!')) return !(part.slice(1) in labels);
      return part in labels;
    });
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function routeTemplate(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/{id}');
}

/**
 * Create a fake of the Hetzner Cloud endpoints the adapter uses, faithful to the documented behaviour:
 * tokens (read-write, read-only, unknown), per-token budgets with `RateLimit-*` headers and 429, servers
 * whose actions progress with the clock, SSH keys unique by name and fingerprint, label selectors,
 * pagination, `X-Correlation-Id` on every answer, and fault injection.
 */
export function createHetznerFake(options: HetznerFakeOptions = {}): HetznerFake {
  const clock = options.clock ?? { now: () => Date.now() };
  const catalog = options.catalog ?? defaultFakeCatalog();
  const durations = { ...defaultDurations, ...options.actionDurations };
  const jitter = options.durationJitter ?? 0;
  const random = mulberry32(options.seed ?? 1);
  const limits: Record<FakeBudgetName, number> = {
    general: options.rateLimits?.general ?? 3600,
    actions: options.rateLimits?.actions ?? 7200,
  };

  const tokens = new Map<string, TokenState>();
  const servers = new Map<number, FakeServer>();
  const sshKeys = new Map<number, FakeSshKey>();
  const actions = new Map<number, FakeAction>();
  const faults: InjectedFault[] = [];
  const actionFaults: { command: FakeActionCommand; code: string; message: string }[] = [];
  const requests: FakeRequestRecord[] = [];
  // Creates that get no IPv4 although they asked for one (Hetzner hands out IPv6-only servers when it has
  // no IPv4 left): a count, or Infinity for every create.
  let ipv6OnlyCreates = 0;
  const takeIpv6Only = (): boolean => {
    if (ipv6OnlyCreates <= 0) return false;
    ipv6OnlyCreates -= 1;
    return true;
  };
  const hangs = new Set<() => void>();
  let nextServerId = 4_200_001;
  let nextActionId = 900_000_001;
  let nextKeyId = 7_700_001;

  const addToken = (token: string, access: 'read-write' | 'read-only'): void => {
    const now = clock.now();
    tokens.set(token, {
      access,
      buckets: {
        general: { limit: limits.general, remaining: limits.general, updatedAt: now },
        actions: { limit: limits.actions, remaining: limits.actions, updatedAt: now },
      },
      general: 0,
      actions: 0,
      rateLimited: 0,
    });
  };
  addToken(hetznerFakeToken, 'read-write');
  addToken(hetznerFakeReadOnlyToken, 'read-only');

  const refill = (bucket: Bucket, now: number): void => {
    bucket.remaining = Math.min(
      bucket.limit,
      bucket.remaining + ((now - bucket.updatedAt) * bucket.limit) / 3_600_000,
    );
    bucket.updatedAt = now;
  };

  const duration = (command: FakeActionCommand): number => {
    const base = durations[command];
    return Math.max(1, Math.round(base * (1 + (random() * 2 - 1) * jitter)));
  };

  const takeActionFault = (command: FakeActionCommand): { code: string; message: string } | null => {
    const index = actionFaults.findIndex((fault) => fault.command === command);
    if (index === -1) return null;
    const [fault] = actionFaults.splice(index, 1);
    return fault === undefined ? null : { code: fault.code, message: fault.message };
  };

  const newAction = (
    command: FakeActionCommand,
    serverId: number,
    startedAt: number,
    finishAt: number,
    error: { code: string; message: string } | null,
  ): FakeAction => {
    const action: FakeAction = { id: nextActionId++, command, serverId, startedAt, finishAt, error };
    actions.set(action.id, action);
    return action;
  };

  const actionStatus = (action: FakeAction, now: number): 'running' | 'success' | 'error' =>
    now < action.finishAt ? 'running' : action.error === null ? 'success' : 'error';

  const wireAction = (action: FakeAction, now: number): Schemas['action'] => {
    const status = actionStatus(action, now);
    const span = Math.max(1, action.finishAt - action.startedAt);
    return {
      id: action.id,
      command: action.command,
      status,
      progress:
        status === 'running'
          ? Math.max(0, Math.min(99, Math.floor(((now - action.startedAt) / span) * 100)))
          : 100,
      started: iso(action.startedAt),
      finished: status === 'running' ? null : iso(action.finishAt),
      resources: [{ id: action.serverId, type: 'server' }],
      error: status === 'error' ? action.error : null,
    };
  };

  const serverStatus = (server: FakeServer, now: number): Schemas['server']['status'] => {
    if (server.deleteAction !== null) return 'deleting';
    const create = actionStatus(server.createAction, now);
    if (create === 'running') return 'initializing';
    if (create === 'error') return 'off';
    const start = actionStatus(server.startAction, now);
    if (start === 'running') return 'starting';
    return start === 'error' ? 'off' : 'running';
  };

  const collectDeleted = (now: number): void => {
    for (const [id, server] of servers) {
      if (server.deleteAction !== null && now >= server.deleteAction.finishAt) servers.delete(id);
    }
  };

  const wireServer = (server: FakeServer, now: number): Schemas['server'] => ({
    id: server.id,
    name: server.name,
    status: serverStatus(server, now),
    created: iso(server.createdAt),
    labels: { ...server.labels },
    location: server.location,
    server_type: server.serverType,
    image: server.image,
    public_net: {
      ipv4:
        server.ipv4 === null
          ? null
          : {
              id: server.id,
              ip: server.ipv4,
              blocked: false,
              dns_ptr: `static.${server.ipv4}.clients.your-server.de`,
            },
      ipv6: server.ipv6 === null ? null : { id: server.id + 1, ip: server.ipv6, blocked: false, dns_ptr: [] },
      floating_ips: [],
      firewalls: [],
    },
    private_net: [],
    protection: { delete: false, rebuild: false },
    locked: false,
    backup_window: null,
    outgoing_traffic: 0,
    ingoing_traffic: 0,
    included_traffic: 21_990_232_555_520,
    primary_disk_size: server.serverType.disk,
    rescue_enabled: false,
    iso: null,
    load_balancers: [],
    volumes: [],
  });

  const wireSshKey = (key: FakeSshKey): Schemas['ssh_key'] => ({
    id: key.id,
    name: key.name,
    fingerprint: key.fingerprint,
    public_key: key.publicKey,
    labels: { ...key.labels },
    created: iso(key.createdAt),
  });

  const addServer = (
    name: string,
    labels: Record<string, string>,
    serverType: FakeServerType,
    image: FakeImage,
    location: FakeLocation,
    sshKeyIds: readonly number[],
    settled: boolean,
    addresses: { readonly ipv4: boolean; readonly ipv6: boolean } = { ipv4: true, ipv6: true },
  ): FakeServer => {
    const now = clock.now();
    const id = nextServerId++;
    const createFault = settled ? null : takeActionFault('create_server');
    const startFault = settled ? null : takeActionFault('start_server');
    const createAction = settled
      ? newAction('create_server', id, now - 20_000, now - 10_000, null)
      : newAction('create_server', id, now, now + duration('create_server'), createFault);
    const startAction = settled
      ? newAction('start_server', id, now - 20_000, now - 5_000, null)
      : newAction(
          'start_server',
          id,
          now,
          createAction.finishAt + duration('start_server'),
          createFault === null
            ? startFault
            : { code: 'action_failed', message: 'the create_server action failed' },
        );
    const sequence = id - 4_200_000;
    const server: FakeServer = {
      id,
      name,
      labels,
      serverType,
      image,
      location,
      sshKeyIds,
      createdAt: now,
      createAction,
      startAction,
      deleteAction: null,
      ipv4: addresses.ipv4
        ? `203.0.${113 + (Math.floor(sequence / 250) % 100)}.${(sequence % 250) + 1}`
        : null,
      ipv6: addresses.ipv6
        ? `2001:db8:${(sequence >> 16).toString(16)}:${(sequence & 0xffff).toString(16)}::/64`
        : null,
    };
    servers.set(id, server);
    return server;
  };

  const page = <T>(items: readonly T[], query: URLSearchParams): { items: T[]; meta: Schemas['meta'] } => {
    const perPage = Math.min(50, Math.max(1, Number(query.get('per_page') ?? 25) || 25));
    const current = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    return {
      items: items.slice((current - 1) * perPage, current * perPage),
      meta: {
        pagination: {
          page: current,
          per_page: perPage,
          previous_page: current > 1 ? current - 1 : null,
          next_page: current < lastPage ? current + 1 : null,
          last_page: lastPage,
          total_entries: items.length,
        },
      },
    };
  };

  const invalidInput = (fields: { name: string; messages: string[] }[], message?: string) =>
    json(
      422,
      errorBody(
        'invalid_input',
        message ??
          `invalid input in field${fields.length > 1 ? 's' : ''} '${fields.map((field) => field.name).join("', '")}'`,
        { fields },
      ),
    );

  const invalidLabels = (labels: unknown): boolean =>
    labels !== undefined &&
    (typeof labels !== 'object' ||
      labels === null ||
      Object.entries(labels as Record<string, unknown>).some(
        ([key, value]) =>
          typeof value !== 'string' || !labelValuePattern.test(value) || key.startsWith('hetzner.cloud/'),
      ));

  // ── routes ────────────────────────────────────────────────────────────────────────────────────────

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    access: TokenState['access'],
    now: number,
  ): Response => {
    collectDeleted(now);
    const write = method !== 'GET' && method !== 'HEAD';
    if (write && access === 'read-only') {
      return json(401, errorBody('token_readonly', 'The token is only allowed to perform GET requests'));
    }
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const actionMatch = path.match(/^\/actions\/(\d+)$/);
    const serverMatch = path.match(/^\/servers\/(\d+)$/);
    const serverActionsMatch = path.match(/^\/servers\/(\d+)\/actions$/);
    const sshKeyMatch = path.match(/^\/ssh_keys\/(\d+)$/);

    if (method === 'GET' && path === '/locations') {
      const name = query.get('name');
      const { items, meta } = page(
        catalog.locations.filter((location) => name === null || location.name === name),
        query,
      );
      return json(200, { locations: items, meta });
    }
    if (method === 'GET' && path === '/server_types') {
      const name = query.get('name');
      const { items, meta } = page(
        catalog.serverTypes.filter((type) => name === null || type.name === name),
        query,
      );
      return json(200, { server_types: items, meta });
    }
    if (method === 'GET' && path === '/images') {
      const name = query.get('name');
      const architecture = query.get('architecture');
      const types = query.getAll('type');
      const statuses = query.getAll('status');
      const includeDeprecated = query.get('include_deprecated') === 'true';
      const deprecationCutoff = now - 90 * 24 * 3_600_000;
      const { items, meta } = page(
        catalog.images.filter(
          (image) =>
            (name === null || image.name === name) &&
            (architecture === null || image.architecture === architecture) &&
            (types.length === 0 || types.includes(image.type)) &&
            (statuses.length === 0 || statuses.includes(image.status)) &&
            (includeDeprecated ||
              image.deprecated === null ||
              Date.parse(image.deprecated) > deprecationCutoff),
        ),
        query,
      );
      return json(200, { images: items, meta });
    }

    if (method === 'GET' && path === '/actions') {
      const ids = query.getAll('id');
      if (ids.length === 0) {
        return invalidInput([{ name: 'id', messages: ['is required'] }]);
      }
      if (ids.length > 25 || ids.some((id) => !/^\d+$/.test(id))) {
        return invalidInput([{ name: 'id', messages: ['invalid ids (at most 25 integers)'] }]);
      }
      const found = [...new Set(ids.map(Number))]
        .map((id) => actions.get(id))
        .filter((action): action is FakeAction => action !== undefined)
        .sort((a, b) => {
          const byStatus = actionStatus(a, now).localeCompare(actionStatus(b, now));
          return byStatus !== 0 ? byStatus : a.id - b.id;
        });
      return json(200, { actions: found.map((action) => wireAction(action, now)) });
    }
    if (method === 'GET' && actionMatch) {
      const action = actions.get(Number(actionMatch[1]));
      if (action === undefined) return json(404, errorBody('not_found', 'action not found'));
      return json(200, { action: wireAction(action, now) });
    }

    if (method === 'GET' && path === '/servers') {
      const name = query.get('name');
      const selector = query.get('label_selector');
      const statuses = query.getAll('status');
      const { items, meta } = page(
        [...servers.values()]
          .filter(
            (server) =>
              (name === null || server.name === name) &&
              (selector === null || matchesLabelSelector(selector, server.labels)) &&
              (statuses.length === 0 || statuses.includes(serverStatus(server, now))),
          )
          .sort((a, b) => a.id - b.id),
        query,
      );
      return json(200, { servers: items.map((server) => wireServer(server, now)), meta });
    }
    if (method === 'POST' && path === '/servers') {
      const problems = validateRequestBody('POST /servers', body);
      if (problems !== null && problems.length > 0) return invalidInput(problems);
      const name = String(input['name']);
      if (!serverNamePattern.test(name)) {
        return invalidInput([{ name: 'name', messages: ['must be a valid hostname'] }]);
      }
      if (invalidLabels(input['labels']))
        return invalidInput([{ name: 'labels', messages: ['invalid labels'] }]);
      // "ID or name": a JSON number is an ID, a string is a name (a numeric string is a name too).
      const byIdOrName = <T extends { id: number; name?: string | null }>(
        items: readonly T[],
        reference: unknown,
      ): T | undefined =>
        typeof reference === 'number'
          ? items.find((item) => item.id === reference)
          : items.find((item) => item.name === reference);
      const serverType = byIdOrName(catalog.serverTypes, input['server_type']);
      if (serverType === undefined)
        return invalidInput([{ name: 'server_type', messages: ['server type not found'] }]);
      const location =
        input['location'] === undefined
          ? catalog.locations.find((entry) => entry.name === 'fsn1')
          : byIdOrName(catalog.locations, input['location']);
      if (location === undefined)
        return invalidInput([{ name: 'location', messages: ['location not found'] }]);
      const typeLocation = serverType.locations.find((entry) => entry.name === location.name);
      if (typeLocation === undefined) {
        return json(422, errorBody('invalid_input', 'unsupported location for server type', null));
      }
      if (
        typeLocation.available === false ||
        (typeLocation.deprecation != null && Date.parse(typeLocation.deprecation.unavailable_after) <= now)
      ) {
        return json(
          412,
          errorBody('resource_unavailable', 'server type not available for order in this location'),
        );
      }
      const imageRef = input['image'];
      const candidates = catalog.images.filter((image) =>
        typeof imageRef === 'number' ? image.id === imageRef : image.name === imageRef,
      );
      if (candidates.length === 0) return invalidInput([{ name: 'image', messages: ['image not found'] }]);
      const image = candidates.find((candidate) => candidate.architecture === serverType.architecture);
      if (image === undefined) {
        return json(
          422,
          errorBody('invalid_input', 'image architecture does not match server type architecture'),
        );
      }
      const keyRefs = Array.isArray(input['ssh_keys']) ? (input['ssh_keys'] as unknown[]) : [];
      const keyIds: number[] = [];
      for (const [index, reference] of keyRefs.entries()) {
        const key = byIdOrName([...sshKeys.values()], reference);
        if (key === undefined) {
          const what =
            typeof reference === 'number' ? `SSH key ${reference}` : `SSH key named "${reference}"`;
          return invalidInput([{ name: `ssh_keys[${index}]`, messages: [`${what} not found`] }]);
        }
        keyIds.push(key.id);
      }
      const publicNet = (input['public_net'] ?? {}) as { enable_ipv4?: boolean; enable_ipv6?: boolean };
      const wantsIpv4 = publicNet.enable_ipv4 !== false;
      const wantsIpv6 = publicNet.enable_ipv6 !== false;
      if ([...servers.values()].some((server) => server.name === name)) {
        return json(409, errorBody('uniqueness_error', 'server name is already used', {}));
      }
      const labels = { ...((input['labels'] as Record<string, string> | undefined) ?? {}) };
      const server = addServer(name, labels, serverType, image, location, keyIds, false, {
        ipv4: wantsIpv4 && takeIpv6Only() === false,
        ipv6: wantsIpv6,
      });
      return json(201, {
        server: wireServer(server, now),
        action: wireAction(server.createAction, now),
        next_actions: [wireAction(server.startAction, now)],
        root_password: keyIds.length > 0 ? null : randomBytes(12).toString('base64url'),
      });
    }
    if (serverMatch) {
      const server = servers.get(Number(serverMatch[1]));
      if (server === undefined) return json(404, errorBody('not_found', 'server not found'));
      if (method === 'GET') return json(200, { server: wireServer(server, now) });
      if (method === 'DELETE') {
        if (server.deleteAction === null) {
          server.deleteAction = newAction(
            'delete_server',
            server.id,
            now,
            now + duration('delete_server'),
            null,
          );
        }
        return json(200, { action: wireAction(server.deleteAction, now) });
      }
      return json(405, errorBody('method_not_allowed', 'method not allowed'));
    }
    if (method === 'GET' && serverActionsMatch) {
      const serverId = Number(serverActionsMatch[1]);
      if (!servers.has(serverId)) return json(404, errorBody('not_found', 'server not found'));
      const statuses = query.getAll('status');
      const { items, meta } = page(
        [...actions.values()]
          .filter((action) => action.serverId === serverId)
          .filter((action) => statuses.length === 0 || statuses.includes(actionStatus(action, now)))
          .sort((a, b) => a.id - b.id),
        query,
      );
      return json(200, { actions: items.map((action) => wireAction(action, now)), meta });
    }

    if (method === 'GET' && path === '/ssh_keys') {
      const name = query.get('name');
      const fingerprint = query.get('fingerprint');
      const selector = query.get('label_selector');
      const { items, meta } = page(
        [...sshKeys.values()].filter(
          (key) =>
            (name === null || key.name === name) &&
            (fingerprint === null || key.fingerprint === fingerprint) &&
            (selector === null || matchesLabelSelector(selector, key.labels)),
        ),
        query,
      );
      return json(200, { ssh_keys: items.map(wireSshKey), meta });
    }
    if (method === 'POST' && path === '/ssh_keys') {
      const problems = validateRequestBody('POST /ssh_keys', body);
      if (problems !== null && problems.length > 0) return invalidInput(problems);
      const empty = ['name', 'public_key'].filter((field) => input[field] === '');
      if (empty.length > 0) return invalidInput(empty.map((name) => ({ name, messages: ['is required'] })));
      const publicKey = String(input['public_key']);
      const fingerprint = fakeFingerprint(publicKey);
      if (fingerprint === null)
        return invalidInput([{ name: 'public_key', messages: ['invalid public key'] }]);
      if (invalidLabels(input['labels']))
        return invalidInput([{ name: 'labels', messages: ['invalid labels'] }]);
      if ([...sshKeys.values()].some((key) => key.fingerprint === fingerprint)) {
        return json(
          409,
          errorBody('uniqueness_error', 'SSH key with the same fingerprint already exists', {
            fields: [{ name: 'public_key' }],
          }),
        );
      }
      const name = String(input['name']);
      if ([...sshKeys.values()].some((key) => key.name === name)) {
        return json(
          409,
          errorBody('uniqueness_error', 'SSH key name is already used', { fields: [{ name: 'name' }] }),
        );
      }
      const key: FakeSshKey = {
        id: nextKeyId++,
        name,
        publicKey: publicKey.trim(),
        fingerprint,
        labels: { ...((input['labels'] as Record<string, string> | undefined) ?? {}) },
        createdAt: now,
      };
      sshKeys.set(key.id, key);
      return json(201, { ssh_key: wireSshKey(key) });
    }
    if (sshKeyMatch) {
      const key = sshKeys.get(Number(sshKeyMatch[1]));
      if (key === undefined) return json(404, errorBody('not_found', 'SSH key not found'));
      if (method === 'GET') return json(200, { ssh_key: wireSshKey(key) });
      if (method === 'DELETE') {
        sshKeys.delete(key.id);
        return new Response(null, { status: 204 });
      }
      return json(405, errorBody('method_not_allowed', 'method not allowed'));
    }
    return json(404, errorBody('not_found', `no route for ${method} ${path}`));
  };

  // ── request handling ──────────────────────────────────────────────────────────────────────────────

  const matches = (fault: InjectedFault, method: string, path: string, token: string | null): boolean => {
    const { match } = fault;
    if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
    if (match.token !== undefined && match.token !== token) return false;
    if (match.path instanceof RegExp) return match.path.test(path);
    if (typeof match.path === 'string') return match.path === path || match.path === routeTemplate(path);
    return true;
  };

  const takeFault = (method: string, path: string, token: string | null): HetznerFakeFault | null => {
    const index = faults.findIndex((fault) => fault.remaining > 0 && matches(fault, method, path, token));
    if (index === -1) return null;
    const fault = faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault.fault;
  };

  const hang = (signal: AbortSignal): Promise<never> =>
    new Promise<never>((_, reject) => {
      const release = (): void => {
        hangs.delete(release);
        reject(new HetznerFakeNetworkError());
      };
      hangs.add(release);
      signal.addEventListener('abort', release, { once: true });
    });

  const faultResponse = async (
    fault: HetznerFakeFault,
    signal: AbortSignal,
    headers: Headers,
  ): Promise<Response | null> => {
    switch (fault.kind) {
      case 'error':
        if (fault.status === 429) headers.set('RateLimit-Remaining', '0');
        return json(
          fault.status,
          errorBody(fault.code, fault.message ?? fault.code, fault.details ?? null),
          headers,
        );
      case 'non-json':
        headers.set('Content-Type', 'text/html');
        return new Response(
          fault.body ?? `<html><body><h1>${fault.status} Gateway error</h1></body></html>`,
          {
            status: fault.status,
            headers,
          },
        );
      case 'malformed-json':
        headers.set('Content-Type', 'application/json');
        return new Response('{"server": {"id": 1, "name": ', { status: 200, headers });
      case 'network-error':
        throw new HetznerFakeNetworkError();
      case 'hang':
        return hang(signal);
      case 'delay': {
        const until = clock.now() + fault.ms;
        while (clock.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
        return null;
      }
      case 'lose-response':
        return null;
    }
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const path = url.pathname.replace(/^.*?\/v1(?=\/)/, '');
    const bucketName = fakeBudgetFor(path);
    const authorization = request.headers.get('Authorization') ?? '';
    const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null;
    const text = method === 'GET' || method === 'HEAD' ? '' : await request.text();
    let body: unknown = null;
    let bodyIsJson = true;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        bodyIsJson = false;
      }
    }
    const now = clock.now();
    const record: FakeRequestRecord = {
      method,
      path,
      query: url.searchParams,
      body,
      headers: request.headers,
      bucket: bucketName,
      status: 0,
      at: now,
    };
    requests.push(record);
    const headers = new Headers({ 'X-Correlation-Id': randomBytes(8).toString('hex') });
    const finish = (response: Response): Response => {
      record.status = response.status;
      return response;
    };

    const state = token === null ? undefined : tokens.get(token);
    if (state !== undefined) {
      const bucket = state.buckets[bucketName];
      refill(bucket, now);
      state[bucketName] += 1;
      headers.set('RateLimit-Limit', String(bucket.limit));
      headers.set(
        'RateLimit-Reset',
        String(Math.ceil((now + ((bucket.limit - bucket.remaining) * 3_600_000) / bucket.limit) / 1000)),
      );
      if (bucket.remaining < 1) {
        state.rateLimited += 1;
        headers.set('RateLimit-Remaining', '0');
        return finish(
          json(
            429,
            errorBody('rate_limit_exceeded', `Limit of '${bucket.limit}' requests per hour reached.`),
            headers,
          ),
        );
      }
      bucket.remaining -= 1;
      headers.set('RateLimit-Remaining', String(Math.floor(bucket.remaining)));
    }

    const fault = takeFault(method, path, token);
    if (fault !== null && fault.kind !== 'lose-response') {
      const response = await faultResponse(fault, request.signal, headers);
      if (response !== null) return finish(response);
    }
    if (state === undefined) {
      return finish(json(401, errorBody('unauthorized', 'unable to authenticate'), headers));
    }
    if (!bodyIsJson)
      return finish(json(400, errorBody('json_error', 'invalid JSON in request body'), headers));
    const response = route(method, path, url.searchParams, body, state.access, clock.now());
    for (const [name, value] of headers) response.headers.set(name, value);
    if (fault?.kind === 'lose-response') {
      record.status = 0;
      if (fault.afterwards === 'hang') return hang(request.signal);
      if (fault.afterwards === 'bad-gateway') {
        headers.set('Content-Type', 'text/html');
        return finish(new Response('<html>502 Bad Gateway</html>', { status: 502, headers }));
      }
      throw new HetznerFakeNetworkError();
    }
    return finish(response);
  };

  const fake: HetznerFake = {
    handle,
    fetch: async (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      try {
        return await handle(request);
      } catch (error) {
        if (error instanceof HetznerFakeNetworkError) throw new TypeError('fetch failed', { cause: error });
        throw error;
      }
    },
    inject(fault, match = {}) {
      faults.push({ fault, match, remaining: match.times ?? 1 });
    },
    scenario(scenario) {
      const times = 'times' in scenario ? scenario.times : undefined;
      const where = (defaults: HetznerFakeMatch): HetznerFakeMatch => ({
        ...defaults,
        ...('method' in scenario && scenario.method !== undefined ? { method: scenario.method } : {}),
        ...('path' in scenario && scenario.path !== undefined ? { path: scenario.path } : {}),
        ...(times === undefined ? {} : { times }),
      });
      const createServer: HetznerFakeMatch = { method: 'POST', path: '/servers' };
      switch (scenario.name) {
        case 'rate-limited':
          fake.inject(
            { kind: 'error', status: 429, code: 'rate_limit_exceeded', message: 'limit reached' },
            where({}),
          );
          return;
        case 'budget-exhausted':
          fake.setBudget(scenario.token ?? hetznerFakeToken, 'general', { remaining: 0 });
          fake.setBudget(scenario.token ?? hetznerFakeToken, 'actions', { remaining: 0 });
          return;
        case 'server-error':
          fake.inject(
            { kind: 'error', status: 500, code: 'server_error', message: 'internal server error' },
            where({}),
          );
          return;
        case 'bad-gateway-html':
          fake.inject({ kind: 'non-json', status: 502 }, where({}));
          return;
        case 'gateway-timeout-html':
          fake.inject({ kind: 'non-json', status: 504 }, where({}));
          return;
        case 'hang':
          fake.inject({ kind: 'hang' }, where({}));
          return;
        case 'network-error':
          fake.inject({ kind: 'network-error' }, where({}));
          return;
        case 'malformed-body':
          fake.inject({ kind: 'malformed-json' }, where({}));
          return;
        case 'create-response-lost':
          fake.inject(
            { kind: 'lose-response', afterwards: scenario.afterwards ?? 'network-error' },
            createServer,
          );
          return;
        case 'capacity-unavailable':
          fake.inject(
            { kind: 'error', status: 412, code: 'resource_unavailable', message: 'server location disabled' },
            where(createServer),
          );
          return;
        case 'quota-exceeded':
          fake.inject(
            {
              kind: 'error',
              status: 403,
              code: 'resource_limit_exceeded',
              message: 'server limit exceeded',
              details: { limits: [{ name: 'project_limit' }] },
            },
            where(createServer),
          );
          return;
        case 'locked':
          fake.inject(
            { kind: 'error', status: 423, code: 'locked', message: 'server is locked' },
            where({ path: /^\/servers/ }),
          );
          return;
        case 'uniqueness-error':
          fake.inject(
            {
              kind: 'error',
              status: 409,
              code: 'uniqueness_error',
              message: 'server name is already used',
              details: {},
            },
            where(createServer),
          );
          return;
        case 'create-action-fails':
          fake.failNextAction('create_server', {
            code: scenario.code ?? 'unknown_error',
            message: scenario.message ?? 'Unknown Error',
          });
          return;
        case 'start-action-fails':
          fake.failNextAction('start_server', {
            code: scenario.code ?? 'unknown_error',
            message: scenario.message ?? 'Unknown Error',
          });
          return;
        case 'ipv6-only':
          fake.ipv6OnlyServers(scenario.times);
          return;
      }
    },
    failNextAction(command, error = {}, times = 1) {
      for (let index = 0; index < times; index++) {
        actionFaults.push({
          command,
          code: error.code ?? 'unknown_error',
          message: error.message ?? 'Unknown Error',
        });
      }
    },
    addToken,
    setBudget(token, bucket, budget) {
      const state = tokens.get(token);
      if (state === undefined) throw new Error('setBudget: unknown token');
      const target = state.buckets[bucket];
      target.limit = budget.limit ?? target.limit;
      target.remaining = budget.remaining;
      target.updatedAt = clock.now();
    },
    ipv6OnlyServers(times = Number.POSITIVE_INFINITY) {
      ipv6OnlyCreates = times;
    },
    seedServer(seed) {
      const serverType = catalog.serverTypes.find((type) => type.name === (seed.serverType ?? 'cx23'));
      const location = catalog.locations.find((entry) => entry.name === (seed.location ?? 'nbg1'));
      const image = catalog.images.find(
        (entry) => entry.architecture === (serverType?.architecture ?? 'x86'),
      );
      if (serverType === undefined || location === undefined || image === undefined) {
        throw new Error('seedServer: unknown server type or location');
      }
      return addServer(seed.name, { ...seed.labels }, serverType, image, location, [], true, {
        ipv4: seed.ipv4 !== false,
        ipv6: true,
      }).id;
    },
    seedSshKey(seed) {
      const fingerprint = fakeFingerprint(seed.publicKey);
      if (fingerprint === null) throw new Error('seedSshKey: not an OpenSSH public key');
      const key: FakeSshKey = {
        id: nextKeyId++,
        name: seed.name,
        publicKey: seed.publicKey.trim(),
        fingerprint,
        labels: { ...seed.labels },
        createdAt: clock.now(),
      };
      sshKeys.set(key.id, key);
      return key.id;
    },
    servers() {
      const now = clock.now();
      collectDeleted(now);
      return [...servers.values()].map((server) => ({
        id: server.id,
        name: server.name,
        labels: { ...server.labels },
        status: serverStatus(server, now),
        location: server.location.name,
        serverType: server.serverType.name,
        imageId: server.image.id,
        sshKeyIds: [...server.sshKeyIds],
        ipv4: server.ipv4,
        ipv6Network: server.ipv6,
      }));
    },
    sshKeys() {
      return [...sshKeys.values()].map((key) => ({
        id: key.id,
        name: key.name,
        fingerprint: key.fingerprint,
        labels: { ...key.labels },
      }));
    },
    actionTimes(actionId) {
      const action = actions.get(actionId);
      return action === undefined
        ? null
        : { startedAt: action.startedAt, finishAt: action.finishAt, command: action.command };
    },
    requests,
    stats(token = hetznerFakeToken) {
      const state = tokens.get(token);
      return {
        general: state?.general ?? 0,
        actions: state?.actions ?? 0,
        rateLimited: state?.rateLimited ?? 0,
      };
    },
    releaseHangs() {
      for (const release of [...hangs]) release();
    },
    clearFaults() {
      faults.length = 0;
      actionFaults.length = 0;
      ipv6OnlyCreates = 0;
    },
    reset() {
      fake.releaseHangs();
      fake.clearFaults();
      servers.clear();
      sshKeys.clear();
      actions.clear();
      requests.length = 0;
      tokens.clear();
      addToken(hetznerFakeToken, 'read-write');
      addToken(hetznerFakeReadOnlyToken, 'read-only');
    },
  };
  return fake;
}
