import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnsibleProvisioner, defaultAnsibleDirectory } from '@pressluft/ansible-runner';
import type { LoopbackSshd } from '@pressluft/ansible-runner/testing';
import { type GeneratedKeyPair, type ProvisionerV1, sshFingerprints } from '@pressluft/core';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** The fixture playbooks of the repository's `ansible/playbooks/fixtures/`. */
export type FixturePlaybook = 'harmless' | 'failing' | 'slow';

/**
 * A real Ansible provisioner that runs a fixture playbook for provisioning (the real playbook would
 * reconfigure the test machine) and a readiness playbook that finds nothing missing.
 */
export function fixtureProvisioner(playbook: FixturePlaybook): ProvisionerV1 {
  return createAnsibleProvisioner({
    provisionPlaybookPath: join(defaultAnsibleDirectory, 'playbooks', 'fixtures', `${playbook}.yml`),
    readinessPlaybookPath: join(fixtures, 'readiness-ready.yml'),
  });
}

/** The loopback sshd's client key as the managed key, so the engine logs in with the key it manages. */
export function sshdKeyPair(sshd: LoopbackSshd): () => GeneratedKeyPair {
  return () => {
    const fingerprints = sshFingerprints(sshd.publicKey)._unsafeUnwrap();
    return {
      publicKey: sshd.publicKey,
      privateKey: sshd.privateKey,
      fingerprintMd5: fingerprints.md5,
      fingerprintSha256: fingerprints.sha256,
    };
  };
}

/** Provisioning settings that reach the loopback sshd: its user and port. */
export function sshdSettings(sshd: LoopbackSshd) {
  return { sshUser: sshd.target.user, sshPort: sshd.target.port };
}
