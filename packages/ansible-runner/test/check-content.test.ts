import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pressluft-content-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copyOfDefaults(name: string): string {
  const directory = join(scratch, name);
  cpSync(defaultAnsibleDirectory, directory, { recursive: true });
  return directory;
}

describe('checkRuntime verifies the Ansible content it runs', () => {
  it('accepts the default content (playbooks pass --syntax-check, the callback plugin prints events)', async () => {
    const runtime = await createAnsibleProvisioner().checkRuntime();
    expect(runtime.isOk(), runtime.isErr() ? runtime.error.message : '').toBe(true);
  });

  it('names the missing files and the packaging cause when the content is absent', async () => {
    const result = await createAnsibleProvisioner({
      ansibleDirectory: join(scratch, 'nothing-here'),
    }).checkRuntime();
    const error = result._unsafeUnwrapErr();
    expect(error.code).toBe('PROVISION_PLAYBOOK_INVALID');
    expect(error.message).toContain(join(scratch, 'nothing-here', 'ansible.cfg'));
    expect(error.message).toContain('pressluft_events.py');
    expect(error.guidance).toContain('dist/ansible');
  });

  it('reports a playbook whose role is missing, from the syntax check', async () => {
    const directory = copyOfDefaults('no-role');
    rmSync(join(directory, 'roles', 'sshd_hardening'), { recursive: true });
    const error = (
      await createAnsibleProvisioner({ ansibleDirectory: directory }).checkRuntime()
    )._unsafeUnwrapErr();
    expect(error.code).toBe('PROVISION_PLAYBOOK_INVALID');
    expect(error.message).toContain('--syntax-check');
    expect(error.message).toContain('sshd_hardening');
  });

  it('reports a callback plugin that does not load', async () => {
    const directory = copyOfDefaults('broken-plugin');
    writeFileSync(join(directory, 'plugins', 'callback', 'pressluft_events.py'), 'this is not python(\n');
    const error = (
      await createAnsibleProvisioner({ ansibleDirectory: directory }).checkRuntime()
    )._unsafeUnwrapErr();
    expect(error.code).toBe('PROVISION_PLAYBOOK_INVALID');
    expect(error.message).toContain('callback plugin');
  });
});
