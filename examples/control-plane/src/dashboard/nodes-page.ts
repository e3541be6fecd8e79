import type { NodeListQuery, NodeRecord, NodeStatus, ProviderConnectionView } from '@pressluft/core';
import { html } from 'hono/html';
import { type Html, pageLayout, statusBadge } from './page-layout.js';

const statusChoices: readonly NodeStatus[] = [
  'pending',
  'acquiring',
  'provisioning',
  'ready',
  'failed',
  'deleting',
  'deleted',
];

/** What {@link nodesPage} shows. */
export interface NodesPageOptions {
  /** The session's CSRF token. */
  readonly csrfToken: string;
  /** One page of nodes (the server never renders more). */
  readonly nodes: readonly NodeRecord[];
  /** The cursor of the next page, or null on the last page. */
  readonly nextCursor: string | null;
  /** The filters and cursor the page was asked for. */
  readonly query: NodeListQuery;
  /** The node change sequence value read before the page: the live stream starts after it. */
  readonly changeSeq: number;
  /** Every provider connection (for names and the filter). */
  readonly providers: readonly ProviderConnectionView[];
}

/** The query string of the list for these filters (and cursor), as the page and its script use it. */
function listSearch(query: NodeListQuery, cursor?: string | null): string {
  const search = new URLSearchParams();
  if (query.statuses !== undefined) search.set('status', query.statuses.join(','));
  if (query.providerId !== undefined) search.set('provider_id', query.providerId);
  if (query.namePrefix !== undefined) search.set('name_prefix', query.namePrefix);
  if (query.includeDeleted === true) search.set('include_deleted', 'true');
  if (cursor !== undefined && cursor !== null) search.set('cursor', cursor);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The nodes dashboard: one page of nodes (filtered by status, provider and name prefix) whose rows follow
 * the one node change stream live, paging without loading the rest, and the create form with
 * provider-fed pickers. The page works without its script too (the filter form and the paging links are
 * plain GET requests); the script swaps pages in place and applies live changes.
 */
export function nodesPage(options: NodesPageOptions): Html {
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
  const query = options.query;
  const selectedStatus = query.statuses?.length === 1 ? query.statuses[0] : undefined;
  const providerNames = JSON.stringify(
    Object.fromEntries(options.providers.map((provider) => [provider.id, provider.name])),
  );
  const filtered =
    query.statuses !== undefined || query.providerId !== undefined || query.namePrefix !== undefined;
  const list = html`<div class="table-wrap"><table id="nodes-table">
        <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Provider</th>
          <th scope="col">Location</th><th scope="col">Type</th><th scope="col">IPv4</th><th scope="col">Last error</th></tr></thead>
        <tbody>${rows}</tbody>
      </table></div>
      <p class="empty" id="nodes-empty" ${rows.length === 0 ? '' : 'hidden'}>${
        filtered || query.cursor !== undefined ? 'No nodes match.' : 'No nodes yet. Create one below.'
      }</p>
      <nav class="pager" aria-label="Pages of nodes">
        <a id="nodes-first" href="/nodes${listSearch(query)}" ${query.cursor === undefined ? 'hidden' : ''}>First page</a>
        <a id="nodes-next" href="/nodes${listSearch(query, options.nextCursor)}" ${options.nextCursor === null ? 'hidden' : ''}>Next page</a>
      </nav>`;
  const connected = options.providers.filter((provider) => provider.status === 'connected');
  return pageLayout({
    title: 'Nodes',
    current: 'nodes',
    csrfToken: options.csrfToken,
    script: 'nodes.js',
    body: html`<h1>Nodes</h1>
    <section class="card" aria-labelledby="nodes-title" id="nodes-list"
      data-change-seq="${options.changeSeq}" data-providers="${providerNames}"
      data-next-cursor="${options.nextCursor ?? ''}">
      <h2 id="nodes-title">Nodes <span class="live" aria-hidden="true">live</span></h2>
      <form id="nodes-filter" class="form form--inline" method="get" action="/nodes" role="search">
        <div class="field">
          <label for="filter-status">Show status</label>
          <select id="filter-status" name="status">
            <option value="">Any (not deleted)</option>
            ${statusChoices.map(
              (status) =>
                html`<option value="${status}" ${selectedStatus === status ? 'selected' : ''}>${status}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-provider">Show provider</label>
          <select id="filter-provider" name="provider_id">
            <option value="">Any</option>
            ${options.providers.map(
              (provider) =>
                html`<option value="${provider.id}" ${query.providerId === provider.id ? 'selected' : ''}>${provider.name}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-name">Starts with</label>
          <input id="filter-name" name="name_prefix" maxlength="63" spellcheck="false"
            value="${query.namePrefix ?? ''}">
        </div>
        <div class="field">
          <button type="submit" class="button">Filter</button>
        </div>
      </form>
      ${list}
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
      <div id="options-skipped-box" class="hint" hidden>
        <p>The provider left out catalog entries it did not understand:</p>
        <ul id="options-skipped"></ul>
      </div>
      <div id="create-result" role="status" aria-live="polite"></div>`
      }
    </section>`,
  });
}
