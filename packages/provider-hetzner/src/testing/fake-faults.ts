/** A failure the fake produces instead of (or after) serving a request. */
export type HetznerFakeFault =
  /** A documented JSON error: `{error:{code,message,details}}` with the status. */
  | {
      readonly kind: 'error';
      readonly status: number;
      readonly code: string;
      readonly message?: string;
      readonly details?: unknown;
    }
  /** A body that is not JSON (a gateway's HTML page), e.g. 502 or 504. */
  | { readonly kind: 'non-json'; readonly status: number; readonly body?: string }
  /** HTTP 200 with a body that is not valid JSON. */
  | { readonly kind: 'malformed-json' }
  /** The connection fails before an answer. */
  | { readonly kind: 'network-error' }
  /** No answer until the client gives up (aborts) or the fake is reset. */
  | { readonly kind: 'hang' }
  /** Served normally after a delay in ms of the fake's clock. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Served (state changes happen), then the answer is lost: the ambiguous case. */
  | { readonly kind: 'lose-response'; readonly afterwards?: 'network-error' | 'hang' | 'bad-gateway' };

/** Which requests a fault applies to; unset fields match everything. */
export interface HetznerFakeMatch {
  /** HTTP method, such as `POST`. */
  readonly method?: string;
  /** A path below `/v1` (`/servers/42`), a route template (`/servers/{id}`), or a pattern. */
  readonly path?: string | RegExp;
  /** Only requests with this token. */
  readonly token?: string;
  /** How many requests it applies to; default 1; `Infinity` for all. */
  readonly times?: number;
}

/**
 * Named fault scenarios, so fault tests (in this package, the job engine, the example server) read as
 * what happens at Hetzner rather than as HTTP details.
 */
export type HetznerFakeScenario =
  /** The next `times` requests (default 1) get 429 `rate_limit_exceeded`. */
  | { readonly name: 'rate-limited'; readonly times?: number; readonly path?: string }
  /** The token's budget is empty: 429 until it refills (about one request per second). */
  | { readonly name: 'budget-exhausted'; readonly token?: string }
  /** 500 `server_error`. */
  | {
      readonly name: 'server-error';
      readonly times?: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** A gateway's HTML 502. */
  | {
      readonly name: 'bad-gateway-html';
      readonly times?: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** A gateway's HTML 504. */
  | {
      readonly name: 'gateway-timeout-html';
      readonly times?: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** The request never gets an answer. */
  | { readonly name: 'hang'; readonly times?: number; readonly method?: string; readonly path?: string }
  /** The connection fails. */
  | {
      readonly name: 'network-error';
      readonly times?: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** HTTP 200 with a broken JSON body. */
  | {
      readonly name: 'malformed-body';
      readonly times?: number;
      readonly method?: string;
      readonly path?: string;
    }
  /** `POST /servers` creates the server, then the answer is lost. */
  | { readonly name: 'create-response-lost'; readonly afterwards?: 'network-error' | 'hang' | 'bad-gateway' }
  /** `POST /servers` gets 412 `resource_unavailable` (no capacity in the location). */
  | { readonly name: 'capacity-unavailable'; readonly times?: number }
  /** `POST /servers` gets 403 `resource_limit_exceeded` (server limit). */
  | { readonly name: 'quota-exceeded'; readonly times?: number }
  /** Requests on a server get 423 `locked`. */
  | { readonly name: 'locked'; readonly times?: number; readonly method?: string; readonly path?: string }
  /** `POST /servers` gets 409 `uniqueness_error` without anything existing (a racing tool). */
  | { readonly name: 'uniqueness-error'; readonly times?: number; readonly path?: string }
  /** The next `create_server` action ends in error (default `unknown_error`). */
  | { readonly name: 'create-action-fails'; readonly code?: string; readonly message?: string }
  /** The next `start_server` action ends in error. */
  | { readonly name: 'start-action-fails'; readonly code?: string; readonly message?: string }
  /** The next `times` created servers (default: all) get no IPv4, only their IPv6 /64. */
  | { readonly name: 'ipv6-only'; readonly times?: number };
