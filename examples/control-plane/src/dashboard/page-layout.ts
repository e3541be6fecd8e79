import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A rendered piece of HTML (escaped where it interpolates values). */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What a dashboard page passes to {@link pageLayout}. */
export interface PageLayoutOptions {
  /** The page title (also the first heading's text, set by the page). */
  readonly title: string;
  /** The navigation entry to mark as current. */
  readonly current?: 'nodes' | 'providers';
  /** The session's CSRF token, read by the page scripts from a meta tag; absent on the login page. */
  readonly csrfToken?: string;
  /** The page's script module under /assets, if any. */
  readonly script?: string;
  /** The main content. */
  readonly body: Html;
}

/**
 * The frame of every dashboard page: skip link, header with navigation and log-out, main landmark, the
 * page's module script. No inline script or style, so the CSP can forbid both.
 */
export function pageLayout(options: PageLayoutOptions): Html {
  const navLink = (key: 'nodes' | 'providers', label: string) =>
    html`<a href="/${key}" ${options.current === key ? html`aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${options.title} · Pressluft</title>
    ${options.csrfToken === undefined ? '' : html`<meta name="csrf-token" content="${options.csrfToken}">`}
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/assets/styles.css">
    ${options.script === undefined ? '' : html`<script type="module" src="/assets/${options.script}"></script>`}
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href="/nodes"><span class="brand__mark" aria-hidden="true">P</span> Pressluft</a>
        ${
          options.csrfToken === undefined
            ? ''
            : html`<nav aria-label="Main">${navLink('nodes', 'Nodes')} ${navLink('providers', 'Providers')}</nav>
        <p id="runtime-status" class="runtime-status" role="status" hidden></p>
        <form method="post" action="/logout" class="logout">
          <input type="hidden" name="csrf_token" value="${options.csrfToken}">
          <button type="submit" class="button button--quiet">Log out</button>
        </form>`
        }
      </div>
    </header>
    <main id="main" tabindex="-1">
      <div id="flash" class="flash" role="status" aria-live="polite" hidden></div>
      ${options.body}
    </main>
  </body>
</html>`;
}

/** A status badge: the class carries the colour, the text carries the meaning (never colour alone). */
export function statusBadge(status: string, field?: string): Html {
  return html`<span class="badge badge--${status}" ${field === undefined ? '' : html`data-field="${field}"`}>${status.replaceAll('_', ' ')}</span>`;
}

/** A timestamp shown in the reader's locale by the page script, readable without it. */
export function timestamp(ms: number | null): Html {
  if (ms === null) return html`<span class="muted">never</span>`;
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}">${iso.replace('T', ' ').slice(0, 19)} UTC</time>`;
}
