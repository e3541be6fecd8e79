import { Redactor } from '@pressluft/core';
import { describe, expect, it } from 'vitest';
import { failingRunLines } from '../test/recorded-events.js';
import { parseAnsibleEventLine } from './ansible-event.js';
import { toProvisionEvent } from './to-provision-event.js';

describe('toProvisionEvent', () => {
  const redactor = new Redactor(['hunter2-secret-value']);
  const events = failingRunLines({ stdout: 'out', stderr: 'err' })
    .map((line) => parseAnsibleEventLine(line))
    .map((event) =>
      event === undefined ? undefined : toProvisionEvent(event, (text) => redactor.redact(text), 0),
    );

  it('maps the run to typed events and drops the ones the contract has no type for', () => {
    expect(events.map((event) => event?.type)).toEqual([
      'playbook-started',
      'play-started',
      'task-started',
      undefined,
      'task-ok',
      'task-started',
      'task-failed',
      'stats',
    ]);
  });

  it('carries names, hosts, the failure message, per-host stats and the time Ansible printed', () => {
    expect(events[0]).toEqual({
      type: 'playbook-started',
      at: Date.parse('2026-11-23T20:22:35.799472+00:00'),
      name: 'failing.yml',
    });
    expect(events[6]).toMatchObject({
      type: 'task-failed',
      name: 'Fail on purpose',
      host: 'node-1',
      message: 'non-zero return code',
    });
    expect(events[7]?.stats).toEqual({
      'node-1': { ok: 1, failures: 1, unreachable: 0, changed: 0, skipped: 0, rescued: 0, ignored: 0 },
    });
  });

  it('tells changed from ok and scrubs messages', () => {
    const changed = parseAnsibleEventLine(
      '{"event":"runner_on_ok","created":"x","event_data":{"host":"n","task":"Copy","changed":true,"res":{}}}',
    );
    expect(changed && toProvisionEvent(changed, (text) => text, 42)).toEqual({
      type: 'task-changed',
      at: 42,
      name: 'Copy',
      host: 'n',
    });
    const failed = parseAnsibleEventLine(
      '{"event":"runner_on_failed","event_data":{"host":"n","task":"Use token","res":{"msg":"bad token hunter2-secret-value"}}}',
    );
    const event = failed && toProvisionEvent(failed, (text) => redactor.redact(text), 0);
    expect(event?.message).toBe('bad token [REDACTED]');
  });

  it('marks ignored failures and keeps unreachable reasons', () => {
    const ignored = parseAnsibleEventLine(
      '{"event":"runner_on_failed","event_data":{"host":"n","task":"Probe","ignore_errors":true,"res":{"msg":"no such service"}}}',
    );
    expect(ignored && toProvisionEvent(ignored, (text) => text, 0)?.message).toBe('ignored: no such service');
    const unreachable = parseAnsibleEventLine(
      '{"event":"runner_on_unreachable","event_data":{"host":"n","task":"Ping","res":{"msg":"Connection refused"}}}',
    );
    expect(unreachable && toProvisionEvent(unreachable, (text) => text, 0)).toMatchObject({
      type: 'host-unreachable',
      host: 'n',
      message: 'Connection refused',
    });
  });
});
