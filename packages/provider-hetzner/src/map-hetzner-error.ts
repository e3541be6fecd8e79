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
  unknown_error: { code: 'PROVIDER_UNKNOWN', retryable: true },
  primary_ip_assigned: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  primary_ip_datacenter_mismatch: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  primary_ip_version_mismatch: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_not_stopped: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  invalid_server_type: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  server_already_attached: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  networks_overlap: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  ip_not_available: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
  no_subnet_available: { code: 'PROVIDER_INVALID_REQUEST', retryable: false },
};

/** Unknown codes: reported as `PROVIDER_UNKNOWN`, retryable so that the engine tries a bounded number of times. */
export const unknownHetznerCode: HetznerErrorClass = { code: 'PROVIDER_UNKNOWN', retryable: true };

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

/** An action that ended in `error`: always `PROVIDER_ACTION_FAILED`, carrying Hetzner's code and the classifier's hint. */
export function mapActionError(action: {
  readonly id: string;
  readonly command: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}): ProviderError {
  const classification = classifyHetznerCode(action.errorCode);
  return new ProviderError({
    code: 'PROVIDER_ACTION_FAILED',
    message: `Hetzner action ${action.id} (${action.command}) failed: ${action.errorMessage || action.errorCode} (${action.errorCode}).`,
    provider: 'hetzner',
    details: {
      actionId: action.id,
      command: action.command,
      hetznerCode: action.errorCode,
      hetznerMessage: action.errorMessage,
      classifiedAs: classification.code,
      classifiedRetryable: classification.retryable,
    },
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
