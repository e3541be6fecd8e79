// The nodes page: one page of nodes kept live by the single node change stream, paging and filtering in
// place (one page per request, never the whole list), and the create form whose pickers follow the
// provider's options.
import { api, badge, element, errorBox, flash } from './dashboard.js';

const section = document.getElementById('nodes-list');
const table = document.getElementById('nodes-table');
const body = table?.querySelector('tbody');
const empty = document.getElementById('nodes-empty');
const firstLink = document.getElementById('nodes-first');
const nextLink = document.getElementById('nodes-next');
const filterForm = document.getElementById('nodes-filter');
const providerNames = JSON.parse(section?.dataset.providers || '{}');
let lastSeq = Number(section?.dataset.changeSeq || 0);
let filters = new URLSearchParams(window.location.search);
filters.delete('cursor');
let unseen = 0;

/** Whether a node belongs in the list under the current filters (the server applies the same rules). */
function matches(node) {
  const statuses = filters.get('status')?.split(',');
  if (
    statuses
      ? !statuses.includes(node.status)
      : node.status === 'deleted' && filters.get('include_deleted') !== 'true'
  ) {
    return false;
  }
  if (filters.get('provider_id') && node.provider_id !== filters.get('provider_id')) return false;
  if (filters.get('name_prefix') && !node.name.startsWith(filters.get('name_prefix'))) return false;
  return true;
}

function renderRow(node) {
  const status = badge(node.status);
  status.dataset.field = 'status';
  return element(
    'tr',
    { 'data-node-id': node.id },
    element(
      'th',
      { scope: 'row' },
      element('a', { href: `/nodes/${encodeURIComponent(node.id)}` }, node.name),
    ),
    element('td', {}, status),
    element('td', {}, providerNames[node.provider_id] ?? node.provider_id),
    element('td', {}, node.location),
    element('td', {}, node.server_type),
    element('td', { 'data-field': 'ipv4' }, node.ipv4 ?? '—'),
    element(
      'td',
      { 'data-field': 'error' },
      node.last_error ? element('code', { title: node.last_error.guidance }, node.last_error.code) : '',
    ),
  );
}

function updateRow(row, node) {
  const status = row.querySelector('[data-field="status"]');
  if (status && status.textContent !== node.status.replaceAll('_', ' ')) {
    const fresh = badge(node.status);
    fresh.dataset.field = 'status';
    status.replaceWith(fresh);
  }
  row.querySelector('[data-field="ipv4"]').textContent = node.ipv4 ?? '—';
  row
    .querySelector('[data-field="error"]')
    .replaceChildren(
      node.last_error ? element('code', { title: node.last_error.guidance }, node.last_error.code) : '',
    );
  // A node that no longer fits the filter stays until the next page load, marked, so rows do not jump.
  row.classList.toggle('row--stale', !matches(node));
}

function announceUnseen() {
  if (unseen === 0) return;
  const link = element(
    'a',
    { href: `/nodes${filters.size > 0 ? `?${filters}` : ''}` },
    'show from the start',
  );
  const note = element(
    'span',
    {},
    `${unseen} node${unseen === 1 ? '' : 's'} changed or added outside this page: `,
    link,
    '.',
  );
  const box = document.getElementById('flash');
  box.className = 'flash';
  box.replaceChildren(note);
  box.hidden = false;
}

function applyChange(node) {
  const row = body?.querySelector(`tr[data-node-id="${CSS.escape(node.id)}"]`);
  if (row) {
    if (node.status === 'deleted' && !matches(node)) row.remove();
    else updateRow(row, node);
  } else if (matches(node)) {
    unseen++;
    announceUnseen();
  }
}

/** Show one page from the API in place of the current one. */
async function showPage(search, push) {
  const page = await api('GET', `/api/nodes${search}`);
  body.replaceChildren(...page.nodes.map(renderRow));
  empty.hidden = page.nodes.length > 0;
  const params = new URLSearchParams(search);
  const cursor = params.get('cursor');
  params.delete('cursor');
  filters = params;
  firstLink.hidden = cursor === null;
  firstLink.href = `/nodes${params.size > 0 ? `?${params}` : ''}`;
  nextLink.hidden = page.next_cursor === null;
  if (page.next_cursor !== null) {
    const next = new URLSearchParams(params);
    next.set('cursor', page.next_cursor);
    nextLink.href = `/nodes?${next}`;
  }
  unseen = 0;
  document.getElementById('flash').hidden = true;
  if (push) window.history.pushState(null, '', `/nodes${search}`);
}

function searchOf(href) {
  return new URL(href, window.location.href).search;
}

for (const link of [firstLink, nextLink]) {
  link?.addEventListener('click', (event) => {
    event.preventDefault();
    showPage(searchOf(link.href), true).catch((error) => flash(error.message, 'error'));
  });
}

filterForm?.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(filterForm))
    if (String(value).trim() !== '') params.set(name, String(value).trim());
  const search = params.size > 0 ? `?${params}` : '';
  showPage(search, true).catch((error) => flash(error.message, 'error'));
});

window.addEventListener('popstate', () => {
  showPage(window.location.search, false).catch(() => window.location.reload());
});

// One stream for every node. EventSource sends Last-Event-ID by itself when it reconnects; the first
// connection starts after the sequence value the server rendered the page at.
if (section && body) {
  const stream = new EventSource(`/api/nodes/changes?after_seq=${lastSeq}`);
  stream.addEventListener('node-changed', (event) => {
    lastSeq = Math.max(lastSeq, Number(event.lastEventId));
    applyChange(JSON.parse(event.data));
  });
  stream.addEventListener('open', () => section.setAttribute('data-live', 'open'));
  stream.addEventListener('error', () => section.setAttribute('data-live', 'reconnecting'));
  window.addEventListener('pagehide', () => stream.close());
}

const form = document.getElementById('create-form');
const providerSelect = document.getElementById('node-provider');
const locationSelect = document.getElementById('node-location');
const serverTypeSelect = document.getElementById('node-server-type');
const imageSelect = document.getElementById('node-image');
const result = document.getElementById('create-result');
let options = { locations: [], server_types: [], images: [] };

function fill(select, items, describe, preferred) {
  const previous = select.value;
  select.replaceChildren(...items.map((item) => element('option', { value: item.name }, describe(item))));
  const keep = items.find((item) => item.name === previous) ?? items.find((item) => item.name === preferred);
  if (keep) select.value = keep.name;
  select.disabled = items.length === 0;
  if (items.length === 0) select.replaceChildren(element('option', { value: '' }, 'None available'));
}

function price(serverType, location) {
  const entry = serverType.prices.find((item) => item.location === location);
  if (!entry) return '';
  const monthly = Number(entry.monthly_gross).toFixed(2);
  const hourly = Number(entry.hourly_gross).toFixed(4);
  return ` · ${monthly} ${entry.currency}/month (${hourly}/hour, gross)`;
}

function deprecation(serverType, location) {
  const entry = (serverType.deprecations ?? []).find((item) => item.location === location);
  if (!entry) return '';
  return entry.unavailable_after
    ? ` · deprecated, orderable until ${entry.unavailable_after.slice(0, 10)}`
    : ' · deprecated';
}

function showSkipped(skipped) {
  const box = document.getElementById('options-skipped-box');
  const list = document.getElementById('options-skipped');
  if (!box || !list) return;
  list.replaceChildren(
    ...(skipped ?? []).map((entry) => element('li', {}, `${entry.name}: ${entry.reason}`)),
  );
  box.hidden = !skipped || skipped.length === 0;
}

function updatePickers() {
  const location = locationSelect.value;
  const types = options.server_types.filter((type) => type.available_in.includes(location));
  fill(
    serverTypeSelect,
    types,
    (type) =>
      `${type.name} — ${type.cores} vCPU, ${type.memory_gb} GB RAM, ${type.disk_gb} GB${price(type, location)}${deprecation(type, location)}`,
  );
  const chosen = types.find((type) => type.name === serverTypeSelect.value);
  const images = options.images.filter((image) => !chosen || image.architecture === chosen.architecture);
  fill(imageSelect, images, (image) => image.description || image.name, 'ubuntu-24.04');
}

async function loadOptions() {
  for (const select of [locationSelect, serverTypeSelect, imageSelect]) {
    select.disabled = true;
    select.replaceChildren(element('option', {}, 'Loading…'));
  }
  result.replaceChildren();
  try {
    options = await api('GET', `/api/providers/${encodeURIComponent(providerSelect.value)}/options`);
    showSkipped(options.skipped);
    fill(
      locationSelect,
      options.locations,
      (location) => `${location.name} — ${location.city}, ${location.country}`,
    );
    updatePickers();
  } catch (error) {
    result.replaceChildren(errorBox(error));
  }
}

if (form) {
  providerSelect.addEventListener('change', loadOptions);
  locationSelect.addEventListener('change', updatePickers);
  serverTypeSelect.addEventListener('change', updatePickers);
  loadOptions();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    result.replaceChildren();
    try {
      const created = await api('POST', '/api/nodes', {
        provider_id: data.get('provider_id'),
        name: String(data.get('name') ?? '').trim(),
        location: data.get('location'),
        server_type: data.get('server_type'),
        image: data.get('image'),
      });
      flash(`Node ${created.node.name} created; provisioning has started.`, 'success', true);
      window.location.assign(`/nodes/${encodeURIComponent(created.node.id)}`);
    } catch (error) {
      result.replaceChildren(errorBox(error));
      button.disabled = false;
    }
  });
}
