import type { NodeProviderFactoryV1, NodeProviderV1, ProviderServer } from '@pressluft/core';
import { ProviderError } from '@pressluft/core';
import { okAsync, ResultAsync } from 'neverthrow';

/** Where the servers of an offline run really are: one SSH server on this machine. */
export interface LoopbackMachine {
  /** The SSH host every server is reached at, such as `127.0.0.1`. */
  readonly host: string;
  /** The SSH port. */
  readonly port: number;
  /** The login user. */
  readonly user: string;
  /**
   * Authorize a public key for the login user, as cloud-init does with the keys a server is created
   * with; called when the engine registers its managed key with the provider.
   */
  authorizeKey(publicKey: string): Promise<void>;
}

/**
 * A provider factory whose servers are all reached at one loopback SSH server: for offline runs
 * against the Hetzner fake, whose servers have documentation addresses (203.0.113.x) nobody answers
 * at. Everything else (catalog, creation, actions, deletion) stays the wrapped provider's, so the whole
 * node_provision workflow runs; only the SSH target is rewritten and the managed key is authorized.
 */
export function withLoopbackServers(
  factory: NodeProviderFactoryV1,
  machine: LoopbackMachine,
): NodeProviderFactoryV1 {
  const reroute = (server: ProviderServer): ProviderServer => ({
    ...server,
    sshTarget: { host: machine.host, port: machine.port, user: machine.user },
  });
  return {
    specificationVersion: 'v1',
    info: factory.info,
    create(options): NodeProviderV1 {
      const provider = factory.create(options);
      return {
        specificationVersion: 'v1',
        info: provider.info,
        validateCredentials: (callOptions) => provider.validateCredentials(callOptions),
        listCatalog: (callOptions) => provider.listCatalog(callOptions),
        ensureSshKey: (input, callOptions) =>
          provider.ensureSshKey(input, callOptions).andThen((key) =>
            ResultAsync.fromPromise(
              machine.authorizeKey(input.publicKey),
              (error) =>
                new ProviderError({
                  code: 'PROVIDER_SSH_KEY_FAILED',
                  message: `The key could not be authorized on the loopback machine: ${String(error)}`,
                  provider: provider.info.type,
                }),
            ).andThen(() => okAsync(key)),
          ),
        createServer: (input) => provider.createServer(input),
        findServerByIdempotencyKey: (key, callOptions) =>
          provider
            .findServerByIdempotencyKey(key, callOptions)
            .map((server) => (server === null ? null : reroute(server))),
        waitForActions: (actionIds, waitOptions) => provider.waitForActions(actionIds, waitOptions),
        getServer: (serverId, callOptions) => provider.getServer(serverId, callOptions).map(reroute),
        deleteServer: (serverId, callOptions) => provider.deleteServer(serverId, callOptions),
      };
    },
  };
}
