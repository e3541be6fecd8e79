// The nodes page: live status of every node, and the create form whose pickers follow the provider's options.
import { api, badge, element, errorBox, flash } from './dashboard.js';

const table = document.getElementById('nodes-table');

async function refresh() {
  const { nodes } = await api('GET', '/api/nodes');
  const current = new Set(nodes.map((node) => node.id));
  // Deleted nodes leave the list; new ones (created elsewhere) are announced rather than reloading the
  // page under a half-filled form.
  for (const row of document.querySelectorAll('tr[data-node-id]')) {
    if (!current.has(row.dataset.nodeId)) row.remove();
  }
  const shown = new Set([...document.querySelectorAll('tr[data-node-id]')].map((row) => row.dataset.nodeId));
  const added = nodes.filter((node) => !shown.has(node.id)).length;
  if (added > 0) {
    const link = element('a', { href: '/nodes' }, 'reload');
    const note = element('span', {}, `${added} new node${added === 1 ? '' : 's'}: `, link, '.');
    const box = document.getElementById('flash');
    box.className = 'flash';
    box.replaceChildren(note);
    box.hidden = false;
  }
  for (const node of nodes) {
    const row = table?.querySelector(`tr[data-node-id="${CSS.escape(node.id)}"]`);
    if (!row) continue;
    const status = row.querySelector('[data-field="status"]');
    if (status && status.textContent !== node.status.replaceAll('_', ' ')) {
      const fresh = badge(node.status);
      fresh.dataset.field = 'status';
      status.replaceWith(fresh);
    }
    row.querySelector('[data-field="ipv4"]').textContent = node.ipv4 ?? '—';
    const error = row.querySelector('[data-field="error"]');
    error.replaceChildren(
      node.last_error ? element('code', { title: node.last_error.guidance }, node.last_error.code) : '',
    );
  }
}

async function poll() {
  try {
    await refresh();
  } catch {
    // A missed refresh is retried on the next tick.
  }
  setTimeout(poll, 2000);
}
setTimeout(poll, 2000);

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
  return entry ? ` · ${Number(entry.monthly_gross).toFixed(2)} ${entry.currency}/month` : '';
}

function updatePickers() {
  const location = locationSelect.value;
  const types = options.server_types.filter((type) => type.available_in.includes(location));
  fill(
    serverTypeSelect,
    types,
    (type) =>
      `${type.name} — ${type.cores} vCPU, ${type.memory_gb} GB RAM, ${type.disk_gb} GB${price(type, location)}`,
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
