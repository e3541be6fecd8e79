import type { ProviderConnectionView, ProviderInfo } from '@pressluft/core';
import { html } from 'hono/html';
import { type Html, pageLayout, statusBadge, timestamp } from './page-layout.js';

/** The providers dashboard: connections with status and guidance, their actions, and the connect form. */
export function providersPage(options: {
  readonly csrfToken: string;
  readonly providers: readonly ProviderConnectionView[];
  readonly types: readonly ProviderInfo[];
}): Html {
  const rows = options.providers.map(
    (provider) => html`<tr data-provider-id="${provider.id}" data-provider-name="${provider.name}">
      <th scope="row">${provider.name}</th>
      <td>${options.types.find((type) => type.type === provider.type)?.displayName ?? provider.type}</td>
      <td>${statusBadge(provider.status)}</td>
      <td class="guidance">${provider.statusGuidance ?? ''}</td>
      <td>${timestamp(provider.checkedAt)}</td>
      <td class="actions">
        <button type="button" class="button button--small" data-action="check">Re-check</button>
        <button type="button" class="button button--small" data-action="rotate">Rotate token</button>
        <button type="button" class="button button--small button--danger" data-action="delete">Delete</button>
      </td>
    </tr>`,
  );
  const typeOptions = options.types.map(
    (type) =>
      html`<option value="${type.type}" data-token-help="${type.tokenHelp}" data-docs-url="${type.docsUrl}">${type.displayName}</option>`,
  );
  return pageLayout({
    title: 'Providers',
    current: 'providers',
    csrfToken: options.csrfToken,
    script: 'providers.js',
    body: html`<h1>Providers</h1>
    <section class="card" aria-labelledby="connections-title">
      <h2 id="connections-title">Connected accounts</h2>
      ${
        rows.length === 0
          ? html`<p class="empty">No provider connected yet. Connect one below to create nodes.</p>`
          : html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th>
          <th scope="col">Guidance</th><th scope="col">Last check</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>`
      }
    </section>
    <section class="card" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect a provider</h2>
      <form id="connect-form" class="form form--grid">
        <div class="field">
          <label for="provider-type">Type</label>
          <select id="provider-type" name="type" required>${typeOptions}</select>
        </div>
        <div class="field">
          <label for="provider-name">Name</label>
          <input id="provider-name" name="name" required maxlength="100" placeholder="production">
        </div>
        <div class="field field--wide">
          <label for="provider-token">API token</label>
          <input id="provider-token" name="token" type="password" required autocomplete="off" spellcheck="false"
            aria-describedby="token-help">
          <p id="token-help" class="hint"></p>
        </div>
        <div class="field field--wide">
          <button type="submit" class="button button--primary">Connect</button>
        </div>
      </form>
      <div id="connect-result" role="status" aria-live="polite"></div>
    </section>
    <dialog id="rotate-dialog" aria-labelledby="rotate-title">
      <form method="dialog" id="rotate-form" class="form">
        <h2 id="rotate-title">Rotate token</h2>
        <p>The new token of <strong data-slot="name"></strong> is checked live before it replaces the old one.</p>
        <label for="rotate-token">New API token</label>
        <input id="rotate-token" name="token" type="password" required autocomplete="off" spellcheck="false">
        <div class="dialog-actions">
          <button type="button" class="button" data-close>Cancel</button>
          <button type="submit" class="button button--primary">Rotate</button>
        </div>
      </form>
    </dialog>
    <dialog id="delete-dialog" aria-labelledby="delete-title">
      <form method="dialog" class="form">
        <h2 id="delete-title">Delete provider?</h2>
        <p>Delete the connection <strong data-slot="name"></strong>? Its token is forgotten. A connection that
          nodes still use cannot be deleted: delete those nodes first.</p>
        <div class="dialog-actions">
          <button type="button" class="button" data-close>Cancel</button>
          <button type="submit" class="button button--danger">Delete</button>
        </div>
      </form>
    </dialog>`,
  });
}
