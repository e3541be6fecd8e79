import type { NodeRecord, ProviderConnectionView } from '@pressluft/core';
import { html } from 'hono/html';
import { type Html, pageLayout, statusBadge } from './page-layout.js';

/** The nodes dashboard: every node with live status, and the create form with provider-fed pickers. */
export function nodesPage(options: {
  readonly csrfToken: string;
  readonly nodes: readonly NodeRecord[];
  readonly providers: readonly ProviderConnectionView[];
}): Html {
  const providerName = (id: string) => options.providers.find((provider) => provider.id === id)?.name ?? id;
  const rows = options.nodes.map(
    (node) => html`<tr data-node-id="${node.id}">
      <th scope="row"><a href="/nodes/${node.id}">${node.name}</a></th>
      <td>${statusBadge(node.status, 'status')}</td>
      <td>${providerName(node.providerId)}</td>
      <td>${node.location}</td>
      <td>${node.serverType}</td>
      <td data-field="ipv4">${node.ipv4 ?? '—'}</td>
      <td data-field="error">${node.lastErrorCode === null ? '' : html`<code>${node.lastErrorCode}</code>`}</td>
    </tr>`,
  );
  const connected = options.providers.filter((provider) => provider.status === 'connected');
  return pageLayout({
    title: 'Nodes',
    current: 'nodes',
    csrfToken: options.csrfToken,
    script: 'nodes.js',
    body: html`<h1>Nodes</h1>
    <section class="card" aria-labelledby="nodes-title">
      <h2 id="nodes-title">All nodes <span class="live" aria-hidden="true">live</span></h2>
      ${
        rows.length === 0
          ? html`<p class="empty" id="nodes-empty">No nodes yet. Create one below.</p>`
          : html`<div class="table-wrap"><table id="nodes-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Provider</th>
          <th scope="col">Location</th><th scope="col">Type</th><th scope="col">IPv4</th><th scope="col">Last error</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>`
      }
    </section>
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">Create a node</h2>
      ${
        connected.length === 0
          ? html`<p class="empty">No connected provider. <a href="/providers">Connect a provider</a> first.</p>`
          : html`<form id="create-form" class="form form--grid">
        <div class="field">
          <label for="node-provider">Provider</label>
          <select id="node-provider" name="provider_id" required>
            ${connected.map((provider) => html`<option value="${provider.id}">${provider.name} (${provider.type})</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="node-name">Name</label>
          <input id="node-name" name="name" required maxlength="63" pattern="[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?"
            aria-describedby="name-hint" placeholder="web-1" spellcheck="false">
          <p id="name-hint" class="hint">Lower-case letters, digits and dashes; also the server's name.</p>
        </div>
        <div class="field">
          <label for="node-location">Location</label>
          <select id="node-location" name="location" required disabled><option>Loading…</option></select>
        </div>
        <div class="field">
          <label for="node-server-type">Server type</label>
          <select id="node-server-type" name="server_type" required disabled><option>Loading…</option></select>
        </div>
        <div class="field">
          <label for="node-image">Image</label>
          <select id="node-image" name="image" required disabled><option>Loading…</option></select>
        </div>
        <div class="field field--wide">
          <button type="submit" class="button button--primary">Create node</button>
        </div>
      </form>
      <div id="create-result" role="status" aria-live="polite"></div>`
      }
    </section>`,
  });
}
