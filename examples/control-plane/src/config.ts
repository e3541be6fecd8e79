import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '@pressluft/core';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Everything the server reads from its environment. */
export interface ServerConfig {
  /** The TCP port to listen on. */
  readonly port: number;
  /** The address to listen on; loopback by default so nothing is exposed by accident. */
  readonly host: string;
  /** Where the database, the secret key file and the operator token hash live. */
  readonly dataDir: string;
  /** The secret key (32 bytes, base64 or hex); when absent, a key file in the data directory is used. */
  readonly secretKey: string | undefined;
  /** The operator token; when absent one is generated on first start and only its hash is kept. */
  readonly adminToken: string | undefined;
  /** The Hetzner Cloud API base URL. */
  readonly hetznerApiUrl: string;
  /** The provisioning playbook. */
  readonly provisionPlaybook: string;
  /** The readiness playbook. */
  readonly readinessPlaybook: string;
  /** Run provisioning as a dry run (`ansible-playbook --check`). */
  readonly ansibleCheckMode: boolean;
  /** The SSH port of new servers. */
  readonly sshPort: number;
  /** Jobs run at the same time. */
  readonly workerConcurrency: number;
  /** The job lease. */
  readonly leaseMs: number;
  /** The time limit of a provisioning run. */
  readonly provisionTimeoutMs: number;
  /** The time limit of one node_provision attempt. */
  readonly jobTimeoutMs: number;
  /** How long running jobs may finish on SIGTERM before they are released. */
  readonly shutdownGraceMs: number;
  /** The largest request body accepted. */
  readonly maxBodyBytes: number;
  /** The lowest log level written. */
  readonly logLevel: LogLevel;
  /**
   * The origins the dashboard is reached at (`https://pressluft.example.com`); cookie-authenticated
   * changes and logins from any other Origin or Host are refused. Empty: loopback origins only.
   */
  readonly publicOrigins: readonly string[];
  /** Requests slower than this are logged at warn; others (unless failed) at debug. */
  readonly slowRequestMs: number;
}

/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

interface Variable {
  readonly name: string;
  readonly fallback: string;
  readonly description: string;
}

/** Every environment variable the server reads, with its default and meaning; `--help` prints this table. */
export const configVariables: readonly Variable[] = [
  { name: 'PORT', fallback: '8080', description: 'TCP port of the API and dashboards.' },
  {
    name: 'HOST',
    fallback: '127.0.0.1',
    description: 'Address to listen on (use 0.0.0.0 only behind TLS).',
  },
  {
    name: 'PRESSLUFT_DATA_DIR',
    fallback: './.pressluft',
    description: 'Database, secret key file and operator token hash.',
  },
  {
    name: 'PRESSLUFT_SECRET_KEY',
    fallback: '(unset: key file in the data dir)',
    description: '32 bytes (base64 or hex) sealing provider tokens and SSH keys at rest.',
  },
  {
    name: 'PRESSLUFT_ADMIN_TOKEN',
    fallback: '(unset: generated once, printed once)',
    description:
      'Operator token for the API (Bearer) and the dashboard login; at least 32 random characters (openssl rand -hex 32).',
  },
  {
    name: 'PRESSLUFT_HETZNER_API_URL',
    fallback: 'https://api.hetzner.cloud/v1',
    description: 'Hetzner Cloud API base URL; point it at the fake for offline runs.',
  },
  {
    name: 'PRESSLUFT_PROVISION_PLAYBOOK',
    fallback: 'ansible/playbooks/node-provision.yml',
    description: 'Playbook that bootstraps and hardens a node (path relative to the repository).',
  },
  {
    name: 'PRESSLUFT_READINESS_PLAYBOOK',
    fallback: 'ansible/playbooks/node-readiness.yml',
    description: 'Playbook that checks a node is ready (changes nothing).',
  },
  {
    name: 'PRESSLUFT_ANSIBLE_CHECK_MODE',
    fallback: '0',
    description: 'Set to 1 to run provisioning as a dry run (ansible-playbook --check).',
  },
  { name: 'PRESSLUFT_SSH_PORT', fallback: '22', description: 'SSH port of new servers.' },
  {
    name: 'PRESSLUFT_WORKER_CONCURRENCY',
    fallback: '4',
    description: 'Jobs the worker runs at the same time.',
  },
  {
    name: 'PRESSLUFT_LEASE_MS',
    fallback: '30000',
    description: 'Job lease; a crashed worker’s jobs are picked up this long after.',
  },
  {
    name: 'PRESSLUFT_PROVISION_TIMEOUT_MS',
    fallback: '1200000',
    description: 'Time limit of one provisioning run (20 minutes).',
  },
  {
    name: 'PRESSLUFT_JOB_TIMEOUT_MS',
    fallback: '2700000',
    description: 'Time limit of one node_provision attempt (45 minutes).',
  },
  {
    name: 'PRESSLUFT_SHUTDOWN_GRACE_MS',
    fallback: '10000',
    description: 'On SIGTERM/SIGINT, how long running steps may finish before they are released.',
  },
  { name: 'PRESSLUFT_MAX_BODY_BYTES', fallback: '65536', description: 'Largest request body (64 KiB).' },
  { name: 'PRESSLUFT_LOG_LEVEL', fallback: 'info', description: 'debug, info, warn or error.' },
  {
    name: 'PRESSLUFT_PUBLIC_ORIGIN',
    fallback: '(unset: loopback origins only)',
    description:
      'Origins the dashboard is reached at, comma-separated (https://cp.example.com); cookie changes from others are refused.',
  },
  {
    name: 'PRESSLUFT_SLOW_REQUEST_MS',
    fallback: '1000',
    description: 'Requests slower than this are logged at warn; the rest of the access log is at debug.',
  },
];

/**
 * Why a configured operator token is too weak, or null: at least 32 characters, and by a generous
 * estimate (length × bits per character of the character classes it uses) at least 128 bits, from at
 * least 8 different characters, so `aaaa…` or a repeated word is refused however long it is.
 */
export function adminTokenWeakness(token: string): string | null {
  if (token.length < 32) return `it has ${token.length} characters, at least 32 are needed`;
  if (new Set(token).size < 8) return 'it repeats too few different characters';
  let pool = 0;
  if (/[a-z]/.test(token)) pool += 26;
  if (/[A-Z]/.test(token)) pool += 26;
  if (/[0-9]/.test(token)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(token)) pool += 33;
  const bits = token.length * Math.log2(pool);
  return bits < 128 ? `it carries about ${Math.floor(bits)} bits, at least 128 are needed` : null;
}

/** The `--help` text: what the server is, and every variable with its default. */
export function configHelp(): string {
  const width = Math.max(...configVariables.map((variable) => variable.name.length));
  const lines = configVariables.map(
    (variable) =>
      `  ${variable.name.padEnd(width)}  ${variable.description}\n  ${' '.repeat(width)}  default: ${variable.fallback}`,
  );
  return [
    'Pressluft control plane: HTTP API and dashboards on embedded SQLite.',
    '',
    'Usage: pnpm start            (or: node --conditions=pressluft-source --import tsx src/main.ts)',
    '       pnpm demo             (offline, against the Hetzner fake)',
    '',
    'Environment:',
    ...lines,
    '',
  ].join('\n');
}

type Environment = Readonly<Record<string, string | undefined>>;

/** An environment variable as text: trimmed, and unset when empty. */
const variable = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
  z.string().optional(),
);

/** An integer variable within bounds; the message names the variable and what it got. */
const integer = (name: string, fallback: number, minimum: number, maximum: number) =>
  variable.transform((raw, context) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= minimum && value <= maximum) return value;
    context.addIssue({
      code: 'custom',
      message: `${name} must be an integer from ${minimum} to ${maximum}, got "${raw}"`,
    });
    return z.NEVER;
  });

const flag = (name: string) =>
  variable.transform((raw, context) => {
    if (raw === undefined) return false;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    context.addIssue({ code: 'custom', message: `${name} must be 1 or 0, got "${raw}"` });
    return z.NEVER;
  });

const adminTokenVariable = variable.superRefine((token, context) => {
  const weakness = token === undefined ? null : adminTokenWeakness(token);
  // The message says why, never what: the rejected token is not echoed.
  if (weakness !== null) {
    context.addIssue({
      code: 'custom',
      message: `PRESSLUFT_ADMIN_TOKEN is too weak: ${weakness} (generate one with: openssl rand -hex 32; or unset it for a generated token)`,
    });
  }
});

const publicOriginsVariable = variable.transform((raw, context) => {
  const origins: string[] = [];
  for (const entry of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (
      url !== null &&
      ['http:', 'https:'].includes(url.protocol) &&
      url.origin === entry.replace(/\/$/, '').toLowerCase()
    ) {
      origins.push(url.origin);
    } else {
      context.addIssue({
        code: 'custom',
        message: `PRESSLUFT_PUBLIC_ORIGIN entries must be origins such as https://cp.example.com (scheme, host, optional port; no path), got "${entry}"`,
      });
    }
  }
  return origins;
});

const logLevelVariable = variable.transform((raw, context): LogLevel => {
  const level = raw ?? 'info';
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') return level;
  context.addIssue({
    code: 'custom',
    message: `PRESSLUFT_LOG_LEVEL must be debug, info, warn or error, got "${level}"`,
  });
  return z.NEVER;
});

const urlVariable = (name: string, fallback: string) =>
  variable.transform((raw, context) => {
    const value = raw ?? fallback;
    if (URL.canParse(value)) return value.replace(/\/+$/, '');
    context.addIssue({ code: 'custom', message: `${name} is not a URL: "${value}"` });
    return z.NEVER;
  });

/** The environment's schema (zod): every variable with its parser, bounds and default. */
const environmentSchema = z.object({
  PORT: integer('PORT', 8080, 0, 65535),
  HOST: variable,
  PRESSLUFT_DATA_DIR: variable,
  PRESSLUFT_SECRET_KEY: variable,
  PRESSLUFT_ADMIN_TOKEN: adminTokenVariable,
  PRESSLUFT_HETZNER_API_URL: urlVariable('PRESSLUFT_HETZNER_API_URL', 'https://api.hetzner.cloud/v1'),
  PRESSLUFT_PROVISION_PLAYBOOK: variable,
  PRESSLUFT_READINESS_PLAYBOOK: variable,
  PRESSLUFT_ANSIBLE_CHECK_MODE: flag('PRESSLUFT_ANSIBLE_CHECK_MODE'),
  PRESSLUFT_SSH_PORT: integer('PRESSLUFT_SSH_PORT', 22, 1, 65535),
  PRESSLUFT_WORKER_CONCURRENCY: integer('PRESSLUFT_WORKER_CONCURRENCY', 4, 1, 256),
  PRESSLUFT_LEASE_MS: integer('PRESSLUFT_LEASE_MS', 30_000, 1_000, 3_600_000),
  PRESSLUFT_PROVISION_TIMEOUT_MS: integer('PRESSLUFT_PROVISION_TIMEOUT_MS', 1_200_000, 1_000, 86_400_000),
  PRESSLUFT_JOB_TIMEOUT_MS: integer('PRESSLUFT_JOB_TIMEOUT_MS', 2_700_000, 1_000, 86_400_000),
  PRESSLUFT_SHUTDOWN_GRACE_MS: integer('PRESSLUFT_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  PRESSLUFT_MAX_BODY_BYTES: integer('PRESSLUFT_MAX_BODY_BYTES', 65_536, 1_024, 16_777_216),
  PRESSLUFT_LOG_LEVEL: logLevelVariable,
  PRESSLUFT_PUBLIC_ORIGIN: publicOriginsVariable,
  PRESSLUFT_SLOW_REQUEST_MS: integer('PRESSLUFT_SLOW_REQUEST_MS', 1_000, 1, 3_600_000),
});

/**
 * Read the configuration from environment variables; relative paths resolve against `cwd` (the data
 * directory) or the repository (the playbooks). Every problem is listed in one `VALIDATION_FAILED`.
 */
export function parseConfig(
  environment: Environment,
  cwd: string = process.cwd(),
): Result<ServerConfig, ValidationError> {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    return err(
      new ValidationError({
        code: 'VALIDATION_FAILED',
        message: `Invalid configuration: ${problems.join('; ')}`,
        guidance: 'Fix the listed environment variables; run with --help to see them all.',
        details: { problems },
      }),
    );
  }
  const env = parsed.data;
  return ok({
    port: env.PORT,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(cwd, env.PRESSLUFT_DATA_DIR ?? './.pressluft'),
    secretKey: env.PRESSLUFT_SECRET_KEY,
    adminToken: env.PRESSLUFT_ADMIN_TOKEN,
    hetznerApiUrl: env.PRESSLUFT_HETZNER_API_URL,
    provisionPlaybook: path.resolve(
      repositoryRoot,
      env.PRESSLUFT_PROVISION_PLAYBOOK ?? 'ansible/playbooks/node-provision.yml',
    ),
    readinessPlaybook: path.resolve(
      repositoryRoot,
      env.PRESSLUFT_READINESS_PLAYBOOK ?? 'ansible/playbooks/node-readiness.yml',
    ),
    ansibleCheckMode: env.PRESSLUFT_ANSIBLE_CHECK_MODE,
    sshPort: env.PRESSLUFT_SSH_PORT,
    workerConcurrency: env.PRESSLUFT_WORKER_CONCURRENCY,
    leaseMs: env.PRESSLUFT_LEASE_MS,
    provisionTimeoutMs: env.PRESSLUFT_PROVISION_TIMEOUT_MS,
    jobTimeoutMs: env.PRESSLUFT_JOB_TIMEOUT_MS,
    shutdownGraceMs: env.PRESSLUFT_SHUTDOWN_GRACE_MS,
    maxBodyBytes: env.PRESSLUFT_MAX_BODY_BYTES,
    logLevel: env.PRESSLUFT_LOG_LEVEL,
    publicOrigins: env.PRESSLUFT_PUBLIC_ORIGIN,
    slowRequestMs: env.PRESSLUFT_SLOW_REQUEST_MS,
  });
}
