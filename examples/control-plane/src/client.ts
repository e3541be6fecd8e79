import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/api-types.js';

/** What {@link createControlPlaneClient} takes. */
export interface ControlPlaneClientOptions {
  /** Where the control plane listens, such as `http://127.0.0.1:8080`. */
  readonly baseUrl: string;
  /** The operator token, sent as `Authorization: Bearer`. */
  readonly token?: string;
  /** The fetch to use (tests pass their own). Default the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
}

/** A typed client of the control-plane API, generated from `contracts/openapi.yaml`. */
export type ControlPlaneClient = Client<paths>;

/**
 * A typed openapi-fetch client of the control-plane API: paths, parameters, bodies and answers are
 * checked against the contract at compile time.
 *
 * @example
 * const client = createControlPlaneClient({ baseUrl: 'http://127.0.0.1:8080', token });
 * const { data, error } = await client.POST('/api/nodes', {
 *   body: { provider_id, name: 'web-1', location: 'fsn1', server_type: 'cx22' },
 * });
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // Resolved per request, so a fetch replaced after creation (test servers, mocks) is still used.
    fetch: (request: Request) => (options.fetch ?? globalThis.fetch)(request),
    ...(options.token === undefined ? {} : { headers: { Authorization: `Bearer ${options.token}` } }),
  });
}

export type { components, paths } from './generated/api-types.js';
