import type { JsonObject } from '@pressluft/core';
import { type AnsibleEvent, isObject, stringField } from './ansible-event.js';

/** A task that failed on a host (and was not ignored). */
export interface FailedTask {
  /** The inventory name of the host. */
  readonly host: string;
  /** The task name. */
  readonly task: string;
  /** The module, such as `ansible.builtin.shell`. */
  readonly action: string;
  /** The module's failure message. */
  readonly message: string;
  /** The exit code of a command task, when it has one. */
  readonly exitCode: number | undefined;
  /** Stdout and stderr of the task, untruncated and unscrubbed (the classifier does both). */
  readonly output: string;
}

/** A host Ansible could not reach or log in to. */
export interface UnreachableHost {
  /** The inventory name of the host. */
  readonly host: string;
  /** The task that tried. */
  readonly task: string;
  /** ssh's own words (`Connection refused`, `Permission denied (publickey)`, ...). */
  readonly message: string;
}

/** What the events of a run say about it. */
export interface RunSummary {
  /** Whether `playbook_on_start` arrived: without it the CLI, the config or the playbook failed to load. */
  readonly started: boolean;
  /** Failed, not-ignored tasks in order. */
  readonly failedTasks: readonly FailedTask[];
  /** Unreachable hosts in order. */
  readonly unreachableHosts: readonly UnreachableHost[];
  /** The per-host counters of `playbook_on_stats`, when it arrived. */
  readonly perHost: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  /** The data playbooks reported through `set_stats` (`_run` for run-wide, else per host). */
  readonly custom: JsonObject;
  /** The name of the last task that started. */
  readonly lastTask: string | undefined;
}

/** Folds the event stream of one run into a {@link RunSummary}. */
export class RunSummaryBuilder {
  #started = false;
  readonly #failedTasks: FailedTask[] = [];
  readonly #unreachableHosts: UnreachableHost[] = [];
  #perHost: Record<string, Record<string, number>> | undefined;
  #custom: JsonObject = {};
  #lastTask: string | undefined;

  /** Take one event into account. */
  add(event: AnsibleEvent): void {
    const data = event.eventData;
    switch (event.event) {
      case 'playbook_on_start':
        this.#started = true;
        break;
      case 'playbook_on_task_start':
      case 'playbook_on_handler_task_start':
        this.#lastTask = stringField(data, 'task');
        break;
      case 'runner_on_failed': {
        if (data['ignore_errors'] === true) break;
        const res = isObject(data['res']) ? (data['res'] as JsonObject) : {};
        const rc = res['rc'];
        this.#failedTasks.push({
          host: stringField(data, 'host') ?? '',
          task: stringField(data, 'task') ?? '',
          action: stringField(data, 'task_action') ?? '',
          message: failureMessage(res),
          exitCode: typeof rc === 'number' ? rc : undefined,
          output: [stringField(res, 'stdout'), stringField(res, 'stderr'), stringField(res, 'module_stderr')]
            .filter((part): part is string => part !== undefined && part.length > 0)
            .join('\n'),
        });
        break;
      }
      case 'runner_on_unreachable': {
        const res = isObject(data['res']) ? (data['res'] as JsonObject) : {};
        this.#unreachableHosts.push({
          host: stringField(data, 'host') ?? '',
          task: stringField(data, 'task') ?? '',
          message: stringField(res, 'msg') ?? '',
        });
        break;
      }
      case 'playbook_on_stats': {
        const perHost = data['per_host'];
        if (isObject(perHost)) {
          this.#perHost = {};
          for (const [host, counters] of Object.entries(perHost)) {
            if (!isObject(counters)) continue;
            const numbers: Record<string, number> = {};
            for (const [name, count] of Object.entries(counters)) {
              if (typeof count === 'number') numbers[name] = count;
            }
            this.#perHost[host] = numbers;
          }
        }
        if (isObject(data['custom'])) this.#custom = data['custom'] as JsonObject;
        break;
      }
      default:
        break;
    }
  }

  /** The summary so far. */
  get summary(): RunSummary {
    return {
      started: this.#started,
      failedTasks: this.#failedTasks,
      unreachableHosts: this.#unreachableHosts,
      perHost: this.#perHost,
      custom: this.#custom,
      lastTask: this.#lastTask,
    };
  }
}

function failureMessage(res: JsonObject): string {
  const message = stringField(res, 'msg');
  if (message !== undefined && message.length > 0) return message;
  if (res['censored'] !== undefined) return 'output hidden (no_log)';
  return 'task failed';
}

/** Sum one counter (`ok`, `changed`, ...) over every host of the stats. */
export function sumCounter(perHost: RunSummary['perHost'], name: string): number {
  let total = 0;
  for (const counters of Object.values(perHost ?? {})) total += counters[name] ?? 0;
  return total;
}
