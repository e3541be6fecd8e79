// Shared helpers of the dashboard pages: API calls with the session's CSRF token, flash messages,
// confirmation dialogs, and local time display. Plain ES modules, served as they are.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

/** An API failure, carrying the registry code, message and guidance of the error body. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.message ?? `Request failed with status ${status}`);
    this.status = status;
    this.code = error.code ?? 'INTERNAL';
    this.guidance = error.guidance ?? '';
    this.details = error.details;
  }
}

/** Call the API with the session cookie and CSRF token; resolves to the JSON body (or null for 204). */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    throw new ApiError(401, null);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Build an element: `element('p', { class: 'x' }, 'text', child)`; text is always set as text, never HTML. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A message box for an API error: code, message and what to do. */
export function errorBox(error) {
  return element(
    'div',
    { class: 'alert alert--error', role: 'alert' },
    element('p', {}, element('code', {}, error.code ?? 'INTERNAL'), ' ', error.message),
    error.guidance ? element('p', {}, element('strong', {}, 'What to do: '), error.guidance) : null,
  );
}

/** A status badge like the server renders. */
export function badge(status) {
  return element('span', { class: `badge badge--${status}` }, String(status).replaceAll('_', ' '));
}

/** Show a message now, or after the next page load (`persist`). */
export function flash(message, kind = 'success', persist = false) {
  if (persist) {
    sessionStorage.setItem('pressluft-flash', JSON.stringify({ message, kind }));
    return;
  }
  const box = document.getElementById('flash');
  if (!box) return;
  box.className = `flash flash--${kind}`;
  box.textContent = message;
  box.hidden = false;
}

/** Open a dialog and resolve true when its form is submitted, false when cancelled. */
export function confirmDialog(dialog, slots = {}) {
  for (const [name, value] of Object.entries(slots)) {
    for (const slot of dialog.querySelectorAll(`[data-slot="${name}"]`)) slot.textContent = value;
  }
  return new Promise((resolve) => {
    const form = dialog.querySelector('form');
    const close = dialog.querySelector('[data-close]');
    const onSubmit = () => finish(true);
    const onCancel = () => {
      dialog.close();
      finish(false);
    };
    function finish(result) {
      form.removeEventListener('submit', onSubmit);
      close.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onDismiss);
      resolve(result);
    }
    function onDismiss() {
      finish(false);
    }
    form.addEventListener('submit', onSubmit);
    close.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onDismiss);
    dialog.showModal();
  });
}

/** Render every <time> in the reader's locale, keeping the UTC text as its title. */
export function localizeTimes(root = document) {
  for (const time of root.querySelectorAll('time[datetime]')) {
    const date = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(date.getTime())) continue;
    time.title = time.textContent;
    time.textContent = date.toLocaleString();
  }
}

const pending = sessionStorage.getItem('pressluft-flash');
if (pending) {
  sessionStorage.removeItem('pressluft-flash');
  try {
    const { message, kind } = JSON.parse(pending);
    flash(message, kind);
  } catch {
    // A damaged entry is dropped.
  }
}
localizeTimes();

/**
 * The header's notice of what the control plane is missing (from /api/health): without Ansible, nodes
 * cannot be created, and the notice says what to install. Checked on every page load, so it disappears
 * once the runtime is installed; no restart is needed.
 */
async function showMissingParts() {
  const notice = document.getElementById('runtime-status');
  if (notice === null) return;
  const health = await fetch('/api/health', { headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  const provisioner = health?.parts?.provisioner;
  if (provisioner?.state !== 'missing' && health?.parts?.store?.state !== 'failed') return;
  notice.replaceChildren(
    ...(provisioner?.state === 'missing'
      ? [element('strong', {}, 'Ansible is missing: nodes cannot be created. '), provisioner.guidance ?? '']
      : [element('strong', {}, 'The database is not answering. '), health.parts.store.guidance ?? '']),
  );
  notice.hidden = false;
}

void showMissingParts();
