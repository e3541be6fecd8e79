# Pressluft: one JSON object per line for every playbook event.
# SPDX-License-Identifier: MIT
#
# ansible-core 2.14 ships no streaming JSON callback (json/jsonl live in the ansible.posix collection,
# which a core-only install lacks), so the runner brings its own. Event names follow the Python
# ansible-runner project (runner_on_ok, playbook_on_stats, ...) so the stream reads like AWX's.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = '''
    name: pressluft_events
    type: stdout
    short_description: one JSON object per line for every playbook event
    description:
      - Prints each playbook, play, task and host result event as one JSON line on stdout and flushes it,
        so a supervising process can follow the run live.
      - Drops C(invocation) and C(diff) from results (check-mode diffs carry rendered file contents),
        censors no_log results and caps the size of each result.
    options:
      max_result_chars:
        description: Results whose JSON is longer than this are replaced by a short summary.
        default: 100000
        type: int
        env:
          - name: PRESSLUFT_EVENTS_MAX_RESULT_CHARS
      max_field_chars:
        description: String fields of a result longer than this keep only their head and tail.
        default: 16384
        type: int
        env:
          - name: PRESSLUFT_EVENTS_MAX_FIELD_CHARS
'''

import datetime
import json
import os
import sys
import threading
import uuid

from ansible import context
from ansible.module_utils.common.text.converters import to_text
from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase
from ansible.release import __version__ as ansible_version
from ansible.vars.clean import module_response_deepcopy, strip_internal_keys

CENSORED = 'the output has been hidden due to the fact that no_log: true was specified for this result'
DROPPED_KEYS = ('invocation', 'diff', 'ansible_facts', 'stdout_lines', 'stderr_lines', '_ansible_verbose_always', '_ansible_verbose_override')


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'pressluft_events'

    def __init__(self, display=None):
        super(CallbackModule, self).__init__(display)
        # The results thread sends runner_on_start while the main thread sends the rest.
        self._lock = threading.Lock()
        self._counter = 0
        self._playbook_uuid = None
        self._play_name = None
        self._task_uuid = {}

    def set_options(self, task_keys=None, var_options=None, direct=None):
        super(CallbackModule, self).set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        self._max_result_chars = int(self.get_option('max_result_chars'))
        self._max_field_chars = int(self.get_option('max_field_chars'))

    # ── output ────────────────────────────────────────────────────────────────────────────────────
    def _emit(self, event, data):
        with self._lock:
            self._counter += 1
            line = json.dumps(
                {
                    'counter': self._counter,
                    'uuid': str(uuid.uuid4()),
                    'created': datetime.datetime.now(datetime.timezone.utc).isoformat(),
                    'pid': os.getpid(),
                    'event': event,
                    'event_data': data,
                },
                cls=AnsibleJSONEncoder,
                sort_keys=False,
                separators=(',', ':'),
            )
            sys.stdout.write(line + '\n')
            sys.stdout.flush()

    def _cut(self, value):
        if isinstance(value, str) and len(value) > self._max_field_chars:
            half = self._max_field_chars // 2
            return '%s\n[... %d characters cut ...]\n%s' % (value[:half], len(value) - 2 * half, value[-half:])
        if isinstance(value, dict):
            return dict((key, self._cut(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self._cut(item) for item in value]
        return value

    def _clean(self, result):
        raw = result._result
        if raw.get('_ansible_no_log') or getattr(result._task, 'no_log', False):
            return {'censored': CENSORED, 'changed': bool(raw.get('changed')), 'failed': bool(raw.get('failed'))}
        res = strip_internal_keys(module_response_deepcopy(raw))
        for key in DROPPED_KEYS:
            res.pop(key, None)
        if isinstance(res.get('results'), list):
            for item in res['results']:
                if isinstance(item, dict):
                    if item.get('_ansible_no_log'):
                        item.clear()
                        item['censored'] = CENSORED
                    for key in DROPPED_KEYS:
                        item.pop(key, None)
        res = self._cut(res)
        size = len(json.dumps(res, cls=AnsibleJSONEncoder))
        if size > self._max_result_chars:
            res = {
                'msg': self._cut(to_text(res.get('msg', ''))[:4096]),
                'rc': res.get('rc'),
                'changed': res.get('changed'),
                'failed': res.get('failed'),
                '_truncated': size,
            }
        return res

    # ── event data ────────────────────────────────────────────────────────────────────────────────
    def _task_data(self, task):
        return {
            'playbook_uuid': self._playbook_uuid,
            'play': self._play_name,
            'task': task.get_name().strip(),
            'task_uuid': task._uuid,
            'task_action': task.action,
            'task_path': task.get_path(),
        }

    def _host_data(self, result):
        host = result._host
        data = self._task_data(result._task)
        data['host'] = host.get_name()
        data['remote_addr'] = to_text(host.vars.get('ansible_host', host.address))
        data['res'] = self._clean(result)
        data['changed'] = bool(result._result.get('changed'))
        return data

    # ── callbacks ─────────────────────────────────────────────────────────────────────────────────
    def v2_playbook_on_start(self, playbook):
        self._playbook_uuid = str(uuid.uuid4())
        self._emit('playbook_on_start', {
            'playbook': to_text(os.path.basename(playbook._file_name)),
            'playbook_uuid': self._playbook_uuid,
            'check_mode': bool(context.CLIARGS.get('check', False)),
            'ansible_version': ansible_version,
        })

    def v2_playbook_on_play_start(self, play):
        self._play_name = play.get_name().strip()
        self._emit('playbook_on_play_start', {
            'playbook_uuid': self._playbook_uuid,
            'play': self._play_name,
            'play_uuid': play._uuid,
            'pattern': play.hosts if isinstance(play.hosts, str) else ','.join(play.hosts or []),
        })

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._emit('playbook_on_task_start', self._task_data(task))

    def v2_playbook_on_handler_task_start(self, task):
        self._emit('playbook_on_handler_task_start', self._task_data(task))

    def v2_runner_on_start(self, host, task):
        data = self._task_data(task)
        data['host'] = host.get_name()
        self._emit('runner_on_start', data)

    def v2_runner_on_ok(self, result):
        self._emit('runner_on_ok', self._host_data(result))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        data = self._host_data(result)
        data['ignore_errors'] = bool(ignore_errors)
        self._emit('runner_on_failed', data)

    def v2_runner_on_skipped(self, result):
        self._emit('runner_on_skipped', self._host_data(result))

    def v2_runner_on_unreachable(self, result):
        self._emit('runner_on_unreachable', self._host_data(result))

    def v2_runner_retry(self, result):
        data = self._host_data(result)
        data['attempts'] = result._result.get('attempts')
        data['retries'] = result._result.get('retries')
        self._emit('runner_retry', data)

    def v2_runner_item_on_ok(self, result):
        self._emit('runner_item_on_ok', self._host_data(result))

    def v2_runner_item_on_failed(self, result):
        self._emit('runner_item_on_failed', self._host_data(result))

    def v2_runner_item_on_skipped(self, result):
        self._emit('runner_item_on_skipped', self._host_data(result))

    def v2_playbook_on_no_hosts_matched(self):
        self._emit('playbook_on_no_hosts_matched', {'playbook_uuid': self._playbook_uuid, 'play': self._play_name})

    def v2_playbook_on_no_hosts_remaining(self):
        self._emit('playbook_on_no_hosts_remaining', {'playbook_uuid': self._playbook_uuid, 'play': self._play_name})

    def v2_playbook_on_stats(self, stats):
        hosts = sorted(stats.processed.keys())
        per_host = dict((host, stats.summarize(host)) for host in hosts)
        self._emit('playbook_on_stats', {
            'playbook_uuid': self._playbook_uuid,
            'per_host': per_host,
            'changed': dict(stats.changed),
            'dark': dict(stats.dark),
            'failures': dict(stats.failures),
            'ignored': dict(stats.ignored),
            'ok': dict(stats.ok),
            'processed': dict(stats.processed),
            'rescued': dict(stats.rescued),
            'skipped': dict(stats.skipped),
            'custom': self._cut(dict(stats.custom)),
        })
