/**
 * Reading and writing the per-run known_hosts file that carries a node's pinned host key.
 */

/** `ssh-ed25519 AAAA…` without a comment, or undefined when the text is not a public key. */
export function normalizeHostKey(key: string): string | undefined {
  const [type, data] = key.trim().split(/\s+/);
  if (type === undefined || data === undefined) return undefined;
  if (!/^(ssh-|ecdsa-|sk-)/.test(type) || !/^[A-Za-z0-9+/]+=*$/.test(data)) return undefined;
  return `${type} ${data}`;
}

/** The host pattern OpenSSH uses in known_hosts: `host` on port 22, else `[host]:port`. */
export function knownHostsPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** One known_hosts line pinning `hostKey` for the host and port. */
export function knownHostsLine(host: string, port: number, hostKey: string): string {
  return `${knownHostsPattern(host, port)} ${hostKey}\n`;
}

/**
 * The first host key in a known_hosts file's text (hashed or plain host patterns alike), as
 * `type base64`. ssh writes exactly one line on first contact, for the key it accepted.
 */
export function firstHostKey(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#') || trimmed.startsWith('@')) continue;
    const [, type, data] = trimmed.split(/\s+/);
    if (type === undefined || data === undefined) continue;
    const key = normalizeHostKey(`${type} ${data}`);
    if (key !== undefined) return key;
  }
  return undefined;
}
