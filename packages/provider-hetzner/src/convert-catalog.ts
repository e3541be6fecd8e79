import type { ProviderCatalog, ProviderImage, ProviderLocation, ProviderServerType } from '@pressluft/core';
import type { components } from './generated/hetzner-api.js';
import { expectBody } from './malformed-body.js';

type WireLocation = components['schemas']['location'];
type WireServerType = components['schemas']['server_type'];
type WireImage = components['schemas']['image'];

/** A server type with the id used in requests. */
export interface CatalogServerType extends ProviderServerType {
  /** Hetzner's id. */
  readonly id: number;
}

/** An image with the id used in requests. */
export interface CatalogImage extends ProviderImage {
  /** Hetzner's id. */
  readonly id: number;
}

/** The catalog as the adapter keeps it: the public catalog plus ids. */
export interface HetznerCatalog {
  /** Locations. */
  readonly locations: readonly ProviderLocation[];
  /** Orderable server types. */
  readonly serverTypes: readonly CatalogServerType[];
  /** Available, non-deprecated system images. */
  readonly images: readonly CatalogImage[];
}

/** Convert a location. */
export function convertLocation(location: WireLocation): ProviderLocation {
  expectBody(typeof location?.name === 'string', 'location without a name');
  return {
    name: location.name,
    description: location.description ?? '',
    country: location.country ?? '',
    city: location.city ?? '',
    networkZone: location.network_zone ?? '',
  };
}

/**
 * Convert a server type, keeping only the locations where it can be ordered now: listed, not deprecated
 * there, and not marked `available: false` (the 2026 per-location flag; absent on older answers, which
 * counts as available). Returns null when it can be ordered nowhere.
 */
export function convertServerType(serverType: WireServerType): CatalogServerType | null {
  expectBody(
    typeof serverType?.name === 'string' && typeof serverType.id === 'number',
    'server type without name or id',
  );
  expectBody(Array.isArray(serverType.locations), `server type ${serverType.name} without locations`);
  if (serverType.deprecated === true) return null;
  const orderable = serverType.locations.filter(
    (location) => location.deprecation == null && location.available !== false,
  );
  if (orderable.length === 0) return null;
  const availableIn = orderable.map((location) => location.name);
  const recommendedIn = orderable
    .filter((location) => location.recommended === true)
    .map((location) => location.name);
  const prices = (serverType.prices ?? [])
    .filter((price) => availableIn.includes(price.location))
    .map((price) => ({
      location: price.location,
      monthlyGross: price.price_monthly.gross,
      hourlyGross: price.price_hourly.gross,
      currency: 'EUR',
    }));
  expectBody(serverType.architecture === 'x86' || serverType.architecture === 'arm', 'unknown architecture');
  return {
    id: serverType.id,
    name: serverType.name,
    description: serverType.description ?? serverType.name,
    cores: serverType.cores,
    memoryGb: serverType.memory,
    diskGb: serverType.disk,
    architecture: serverType.architecture,
    availableIn,
    recommendedIn,
    prices,
  };
}

/** Convert a system image; null when it cannot be used for new servers (not available, deprecated, unnamed). */
export function convertImage(image: WireImage): CatalogImage | null {
  expectBody(typeof image?.id === 'number', 'image without id');
  if (image.status !== 'available' || image.deprecated != null || image.deleted != null) return null;
  if (typeof image.name !== 'string' || image.name === '') return null;
  if (image.architecture !== 'x86' && image.architecture !== 'arm') return null;
  return {
    id: image.id,
    name: image.name,
    description: image.description ?? image.name,
    architecture: image.architecture,
    osFlavor: image.os_flavor ?? '',
    osVersion: image.os_version ?? '',
  };
}

/** The public catalog, without Hetzner ids. */
export function toProviderCatalog(catalog: HetznerCatalog): ProviderCatalog {
  return {
    locations: catalog.locations.map((location) => ({ ...location })),
    serverTypes: catalog.serverTypes.map(({ id: _id, ...serverType }) => serverType),
    images: catalog.images.map(({ id: _id, ...image }) => image),
  };
}
