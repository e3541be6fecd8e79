import type { ProviderServer } from '@pressluft/core';
import type { components } from './generated/hetzner-api.js';
import { ipv6HostAddress } from './ipv6-host-address.js';
import { expectBody } from './malformed-body.js';
import { idempotencyLabel, isManagedByPressluft } from './ownership-labels.js';

type WireServer = components['schemas']['server'];

const statuses: Record<string, ProviderServer['status']> = {
  initializing: 'initializing',
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  off: 'off',
  deleting: 'deleting',
};

/** The login Hetzner's system images accept with the keys given at creation. */
export const sshUser = 'root';

/**
 * Convert a server. IPv4 may be null (disabled); IPv6 is reported as the /64 network and becomes its
 * `::1` host address. The SSH target prefers IPv4. `migrating`, `rebuilding` and unknown statuses become
 * `unknown`. `datacenter` is never read (removed from the API in 2026).
 */
export function convertServer(server: WireServer | undefined): ProviderServer {
  expectBody(typeof server?.id === 'number' && typeof server.name === 'string', 'server without id or name');
  expectBody(
    typeof server.public_net === 'object' && server.public_net !== null,
    'server without public_net',
  );
  const ipv4 = server.public_net.ipv4?.ip ?? null;
  const ipv6Network = server.public_net.ipv6?.ip ?? null;
  const ipv6 = ipv6Network === null ? null : ipv6HostAddress(ipv6Network);
  const labels: Record<string, string> = { ...(server.labels ?? {}) };
  const host = ipv4 ?? ipv6;
  return {
    id: String(server.id),
    name: server.name,
    status: statuses[server.status] ?? 'unknown',
    ipv4,
    ipv6,
    sshTarget: host === null ? null : { host, port: 22, user: sshUser },
    labels,
    idempotencyKey: isManagedByPressluft(labels) ? (labels[idempotencyLabel] ?? null) : null,
  };
}
