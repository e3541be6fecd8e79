import type { JsonObject, ProvisionEvent } from '@pressluft/core';
import { type AnsibleEvent, isObject, stringField } from './ansible-event.js';
import { truncateHeadTail } from './head-tail-buffer.js';

/** Messages in events stay short: they are progress lines, the error carries the long output. */
const EVENT_MESSAGE_LIMIT = 512;

/**
 * Turn a callback event into the provisioner's typed event, or `undefined` for events the contract
 * has no type for (`runner_on_start`, retries, loop items). Every message passes through `scrub`.
 */
export function toProvisionEvent(
  event: AnsibleEvent,
  scrub: (text: string) => string,
  fallbackTime: number,
): ProvisionEvent | undefined {
  const data = event.eventData;
  const parsedTime = Date.parse(event.created);
  const at = Number.isNaN(parsedTime) ? fallbackTime : parsedTime;
  const host = stringField(data, 'host');
  const task = stringField(data, 'task');
  const res = isObject(data['res']) ? (data['res'] as JsonObject) : undefined;
  const message = (text: string | undefined): { message?: string } =>
    text === undefined || text.length === 0
      ? {}
      : { message: truncateHeadTail(scrub(text), EVENT_MESSAGE_LIMIT / 2) };
  const named = (name: string | undefined): { name?: string } =>
    name === undefined ? {} : { name: scrub(name) };
  const onHost = host === undefined ? {} : { host };

  switch (event.event) {
    case 'playbook_on_start':
      return { type: 'playbook-started', at, ...named(stringField(data, 'playbook')) };
    case 'playbook_on_play_start':
      return { type: 'play-started', at, ...named(stringField(data, 'play')) };
    case 'playbook_on_task_start':
    case 'playbook_on_handler_task_start':
      return { type: 'task-started', at, ...named(task) };
    case 'runner_on_ok':
      return { type: data['changed'] === true ? 'task-changed' : 'task-ok', at, ...named(task), ...onHost };
    case 'runner_on_failed': {
      const reason = stringField(res, 'msg') ?? 'task failed';
      const text = data['ignore_errors'] === true ? `ignored: ${reason}` : reason;
      return { type: 'task-failed', at, ...named(task), ...onHost, ...message(text) };
    }
    case 'runner_on_skipped':
      return { type: 'task-skipped', at, ...named(task), ...onHost };
    case 'runner_on_unreachable':
      return { type: 'host-unreachable', at, ...named(task), ...onHost, ...message(stringField(res, 'msg')) };
    case 'playbook_on_stats': {
      const stats: Record<string, Record<string, number>> = {};
      const perHost = data['per_host'];
      if (isObject(perHost)) {
        for (const [name, counters] of Object.entries(perHost)) {
          if (!isObject(counters)) continue;
          stats[name] = Object.fromEntries(
            Object.entries(counters).filter(
              (entry): entry is [string, number] => typeof entry[1] === 'number',
            ),
          );
        }
      }
      return { type: 'stats', at, stats };
    }
    default:
      return undefined;
  }
}
