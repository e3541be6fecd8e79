import { chmod, mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { createAnsibleProvisioner } from '@pressluft/ansible-runner';
import {
  type Clock,
  type ControlPlane,
  type ControlPlaneWorkerSettings,
  createControlPlane,
  type Logger,
  loadSecretBox,
  type NodeProviderFactoryV1,
  type PressluftError,
  type ProvisionerV1,
  type ProvisioningSettings,
  Redactor,
  type SecretSealer,
  type Store,
  toPressluftError,
  type WaitForSsh,
} from '@pressluft/core';
import { createHetznerProviderFactory } from '@pressluft/provider-hetzner';
import { createSqliteStore } from '@pressluft/store-sqlite';
import { errAsync, okAsync, ResultAsync, safeTry } from 'neverthrow';
import { createApp } from './app.js';
import type { AttemptThrottle } from './auth/attempt-throttle.js';
import { createOperatorAuth } from './auth/operator-auth.js';
import { loadOperatorToken } from './auth/operator-token.js';
import type { ServerConfig } from './config.js';
import { answerClientErrors } from './http/client-error.js';
import { createJsonLinesLogger } from './logging/json-lines-logger.js';

/** The database file inside the data directory. */
export const DATABASE_FILE = 'pressluft.db';
/** The secret key file inside the data directory (used when PRESSLUFT_SECRET_KEY is unset). */
export const SECRET_KEY_FILE = 'secret.key';
/** The ansible-runner's run directories inside the data directory (keys of running provisioning runs). */
export const RUNS_DIRECTORY = 'runs';

/** What {@link startServer} takes besides the configuration; every part can be replaced (tests, demo). */
export interface StartServerOptions {
  readonly config: ServerConfig;
  /** Provider types. Default: Hetzner at `config.hetznerApiUrl`. */
  readonly providers?: readonly NodeProviderFactoryV1[];
  /** The provisioner. Default: ansible-runner with the configured playbooks. */
  readonly provisioner?: ProvisionerV1;
  /** The store. Default: SQLite in the data directory (migrated when opened). */
  readonly store?: Store;
  /** Extra provisioning settings (merged over those from the configuration). */
  readonly provisioning?: ProvisioningSettings;
  /** How to wait for a new server's SSH port. Default: the engine's TCP connection attempts. */
  readonly waitForSsh?: WaitForSsh;
  /** Extra worker settings (merged over those from the configuration). */
  readonly worker?: ControlPlaneWorkerSettings;
  /** The engine's clock. Default the system clock; the crash soak runs each restart ahead of the last. */
  readonly clock?: Clock;
  /** Where log lines go. Default standard output. */
  readonly writeLog?: (line: string) => void;
  /** Where the one-time operator token notice goes. Default standard output. */
  readonly print?: (text: string) => void;
  /** Backoff for failed logins and wrong tokens. Default: 5 free failures per address, then 1 s doubling. */
  readonly throttle?: AttemptThrottle;
}

/** A running control-plane server. */
export interface RunningServer {
  /** The base URL it listens on. */
  readonly url: string;
  /** The composed control plane. */
  readonly controlPlane: ControlPlane;
  /** The logger (JSON lines, redacted). */
  readonly logger: Logger;
  /** Stop serving, stop the worker within the grace period, close the store. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * A secret sealer that teaches the redactor every secret it seals or opens (provider tokens, private
 * keys), so those values are scrubbed from logs and responses from then on.
 */
function redactingSealer(sealer: SecretSealer, redactor: Redactor): SecretSealer {
  return {
    seal(plaintext) {
      redactor.add(plaintext);
      return sealer.seal(plaintext);
    },
    open(sealed) {
      return sealer.open(sealed).map((plaintext) => {
        redactor.add(plaintext);
        return plaintext;
      });
    },
  };
}

function listen(server: Server, host: string, port: number): ResultAsync<AddressInfo, PressluftError> {
  return ResultAsync.fromPromise(
    new Promise<AddressInfo>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    }),
    (error) => toPressluftError(error, 'INTERNAL'),
  );
}

/** The largest request head (request line and headers) Node accepts; more is a 431 with the error body. */
export const MAX_HEADER_BYTES = 16_384;

/**
 * Compose and start the control plane, in this order: data directory (0700), operator token (loaded,
 * not yet stored), secret key, store (migrated on open), Hetzner provider, Ansible provisioner, worker
 * (after the provisioner's clean-up), then the HTTP server. The provisioning runtime is checked in the
 * background, so a machine without Ansible still serves. A generated operator token is stored and
 * printed only once the server listens: a start that fails before burns no token the operator never saw.
 */
export function startServer(options: StartServerOptions): ResultAsync<RunningServer, PressluftError> {
  const { config } = options;
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const redactor = new Redactor();
  const logger = createJsonLinesLogger({
    redactor,
    level: config.logLevel,
    ...(options.writeLog === undefined ? {} : { write: options.writeLog }),
  });
  if (config.adminToken !== undefined) redactor.add(config.adminToken);
  if (config.secretKey !== undefined) redactor.add(config.secretKey);

  return safeTry(async function* () {
    // The data directory holds the key and the database: private to the service user, also when it existed.
    yield* ResultAsync.fromPromise(
      mkdir(config.dataDir, { recursive: true, mode: 0o700 }).then(() => chmod(config.dataDir, 0o700)),
      (error) => toPressluftError(error, 'STORE_READ_ONLY'),
    );
    const operatorToken = yield* loadOperatorToken({
      dataDir: config.dataDir,
      configured: config.adminToken,
    });
    if (operatorToken.generated !== undefined) redactor.add(operatorToken.generated);
    const secrets = yield* loadSecretBox({
      key: config.secretKey,
      keyFilePath: path.join(config.dataDir, SECRET_KEY_FILE),
    });
    for (const warning of secrets.warnings) logger.warn('secret key', { warning });
    const store =
      options.store ??
      (yield* createSqliteStore({ path: path.join(config.dataDir, DATABASE_FILE) }).mapErr(
        (error): PressluftError => error,
      ));
    const controlPlane = createControlPlane({
      store,
      providers: options.providers ?? [createHetznerProviderFactory({ baseUrl: config.hetznerApiUrl })],
      provisioner:
        options.provisioner ??
        createAnsibleProvisioner({
          provisionPlaybookPath: config.provisionPlaybook,
          readinessPlaybookPath: config.readinessPlaybook,
          // In the data directory (0700), where the next start sweeps what a killed process left.
          runDirectory: path.join(config.dataDir, RUNS_DIRECTORY),
        }),
      secrets: redactingSealer(secrets.box, redactor),
      logger,
      ...(options.waitForSsh === undefined ? {} : { waitForSsh: options.waitForSsh }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      provisioning: {
        checkMode: config.ansibleCheckMode,
        sshPort: config.sshPort,
        provisionTimeoutMs: config.provisionTimeoutMs,
        jobTimeoutMs: config.jobTimeoutMs,
        ...options.provisioning,
      },
      worker: { concurrency: config.workerConcurrency, leaseMs: config.leaseMs, ...options.worker },
    });
    const started = await controlPlane.start();
    if (started.isErr()) {
      await store.close();
      return errAsync(started.error);
    }
    const app = createApp({
      controlPlane,
      auth: createOperatorAuth({ token: operatorToken.token, publicOrigins: config.publicOrigins }),
      logger,
      redactor,
      maxBodyBytes: config.maxBodyBytes,
      slowRequestMs: config.slowRequestMs,
      ...(options.throttle === undefined ? {} : { throttle: options.throttle }),
    });
    const server = createAdaptorServer({
      fetch: app.fetch,
      serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
    }) as Server;
    answerClientErrors(server);
    const address = await listen(server, config.host, config.port);
    const stored = address.isOk() ? await (operatorToken.persist?.() ?? okAsync(undefined)) : address;
    if (stored.isErr()) {
      if (address.isOk()) await new Promise<void>((resolve) => server.close(() => resolve()));
      await controlPlane.stop({ graceMs: 0 });
      await store.close();
      return errAsync(stored.error);
    }
    if (address.isErr()) return errAsync(address.error);
    if (operatorToken.generated !== undefined) {
      // Printed directly, not logged: the logger would (rightly) redact it. Shown this once only.
      print(
        [
          '',
          '  Pressluft operator token (shown once; only its hash is stored):',
          `    ${operatorToken.generated}`,
          '  Use it to log in to the dashboard and as "Authorization: Bearer <token>" for the API.',
          `  Lost it? Delete ${path.join(config.dataDir, 'operator-token.sha256')} and restart for a new one.`,
          '',
        ].join('\n'),
      );
    }
    const host = address.value.family === 'IPv6' ? `[${address.value.address}]` : address.value.address;
    const url = `http://${host}:${address.value.port}`;
    logger.info('control plane listening', {
      url,
      data_dir: config.dataDir,
      hetzner_api_url: config.hetznerApiUrl,
      ansible_check_mode: config.ansibleCheckMode,
      operator_auth_source: operatorToken.source,
      sealing_key_source: secrets.source,
    });
    let stopping: Promise<void> | undefined;
    const stop = (graceMs = config.shutdownGraceMs): Promise<void> => {
      stopping ??= (async () => {
        logger.info('control plane stopping', { grace_ms: graceMs });
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Event streams would hold the server open for as long as their jobs run.
        server.closeAllConnections();
        await controlPlane.stop({ graceMs });
        await closed;
        await store.close();
        logger.info('control plane stopped', {});
      })();
      return stopping;
    };
    return okAsync<RunningServer>({ url, controlPlane, logger, stop });
  });
}
