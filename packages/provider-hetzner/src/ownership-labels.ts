import { createHash } from 'node:crypto';

/** The label every server and SSH key Pressluft creates carries; deletion requires it. */
export const managedLabel = 'pressluft/managed';

/** The label holding the idempotency key of the acquisition that created a server. */
export const idempotencyLabel = 'pressluft/idempotency-key';

const labelValuePattern = /^(|[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])$/;
const labelNamePattern = /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;
const dnsPrefixPattern =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Whether a string may be a Hetzner label value (at most 63 characters, alphanumeric at both ends). */
export function isValidLabelValue(value: string): boolean {
  return labelValuePattern.test(value);
}

/** Whether a string may be a Hetzner label key: an optional DNS prefix and `/`, then a name; `hetzner.cloud/` is reserved. */
export function isValidLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefix = slash === -1 ? null : key.slice(0, slash);
  if (prefix !== null && (!dnsPrefixPattern.test(prefix) || prefix === 'hetzner.cloud')) return false;
  return labelNamePattern.test(name);
}

/** The label keys and values that break Hetzner's rules, so they are refused before a request is sent. */
export function invalidLabels(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels)
    .filter(([key, value]) => !isValidLabelKey(key) || !isValidLabelValue(value))
    .map(([key]) => key);
}

/**
 * The label value that stands for an idempotency key. Keys that are valid label values are stored as they
 * are (readable in the console); others are replaced by `sha256-` and 56 hex digits of their hash.
 */
export function idempotencyLabelValue(idempotencyKey: string): string {
  if (isValidLabelValue(idempotencyKey) && idempotencyKey !== '') return idempotencyKey;
  return `sha256-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 56)}`;
}

/** The `label_selector` finding the server created under an idempotency key (by us, not a look-alike). */
export function idempotencySelector(idempotencyKey: string): string {
  return `${managedLabel}==true,${idempotencyLabel}==${idempotencyLabelValue(idempotencyKey)}`;
}

/** Whether labels prove that Pressluft created the resource. */
export function isManagedByPressluft(labels: Readonly<Record<string, string>>): boolean {
  return labels[managedLabel] === 'true';
}

/** Whether labels prove that Pressluft created the server for this idempotency key. */
export function belongsToIdempotencyKey(
  labels: Readonly<Record<string, string>>,
  idempotencyKey: string,
): boolean {
  return isManagedByPressluft(labels) && labels[idempotencyLabel] === idempotencyLabelValue(idempotencyKey);
}

const hostnamePattern =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Whether a server name is a lowercase RFC 1123 host name, as Hetzner requires (checked locally to save a request). */
export function isValidServerName(name: string): boolean {
  return hostnamePattern.test(name);
}
