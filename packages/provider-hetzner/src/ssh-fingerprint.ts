import { createHash } from 'node:crypto';

/**
 * The MD5 fingerprint Hetzner shows and filters by (`GET /ssh_keys?fingerprint=`): MD5 of the base64 key
 * blob, as 16 lowercase hex pairs joined by colons. Options and the comment are not part of it.
 * Returns null when the line is not an OpenSSH public key.
 */
export function sshFingerprintMd5(publicKey: string): string | null {
  const fields = publicKey.trim().split(/\s+/);
  const typeIndex = fields.findIndex((field) => /^(ssh-|ecdsa-|sk-)/.test(field));
  const blob = typeIndex === -1 ? undefined : fields[typeIndex + 1];
  if (blob === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return null;
  const bytes = Buffer.from(blob, 'base64');
  if (bytes.length === 0) return null;
  const hex = createHash('md5').update(bytes).digest('hex');
  return hex.match(/../g)!.join(':');
}
