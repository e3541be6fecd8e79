import type {
  Architecture,
  CatalogSkippedEntry,
  ProviderCatalog,
  ProviderImage,
  ProviderLocation,
  ProviderServerType,
  ServerTypeDeprecation,
  ServerTypePrice,
} from '@pressluft/core';
import type { components } from './generated/hetzner-api.js';

type WireLocation = components['schemas']['location'];
type WireServerType = components['schemas']['server_type'];
type WireImage = components['schemas']['image'];

/** A server type with the id Hetzner knows it by and its deprecations (always present here). */
export interface CatalogServerType extends ProviderServerType {
  /** Hetzner's id. */
  readonly id: number;
  /** Locations of `availableIn` where the type is deprecated, with the last moment it can be ordered. */
  readonly deprecations: readonly ServerTypeDeprecation[];
}

/** An image with the id Hetzner knows it by. */
export interface CatalogImage extends ProviderImage {
  /** Hetzner's id. */
  readonly id: number;
}

/** The catalog as the adapter keeps it: the public catalog plus ids, and what it left out. */
export interface HetznerCatalog {
  /** Locations. */
  readonly locations: readonly ProviderLocation[];
  /** Server types orderable somewhere now. */
  readonly serverTypes: readonly CatalogServerType[];
  /** Available, non-deprecated system images. */
  readonly images: readonly CatalogImage[];
  /** Entries the adapter did not understand, each with the reason. */
  readonly skipped: readonly CatalogSkippedEntry[];
}

/**
 * One converted catalog row: its value (null when it is simply not orderable, which is no warning) and the
 * parts left out because they could not be understood. A row never fails the whole catalog.
 */
export interface ConvertedRow<T> {
  /** The converted entry, or null. */
  readonly value: T | null;
  /** What was left out, and why. */
  readonly skipped: readonly CatalogSkippedEntry[];
}

const architectures: readonly string[] = ['x86', 'arm'] satisfies readonly Architecture[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nameOf(row: unknown): string {
  if (!isRecord(row)) return '(not an object)';
  if (typeof row['name'] === 'string' && row['name'] !== '') return row['name'];
  return typeof row['id'] === 'number' ? `#${row['id']}` : '(unnamed)';
}

function skip(kind: CatalogSkippedEntry['kind'], name: string, reason: string): CatalogSkippedEntry {
  return { kind, name, reason };
}

/** Convert a location; one without a name is left out. */
export function convertLocation(location: WireLocation): ConvertedRow<ProviderLocation> {
  if (!isRecord(location) || typeof location.name !== 'string' || location.name === '') {
    return { value: null, skipped: [skip('location', nameOf(location), 'location without a name')] };
  }
  return {
    value: {
      name: location.name,
      description: location.description ?? '',
      country: location.country ?? '',
      city: location.city ?? '',
      networkZone: location.network_zone ?? '',
    },
    skipped: [],
  };
}

function isDecimal(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function priceIn(serverType: WireServerType, location: string): ServerTypePrice | null {
  const entry = (Array.isArray(serverType.prices) ? serverType.prices : []).find(
    (price) => isRecord(price) && price.location === location,
  );
  const monthly = entry?.price_monthly?.gross;
  const hourly = entry?.price_hourly?.gross;
  if (!isDecimal(monthly) || !isDecimal(hourly)) return null;
  return { location, monthlyGross: monthly, hourlyGross: hourly, currency: 'EUR' };
}

/**
 * Convert a server type at time `now` (ms), per location:
 * - a location is orderable when listed, not marked `available: false` (the 2026 per-location flag;
 *   absent on older answers counts as available) and not past its deprecation's `unavailable_after`;
 * - a deprecated location stays orderable until then and is reported in `deprecations` with the date
 *   (the per-location `deprecation`, else the type's own, phased-out `deprecation` / `deprecated`);
 * - a location without a gross monthly and hourly price is left out with a warning (nobody should order
 *   what the picker cannot price); a type of an architecture the adapter does not know, without prices
 *   at all, or without the numbers the picker shows is left out whole, with the reason.
 */
export function convertServerType(serverType: WireServerType, now: number): ConvertedRow<CatalogServerType> {
  const name = nameOf(serverType);
  const leaveOut = (reason: string): ConvertedRow<CatalogServerType> => ({
    value: null,
    skipped: [skip('server_type', name, reason)],
  });
  if (!isRecord(serverType) || typeof serverType.id !== 'number' || typeof serverType.name !== 'string')
    return leaveOut('server type without a name or id');
  if (!architectures.includes(String(serverType.architecture)))
    return leaveOut(`unknown architecture "${String(serverType.architecture)}"`);
  if (![serverType.cores, serverType.memory, serverType.disk].every((n) => typeof n === 'number'))
    return leaveOut('server type without cores, memory or disk');
  if (!Array.isArray(serverType.locations)) return leaveOut('server type without locations');
  if (!Array.isArray(serverType.prices) || serverType.prices.length === 0) return leaveOut('no prices');

  const typeDeprecation =
    serverType.deprecation ??
    (serverType.deprecated === true ? { announced: null, unavailable_after: null } : null);
  const skipped: CatalogSkippedEntry[] = [];
  const availableIn: string[] = [];
  const recommendedIn: string[] = [];
  const prices: ServerTypePrice[] = [];
  const deprecations: ServerTypeDeprecation[] = [];
  for (const location of serverType.locations) {
    if (!isRecord(location) || typeof location.name !== 'string') continue;
    if (location.available === false) continue;
    const deprecation = location.deprecation ?? typeDeprecation;
    const unavailableAfter = deprecation?.unavailable_after ?? null;
    if (unavailableAfter !== null && !(Date.parse(unavailableAfter) > now)) continue;
    const price = priceIn(serverType, location.name);
    if (price === null) {
      skipped.push(skip('server_type', `${serverType.name}@${location.name}`, 'no price for this location'));
      continue;
    }
    availableIn.push(location.name);
    if (location.recommended === true) recommendedIn.push(location.name);
    prices.push(price);
    if (deprecation !== null && deprecation !== undefined) {
      deprecations.push({
        location: location.name,
        announced: deprecation.announced ?? null,
        unavailableAfter,
      });
    }
  }
  if (availableIn.length === 0) return { value: null, skipped };
  return {
    value: {
      id: serverType.id,
      name: serverType.name,
      description: serverType.description ?? serverType.name,
      cores: serverType.cores,
      memoryGb: serverType.memory,
      diskGb: serverType.disk,
      architecture: serverType.architecture as Architecture,
      availableIn,
      recommendedIn,
      prices,
      deprecations,
    },
    skipped,
  };
}

/**
 * Convert a system image: null when it cannot be used for new servers (not available, deprecated,
 * deleted, unnamed); left out with a warning when it has no id or an unknown architecture.
 */
export function convertImage(image: WireImage): ConvertedRow<CatalogImage> {
  if (!isRecord(image) || typeof image.id !== 'number')
    return { value: null, skipped: [skip('image', nameOf(image), 'image without an id')] };
  if (image.status !== 'available' || image.deprecated != null || image.deleted != null)
    return { value: null, skipped: [] };
  if (typeof image.name !== 'string' || image.name === '') return { value: null, skipped: [] };
  if (!architectures.includes(String(image.architecture))) {
    return {
      value: null,
      skipped: [skip('image', image.name, `unknown architecture "${String(image.architecture)}"`)],
    };
  }
  return {
    value: {
      id: image.id,
      name: image.name,
      description: image.description ?? image.name,
      architecture: image.architecture as Architecture,
      osFlavor: image.os_flavor ?? '',
      osVersion: image.os_version ?? '',
    },
    skipped: [],
  };
}

/** Convert every row, keeping the values and collecting what was left out. */
export function convertRows<W, T>(
  rows: readonly W[],
  convert: (row: W) => ConvertedRow<T>,
): { values: T[]; skipped: CatalogSkippedEntry[] } {
  const values: T[] = [];
  const skipped: CatalogSkippedEntry[] = [];
  for (const row of rows) {
    const converted = convert(row);
    if (converted.value !== null) values.push(converted.value);
    skipped.push(...converted.skipped);
  }
  return { values, skipped };
}

/** The public catalog, without Hetzner ids. */
export function toProviderCatalog(catalog: HetznerCatalog): ProviderCatalog {
  return {
    locations: catalog.locations.map((location) => ({ ...location })),
    serverTypes: catalog.serverTypes.map(({ id: _id, ...serverType }) => ({
      ...serverType,
      deprecations: serverType.deprecations.map((deprecation) => ({ ...deprecation })),
    })),
    images: catalog.images.map(({ id: _id, ...image }) => image),
    skipped: catalog.skipped.map((entry) => ({ ...entry })),
  };
}
