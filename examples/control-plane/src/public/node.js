// The node page: the newest job's timeline (steps and Ansible tasks) streamed over Server-Sent Events,
// the node's facts and last error kept current, and retry/delete.
import { api, badge, confirmDialog, element, flash, localizeTimes } from './dashboard.js';

const root = document.getElementById('node');
const nodeId = root.dataset.nodeId;
const jobId = root.dataset.jobId;
const timeline = document.getElementById('timeline');
const streamState = document.getElementById('stream-state');

const provisionSteps = [
  'ensure-ssh-key',
  'create-server',
  'wait-for-actions',
  'fetch-server',
  'wait-for-ssh',
  'provision',
  'readiness',
];
const stepLabels = {
  'ensure-ssh-key': 'Register the SSH key',
  'create-server': 'Create the server',
  'wait-for-actions': 'Wait for the provider',
  'fetch-server': 'Fetch addresses',
  'wait-for-ssh': 'Wait for SSH',
  provision: 'Provision with Ansible',
  readiness: 'Check readiness',
  'delete-server': 'Delete the server',
};
const eventTypes = [
  'job-queued',
  'job-started',
  'step-started',
  'step-succeeded',
  'step-progress',
  'provision-event',
  'job-retry-scheduled',
  'job-released',
  'job-succeeded',
  'job-failed',
  'job-cancelled',
];
const terminal = new Set(['job-succeeded', 'job-failed', 'job-cancelled']);

const steps = new Map();
let currentStep = null;

function stepItem(name) {
  let item = steps.get(name);
  if (item) return item;
  const state = element('span', { class: 'step__state', 'data-state': 'pending' }, 'pending');
  const tasks = element('ol', { class: 'tasks', 'aria-label': `Tasks of ${stepLabels[name] ?? name}` });
  item = element(
    'li',
    { class: 'step', 'data-step': name, 'data-state': 'pending' },
    element(
      'div',
      { class: 'step__head' },
      element('span', { class: 'step__name' }, stepLabels[name] ?? name),
      state,
    ),
    tasks,
  );
  item.stateLabel = state;
  item.tasks = tasks;
  steps.set(name, item);
  timeline.append(item);
  return item;
}

function setStepState(name, state) {
  const item = stepItem(name);
  item.dataset.state = state;
  item.stateLabel.dataset.state = state;
  item.stateLabel.textContent = state;
}

// A resumed job skips steps an earlier attempt finished: once a later step starts, they are done.
function completeEarlierSteps(step) {
  const index = step === null ? provisionSteps.length : provisionSteps.indexOf(step);
  for (const earlier of provisionSteps.slice(0, Math.max(0, index))) {
    const item = steps.get(earlier);
    if (item && item.dataset.state === 'pending') setStepState(earlier, 'done');
  }
}

function note(text, kind = 'info') {
  const time = element('time', { datetime: new Date().toISOString() }, new Date().toLocaleTimeString());
  timeline.append(element('li', { class: `note note--${kind}` }, time, ' ', text));
}

function taskEvent(data) {
  const step = stepItem(currentStep ?? 'provision');
  const tasks = step.tasks;
  if (data.event === 'play-started') {
    tasks.append(element('li', { class: 'task task--play' }, `Play: ${data.name ?? ''}`));
    return;
  }
  if (data.event === 'stats' || data.event === 'playbook-started') return;
  const outcome = data.event.replace('task-', '');
  const existing = [...tasks.querySelectorAll('li.task[data-state="started"]')].find(
    (item) => item.dataset.name === (data.name ?? ''),
  );
  const item =
    existing ??
    element(
      'li',
      { class: 'task', 'data-name': data.name ?? '' },
      element('span', { class: 'task__name' }, data.name ?? data.event),
    );
  item.dataset.state = outcome;
  item.querySelector('.task__outcome')?.remove();
  item.append(
    element(
      'span',
      { class: `task__outcome task__outcome--${outcome}` },
      outcome === 'started' ? '…' : outcome,
    ),
  );
  if (data.message && outcome !== 'started')
    item.append(element('span', { class: 'task__message' }, data.message));
  if (!existing) tasks.append(item);
}

function handle(event) {
  const data = event.data ?? {};
  switch (event.type) {
    case 'job-started':
      note(`Attempt ${data.attempt ?? ''}${data.maxAttempts ? ` of ${data.maxAttempts}` : ''} started.`);
      break;
    case 'step-started':
      currentStep = data.step;
      completeEarlierSteps(data.step);
      setStepState(data.step, 'running');
      break;
    case 'step-succeeded':
      setStepState(data.step, 'done');
      break;
    case 'step-progress':
      if (data.cleanup) note(`Clean-up: ${data.cleanup} (${data.deleted ? 'done' : 'failed'}).`, 'warning');
      break;
    case 'provision-event':
      taskEvent(data);
      break;
    case 'job-retry-scheduled':
      if (currentStep) setStepState(currentStep, 'failed');
      note(
        `Attempt ${data.attempt} failed with ${data.errorCode}: ${data.message ?? ''} Retrying at ${new Date(data.runAt).toLocaleTimeString()}.`,
        'warning',
      );
      break;
    case 'job-released':
      note('The worker stopped; the job was released and resumes on the next start.', 'warning');
      break;
    case 'job-succeeded':
      completeEarlierSteps(null);
      note('Job succeeded.', 'success');
      break;
    case 'job-failed':
      if (currentStep) setStepState(currentStep, 'failed');
      note(`Job failed with ${data.errorCode}: ${data.message ?? ''}`, 'error');
      break;
    case 'job-cancelled':
      note('Job cancelled.', 'warning');
      break;
  }
}

function setText(field, value) {
  for (const target of document.querySelectorAll(`[data-field="${field}"]`))
    target.textContent = value ?? '—';
}

function setBadge(field, status) {
  const current = document.querySelector(`[data-field="${field}"]`);
  if (!current) return;
  const fresh = badge(status);
  fresh.dataset.field = field;
  current.replaceWith(fresh);
}

async function refresh() {
  const [{ node }, job] = await Promise.all([
    api('GET', `/api/nodes/${encodeURIComponent(nodeId)}`),
    jobId ? api('GET', `/api/jobs/${encodeURIComponent(jobId)}`).then((body) => body.job) : null,
  ]);
  setBadge('status', node.status);
  for (const field of ['provider_server_id', 'ipv4', 'ipv6', 'host_key']) setText(field, node[field]);
  setText(
    'ssh_target',
    node.ssh_target ? `${node.ssh_target.user}@${node.ssh_target.host}:${node.ssh_target.port}` : null,
  );
  const panel = document.getElementById('error-panel');
  panel.hidden = node.last_error === null;
  if (node.last_error) {
    setText('error-code', node.last_error.code);
    setText('error-message', node.last_error.message);
    setText('error-guidance', node.last_error.guidance);
  }
  document.getElementById('retry-button').disabled = !['failed', 'ready'].includes(node.status);
  document.getElementById('delete-button').disabled = ['deleting', 'deleted'].includes(node.status);
  if (job) {
    setBadge('job-status', job.status);
    setText('job-attempts', String(job.attempts));
    setText('job-step', job.current_step);
  }
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), 150);
}

function follow() {
  if (!jobId || !timeline) return;
  const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
  streamState.textContent = 'live';
  for (const type of eventTypes) {
    source.addEventListener(type, (message) => {
      handle(JSON.parse(message.data));
      refreshSoon();
      if (terminal.has(type)) {
        source.close();
        streamState.textContent = '';
      }
    });
  }
  source.addEventListener('error', () => {
    streamState.textContent = source.readyState === EventSource.CLOSED ? '' : 'reconnecting';
  });
  source.addEventListener('open', () => {
    streamState.textContent = 'live';
  });
}

if (root.dataset.jobKind === 'node_provision' && timeline) {
  for (const step of provisionSteps) stepItem(step);
}
follow();

document.getElementById('retry-button').addEventListener('click', async (event) => {
  event.target.disabled = true;
  try {
    await api('POST', `/api/nodes/${encodeURIComponent(nodeId)}/retry`);
    flash('Retry started: the new job resumes from the last checkpoint.', 'success', true);
    window.location.reload();
  } catch (error) {
    flash(`${error.code}: ${error.message} ${error.guidance ?? ''}`, 'error');
    event.target.disabled = false;
  }
});

document.getElementById('delete-button').addEventListener('click', async (event) => {
  if (!(await confirmDialog(document.getElementById('delete-dialog')))) return;
  event.target.disabled = true;
  try {
    await api('DELETE', `/api/nodes/${encodeURIComponent(nodeId)}`);
    flash('Deletion started.', 'success', true);
    window.location.reload();
  } catch (error) {
    flash(`${error.code}: ${error.message} ${error.guidance ?? ''}`, 'error');
    event.target.disabled = false;
  }
});
localizeTimes();
