import { readFile } from 'node:fs/promises';
import type { ControlPlane, Logger, PressluftError } from '@pressluft/core';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnvironment } from '../app.js';
import { type OperatorAuth, SESSION_COOKIE } from '../auth/operator-auth.js';
import { apiError } from '../http/error-response.js';
import { readNodeListQuery } from '../http/list-routes.js';
import { loginPage } from './login-page.js';
import { nodePage } from './node-page.js';
import { nodesPage } from './nodes-page.js';
import { providersPage } from './providers-page.js';

const assetsDirectory = new URL('../public/', import.meta.url);

/**
 * The static files the pages load; anything else under /assets is a 404. Looked up with
 * `Object.hasOwn`, so `__proto__` or `constructor` never reach an inherited property.
 */
const assets: Readonly<Record<string, string>> = {
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'providers.js': 'text/javascript; charset=utf-8',
  'nodes.js': 'text/javascript; charset=utf-8',
  'node.js': 'text/javascript; charset=utf-8',
};

const sessionMaxAgeSeconds = 12 * 60 * 60;

/** A path inside the dashboard to return to after logging in; anything else (other hosts, `//x`) is refused. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/]*$/.test(value) ? value : '/nodes';
}

/** What {@link registerDashboard} takes. */
export interface DashboardOptions {
  readonly controlPlane: ControlPlane;
  readonly auth: OperatorAuth;
  readonly logger: Logger;
  /** The app's error answer (standard error body, logged). */
  readonly fail: (context: Context, error: PressluftError) => Response;
  /** A 429 answer while the client address must wait after failed attempts, else null. */
  readonly throttled: (context: Context) => Response | null;
  /** Count a failed login (backoff and audit line). */
  readonly failedLogin: (context: Context) => void;
  /** Forget the client address's failures after a login with the right token. */
  readonly succeededLogin: (context: Context) => void;
}

type FormFields = Readonly<Record<string, unknown>>;

/**
 * Read a form body (urlencoded or multipart); a body that cannot be parsed (malformed multipart, a
 * missing boundary, another content type) is `400 VALIDATION_FAILED`, not an exception.
 */
async function readForm(context: Context): Promise<FormFields | PressluftError> {
  const contentType = context.req.header('content-type') ?? '';
  if (!/^(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    return apiError(
      'VALIDATION_FAILED',
      'The form must be sent as application/x-www-form-urlencoded or multipart/form-data.',
    );
  }
  try {
    return (await context.req.parseBody()) as FormFields;
  } catch {
    return apiError('VALIDATION_FAILED', 'The form body could not be parsed.');
  }
}

/**
 * The dashboards: server-rendered pages (`/providers`, `/nodes`, `/nodes/{id}`), the login form, and the
 * small script modules under `/assets` that drive the API from them. Nothing is built: the assets are
 * read from `src/public` as they are.
 */
export function registerDashboard(app: Hono<AppEnvironment>, options: DashboardOptions): void {
  const { controlPlane, auth, logger, fail } = options;

  const session = (context: Context) => {
    const identity = auth.identify(context);
    return identity.kind === 'session' ? identity : null;
  };
  const toLogin = (context: Context) =>
    context.redirect(`/login?next=${encodeURIComponent(context.req.path)}`, 303);
  const html = async (context: Context, page: ReturnType<typeof loginPage>, status: 200 | 401 | 403 = 200) =>
    context.html(await page, status);
  const failure = (context: Context, message: string) => {
    logger.error('dashboard page failed', { path: context.req.path, message });
    return context.text(`The page could not be loaded: ${message}`, 500);
  };

  app.get('/assets/:file', async (context) => {
    const file = context.req.param('file');
    if (!Object.hasOwn(assets, file)) return context.text('Not found', 404);
    const contentType = assets[file] as string;
    const body = await readFile(new URL(file, assetsDirectory), 'utf8');
    return context.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache' });
  });

  app.get('/', (context) => context.redirect('/nodes', 303));

  app.get('/login', (context) => {
    if (session(context) !== null) return context.redirect('/nodes', 303);
    return html(context, loginPage({ next: safeNext(context.req.query('next')) }));
  });
  app.post('/login', async (context) => {
    if (!auth.originMatches(context)) return context.text('Forbidden: the Origin does not match.', 403);
    const refusal = options.throttled(context);
    if (refusal !== null) return refusal;
    const form = await readForm(context);
    if (form instanceof Error) return fail(context, form);
    const next = safeNext(form['next']);
    const token = typeof form['token'] === 'string' ? form['token'].trim() : '';
    const started = auth.login(token);
    if (started === null) {
      options.failedLogin(context);
      return html(context, loginPage({ next, error: 'That is not the operator token.' }), 401);
    }
    options.succeededLogin(context);
    setCookie(context, SESSION_COOKIE, started.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(context.req.url).protocol === 'https:',
      maxAge: sessionMaxAgeSeconds,
    });
    logger.info('dashboard login', {});
    return context.redirect(next, 303);
  });
  app.post('/logout', async (context) => {
    const current = session(context);
    if (current !== null) {
      const form = await readForm(context);
      if (form instanceof Error) return fail(context, form);
      const csrfOk = form['csrf_token'] === current.session.csrfToken;
      if (!csrfOk && !(context.req.header('origin') !== undefined && auth.originMatches(context))) {
        return context.text('Forbidden: missing CSRF token.', 403);
      }
      auth.logout(current.sessionId);
    }
    deleteCookie(context, SESSION_COOKIE, { path: '/' });
    return context.redirect('/login', 303);
  });

  app.get('/providers', async (context) => {
    const current = session(context);
    if (current === null) return toLogin(context);
    const providers = await controlPlane.providers.list();
    if (providers.isErr()) return failure(context, providers.error.message);
    return html(
      context,
      providersPage({
        csrfToken: current.session.csrfToken,
        providers: providers.value,
        types: controlPlane.providers.types(),
      }),
    );
  });

  app.get('/nodes', async (context) => {
    const current = session(context);
    if (current === null) return toLogin(context);
    const query = readNodeListQuery(context);
    if (query.isErr()) return context.text(query.error.message, 400);
    // The sequence value before the page: a change in between is sent again by the stream, never lost.
    const changeSeq = await controlPlane.nodes.changeSeq();
    if (changeSeq.isErr()) return failure(context, changeSeq.error.message);
    const [page, providers] = await Promise.all([
      controlPlane.nodes.page(query.value),
      controlPlane.providers.list(),
    ]);
    if (page.isErr()) {
      if (page.error.code === 'VALIDATION_FAILED') return context.text(page.error.message, 400);
      return failure(context, page.error.message);
    }
    if (providers.isErr()) return failure(context, providers.error.message);
    return html(
      context,
      nodesPage({
        csrfToken: current.session.csrfToken,
        nodes: page.value.items,
        nextCursor: page.value.nextCursor,
        query: query.value,
        changeSeq: changeSeq.value,
        providers: providers.value,
      }),
    );
  });

  app.get('/nodes/:id', async (context) => {
    const current = session(context);
    if (current === null) return toLogin(context);
    const node = await controlPlane.nodes.get(context.req.param('id'));
    if (node.isErr()) {
      if (node.error.code === 'NOT_FOUND') return context.text('No such node.', 404);
      return failure(context, node.error.message);
    }
    const [provider, jobs] = await Promise.all([
      controlPlane.providers.get(node.value.providerId),
      controlPlane.nodes.jobs(node.value.id),
    ]);
    if (jobs.isErr()) return failure(context, jobs.error.message);
    return html(
      context,
      nodePage({
        csrfToken: current.session.csrfToken,
        node: node.value,
        provider: provider.isOk() ? provider.value : null,
        jobs: jobs.value,
      }),
    );
  });
}
