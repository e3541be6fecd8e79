import type { ControlPlane, Logger, PressluftError, Redactor } from '@pressluft/core';
import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { ResultAsync } from 'neverthrow';
import { type AttemptThrottle, createAttemptThrottle } from './auth/attempt-throttle.js';
import type { OperatorAuth, RequestIdentity } from './auth/operator-auth.js';
import { registerDashboard } from './dashboard/dashboard-routes.js';
import { accessLog, clientAddress } from './http/access-log.js';
import { requestBodyLimit } from './http/body-limit.js';
import { apiError, respondWithError } from './http/error-response.js';
import { healthReport } from './http/health.js';
import { streamJobEvents } from './http/job-event-stream.js';
import { registerListRoutes } from './http/list-routes.js';
import { readJsonBody } from './http/read-json-body.js';
import { requestSchemas } from './http/request-schemas.js';
import { securityHeaders } from './http/security-headers.js';
import { wireFormat } from './http/wire-format.js';

/** What {@link createApp} takes. */
export interface AppOptions {
  /** The control plane the API and dashboards drive. */
  readonly controlPlane: ControlPlane;
  /** Operator authentication (token and sessions). */
  readonly auth: OperatorAuth;
  /** Where request and error lines go. */
  readonly logger: Logger;
  /** Scrubs secrets from error bodies and job events before they leave. */
  readonly redactor: Redactor;
  /** The largest request body in bytes. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** How often an idle event stream gets a keep-alive comment. Default 15 s. */
  readonly keepAliveMs?: number;
  /** Requests slower than this are logged at warn, the rest of the access log at debug. Default 1 s. */
  readonly slowRequestMs?: number;
  /** Backoff for wrong Bearer tokens and failed logins per client address. Default: 5 free failures, then 1 s doubling. */
  readonly throttle?: AttemptThrottle;
}

/** The variables a request carries through the middleware. */
export interface AppEnvironment {
  Variables: { identity: RequestIdentity; requestId: string };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const finishedJobStatuses: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * The HTTP application: the JSON API under `/api` (contract: `contracts/openapi.yaml`) and the
 * dashboards, over any {@link ControlPlane}. It does not listen; {@link startServer} or a test does.
 */
export function createApp(options: AppOptions): Hono<AppEnvironment> {
  const { controlPlane, auth, logger, redactor } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const throttle = options.throttle ?? createAttemptThrottle();
  const app = new Hono<AppEnvironment>();

  const fail = (context: Context, error: PressluftError | unknown): Response => {
    const response = respondWithError(context, error, redactor);
    const fields = {
      request_id: context.get('requestId') ?? null,
      method: context.req.method,
      path: context.req.path,
      status: response.status,
    };
    const code = (error as PressluftError).code ?? 'INTERNAL';
    if (response.status >= 500) {
      logger.error('request failed', { ...fields, code, message: (error as Error).message ?? String(error) });
    } else {
      logger.debug('request refused', { ...fields, code });
    }
    return response;
  };
  const answer = async <T>(
    context: Context,
    result: ResultAsync<T, PressluftError>,
    onOk: (value: T) => Response,
  ): Promise<Response> => {
    const outcome = await result;
    return outcome.isOk() ? onOk(outcome.value) : fail(context, outcome.error);
  };

  /** 429 while the client address waits after failed attempts (every attempt, so it reveals nothing). */
  const throttled = (context: Context): Response | null => {
    const { retryAfterSeconds, failures } = throttle.check(clientAddress(context));
    if (retryAfterSeconds === 0) return null;
    const response = fail(
      context,
      apiError(
        'VALIDATION_TOO_MANY_ATTEMPTS',
        `Too many failed attempts from this address; try again in ${retryAfterSeconds} s.`,
        { retry_after_seconds: retryAfterSeconds, failures },
      ),
    );
    response.headers.set('Retry-After', String(retryAfterSeconds));
    return response;
  };
  /** Count a failed attempt and write the audit line (never the presented token). */
  const failedAttempt = (context: Context, kind: 'bearer' | 'login'): void => {
    const address = clientAddress(context);
    const after = throttle.fail(address);
    logger.warn(kind === 'login' ? 'audit: dashboard login failed' : 'audit: wrong operator token', {
      request_id: context.get('requestId'),
      client: address,
      path: context.req.path,
      failures: after.failures,
      retry_after_seconds: after.retryAfterSeconds,
    });
  };

  app.use('*', requestId({ limitLength: 64 }));
  app.use('*', accessLog({ logger, slowRequestMs: options.slowRequestMs ?? 1_000 }));
  app.use('*', securityHeaders());
  app.onError((error, context) => fail(context, error));
  // Every route, dashboard forms included: counted while the body streams in, before anything parses it.
  app.use('*', requestBodyLimit({ maxBytes: maxBodyBytes, fail }));

  // ── API ──────────────────────────────────────────────────────────────────────────────────────────
  app.get('/api/health', async (context) => context.json(await healthReport(controlPlane)));

  app.use('/api/*', async (context, next) => {
    const hasBearer = context.req.header('authorization') !== undefined;
    if (hasBearer) {
      const refusal = throttled(context);
      if (refusal !== null) return refusal;
    }
    const identity = auth.identify(context);
    if (identity.kind === 'anonymous') {
      if (hasBearer) failedAttempt(context, 'bearer');
      const message =
        identity.reason === 'missing'
          ? 'The request carries no operator token or session.'
          : 'The operator token or session is not valid.';
      return fail(context, apiError('UNAUTHORIZED', message));
    }
    if (unsafeMethods.has(context.req.method)) {
      const refusal = auth.checkChange(context, identity);
      if (refusal !== null) {
        const message =
          refusal === 'origin-mismatch'
            ? 'The Origin or Host header is not an origin of this server (loopback, or PRESSLUFT_PUBLIC_ORIGIN).'
            : 'A cookie-authenticated change needs the X-CSRF-Token header of the session.';
        return fail(context, apiError('FORBIDDEN', message));
      }
    }
    if (hasBearer) throttle.succeed(clientAddress(context));
    context.set('identity', identity);
    await next();
  });

  app.get('/api/provider-types', (context) =>
    context.json({ provider_types: controlPlane.providers.types().map(wireFormat.providerType) }),
  );

  app.get('/api/providers', (context) =>
    answer(context, controlPlane.providers.list(), (providers) =>
      context.json({ providers: providers.map(wireFormat.provider) }),
    ),
  );
  app.post('/api/providers', async (context) => {
    const body = await readJsonBody(context, requestSchemas.connectProvider);
    if (body.isErr()) return fail(context, body.error);
    redactor.add(body.value.token);
    return answer(context, controlPlane.providers.connect(body.value), (checked) =>
      context.json(wireFormat.checkedProvider(checked), 201),
    );
  });
  app.get('/api/providers/:id', (context) =>
    answer(context, controlPlane.providers.get(context.req.param('id')), (provider) =>
      context.json({ provider: wireFormat.provider(provider) }),
    ),
  );
  app.delete('/api/providers/:id', (context) =>
    answer(context, controlPlane.providers.delete(context.req.param('id')), () => context.body(null, 204)),
  );
  app.post('/api/providers/:id/check', (context) =>
    answer(context, controlPlane.providers.check(context.req.param('id')), (checked) =>
      context.json(wireFormat.checkedProvider(checked)),
    ),
  );
  app.put('/api/providers/:id/token', async (context) => {
    const body = await readJsonBody(context, requestSchemas.rotateToken);
    if (body.isErr()) return fail(context, body.error);
    redactor.add(body.value.token);
    return answer(
      context,
      controlPlane.providers.rotateToken(context.req.param('id'), body.value.token),
      (checked) => context.json(wireFormat.checkedProvider(checked)),
    );
  });
  app.get('/api/providers/:id/options', (context) =>
    answer(context, controlPlane.providers.catalog(context.req.param('id')), (catalog) =>
      context.json(wireFormat.providerOptions(catalog)),
    ),
  );

  // Every list route, before /api/nodes/:id so that /api/nodes/changes is not read as a node id.
  registerListRoutes(app, { controlPlane, redactor, keepAliveMs, fail });
  app.post('/api/nodes', async (context) => {
    const body = await readJsonBody(context, requestSchemas.createNode);
    if (body.isErr()) return fail(context, body.error);
    const input = body.value;
    return answer(
      context,
      controlPlane.nodes.create({
        providerId: input.provider_id,
        name: input.name,
        location: input.location,
        serverType: input.server_type,
        ...(input.image === undefined ? {} : { image: input.image }),
      }),
      (created) =>
        context.json({ node: wireFormat.node(created.node), job: wireFormat.job(created.job) }, 202),
    );
  });
  app.get('/api/nodes/:id', (context) =>
    answer(context, controlPlane.nodes.get(context.req.param('id')), (node) =>
      context.json({ node: wireFormat.node(node) }),
    ),
  );
  app.delete('/api/nodes/:id', (context) =>
    answer(context, controlPlane.nodes.delete(context.req.param('id')), (deleted) =>
      context.json({ node: wireFormat.node(deleted.node), job: wireFormat.job(deleted.job) }, 202),
    ),
  );
  app.post('/api/nodes/:id/retry', (context) =>
    answer(context, controlPlane.nodes.retry(context.req.param('id')), (retried) =>
      context.json({ node: wireFormat.node(retried.node), job: wireFormat.job(retried.job) }, 202),
    ),
  );

  app.get('/api/jobs/:id', (context) =>
    answer(context, controlPlane.jobs.get(context.req.param('id')), (job) =>
      context.json({ job: wireFormat.job(job) }),
    ),
  );
  app.post('/api/jobs/:id/cancel', (context) =>
    answer(context, controlPlane.jobs.cancel(context.req.param('id')), (job) =>
      context.json({ job: wireFormat.job(job) }),
    ),
  );
  app.get('/api/jobs/:id/events', async (context) => {
    const jobId = context.req.param('id');
    const resumeFrom = context.req.header('last-event-id') ?? context.req.query('after_seq') ?? '0';
    if (!/^\d{1,15}$/.test(resumeFrom)) {
      return fail(
        context,
        apiError('VALIDATION_FAILED', 'after_seq and Last-Event-ID must be a non-negative integer.', {
          issues: [{ path: 'after_seq', message: 'must be a non-negative integer' }],
        }),
      );
    }
    const afterSeq = Number(resumeFrom);
    const job = await controlPlane.jobs.get(jobId);
    if (job.isErr()) return fail(context, job.error);
    const wantsStream = (context.req.header('accept') ?? '').includes('text/event-stream');
    const events = await controlPlane.jobs.events(jobId, { afterSeq });
    if (events.isErr()) return fail(context, events.error);
    if (!wantsStream) {
      return context.json({
        events: events.value.map((event) => redactor.redactValue(wireFormat.jobEvent(event))),
      });
    }
    const finished = finishedJobStatuses.has(job.value.status);
    // A finished job with nothing after afterSeq has nothing to send: 204 stops an EventSource reconnecting.
    if (finished && events.value.length === 0) return context.body(null, 204);
    return streamJobEvents(context, { controlPlane, redactor, jobId, afterSeq, keepAliveMs });
  });

  app.all('/api/*', (context) =>
    fail(context, apiError('NOT_FOUND', `No API route ${context.req.method} ${context.req.path}.`)),
  );

  // ── dashboards ───────────────────────────────────────────────────────────────────────────────────
  registerDashboard(app, {
    controlPlane,
    auth,
    logger,
    fail,
    throttled,
    failedLogin: (context) => failedAttempt(context, 'login'),
    succeededLogin: (context) => throttle.succeed(clientAddress(context)),
  });

  app.notFound((context) => {
    if (context.req.path.startsWith('/api/')) {
      return fail(context, apiError('NOT_FOUND', `No API route ${context.req.method} ${context.req.path}.`));
    }
    return context.text('Not found', 404);
  });
  return app;
}
