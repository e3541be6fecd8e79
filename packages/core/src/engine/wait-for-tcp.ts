import { connect } from 'node:net';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { ProvisionError } from '../errors/error-families.js';
import { sleep } from './clock.js';

/** Waiting for a TCP port (the SSH daemon of a booting server). */
export interface WaitForTcpOptions {
  /** Give up after this many ms with `PROVISION_SSH_UNREACHABLE`. */
  readonly deadlineMs: number;
  /** Pause between attempts. */
  readonly intervalMs?: number;
  /** Time limit of one connection attempt. */
  readonly attemptTimeoutMs?: number;
  /** Stop waiting when aborted. */
  readonly signal?: AbortSignal;
}

function tryConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Wait until a TCP connection to host:port succeeds. A booting server refuses or drops connections
 * for a while; that is expected, so only the deadline turns it into an error (a retryable one).
 */
export function waitForTcp(
  host: string,
  port: number,
  options: WaitForTcpOptions,
): ResultAsync<void, ProvisionError> {
  const intervalMs = options.intervalMs ?? 2_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5_000;
  const started = Date.now();
  const attempt = async (): Promise<'reachable' | 'aborted' | 'deadline'> => {
    for (;;) {
      if (options.signal?.aborted) return 'aborted';
      if (await tryConnect(host, port, attemptTimeoutMs)) return 'reachable';
      if (Date.now() - started + intervalMs > options.deadlineMs) return 'deadline';
      await sleep(intervalMs, options.signal);
    }
  };
  return ResultAsync.fromSafePromise(attempt()).andThen((outcome) => {
    if (outcome === 'reachable') return okAsync(undefined);
    if (outcome === 'aborted') {
      return errAsync(
        new ProvisionError({
          code: 'PROVISION_CANCELLED',
          message: `Stopped waiting for SSH on ${host}:${port}.`,
        }),
      );
    }
    return errAsync(
      new ProvisionError({
        code: 'PROVISION_SSH_UNREACHABLE',
        message: `SSH on ${host}:${port} did not accept connections within ${Math.round(options.deadlineMs / 1000)} s.`,
        details: { host, port },
      }),
    );
  });
}
