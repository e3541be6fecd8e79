import type { ControlPlane } from '@pressluft/core';
import type { components } from '../generated/api-types.js';

type Health = components['schemas']['Health'];
type HealthPart = components['schemas']['HealthPart'];

/**
 * The health answer: the server is up (it answered), the store answers a small read, and what is known
 * about the provisioning runtime right now (checked in the background; `missing` carries the install
 * command). `degraded` when a part is not ready; still 200, since the server itself serves.
 */
export async function healthReport(controlPlane: ControlPlane): Promise<Health> {
  const stored = await controlPlane.providers.list();
  const store: HealthPart = stored.isOk()
    ? { state: 'ready' }
    : {
        state: 'failed',
        code: stored.error.code,
        detail: stored.error.message,
        guidance: stored.error.guidance,
      };
  const runtime = controlPlane.runtime();
  const provisioner: HealthPart =
    runtime.state === 'ready'
      ? { state: 'ready', detail: `${runtime.runtime.name} ${runtime.runtime.version}` }
      : runtime.state === 'checking'
        ? { state: 'checking' }
        : {
            state: 'missing',
            code: runtime.error.code,
            detail: runtime.error.message,
            guidance: runtime.error.guidance,
          };
  const parts = { http: { state: 'ready' as const }, store, provisioner };
  const ready = Object.values(parts).every((part) => part.state === 'ready');
  return { status: ready ? 'ok' : 'degraded', parts };
}
