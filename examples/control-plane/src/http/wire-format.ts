import {
  type CheckedProviderConnection,
  describeErrorCode,
  type ErrorCode,
  type JobEvent,
  type JobRecord,
  type NodeRecord,
  type ProviderCatalog,
  type ProviderConnectionView,
  type ProviderInfo,
} from '@pressluft/core';
import type { components } from '../generated/api-types.js';

type Schemas = components['schemas'];

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function lastError(
  code: ErrorCode | null,
  message: string | null,
  guidance?: string | null,
): Schemas['LastError'] | null {
  if (code === null) return null;
  return { code, message: message ?? '', guidance: guidance ?? describeErrorCode(code).guidance };
}

/**
 * The API's wire format: snake_case records with ISO timestamps, typed by the contract's generated
 * schemas. Every response body is built here, so nothing reaches the wire that the contract does not
 * name (sealed tokens, lease tokens, checkpoints and payloads stay inside).
 */
export const wireFormat = {
  providerType(info: ProviderInfo): Schemas['ProviderType'] {
    return {
      type: info.type,
      display_name: info.displayName,
      docs_url: info.docsUrl,
      token_help: info.tokenHelp,
    };
  },

  provider(connection: ProviderConnectionView): Schemas['Provider'] {
    return {
      id: connection.id,
      type: connection.type,
      name: connection.name,
      status: connection.status,
      status_guidance: connection.statusGuidance,
      checked_at: isoOrNull(connection.checkedAt),
      created_at: iso(connection.createdAt),
      updated_at: iso(connection.updatedAt),
    };
  },

  checkedProvider(checked: CheckedProviderConnection): Schemas['CheckedProvider'] {
    return {
      provider: wireFormat.provider(checked.connection),
      check: {
        status: checked.check.status,
        guidance: checked.check.guidance,
        ...(checked.check.errorCode === undefined ? {} : { error_code: checked.check.errorCode }),
      },
    };
  },

  providerOptions(catalog: ProviderCatalog): Schemas['ProviderOptions'] {
    return {
      locations: catalog.locations.map((location) => ({
        name: location.name,
        description: location.description,
        country: location.country,
        city: location.city,
        network_zone: location.networkZone,
      })),
      server_types: catalog.serverTypes.map((serverType) => ({
        name: serverType.name,
        description: serverType.description,
        cores: serverType.cores,
        memory_gb: serverType.memoryGb,
        disk_gb: serverType.diskGb,
        architecture: serverType.architecture,
        available_in: [...serverType.availableIn],
        recommended_in: [...serverType.recommendedIn],
        prices: serverType.prices.map((price) => ({
          location: price.location,
          monthly_gross: price.monthlyGross,
          hourly_gross: price.hourlyGross,
          currency: price.currency,
        })),
        deprecations: (serverType.deprecations ?? []).map((deprecation) => ({
          location: deprecation.location,
          announced: deprecation.announced,
          unavailable_after: deprecation.unavailableAfter,
        })),
      })),
      images: catalog.images.map((image) => ({
        name: image.name,
        description: image.description,
        architecture: image.architecture,
        os_flavor: image.osFlavor,
        os_version: image.osVersion,
      })),
      skipped: (catalog.skipped ?? []).map((entry) => ({
        kind: entry.kind,
        name: entry.name,
        reason: entry.reason,
      })),
    };
  },

  node(node: NodeRecord): Schemas['Node'] {
    return {
      id: node.id,
      provider_id: node.providerId,
      name: node.name,
      location: node.location,
      server_type: node.serverType,
      image: node.image,
      status: node.status,
      provider_server_id: node.providerServerId,
      ipv4: node.ipv4,
      ipv6: node.ipv6,
      ssh_target:
        node.sshTarget === null
          ? null
          : { host: node.sshTarget.host, port: node.sshTarget.port, user: node.sshTarget.user },
      host_key: node.hostKey,
      last_error: lastError(node.lastErrorCode, node.lastErrorMessage),
      created_at: iso(node.createdAt),
      updated_at: iso(node.updatedAt),
    };
  },

  job(job: JobRecord & { readonly lastErrorGuidance?: string | null }): Schemas['Job'] {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      node_id: job.nodeId,
      attempts: job.attempts,
      max_attempts: job.maxAttempts,
      current_step: job.currentStep,
      last_error: lastError(job.lastErrorCode, job.lastErrorMessage, job.lastErrorGuidance),
      cancel_requested: job.cancelRequested,
      run_at: iso(job.runAt),
      created_at: iso(job.createdAt),
      updated_at: iso(job.updatedAt),
      finished_at: isoOrNull(job.finishedAt),
    };
  },

  jobEvent(event: JobEvent): Schemas['JobEvent'] {
    return {
      job_id: event.jobId,
      seq: event.seq,
      type: event.type,
      at: iso(event.at),
      data: { ...event.data },
    };
  },
};
