import type { Clock, Sleep } from './clock.js';
import type { TransportFailureKind } from './map-hetzner-error.js';
import { bucketForPath, type RateLimitBudget } from './rate-limit-budget.js';

/** Retries of requests whose repetition is safe. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The first backoff in ms; attempt n waits in [base, min(cap, base·2^n)]. */
  readonly baseMs: number;
  /** The longest backoff in ms. */
  readonly capMs: number;
}

/** hcloud-go's transport defaults: 5 retries, 1 s doubling with jitter, capped at 60 s. */
export const defaultRetryPolicy: RetryPolicy = { maxRetries: 5, baseMs: 1_000, capMs: 60_000 };

/** Thrown by the transport when a request got no HTTP answer; the caller maps it with `mapTransportFailure`. */
export class HetznerTransportFailure extends Error {
  /** Why there is no answer. */
  readonly kind: TransportFailureKind;
  /** Whether Hetzner may have acted on the request (a state-changing request that may have arrived). */
  readonly ambiguous: boolean;

  /** Create a failure. */
  constructor(kind: TransportFailureKind, ambiguous: boolean, cause?: unknown) {
    super(`Hetzner request failed without an answer (${kind})`, cause === undefined ? undefined : { cause });
    this.name = 'HetznerTransportFailure';
    this.kind = kind;
    this.ambiguous = ambiguous;
  }
}

/** What the transport needs. */
export interface HetznerTransportOptions {
  /** The fetch to send with. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The token's shared budget. */
  readonly budget: RateLimitBudget;
  /** Time source. */
  readonly clock: Clock;
  /** Timer. */
  readonly sleep: Sleep;
  /** Retry policy for safe repetitions. */
  readonly retry: RetryPolicy;
  /** Per-attempt deadline in real milliseconds (not scaled by an injected clock). */
  readonly requestTimeoutMs: number;
  /** Randomness for backoff jitter, in [0, 1). */
  readonly random: () => number;
  /** The API base URL, to tell the path of a request. */
  readonly baseUrl: string;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

async function errorCodeOf(response: Response): Promise<string | null> {
  if (!(response.headers.get('Content-Type') ?? '').startsWith('application/json')) return null;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

function isJson(response: Response): boolean {
  return (response.headers.get('Content-Type') ?? '').startsWith('application/json');
}

/**
 * Whether an answer is worth the same request again. A rejection Hetzner made before acting
 * (`rate_limit_exceeded`, `conflict`) is safe to repeat for any method; an answer that leaves open
 * whether Hetzner acted (`timeout`, `bad_gateway`, a gateway's non-JSON 502/504) only for idempotent ones.
 */
async function shouldRetry(response: Response, idempotent: boolean): Promise<boolean> {
  if (response.status === 429) return true;
  const code = await errorCodeOf(response);
  if (code === 'rate_limit_exceeded' || code === 'limit_reached' || code === 'conflict') return true;
  if (!idempotent) return false;
  if (code === 'timeout' || code === 'bad_gateway') return true;
  return !isJson(response) && (response.status === 502 || response.status === 504);
}

/**
 * The fetch openapi-fetch sends through: per attempt it waits for the shared rate-limit budget, sends with
 * a deadline, records the `RateLimit-*` headers, and retries with jittered backoff when that is safe.
 * A state-changing request that got no answer is never retried here: it fails as ambiguous, and the caller
 * resolves it (for `POST /servers`, by looking the server up by label).
 */
export function createHetznerTransport(
  options: HetznerTransportOptions,
): (request: Request) => Promise<Response> {
  const { budget, clock, sleep } = options;
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');

  const backoff = (retry: number): number => {
    const { baseMs, capMs } = options.retry;
    const ceiling = Math.min(capMs, baseMs * 2 ** retry);
    return baseMs + options.random() * Math.max(0, ceiling - baseMs);
  };

  return async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    const idempotent = idempotentMethods.has(method);
    const path = new URL(request.url).pathname.slice(basePath.length);
    const bucket = budget[bucketForPath(path)];
    const callerSignal = request.signal;
    const template = request.clone();

    for (let retry = 0; ; retry++) {
      if (callerSignal.aborted) throw new HetznerTransportFailure('aborted', !idempotent && retry > 0);
      try {
        await bucket.acquire(clock, sleep, callerSignal);
      } catch (error) {
        throw new HetznerTransportFailure('aborted', !idempotent && retry > 0, error);
      }
      const attemptController = new AbortController();
      const onCallerAbort = (): void => attemptController.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      // The request deadline runs on a real timer: it guards against a hung connection, which takes real time
      // even when a benchmark scales the clock of backoff and polling.
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attemptController.abort(new Error('request deadline passed'));
      }, options.requestTimeoutMs);
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        const attempt = new Request(template.clone(), { signal: attemptController.signal });
        response = await Promise.race([
          options.fetch(attempt),
          new Promise<never>((_, reject) => {
            attemptController.signal.addEventListener(
              'abort',
              () => reject(attemptController.signal.reason),
              {
                once: true,
              },
            );
          }),
        ]);
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
        callerSignal.removeEventListener('abort', onCallerAbort);
      }
      bucket.observe(response?.headers ?? null, response?.status ?? null, clock.now());

      if (response === null) {
        const kind: TransportFailureKind = callerSignal.aborted
          ? 'aborted'
          : timedOut
            ? 'timeout'
            : 'network';
        if (kind !== 'aborted' && idempotent && retry < options.retry.maxRetries) {
          await sleep(backoff(retry), callerSignal).catch(() => undefined);
          continue;
        }
        throw new HetznerTransportFailure(kind, !idempotent, failure);
      }
      if (retry < options.retry.maxRetries && (await shouldRetry(response, idempotent))) {
        // Not awaited: some response streams (msw's) settle a cancel only once read.
        void response.body?.cancel().catch(() => undefined);
        try {
          await sleep(backoff(retry), callerSignal);
        } catch (error) {
          throw new HetznerTransportFailure('aborted', false, error);
        }
        continue;
      }
      return response;
    }
  };
}
