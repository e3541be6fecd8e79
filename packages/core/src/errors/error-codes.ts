/**
 * The error-code registry: the single source of every code Pressluft reports.
 *
 * A code never changes meaning once released. `docs/error-codes.md` is generated from this table
 * (`pnpm --filter @pressluft/core run generate:error-codes`) and a test fails when the two drift.
 */

/** The family a code belongs to; the prefix of the code names it. */
export type ErrorFamily = 'provider' | 'provision' | 'job' | 'store' | 'validation';

/** One row of the registry. */
export interface ErrorCodeDefinition {
  /** The family, which decides the error class. */
  readonly family: ErrorFamily;
  /** Whether repeating the same operation later can succeed without anyone changing anything. */
  readonly retryable: boolean;
  /** The HTTP status the control-plane API answers with when this error reaches a request. */
  readonly httpStatus: number;
  /** What happened, in one sentence. */
  readonly meaning: string;
  /** What an operator can do about it. */
  readonly guidance: string;
}

const define = <const T extends Record<string, ErrorCodeDefinition>>(table: T): T => table;

/** Every error code with its family, retryability, HTTP status, meaning and operator guidance. */
export const errorCodes = define({
  // ── provider ────────────────────────────────────────────────────────────────────────────────────
  PROVIDER_AUTH_INVALID: {
    family: 'provider',
    retryable: false,
    httpStatus: 422,
    meaning: 'The provider rejected the API token: it is malformed, revoked or belongs to no project.',
    guidance: 'Create a new API token in the provider console and rotate it on the provider connection.',
  },
  PROVIDER_TOKEN_READONLY: {
    family: 'provider',
    retryable: false,
    httpStatus: 422,
    meaning: 'The API token can read but not write, so servers and SSH keys cannot be created.',
    guidance: 'Create a token with "Read & Write" permission and rotate it on the provider connection.',
  },
  PROVIDER_PERMISSION_DENIED: {
    family: 'provider',
    retryable: false,
    httpStatus: 422,
    meaning:
      'The provider refused the operation for this token or project (forbidden, or the project is locked).',
    guidance: 'Check the project in the provider console (billing, limits, token permissions), then retry.',
  },
  PROVIDER_RATE_LIMITED: {
    family: 'provider',
    retryable: true,
    httpStatus: 503,
    meaning: "The provider's request budget for this token is used up for now.",
    guidance:
      'Nothing to do: Pressluft waits for the budget to refill. Fewer concurrent nodes use less of it.',
  },
  PROVIDER_UNAVAILABLE: {
    family: 'provider',
    retryable: true,
    httpStatus: 503,
    meaning: 'The provider API answered with a server error, a gateway error, or could not be reached.',
    guidance:
      "Usually temporary; Pressluft retries. If it persists, check the provider's status page and the network.",
  },
  PROVIDER_TIMEOUT: {
    family: 'provider',
    retryable: true,
    httpStatus: 504,
    meaning: 'A provider request or action did not finish within its deadline.',
    guidance: 'Retry the node. If actions keep timing out, check the provider status page for the location.',
  },
  PROVIDER_ACTION_FAILED: {
    family: 'provider',
    retryable: false,
    httpStatus: 502,
    meaning: 'A provider action (for example create_server) ended in error; details carry the provider code.',
    guidance:
      "Read the provider's error code in the details; retry the node, or delete it and choose other options.",
  },
  PROVIDER_CAPACITY_UNAVAILABLE: {
    family: 'provider',
    retryable: true,
    httpStatus: 409,
    meaning: 'The location has no capacity for this server type right now.',
    guidance: 'Pick another location or server type, or retry later; Pressluft retries with a long backoff.',
  },
  PROVIDER_QUOTA_EXCEEDED: {
    family: 'provider',
    retryable: false,
    httpStatus: 409,
    meaning: 'The project reached a resource limit (servers, cores, IPs).',
    guidance: 'Delete unused resources or ask the provider to raise the project limit, then retry the node.',
  },
  PROVIDER_INVALID_REQUEST: {
    family: 'provider',
    retryable: false,
    httpStatus: 422,
    meaning: 'The provider rejected the request as invalid (unknown location, type, image or bad field).',
    guidance:
      'Check the location, server type and image against the provider options, then create the node again.',
  },
  PROVIDER_CONFLICT: {
    family: 'provider',
    retryable: true,
    httpStatus: 409,
    meaning: 'The resource is locked by another action or changed concurrently.',
    guidance: 'Nothing to do: Pressluft retries once the other action finishes.',
  },
  PROVIDER_NAME_TAKEN: {
    family: 'provider',
    retryable: false,
    httpStatus: 409,
    meaning: 'A resource with this name exists in the project and is not managed by Pressluft.',
    guidance: 'Rename the node, or rename or delete the existing resource in the provider console.',
  },
  PROVIDER_SSH_KEY_FAILED: {
    family: 'provider',
    retryable: false,
    httpStatus: 502,
    meaning: 'The managed SSH key could not be registered or found at the provider.',
    guidance:
      'Check the SSH keys of the project in the provider console and that the token can write, then retry.',
  },
  PROVIDER_SERVER_NOT_FOUND: {
    family: 'provider',
    retryable: false,
    httpStatus: 404,
    meaning: 'The server is gone at the provider (deleted outside Pressluft, or never created).',
    guidance: 'Delete the node in Pressluft, or retry it to acquire a new server.',
  },
  PROVIDER_SERVER_NOT_READY: {
    family: 'provider',
    retryable: true,
    httpStatus: 409,
    meaning: 'The server exists but is not running yet, or has no public address yet.',
    guidance:
      'Nothing to do: Pressluft checks again with its retry schedule. If it persists, look at the server in the provider console.',
  },
  PROVIDER_NOT_CONNECTED: {
    family: 'provider',
    retryable: false,
    httpStatus: 409,
    meaning: 'The provider connection is not in the connected state, so it cannot be used.',
    guidance: 'Re-check the provider connection, or rotate its token, until it reports connected.',
  },
  PROVIDER_PROTOCOL_ERROR: {
    family: 'provider',
    retryable: true,
    httpStatus: 502,
    meaning: 'The provider answered with a body Pressluft could not understand.',
    guidance: 'Usually temporary; Pressluft retries. If it persists, report it with the correlation id.',
  },
  PROVIDER_UNKNOWN: {
    family: 'provider',
    retryable: false,
    httpStatus: 502,
    meaning: 'The provider reported an error Pressluft does not know.',
    guidance: "Read the provider's code and message in the details; report it so it can be classified.",
  },
  PROVIDER_UNSUPPORTED: {
    family: 'provider',
    retryable: false,
    httpStatus: 501,
    meaning: 'The provider adapter does not implement this optional capability.',
    guidance: 'Use a provider that supports it, or do the operation in the provider console.',
  },
  PROVIDER_TYPE_UNKNOWN: {
    family: 'provider',
    retryable: false,
    httpStatus: 422,
    meaning: 'No provider adapter is registered for this provider type.',
    guidance: 'Use one of the provider types this control plane lists, or register the adapter.',
  },

  // ── provisioning ────────────────────────────────────────────────────────────────────────────────
  PROVISION_RUNTIME_MISSING: {
    family: 'provision',
    retryable: false,
    httpStatus: 503,
    meaning: 'ansible-playbook (or another provisioning runtime) is not installed or not executable.',
    guidance:
      'Install Ansible (Debian/Ubuntu: apt-get install -y --no-install-recommends ansible-core openssh-client) or set the runtime path; no restart is needed.',
  },
  PROVISION_SSH_UNREACHABLE: {
    family: 'provision',
    retryable: true,
    httpStatus: 504,
    meaning: 'The node did not accept SSH connections (still booting, firewalled, or no route).',
    guidance:
      'Usually the server is still booting and Pressluft retries; if it persists, check firewalls and the IP.',
  },
  PROVISION_IPV6_UNREACHABLE: {
    family: 'provision',
    retryable: false,
    httpStatus: 504,
    meaning:
      'The server has no public IPv4 address (the provider handed out an IPv6-only server) and the control plane could not reach it over IPv6, or IPv6-only servers are refused by configuration.',
    guidance:
      'Give the control-plane host IPv6 connectivity (check `ip -6 route` and the firewall), or order servers with IPv4 (the provider may be out of IPv4 addresses; try another location). Set provisioning.ipv6OnlyServers to "refuse" to fail such servers at once.',
  },
  PROVISION_SSH_AUTH_FAILED: {
    family: 'provision',
    retryable: false,
    httpStatus: 502,
    meaning: 'The node refused the managed SSH key.',
    guidance: 'Check that the server was created with the managed key; delete and recreate the node if not.',
  },
  PROVISION_HOST_KEY_MISMATCH: {
    family: 'provision',
    retryable: false,
    httpStatus: 502,
    meaning: 'The node presented a different SSH host key from the one pinned on first contact.',
    guidance:
      'Possible interception or a rebuilt server. Verify the server, then clear the pinned key to trust again.',
  },
  PROVISION_PLAYBOOK_INVALID: {
    family: 'provision',
    retryable: false,
    httpStatus: 500,
    meaning: 'The playbook failed to parse (syntax error, missing role or module).',
    guidance: 'Run ansible-playbook --syntax-check on the playbook and fix it.',
  },
  PROVISION_PLAYBOOK_FAILED: {
    family: 'provision',
    retryable: false,
    httpStatus: 502,
    meaning: 'A playbook task failed on the node; details name the task and host.',
    guidance: 'Read the failed task and its output in the job events, fix the cause, then retry the node.',
  },
  PROVISION_TIMEOUT: {
    family: 'provision',
    retryable: true,
    httpStatus: 504,
    meaning: 'Provisioning did not finish within its time limit and was stopped.',
    guidance: 'Retry the node; if it times out again, look at the last task in the job events.',
  },
  PROVISION_CANCELLED: {
    family: 'provision',
    retryable: false,
    httpStatus: 409,
    meaning: 'Provisioning was cancelled before it finished.',
    guidance: 'Retry the node when you want provisioning to continue.',
  },
  PROVISION_READINESS_FAILED: {
    family: 'provision',
    retryable: false,
    httpStatus: 502,
    meaning: 'The readiness check found required components or security settings missing.',
    guidance: 'Read the missing items in the details, fix the playbook or the node, then retry the node.',
  },

  // ── jobs ────────────────────────────────────────────────────────────────────────────────────────
  JOB_LEASE_LOST: {
    family: 'job',
    retryable: false,
    httpStatus: 409,
    meaning: 'A worker tried to write a job whose lease it no longer holds; the write was refused.',
    guidance:
      'Nothing to do: another worker owns the attempt. Frequent occurrences mean leases are too short.',
  },
  JOB_LEASE_EXPIRED: {
    family: 'job',
    retryable: true,
    httpStatus: 500,
    meaning:
      'The worker running the job stopped renewing its lease (crash or stall); the attempt was reaped.',
    guidance: 'Nothing to do: the job is retried. Check the control-plane logs if this recurs.',
  },
  JOB_TIMEOUT: {
    family: 'job',
    retryable: true,
    httpStatus: 504,
    meaning: 'The job ran longer than the time limit of its kind and was aborted.',
    guidance: 'Retry; raise the time limit of the job kind if the work is legitimately slow.',
  },
  JOB_CANCELLED: {
    family: 'job',
    retryable: false,
    httpStatus: 409,
    meaning: 'The job was cancelled.',
    guidance: 'Start the operation again when you want it to run.',
  },
  JOB_INVALID_TRANSITION: {
    family: 'job',
    retryable: false,
    httpStatus: 409,
    meaning: 'A job or node status change was refused by the state machine.',
    guidance: 'Reload the resource; the operation does not apply in its current status.',
  },
  JOB_ATTEMPTS_EXHAUSTED: {
    family: 'job',
    retryable: false,
    httpStatus: 500,
    meaning: 'The job failed with a retryable error on every allowed attempt.',
    guidance: 'Read the last error of the job; fix its cause, then retry the node.',
  },
  JOB_HANDLER_FAILED: {
    family: 'job',
    retryable: false,
    httpStatus: 500,
    meaning: 'A job handler threw an unexpected exception (a bug, not a classified failure).',
    guidance: 'Report it with the job id; the message is in the job events.',
  },
  JOB_KIND_UNKNOWN: {
    family: 'job',
    retryable: false,
    httpStatus: 500,
    meaning: 'No handler is registered for the kind of a claimed job.',
    guidance: 'Run a control plane version that knows this job kind.',
  },

  // ── store ───────────────────────────────────────────────────────────────────────────────────────
  STORE_UNAVAILABLE: {
    family: 'store',
    retryable: true,
    httpStatus: 503,
    meaning: 'The database could not be opened or is busy beyond the busy timeout.',
    guidance: 'Check that the data directory exists and that no other program holds the database locked.',
  },
  STORE_CORRUPT: {
    family: 'store',
    retryable: false,
    httpStatus: 500,
    meaning: 'The database file is not a valid database or is damaged.',
    guidance: 'Point the data directory at the right file, or restore it from a backup. Nothing was changed.',
  },
  STORE_SCHEMA_TOO_NEW: {
    family: 'store',
    retryable: false,
    httpStatus: 500,
    meaning: 'The database was written by a newer Pressluft version than this one.',
    guidance: 'Upgrade Pressluft to the version that wrote the database; it is refused rather than repaired.',
  },
  STORE_READ_ONLY: {
    family: 'store',
    retryable: false,
    httpStatus: 500,
    meaning: 'The database or its directory is read-only.',
    guidance: 'Give the control plane write access to its data directory.',
  },
  STORE_DISK_FULL: {
    family: 'store',
    retryable: true,
    httpStatus: 507,
    meaning: 'The disk holding the database is full; the write was rolled back.',
    guidance: 'Free disk space on the data directory volume; nothing was lost.',
  },
  STORE_CONSTRAINT: {
    family: 'store',
    retryable: false,
    httpStatus: 409,
    meaning: 'A write broke a uniqueness or reference rule of the database.',
    guidance: 'Reload and try again; this usually means the same thing was created twice concurrently.',
  },
  STORE_FAILED: {
    family: 'store',
    retryable: false,
    httpStatus: 500,
    meaning: 'The database reported an unexpected error.',
    guidance: 'Report it with the message from the logs.',
  },

  // ── validation and API ──────────────────────────────────────────────────────────────────────────
  VALIDATION_FAILED: {
    family: 'validation',
    retryable: false,
    httpStatus: 400,
    meaning: 'The input is invalid; details list each problem with its field.',
    guidance: 'Correct the listed fields and send the request again.',
  },
  VALIDATION_BAD_JSON: {
    family: 'validation',
    retryable: false,
    httpStatus: 400,
    meaning: 'The request body is not valid JSON.',
    guidance: 'Send a JSON body with Content-Type: application/json.',
  },
  VALIDATION_PAYLOAD_TOO_LARGE: {
    family: 'validation',
    retryable: false,
    httpStatus: 413,
    meaning: 'The request body exceeds the size limit.',
    guidance: 'Send a smaller body.',
  },
  VALIDATION_HEADERS_TOO_LARGE: {
    family: 'validation',
    retryable: false,
    httpStatus: 431,
    meaning: 'The request headers exceed the size limit of the HTTP server.',
    guidance: 'Send fewer or shorter headers (a stale cookie is the usual cause).',
  },
  VALIDATION_TOO_MANY_ATTEMPTS: {
    family: 'validation',
    retryable: true,
    httpStatus: 429,
    meaning: 'Too many failed logins or wrong tokens came from this client address.',
    guidance: 'Wait for the number of seconds in Retry-After, then try again with the right operator token.',
  },
  VALIDATION_OPTION_UNAVAILABLE: {
    family: 'validation',
    retryable: false,
    httpStatus: 422,
    meaning: 'The chosen location, server type or image is not offered together by the provider.',
    guidance:
      'Choose from the provider options: the server type must be sold in the location and match the image.',
  },
  SECRET_KEY_INVALID: {
    family: 'validation',
    retryable: false,
    httpStatus: 500,
    meaning: 'The configured secret key is malformed (it must be 32 bytes, base64 or hex).',
    guidance: 'Set PRESSLUFT_SECRET_KEY to 32 random bytes in base64, or remove it to use the key file.',
  },
  SECRET_KEY_FILE_INSECURE: {
    family: 'validation',
    retryable: false,
    httpStatus: 500,
    meaning: 'The secret key file can be read or written by users other than its owner.',
    guidance: 'Run chmod 600 on the key file (and chmod 700 on its directory), then start again.',
  },
  SECRET_KEY_UNAVAILABLE: {
    family: 'validation',
    retryable: false,
    httpStatus: 500,
    meaning: 'The secret key file could not be read or created (missing directory rights, read-only disk).',
    guidance: 'Give the control plane write access to its data directory, or set PRESSLUFT_SECRET_KEY.',
  },
  SECRET_DECRYPT_FAILED: {
    family: 'validation',
    retryable: false,
    httpStatus: 500,
    meaning: 'A sealed secret could not be opened: wrong key, unknown key id, or tampered data.',
    guidance: 'Start with the key that sealed the data (see the key id), or re-enter the secret.',
  },
  NOT_FOUND: {
    family: 'validation',
    retryable: false,
    httpStatus: 404,
    meaning: 'The resource does not exist.',
    guidance: 'Check the id; the resource may have been deleted.',
  },
  CONFLICT: {
    family: 'validation',
    retryable: false,
    httpStatus: 409,
    meaning: 'The request conflicts with the current state of the resource.',
    guidance: 'Reload the resource and act on its current state.',
  },
  UNAUTHORIZED: {
    family: 'validation',
    retryable: false,
    httpStatus: 401,
    meaning: 'The request carries no valid operator token or session.',
    guidance: 'Send Authorization: Bearer <operator token>, or log in to the dashboard.',
  },
  FORBIDDEN: {
    family: 'validation',
    retryable: false,
    httpStatus: 403,
    meaning: 'The request was refused by a safety check (CSRF token or Origin mismatch).',
    guidance: 'Reload the dashboard and try again; scripts should use a Bearer token.',
  },
  INTERNAL: {
    family: 'validation',
    retryable: false,
    httpStatus: 500,
    meaning: 'An unexpected internal error happened.',
    guidance: 'Report it with the request id (X-Request-Id, also in this body and in the logs).',
  },
});

/** Every code in the registry. */
export type ErrorCode = keyof typeof errorCodes;

/** The codes of one family of the registry. */
export type ErrorCodeOfFamily<F extends ErrorFamily> = {
  [K in ErrorCode]: (typeof errorCodes)[K]['family'] extends F ? K : never;
}[ErrorCode];

/** Codes of the provider family (`PROVIDER_*`). */
export type ProviderErrorCode = ErrorCodeOfFamily<'provider'>;
/** Codes of the provisioning family (`PROVISION_*`). */
export type ProvisionErrorCode = ErrorCodeOfFamily<'provision'>;
/** Codes of the job family (`JOB_*`). */
export type JobErrorCode = ErrorCodeOfFamily<'job'>;
/** Codes of the store family (`STORE_*`). */
export type StoreErrorCode = ErrorCodeOfFamily<'store'>;
/** Codes of the validation and API family. */
export type ValidationErrorCode = ErrorCodeOfFamily<'validation'>;

/** Whether a string is a code of the registry. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/** The registry row of a code. */
export function describeErrorCode(code: ErrorCode): ErrorCodeDefinition {
  return errorCodes[code];
}
