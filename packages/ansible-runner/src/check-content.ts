import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ProvisionError } from '@pressluft/core';
import { execa } from 'execa';
import { ResultAsync } from 'neverthrow';

/** The files `checkAnsibleContent` verifies before a runtime is called usable. */
export interface AnsibleContentPaths {
  readonly ansiblePlaybookPath: string;
  readonly ansibleConfigPath: string;
  readonly callbackPluginDirectory: string;
  readonly playbookPaths: readonly string[];
}

const PROBE_PLAYBOOK = `- name: pressluft content probe
  hosts: localhost
  gather_facts: false
  tasks:
    - name: probe
      ansible.builtin.debug:
        msg: probe
`;

const GUIDANCE_MISSING =
  'An installed @pressluft/ansible-runner carries its playbooks, roles, ansible.cfg and callback plugin in dist/ansible; ' +
  'when they are missing there the package was packed without running its build (reinstall a published version, or run ' +
  '`pnpm build` in packages/ansible-runner before packing). Otherwise point ansibleDirectory (or ansibleConfigPath, ' +
  'callbackPluginDirectory, provisionPlaybookPath and readinessPlaybookPath) at a directory that holds them.';

/**
 * Verify that the Ansible content a provisioner runs is there and loads: the config, the playbooks and
 * the `pressluft_events` callback plugin exist; the playbooks pass `--syntax-check` (so every role they
 * name resolves); and a one-task local playbook run through the callback prints its JSON events. A
 * runtime that finds `ansible-playbook` but not this content would otherwise rent a server and fail
 * only at provisioning, with guidance about the node instead of the installation.
 */
export function checkAnsibleContent(paths: AnsibleContentPaths): ResultAsync<void, ProvisionError> {
  return ResultAsync.fromPromise(runChecks(paths), (error) =>
    error instanceof ProvisionError
      ? error
      : new ProvisionError({
          code: 'PROVISION_PLAYBOOK_INVALID',
          message: `The Ansible content could not be checked: ${error instanceof Error ? error.message : String(error)}`,
          guidance: GUIDANCE_MISSING,
          details: { ansibleConfigPath: paths.ansibleConfigPath },
          cause: error,
        }),
  );
}

async function runChecks(paths: AnsibleContentPaths): Promise<void> {
  const pluginPath = join(paths.callbackPluginDirectory, 'pressluft_events.py');
  const required = [paths.ansibleConfigPath, pluginPath, ...paths.playbookPaths];
  const missing: string[] = [];
  for (const path of required) {
    try {
      await access(path);
    } catch {
      missing.push(path);
    }
  }
  if (missing.length > 0) {
    throw new ProvisionError({
      code: 'PROVISION_PLAYBOOK_INVALID',
      message: `The Ansible content Pressluft runs is missing: ${missing.join(', ')}.`,
      guidance: GUIDANCE_MISSING,
      details: { missing },
    });
  }

  const home = await mkdtemp(join(tmpdir(), 'pressluft-content-check-'));
  try {
    const env = {
      PATH: [dirname(paths.ansiblePlaybookPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':'),
      HOME: home,
      ANSIBLE_HOME: join(home, '.ansible'),
      ANSIBLE_LOCAL_TEMP: join(home, 'tmp'),
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      PYTHONDONTWRITEBYTECODE: '1',
      ANSIBLE_CONFIG: paths.ansibleConfigPath,
      ANSIBLE_STDOUT_CALLBACK: 'pressluft_events',
      ANSIBLE_CALLBACK_PLUGINS: paths.callbackPluginDirectory,
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_RETRY_FILES_ENABLED: '0',
      ANSIBLE_COLLECTIONS_SCAN_SYS_PATH: 'False',
      ANSIBLE_COLLECTIONS_PATH: join(home, 'collections'),
      ANSIBLE_LOCALHOST_WARNING: 'False',
      ANSIBLE_DEPRECATION_WARNINGS: 'False',
    };
    const options = {
      env,
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: 60_000,
      all: true,
    } as const;

    const syntax = await execa(
      paths.ansiblePlaybookPath,
      ['-i', 'localhost,', '--syntax-check', ...paths.playbookPaths],
      options,
    );
    if (syntax.exitCode !== 0) {
      throw new ProvisionError({
        code: 'PROVISION_PLAYBOOK_INVALID',
        message: `The default playbooks failed ansible-playbook --syntax-check: ${tail(syntax.all)}`,
        guidance: `A role or file the playbooks name is missing or invalid. ${GUIDANCE_MISSING}`,
        details: { playbooks: [...paths.playbookPaths], exitCode: syntax.exitCode ?? null },
      });
    }

    const probePath = join(home, 'probe.yml');
    await writeFile(probePath, PROBE_PLAYBOOK, { mode: 0o600 });
    const probe = await execa(
      paths.ansiblePlaybookPath,
      ['-i', 'localhost,', '-c', 'local', probePath],
      options,
    );
    const printedEvents = probe.stdout
      .split('\n')
      .some((line) => line.startsWith('{') && line.includes('"event"'));
    if (probe.exitCode !== 0 || !printedEvents) {
      throw new ProvisionError({
        code: 'PROVISION_PLAYBOOK_INVALID',
        message: `The pressluft_events callback plugin in ${paths.callbackPluginDirectory} did not load (a one-task local run printed no events): ${tail(probe.all)}`,
        guidance: `Provisioning needs the callback plugin to stream task events. ${GUIDANCE_MISSING}`,
        details: { callbackPluginDirectory: paths.callbackPluginDirectory, exitCode: probe.exitCode ?? null },
      });
    }
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function tail(output: string | undefined): string {
  const text = (output ?? '').trim();
  return text.length > 600 ? `…${text.slice(-600)}` : text;
}
