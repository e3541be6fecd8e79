import { html } from 'hono/html';
import { type Html, pageLayout } from './page-layout.js';

/** The login form: the operator token, exchanged for a session cookie. */
export function loginPage(options: { readonly error?: string; readonly next: string }): Html {
  return pageLayout({
    title: 'Log in',
    body: html`<section class="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      <p class="muted">Enter the operator token: <code>PRESSLUFT_ADMIN_TOKEN</code>, or the token the server
        printed on its first start.</p>
      ${options.error === undefined ? '' : html`<p class="alert alert--error" role="alert">${options.error}</p>`}
      <form method="post" action="/login" class="form">
        <input type="hidden" name="next" value="${options.next}">
        <input type="text" name="username" value="operator" autocomplete="username" hidden>
        <label for="token">Operator token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus
          spellcheck="false">
        <button type="submit" class="button button--primary">Log in</button>
      </form>
    </section>`,
  });
}
