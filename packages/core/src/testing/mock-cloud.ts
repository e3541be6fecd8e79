import type { ProviderServer } from '../spec/node-provider-v1.js';

/** The label every server and SSH key a mock provider creates carries (the same key the Hetzner adapter uses). */
export const mockManagedLabel = 'pressluft/managed';

/** The label holding the idempotency key of the acquisition that created a server. */
export const mockIdempotencyLabel = 'pressluft/idempotency-key';

/** A server held by a {@link MockCloud}. */
export interface MockCloudServer {
  /** The server id (a decimal number, as at Hetzner). */
  readonly id: string;
  /** The server name. */
  readonly name: string;
  /** The server status; `initializing` until its create action finishes. */
  status: ProviderServer['status'];
  /** The location name. */
  readonly location: string;
  /** The server type name. */
  readonly serverType: string;
  /** The image name. */
  readonly image: string;
  /** The public IPv4 address (from 203.0.113.0/24), or null. */
  readonly ipv4: string | null;
  /** The IPv6 host address (from 2001:db8::/32), or null. */
  readonly ipv6: string | null;
  /** The server's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** The SSH keys installed for root. */
  readonly sshKeyIds: readonly string[];
}

/** An SSH key held by a {@link MockCloud}. */
export interface MockCloudSshKey {
  /** The key id. */
  readonly id: string;
  /** The key name, unique in the cloud. */
  readonly name: string;
  /** The OpenSSH public key line. */
  readonly publicKey: string;
  /** The MD5 fingerprint the key is found by. */
  readonly fingerprintMd5: string;
  /** The key's labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** An action (asynchronous operation) of a {@link MockCloud}. */
export interface MockCloudAction {
  /** The action id. */
  readonly id: string;
  /** What the action does, such as `create_server`. */
  readonly command: string;
  /** The server the action works on. */
  readonly serverId: string;
  /** Where the action is. */
  status: 'running' | 'success' | 'error';
  /** Polls left before the action finishes. */
  pollsLeft: number;
  /** The provider's error code when the action ends in error. */
  readonly errorCode: string | null;
}

/** A failure the cloud answers every request with until cleared, as the real API would signal it. */
export type MockCloudFailure = 'unauthorized' | 'rate-limited' | 'unavailable';

/** Options of {@link createMockCloud}. */
export interface MockCloudOptions {
  /** How many polls an action needs before it finishes; 0 (the default) finishes it on the first poll. */
  readonly actionPolls?: number;
  /** Whether new servers get an IPv4 address; true by default (false gives IPv6-only servers). */
  readonly ipv4?: boolean;
}

/**
 * The shared state behind mock providers: servers, SSH keys and actions, like one provider project.
 * Adapters built by one mock factory share a cloud, and tests inspect or seed it directly.
 */
export interface MockCloud {
  /** Servers by id. */
  readonly servers: Map<string, MockCloudServer>;
  /** SSH keys by id. */
  readonly sshKeys: Map<string, MockCloudSshKey>;
  /** Actions by id. */
  readonly actions: Map<string, MockCloudAction>;
  /** The failure every request gets, or null. */
  failure: MockCloudFailure | null;
  /** Polls a new action needs before it finishes. */
  actionPolls: number;
  /** A new id. */
  nextId(): string;
  /** Add a server, for example one Pressluft does not own; ids and addresses are filled in. */
  addServer(input: Partial<Omit<MockCloudServer, 'id'>> & { readonly name: string }): MockCloudServer;
  /** Start an action on a server; with `errorCode` it ends in error when it finishes. */
  startAction(command: string, serverId: string, errorCode?: string | null): MockCloudAction;
  /** Poll an action once: it moves one step towards its end, and its effect applies when it finishes. */
  pollAction(id: string): MockCloudAction | undefined;
  /** Remove everything, keeping the options. */
  clear(): void;
}

/** A {@link MockCloud}: the scripted backend of mock providers. */
export function createMockCloud(options: MockCloudOptions = {}): MockCloud {
  let counter = 1000;
  const withIpv4 = options.ipv4 ?? true;
  const cloud: MockCloud = {
    servers: new Map(),
    sshKeys: new Map(),
    actions: new Map(),
    failure: null,
    actionPolls: options.actionPolls ?? 0,
    nextId: () => String(++counter),
    addServer(input) {
      const id = cloud.nextId();
      const host = Number(id) % 250;
      const server: MockCloudServer = {
        status: 'running',
        location: 'fsn1',
        serverType: 'cx22',
        image: 'ubuntu-24.04',
        ipv4: withIpv4 ? `203.0.113.${host}` : null,
        ipv6: `2001:db8:${Number(id).toString(16)}::1`,
        labels: {},
        sshKeyIds: [],
        ...input,
        id,
      };
      cloud.servers.set(id, server);
      return server;
    },
    startAction(command, serverId, errorCode = null) {
      const action: MockCloudAction = {
        id: cloud.nextId(),
        command,
        serverId,
        status: 'running',
        pollsLeft: cloud.actionPolls,
        errorCode,
      };
      cloud.actions.set(action.id, action);
      return action;
    },
    pollAction(id) {
      const action = cloud.actions.get(id);
      if (action === undefined || action.status !== 'running') return action;
      if (action.pollsLeft > 0) {
        action.pollsLeft -= 1;
        return action;
      }
      action.status = action.errorCode === null ? 'success' : 'error';
      const server = cloud.servers.get(action.serverId);
      if (server !== undefined && action.status === 'success' && action.command === 'create_server') {
        server.status = 'running';
      }
      return action;
    },
    clear() {
      cloud.servers.clear();
      cloud.sshKeys.clear();
      cloud.actions.clear();
      cloud.failure = null;
    },
  };
  return cloud;
}
