import type { JsonObject } from '@pressluft/core';

/**
 * Build callback event lines shaped exactly like `ansible/plugins/callback/pressluft_events.py`
 * prints them (recorded from real runs, trimmed), for unit tests that run without Ansible.
 */
export function eventLine(event: string, eventData: JsonObject, counter = 1): string {
  return JSON.stringify({
    counter,
    uuid: `00000000-0000-0000-0000-${String(counter).padStart(12, '0')}`,
    created: '2026-11-23T20:22:35.799472+00:00',
    pid: 9333,
    event,
    event_data: eventData,
  });
}

const task = {
  playbook_uuid: 'b4d47f78-f4e9-4d76-a6e7-40f559361f73',
  play: 'Failing fixture',
  task: 'Fail on purpose',
  task_uuid: '02fc0000-0001-f958-753a-000000000005',
  task_action: 'ansible.builtin.shell',
  task_path: '/work/main/ansible/playbooks/fixtures/failing.yml:12',
};

/** A recorded run of the failing fixture: start, play, ping ok, the failing shell task, stats. */
export function failingRunLines(output: { stdout: string; stderr: string }): string[] {
  return [
    eventLine(
      'playbook_on_start',
      { playbook: 'failing.yml', check_mode: false, ansible_version: '2.14.18' },
      1,
    ),
    eventLine('playbook_on_play_start', { play: 'Failing fixture', pattern: 'all' }, 2),
    eventLine(
      'playbook_on_task_start',
      { ...task, task: 'Ping the node', task_action: 'ansible.builtin.ping' },
      3,
    ),
    eventLine('runner_on_start', { ...task, task: 'Ping the node', host: 'node-1' }, 4),
    eventLine(
      'runner_on_ok',
      {
        ...task,
        task: 'Ping the node',
        host: 'node-1',
        remote_addr: '127.0.0.1',
        res: { ping: 'pong', changed: false },
        changed: false,
      },
      5,
    ),
    eventLine('playbook_on_task_start', task, 6),
    eventLine(
      'runner_on_failed',
      {
        ...task,
        host: 'node-1',
        remote_addr: '127.0.0.1',
        res: {
          changed: false,
          stdout: output.stdout,
          stderr: output.stderr,
          rc: 3,
          msg: 'non-zero return code',
        },
        changed: false,
        ignore_errors: false,
      },
      7,
    ),
    eventLine(
      'playbook_on_stats',
      {
        per_host: {
          'node-1': { ok: 1, failures: 1, unreachable: 0, changed: 0, skipped: 0, rescued: 0, ignored: 0 },
        },
        dark: {},
        failures: { 'node-1': 1 },
        custom: {},
      },
      8,
    ),
  ];
}

/** A recorded unreachable run: ssh's message as Ansible reports it. */
export function unreachableRunLines(message: string): string[] {
  return [
    eventLine(
      'playbook_on_start',
      { playbook: 'harmless.yml', check_mode: false, ansible_version: '2.14.18' },
      1,
    ),
    eventLine('playbook_on_play_start', { play: 'Harmless fixture', pattern: 'all' }, 2),
    eventLine(
      'playbook_on_task_start',
      { ...task, task: 'Ping the node', task_action: 'ansible.builtin.ping' },
      3,
    ),
    eventLine(
      'runner_on_unreachable',
      {
        ...task,
        task: 'Ping the node',
        host: 'node-1',
        remote_addr: '127.0.0.1',
        res: { unreachable: true, msg: message, changed: false },
        changed: false,
      },
      4,
    ),
    eventLine(
      'playbook_on_stats',
      {
        per_host: {
          'node-1': { ok: 0, failures: 0, unreachable: 1, changed: 0, skipped: 0, rescued: 0, ignored: 0 },
        },
        dark: { 'node-1': 1 },
        failures: {},
        custom: {},
      },
      5,
    ),
  ];
}
