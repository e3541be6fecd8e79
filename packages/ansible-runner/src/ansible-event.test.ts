import { describe, expect, it } from 'vitest';
import { eventLine } from '../test/recorded-events.js';
import { parseAnsibleEventLine } from './ansible-event.js';

describe('parseAnsibleEventLine', () => {
  it('parses a callback event line', () => {
    const event = parseAnsibleEventLine(eventLine('runner_on_ok', { host: 'node-1', task: 'Ping' }, 7));
    expect(event).toEqual({
      counter: 7,
      uuid: '00000000-0000-0000-0000-000000000007',
      created: '2026-11-23T20:22:35.799472+00:00',
      event: 'runner_on_ok',
      eventData: { host: 'node-1', task: 'Ping' },
    });
  });

  it('treats plain output (syntax-check, stray prints) as not an event', () => {
    expect(parseAnsibleEventLine('playbook: node-provision.yml')).toBeUndefined();
    expect(parseAnsibleEventLine('')).toBeUndefined();
  });

  it('treats broken or foreign JSON as not an event', () => {
    expect(parseAnsibleEventLine('{"counter": 1, "event": "runner_on_ok"')).toBeUndefined();
    expect(parseAnsibleEventLine('{"msg": "no event name"}')).toBeUndefined();
    expect(parseAnsibleEventLine('{"event": "runner_on_ok", "event_data": [1]}')).toBeUndefined();
    expect(parseAnsibleEventLine('[1, 2]')).toBeUndefined();
  });

  it('accepts surrounding whitespace', () => {
    expect(parseAnsibleEventLine(`  ${eventLine('playbook_on_start', {})}\r`)?.event).toBe(
      'playbook_on_start',
    );
  });
});
