// The providers page: connect, re-check, rotate and delete provider connections.
import { api, confirmDialog, element, errorBox, flash } from './dashboard.js';

const typeSelect = document.getElementById('provider-type');
const tokenHelp = document.getElementById('token-help');

function showTokenHelp() {
  const option = typeSelect?.selectedOptions[0];
  if (!option || !tokenHelp) return;
  tokenHelp.replaceChildren(
    option.dataset.tokenHelp ?? '',
    ' ',
    element('a', { href: option.dataset.docsUrl, target: '_blank', rel: 'noopener noreferrer' }, 'API docs'),
  );
}
typeSelect?.addEventListener('change', showTokenHelp);
showTokenHelp();

function checkMessage(checked) {
  const { provider, check } = checked;
  return `${provider.name}: ${check.status.replaceAll('_', ' ')}. ${check.guidance}`;
}

const connectForm = document.getElementById('connect-form');
const connectResult = document.getElementById('connect-result');
connectForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(connectForm);
  const button = connectForm.querySelector('button[type="submit"]');
  button.disabled = true;
  button.textContent = 'Checking token…';
  connectResult.replaceChildren();
  try {
    const checked = await api('POST', '/api/providers', {
      type: data.get('type'),
      name: String(data.get('name') ?? '').trim(),
      token: String(data.get('token') ?? '').trim(),
    });
    flash(checkMessage(checked), checked.check.status === 'connected' ? 'success' : 'warning', true);
    window.location.reload();
  } catch (error) {
    connectResult.replaceChildren(errorBox(error));
    button.disabled = false;
    button.textContent = 'Connect';
  }
});

const rotateDialog = document.getElementById('rotate-dialog');
const deleteDialog = document.getElementById('delete-dialog');

async function rotate(row) {
  const form = document.getElementById('rotate-form');
  const input = document.getElementById('rotate-token');
  input.value = '';
  const confirmed = await confirmDialog(rotateDialog, { name: row.dataset.providerName });
  const token = input.value.trim();
  input.value = '';
  if (!confirmed || token === '') return;
  const checked = await api('PUT', `/api/providers/${encodeURIComponent(row.dataset.providerId)}/token`, {
    token,
  });
  form.reset();
  flash(checkMessage(checked), checked.check.status === 'connected' ? 'success' : 'warning', true);
  window.location.reload();
}

async function act(row, action) {
  const id = encodeURIComponent(row.dataset.providerId);
  if (action === 'check') {
    const checked = await api('POST', `/api/providers/${id}/check`);
    flash(checkMessage(checked), checked.check.status === 'connected' ? 'success' : 'warning', true);
    window.location.reload();
  } else if (action === 'rotate') {
    await rotate(row);
  } else if (action === 'delete') {
    if (!(await confirmDialog(deleteDialog, { name: row.dataset.providerName }))) return;
    await api('DELETE', `/api/providers/${id}`);
    flash(`Deleted ${row.dataset.providerName}.`, 'success', true);
    window.location.reload();
  }
}

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  const row = button?.closest('tr[data-provider-id]');
  if (!button || !row) return;
  button.disabled = true;
  try {
    await act(row, button.dataset.action);
  } catch (error) {
    flash(`${error.code}: ${error.message} ${error.guidance ?? ''}`, 'error');
  } finally {
    button.disabled = false;
  }
});
