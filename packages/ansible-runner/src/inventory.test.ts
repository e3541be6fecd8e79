import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ansibleInventory } from './inventory.js';

const directory = mkdtempSync(path.join(tmpdir(), 'pressluft-inventory-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** What `ansible-inventory --list` makes of an inventory: Ansible's own parser, not ours. */
function parsed(inventory: unknown, name: string): { hostvars: Record<string, Record<string, unknown>> } {
  const file = path.join(directory, `${name}.json`);
  writeFileSync(file, JSON.stringify(inventory));
  const output = execFileSync('ansible-inventory', ['-i', file, '--list'], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    hostvars: (JSON.parse(output) as { _meta: { hostvars: Record<string, Record<string, unknown>> } })._meta
      .hostvars,
  };
}

describe('ansibleInventory', () => {
  it.each([
    ['IPv4', '203.0.113.7', 22],
    ['IPv6', '2001:db8:1:2::1', 22],
    ['IPv6 on another port', '2001:db8::1', 2222],
  ])('%s: Ansible reads one host with the address and port as given', (_, host, port) => {
    const { hostvars } = parsed(
      ansibleInventory({ host, port, user: 'root' }),
      `${host}-${port}`.replaceAll(':', '_'),
    );
    expect(hostvars).toEqual({ [host]: { ansible_host: host, ansible_port: port, ansible_user: 'root' } });
  });

  it('a bracketed IPv6 name would be refused by Ansible (why the name stays bare)', () => {
    expect(() =>
      parsed({ all: { hosts: { '[2001:db8::1]': { ansible_host: '2001:db8::1' } } } }, 'bracketed'),
    ).toThrow();
  });
});
