import { ProviderError } from '@pressluft/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/hetzner-api.js';
import {
  createHetznerTransport,
  HetznerTransportFailure,
  type HetznerTransportOptions,
} from './hetzner-transport.js';
import {
  type HetznerRequestFacts,
  mapHetznerError,
  mapMalformedBody,
  mapTransportFailure,
} from './map-hetzner-error.js';
import { userAgent } from './package-version.js';
import { bucketForPath } from './rate-limit-budget.js';

/** The typed openapi-fetch client of the endpoints the adapter uses. */
export type HetznerApi = Client<paths>;

/** What {@link createHetznerClient} needs. */
export interface HetznerClientOptions extends HetznerTransportOptions {
  /** The API token (already trimmed). */
  readonly token: string;
}

/** A successful answer: the parsed body and the correlation id. */
export interface HetznerAnswer<D> {
  /** The parsed body. */
  readonly data: D;
  /** `X-Correlation-Id`, for logs. */
  readonly correlationId: string | null;
}

/** The client: the typed API and a way to call it that yields Results with mapped errors. */
export interface HetznerClient {
  /** The typed API (wire types; use only from the operations layer). */
  readonly api: HetznerApi;
  /**
   * Run one API call and turn every way it can fail into a {@link ProviderError}: HTTP errors by
   * Hetzner's code (with the correlation id), no answer at all, and bodies that are not JSON.
   */
  call<D>(
    facts: HetznerRequestFacts,
    run: (api: HetznerApi) => Promise<{ data?: D; error?: unknown; response: Response }>,
  ): ResultAsync<HetznerAnswer<D>, ProviderError>;
}

/** Sets the bearer token, the User-Agent naming Pressluft and its version, and `Accept` on every request. */
export function createIdentityMiddleware(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${token}`);
      request.headers.set('User-Agent', userAgent);
      request.headers.set('Accept', 'application/json');
      return request;
    },
  };
}

/**
 * The Hetzner client: openapi-fetch over the resilient transport (pacing, deadlines, safe retries),
 * with middleware for identity. openapi-fetch gets `fetch` passed in rather than reading the global one,
 * so msw and fakes installed after import still see the requests.
 */
export function createHetznerClient(options: HetznerClientOptions): HetznerClient {
  const transport = createHetznerTransport(options);
  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: transport });
  api.use(createIdentityMiddleware(options.token));
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');

  const call = <D>(
    facts: HetznerRequestFacts,
    run: (api: HetznerApi) => Promise<{ data?: D; error?: unknown; response: Response }>,
  ): ResultAsync<HetznerAnswer<D>, ProviderError> =>
    ResultAsync.fromPromise(run(api), (thrown) => {
      if (thrown instanceof HetznerTransportFailure) {
        return mapTransportFailure(thrown.kind, facts, { ambiguous: thrown.ambiguous, cause: thrown });
      }
      if (ProviderError.isInstance(thrown)) return thrown as ProviderError;
      return mapMalformedBody(facts, 'the body is not valid JSON', null, thrown);
    }).andThen((result) => {
      const correlationId = result.response.headers.get('X-Correlation-Id');
      if (!result.response.ok) {
        const path = new URL(result.response.url || `${options.baseUrl}${facts.path}`).pathname;
        const bucket = options.budget[bucketForPath(path.slice(basePath.length) || facts.path)];
        const retryAfterMs =
          result.response.status === 429
            ? Math.max(1, bucket.millisecondsUntilAvailable(options.clock.now()))
            : undefined;
        return errAsync(
          mapHetznerError(
            {
              status: result.response.status,
              correlationId,
              body: result.error,
              ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            },
            facts,
          ),
        );
      }
      return okAsync({ data: result.data as D, correlationId });
    });

  return { api, call };
}
