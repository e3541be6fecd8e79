import type { SshTarget } from '@pressluft/core';

/**
 * The one-host JSON inventory of a run. The host is named by its address as is: Ansible's YAML/JSON
 * inventory parser takes a bare IPv6 address as one host, but reads a bracketed `[2001:db8::1]` as a host
 * *range* and refuses the whole inventory. The port goes in `ansible_port`, never joined to the name, so
 * an IPv6 address needs no brackets here; brackets belong only where a port is joined to the address
 * (`[2001:db8::1]:2222` in known_hosts).
 */
export function ansibleInventory(target: SshTarget): {
  all: { hosts: Record<string, Record<string, unknown>> };
} {
  return {
    all: {
      hosts: {
        [target.host]: { ansible_host: target.host, ansible_port: target.port, ansible_user: target.user },
      },
    },
  };
}
