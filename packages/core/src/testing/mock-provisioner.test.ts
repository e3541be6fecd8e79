import { describe, expect, it } from 'vitest';
import type { ProvisionEvent, ProvisionInput } from '../spec/provisioner-v1.js';
import { createMockProvisioner, defaultMockHostKey } from './mock-provisioner.js';
import { expectErrCode, expectOk } from './result-assertions.js';

function input(overrides: Partial<ProvisionInput> = {}): ProvisionInput {
  return {
    target: { host: '203.0.113.5', port: 22, user: 'root' },
    privateKey: 'test-only',
    knownHostKey: null,
    vars: {},
    ...overrides,
  };
}

describe('createMockProvisioner', () => {
  it('emits events, reports a stable host key, and changes nothing the second time', async () => {
    const provisioner = createMockProvisioner();
    const events: ProvisionEvent[] = [];
    const first = await expectOk(
      provisioner.provision(input({ onEvent: (event) => events.push(event) })),
      'run 1',
    );
    expect(first.hostKey, 'the host key is the stable default').toBe(defaultMockHostKey);
    expect(first.changed, 'the first run changes every task').toBe(3);
    expect(events[0]?.type, 'the run starts with playbook-started').toBe('playbook-started');
    expect(events.at(-1)?.type, 'the run ends with stats').toBe('stats');
    expect(events.filter((event) => event.type === 'task-changed').length, 'one result per task').toBe(3);
    const second = await expectOk(provisioner.provision(input({ knownHostKey: first.hostKey })), 'run 2');
    expect(second.changed, 'a second run changes nothing').toBe(0);
    expect(provisioner.calls.length, 'both calls are recorded').toBe(2);
  });

  it('refuses a different pinned host key', async () => {
    const provisioner = createMockProvisioner();
    await expectErrCode(
      provisioner.provision(input({ knownHostKey: 'ssh-ed25519 AAAAother' })),
      'PROVISION_HOST_KEY_MISMATCH',
      'a pinned key that differs',
    );
  });

  it('fails as scripted, then works', async () => {
    const provisioner = createMockProvisioner();
    provisioner.failNext('provision', 'PROVISION_SSH_UNREACHABLE');
    provisioner.failNext('checkRuntime', 'PROVISION_RUNTIME_MISSING');
    await expectErrCode(provisioner.provision(input()), 'PROVISION_SSH_UNREACHABLE', 'the scripted failure');
    await expectErrCode(
      provisioner.checkRuntime(),
      'PROVISION_RUNTIME_MISSING',
      'the scripted runtime failure',
    );
    await expectOk(provisioner.provision(input()), 'the run after the failure');
    expect((await expectOk(provisioner.checkRuntime(), 'runtime')).name, 'the runtime').toBe(
      'mock-provisioner',
    );
  });

  it('hangs until aborted, with PROVISION_CANCELLED', async () => {
    const provisioner = createMockProvisioner();
    provisioner.hangNext('provision');
    const controller = new AbortController();
    const pending = provisioner.provision(input({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    await expectErrCode(pending, 'PROVISION_CANCELLED', 'an aborted hanging run');
    expect(provisioner.provisionedHosts, 'a cancelled run provisions nothing').toEqual([]);
  });

  it('stops a slow run at its timeout with PROVISION_TIMEOUT', async () => {
    const provisioner = createMockProvisioner({ taskMs: 1_000 });
    await expectErrCode(provisioner.provision(input({ timeoutMs: 10 })), 'PROVISION_TIMEOUT', 'a slow run');
  });

  it('reports readiness from its options', async () => {
    const ready = await expectOk(createMockProvisioner().checkReadiness(input()), 'a ready node');
    expect(ready, 'nothing missing means ready').toEqual({
      ready: true,
      missing: [],
      hostKey: defaultMockHostKey,
    });
    const missing = await expectOk(
      createMockProvisioner({ missing: ['ufw inactive'] }).checkReadiness(input()),
      'a node that is not ready',
    );
    expect(missing, 'missing items are reported as not ready').toMatchObject({
      ready: false,
      missing: ['ufw inactive'],
    });
  });
});
