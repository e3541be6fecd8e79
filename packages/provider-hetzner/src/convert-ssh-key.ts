import type { components } from './generated/hetzner-api.js';
import { expectBody } from './malformed-body.js';

type WireSshKey = components['schemas']['ssh_key'];

/** An SSH key registered at Hetzner. */
export interface RegisteredSshKey {
  /** Hetzner's id, as a string. */
  readonly id: string;
  /** The key's name (unique per project). */
  readonly name: string;
  /** The MD5 fingerprint (unique per project). */
  readonly fingerprint: string;
  /** The key's labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Convert an SSH key. */
export function convertSshKey(key: WireSshKey): RegisteredSshKey {
  expectBody(typeof key?.id === 'number' && typeof key.name === 'string', 'SSH key without id or name');
  return {
    id: String(key.id),
    name: key.name,
    fingerprint: key.fingerprint ?? '',
    labels: { ...(key.labels ?? {}) },
  };
}
