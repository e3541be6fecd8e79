import type { JobView, NodeRecord, ProviderConnectionView } from '@pressluft/core';
import { describeErrorCode } from '@pressluft/core';
import { html } from 'hono/html';
import { type Html, pageLayout, statusBadge, timestamp } from './page-layout.js';

/**
 * One node: its facts, its last error with guidance, retry and delete, and the timeline of its newest job
 * (steps and Ansible tasks), which the page script streams live over Server-Sent Events.
 */
export function nodePage(options: {
  readonly csrfToken: string;
  readonly node: NodeRecord;
  readonly provider: ProviderConnectionView | null;
  readonly jobs: readonly JobView[];
}): Html {
  const { node } = options;
  const latest = options.jobs[0];
  const fact = (label: string, field: string, value: string | null) =>
    html`<div><dt>${label}</dt><dd data-field="${field}">${value ?? '—'}</dd></div>`;
  const error = node.lastErrorCode;
  const earlier = options.jobs.slice(1);
  return pageLayout({
    title: node.name,
    current: 'nodes',
    csrfToken: options.csrfToken,
    script: 'node.js',
    body: html`<nav aria-label="Breadcrumb" class="breadcrumb"><a href="/nodes">Nodes</a> / <span>${node.name}</span></nav>
    <div id="node" data-node-id="${node.id}" data-job-id="${latest?.id ?? ''}" data-job-kind="${latest?.kind ?? ''}">
      <div class="title-row">
        <h1>${node.name}</h1>
        ${statusBadge(node.status, 'status')}
        <div class="title-actions">
          <button type="button" class="button" id="retry-button"
            ${node.status === 'failed' || node.status === 'ready' ? '' : 'disabled'}>Retry</button>
          <button type="button" class="button button--danger" id="delete-button"
            ${node.status === 'deleting' || node.status === 'deleted' ? 'disabled' : ''}>Delete</button>
        </div>
      </div>
      <section id="error-panel" class="alert alert--error" role="alert" ${error === null ? 'hidden' : ''}>
        <h2>Last error: <code data-field="error-code">${error ?? ''}</code></h2>
        <p data-field="error-message">${node.lastErrorMessage ?? ''}</p>
        <p><strong>What to do:</strong> <span data-field="error-guidance">${error === null ? '' : describeErrorCode(error).guidance}</span></p>
      </section>
      <div class="columns">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title">Details</h2>
          <dl class="facts">
            ${fact('Provider', 'provider', options.provider === null ? node.providerId : `${options.provider.name} (${options.provider.type})`)}
            ${fact('Location', 'location', node.location)}
            ${fact('Server type', 'server_type', node.serverType)}
            ${fact('Image', 'image', node.image)}
            ${fact('Server id', 'provider_server_id', node.providerServerId)}
            ${fact('IPv4', 'ipv4', node.ipv4)}
            ${fact('IPv6', 'ipv6', node.ipv6)}
            ${fact('SSH', 'ssh_target', node.sshTarget === null ? null : `${node.sshTarget.user}@${node.sshTarget.host}:${node.sshTarget.port}`)}
            ${fact('Host key', 'host_key', node.hostKey)}
            <div><dt>Created</dt><dd>${timestamp(node.createdAt)}</dd></div>
          </dl>
        </section>
        <section class="card card--grow" aria-labelledby="job-title">
          <h2 id="job-title">Job <span class="live" id="stream-state" aria-hidden="true"></span></h2>
          ${
            latest === undefined
              ? html`<p class="empty">No jobs.</p>`
              : html`<p class="job-summary">
              <code>${latest.kind}</code> ${statusBadge(latest.status, 'job-status')}
              attempt <span data-field="job-attempts">${latest.attempts}</span> of ${latest.maxAttempts}
              · step <span data-field="job-step">${latest.currentStep ?? '—'}</span></p>
            <ol id="timeline" class="timeline" aria-live="polite" aria-label="Job timeline"></ol>`
          }
          ${
            earlier.length === 0
              ? ''
              : html`<details class="earlier"><summary>Earlier jobs (${earlier.length})</summary><ul>
              ${earlier.map(
                (
                  job,
                ) => html`<li><code>${job.kind}</code> ${statusBadge(job.status)} ${timestamp(job.createdAt)}
                  ${job.lastErrorCode === null ? '' : html`<code>${job.lastErrorCode}</code>`}</li>`,
              )}</ul></details>`
          }
        </section>
      </div>
    </div>
    <dialog id="delete-dialog" aria-labelledby="delete-title">
      <form method="dialog" class="form">
        <h2 id="delete-title">Delete node?</h2>
        <p>Delete <strong>${node.name}</strong>? Running work is cancelled and the server is deleted at the
          provider. This cannot be undone.</p>
        <div class="dialog-actions">
          <button type="button" class="button" data-close>Cancel</button>
          <button type="submit" class="button button--danger">Delete node</button>
        </div>
      </form>
    </dialog>`,
  });
}
