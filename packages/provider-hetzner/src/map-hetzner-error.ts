import { type JsonValue, ProviderError, type ProviderErrorCode } from '@pressluft/core';

/** How one Hetzner error code is classified: the core code and whether a later retry can succeed. */
export interface HetznerErrorClass {
  /** The core code. */
  readonly code: ProviderErrorCode;
  /** Whether the same request can succeed later without anyone changing anything. */
  readonly retryable: boolean;
  /** Guidance more specific than the registry's, when the Hetzner code says more. */
  readonly guidance?: string;
}

/**
 * Every Hetzner error code the adapter knows (general codes, the codes of the calls it makes, and action
 * error codes), classified by code, never by HTTP status (Hetzner has answered `json_error` with 422).
 * The README renders the same table; each row has a test.
 */
export const hetznerErrorTable: Readonly<Record<string, HetznerErrorClass>> = {
  unauthorized: { code: 'PROVIDER_AUTH_INVALID', retryable: false },
  token_readonly: { code: 'PROVIDER_TOKEN_READONLY', retryable: false },
  forbidden: { code: 'PROVIDER_PERMISSION_DENIED', retryable: false },
  maintenance: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  resource_limit_exceeded: { code: 'PROVIDER_QUOTA_EXCEEDED', retryable: false },
  placement_group_member_limit_reached: { code: 'PROVIDER_QUOTA_EXCEEDED', retryable: false },
  not_found: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  method_not_allowed: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  uniqueness_error: { code: 'PROVIDER_NAME_TAKEN', retryable: false },
  conflict: { code: 'PROVIDER_CONFLICT', retryable: true },
  locked: { code: 'PROVIDER_CONFLICT', retryable: true },
  resource_locked: {
    code: 'PROVIDER_PERMISSION_DENIED',
    retryable: false,
    guidance: 'Hetzner locked the resource; contact Hetzner support with the correlation id.',
  },
  protected: {
    code: 'PROVIDER_PERMISSION_DENIED',
    retryable: false,
    guidance: 'The resource has delete or rebuild protection enabled; disable it in the Hetzner console.',
  },
  deprecated_api_endpoint: {
    code: 'PROVIDER_INVALID_REQUEST',
    retryable: false,
    guidance: 'Hetzner removed this API endpoint; upgrade @pressluft/provider-hetzner.',
  },
  resource_unavailable: { code: 'PROVIDER_CAPACITY_UNAVAILABLE', retryable: true },
  placement_error: { code: 'PROVIDER_CAPACITY_UNAVAILABLE', retryable: true },
  invalid_input: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  json_error: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  unsupported_error: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  service_error: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  rate_limit_exceeded: { code: 'PROVIDER_RATE_LIMITED', retryable: true },
  limit_reached: { code: 'PROVIDER_RATE_LIMITED', retryable: true },
  server_error: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  bad_gateway: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  unavailable: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  timeout: { code: 'PROVIDER_TIMEOUT', retryable: true },
  robot_unavailable: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
  // Hetzner's own "Unknown Error" (seen as an action error): nothing says a retry would fare better.
  unknown_error: { code: 'PROVIDER_UNKNOWN', retryable: false },
  // The documented example of an action error code.
  action_failed: { code: 'PROVIDER_ACTION_FAILED', retryable: false },
  primary_ip_assigned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  primary_ip_datacenter_mismatch: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  primary_ip_version_mismatch: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_not_stopped: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  invalid_server_type: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_already_attached: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  networks_overlap: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ip_not_available: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  no_subnet_available: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  // Further operation-specific codes of the OpenAPI description. The adapter does not call these
  // endpoints today; each has a row so that no code in the description falls through to "unknown".
  no_space_left_in_location: { code: 'PROVIDER_CAPACITY_UNAVAILABLE', retryable: true },
  resource_in_use: { code: 'PROVIDER_CONFLICT', retryable: false },
  primary_ip_already_assigned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  floating_ip_assigned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  must_be_unassigned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ip_not_owned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  private_net_only_server: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_not_attached_to_network: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  incompatible_network_type: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  firewall_already_applied: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  firewall_managed_by_label_selector: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  firewall_resource_not_found: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  invalid_load_balancer_type: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  load_balancer_already_attached: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  load_balancer_not_attached_to_network: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  load_balancer_public_interface_disabled: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_already_added: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_is_load_balancer_target: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  source_port_already_used: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  target_already_defined: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  targets_without_use_private_ip: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  cloud_resource_ip_not_allowed: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ca_dns_validation_failed: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ca_too_many_authorizations_failed_recently: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ca_too_many_certificates_issued_for_registered_domain: {
    code: 'PROVIDER_INVALID_REQUEST',
    retryable: false,
  },
  ca_too_many_duplicate_certificates: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  caa_record_does_not_allow_ca: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  could_not_verify_domain_delegated_to_zone: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  dns_zone_is_secondary_zone: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  dns_zone_not_found: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  incorrect_zone_mode: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
};

/**
 * Unknown codes: `PROVIDER_UNKNOWN`, terminal. A retry loop on an answer nobody understands costs the
 * operator money (a create may have acted) and rate budget; the raw code is kept in `details.hetznerCode`
 * so it can be classified.
 */
export const unknownHetznerCode: HetznerErrorClass = {
  code: 'PROVIDER_UNKNOWN',
  retryable: false,
  guidance:
    'Hetzner answered with an error code Pressluft does not know (see details.hetznerCode). Check the Hetzner status page and the message, then retry by hand; report the code so it can be classified.',
};

/** Classify a Hetzner error code. */
export function classifyHetznerCode(code: string): HetznerErrorClass {
  return hetznerErrorTable[code] ?? unknownHetznerCode;
}

/** Where a failed request went: kept in the error details next to Hetzner's own facts. */
export interface HetznerRequestFacts {
  /** The HTTP method. */
  readonly method: string;
  /** The path below the API base, without query. */
  readonly path: string;
  /** What the request was about; a 404 on a server becomes `PROVIDER_SERVER_NOT_FOUND`. */
  readonly resource?: 'server' | 'ssh_key' | 'action' | 'catalog';
}

/** An HTTP error answer as received: status, headers and the body text. */
export interface HetznerErrorAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The value of `X-Correlation-Id`, which Hetzner support asks for. */
  readonly correlationId: string | null;
  /** The body as openapi-fetch returned it: a parsed object when it was JSON, otherwise text. */
  readonly body: unknown;
  /** Milliseconds until the rate-limit budget has room again, when known. */
  readonly retryAfterMs?: number;
}

function statusFallback(status: number): HetznerErrorClass {
  if (status === 401) return { code: 'PROVIDER_AUTH_INVALID', retryable: false };
  if (status === 403) return { code: 'PROVIDER_PERMISSION_DENIED', retryable: false };
  if (status === 429) return { code: 'PROVIDER_RATE_LIMITED', retryable: true };
  if (status === 504) return { code: 'PROVIDER_TIMEOUT', retryable: true };
  if (status >= 500) return { code: 'PROVIDER_UNAVAILABLE', retryable: true };
  return { code: 'PROVIDER_PROTOCOL_ERROR', retryable: true };
}

function toJsonValue(value: unknown): JsonValue {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
  } catch {
    return null;
  }
}

/** Read `{error:{code,message,details}}` out of a body, or null when the body has another shape. */
export function readHetznerErrorBody(
  body: unknown,
): { code: string; message: string; details: unknown } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '', details };
}

/**
 * Turn an HTTP error answer into a {@link ProviderError}: by Hetzner's code when the body is the documented
 * JSON, by status otherwise (a gateway's HTML 502 or 504). The correlation id is kept in the details.
 */
export function mapHetznerError(answer: HetznerErrorAnswer, request: HetznerRequestFacts): ProviderError {
  const parsed = readHetznerErrorBody(answer.body);
  let classification = parsed === null ? statusFallback(answer.status) : classifyHetznerCode(parsed.code);
  if (parsed?.code === 'not_found' && request.resource === 'server') {
    classification = { code: 'PROVIDER_SERVER_NOT_FOUND', retryable: false };
  }
  const where = `${request.method} ${request.path}`;
  const message =
    parsed === null
      ? `Hetzner answered ${where} with HTTP ${answer.status} and a body that is not the documented JSON error.`
      : `Hetzner refused ${where}: ${parsed.message || parsed.code} (${parsed.code}).`;
  const details: Record<string, JsonValue> = {
    // A server-side failure of a state-changing request leaves open whether Hetzner acted on it.
    ambiguous: answer.status >= 500 && !['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(request.method),
    httpStatus: answer.status,
    correlationId: answer.correlationId,
    method: request.method,
    path: request.path,
  };
  if (parsed !== null) {
    if (hetznerErrorTable[parsed.code] === undefined) details['unclassified'] = true;
    details['hetznerCode'] = parsed.code;
    details['hetznerMessage'] = parsed.message;
    if (parsed.details !== undefined && parsed.details !== null)
      details['hetznerDetails'] = toJsonValue(parsed.details);
  }
  return new ProviderError({
    code: classification.code,
    message,
    retryable: classification.retryable,
    provider: 'hetzner',
    details,
    ...(classification.guidance === undefined ? {} : { guidance: classification.guidance }),
    ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
  });
}

/**
 * An action that ended in `error`, classified by its code through the same table as request errors: a
 * `resource_unavailable` create action is `PROVIDER_CAPACITY_UNAVAILABLE`, a `locked` one
 * `PROVIDER_CONFLICT`, each with that code's guidance. Codes the table does not know (and Hetzner's own
 * `unknown_error`, `action_failed`) stay `PROVIDER_ACTION_FAILED`.
 *
 * The error is never retryable itself: the action has finished, and waiting for it again gives the same
 * answer. `details.classifiedRetryable` says whether a *new* attempt (a new server, after the engine's
 * clean-up deletes this one) can succeed.
 */
export function mapActionError(action: {
  readonly id: string;
  readonly command: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}): ProviderError {
  // `not_found` here means Hetzner no longer returns the action (see the poller), not a bad reference.
  const known = action.errorCode === 'not_found' ? undefined : hetznerErrorTable[action.errorCode];
  const classification =
    known === undefined || known.code === 'PROVIDER_UNKNOWN'
      ? { code: 'PROVIDER_ACTION_FAILED' as const, retryable: false }
      : known;
  return new ProviderError({
    code: classification.code,
    message: `Hetzner action ${action.id} (${action.command}) failed: ${action.errorMessage || action.errorCode} (${action.errorCode}).`,
    provider: 'hetzner',
    retryable: false,
    details: {
      source: 'action',
      actionId: action.id,
      command: action.command,
      hetznerCode: action.errorCode,
      hetznerMessage: action.errorMessage,
      classifiedAs: classification.code,
      classifiedRetryable: classification.retryable,
      ...(hetznerErrorTable[action.errorCode] === undefined ? { unclassified: true } : {}),
    },
    ...('guidance' in classification && classification.guidance !== undefined
      ? { guidance: classification.guidance }
      : {}),
  });
}

/** Why a request produced no HTTP answer. */
export type TransportFailureKind = 'network' | 'timeout' | 'aborted';

/**
 * No HTTP answer at all: the connection failed, our request deadline passed, or the caller aborted.
 * `ambiguous` says whether Hetzner may have acted on a request that changes state.
 */
export function mapTransportFailure(
  kind: TransportFailureKind,
  request: HetznerRequestFacts,
  options: { readonly ambiguous: boolean; readonly cause?: unknown },
): ProviderError {
  const where = `${request.method} ${request.path}`;
  const code: ProviderErrorCode = kind === 'network' ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_TIMEOUT';
  const message =
    kind === 'network'
      ? `Hetzner could not be reached for ${where}.`
      : kind === 'timeout'
        ? `Hetzner did not answer ${where} in time.`
        : `${where} was aborted before Hetzner answered.`;
  return new ProviderError({
    code,
    message,
    provider: 'hetzner',
    retryable: true,
    details: { method: request.method, path: request.path, failure: kind, ambiguous: options.ambiguous },
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/** A success answer whose body does not have the documented shape. */
export function mapMalformedBody(
  request: HetznerRequestFacts,
  reason: string,
  correlationId: string | null,
  cause?: unknown,
): ProviderError {
  return new ProviderError({
    code: 'PROVIDER_PROTOCOL_ERROR',
    message: `Hetzner answered ${request.method} ${request.path} with a body Pressluft could not read: ${reason}.`,
    provider: 'hetzner',
    details: { method: request.method, path: request.path, correlationId, reason },
    ...(cause === undefined ? {} : { cause }),
  });
}
