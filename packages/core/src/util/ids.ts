import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A new id: a prefix, then 10 characters of time (sortable) and 16 of randomness in Crockford base32,
 * for example `job_01jh5k3q9x…`. The prefix tells operators what an id names.
 */
export function createId(prefix: string): string {
  let time = Date.now();
  let timePart = '';
  for (let index = 0; index < 10; index++) {
    timePart = alphabet[time % 32] + timePart;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let randomPart = '';
  for (const byte of bytes) randomPart += alphabet[byte % 32];
  return `${prefix}_${timePart}${randomPart}`;
}
