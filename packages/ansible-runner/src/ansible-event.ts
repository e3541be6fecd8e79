import type { JsonObject, JsonValue } from '@pressluft/core';

/**
 * One event as printed by the `pressluft_events` callback plugin (`ansible/plugins/callback/`): the
 * shape and names follow the Python ansible-runner project (`runner_on_ok`, `playbook_on_stats`, ...).
 */
export interface AnsibleEvent {
  /** Position in the run, from 1. */
  readonly counter: number;
  /** Unique id of the event. */
  readonly uuid: string;
  /** ISO time the callback printed it. */
  readonly created: string;
  /** The event name, such as `runner_on_failed`. */
  readonly event: string;
  /** Event-specific data (host, task, play, res, stats). */
  readonly eventData: JsonObject;
}

/**
 * Parse one line of ansible-playbook's stdout. A line that is not a callback event (plain output of
 * `--syntax-check`, a stray print) is `undefined`, not an error: the caller keeps it as raw output.
 */
export function parseAnsibleEventLine(line: string): AnsibleEvent | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const { counter, uuid, created, event } = value;
  const eventData = value['event_data'];
  if (typeof event !== 'string' || !isObject(eventData)) return undefined;
  return {
    counter: typeof counter === 'number' ? counter : 0,
    uuid: typeof uuid === 'string' ? uuid : '',
    created: typeof created === 'string' ? created : '',
    event,
    eventData: eventData as JsonObject,
  };
}

/** Whether a JSON value is an object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field of event data, or undefined. */
export function stringField(data: JsonObject | undefined, key: string): string | undefined {
  const value = data?.[key];
  return typeof value === 'string' ? value : undefined;
}
