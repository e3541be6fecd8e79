import type { components } from '../generated/hetzner-api.js';

/** A location as the fake serves it. */
export type FakeLocation = components['schemas']['location'];
/** A server type as the fake serves it. */
export type FakeServerType = components['schemas']['server_type'];
/** An image as the fake serves it. */
export type FakeImage = components['schemas']['image'];

/** What the fake sells: locations, server types (with 2026 per-location flags) and images. */
export interface FakeCatalog {
  /** Locations. */
  readonly locations: readonly FakeLocation[];
  /** Server types. */
  readonly serverTypes: readonly FakeServerType[];
  /** Images. */
  readonly images: readonly FakeImage[];
}

const location = (
  id: number,
  name: string,
  description: string,
  city: string,
  country: string,
  networkZone: string,
): FakeLocation => ({
  id,
  name,
  description,
  city,
  country,
  latitude: 0,
  longitude: 0,
  network_zone: networkZone,
});

const price = (gross: string) => ({ gross, net: (Number(gross) / 1.19).toFixed(4) });

interface TypeSeed {
  readonly id: number;
  readonly name: string;
  /** A name outside `x86 | arm` models an architecture Hetzner adds later. */
  readonly architecture: string;
  readonly cpuType: 'shared' | 'dedicated';
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
  readonly monthly: string;
  /** False: the type comes without any price entry (a row the adapter must leave out, not choke on). */
  readonly priced?: boolean;
  /** Per location: available now, recommended, deprecated since (ISO) with unavailable_after. */
  readonly locations: readonly {
    readonly name: string;
    readonly available?: boolean;
    readonly recommended?: boolean;
    readonly unavailableAfter?: string;
  }[];
}

const locationIds: Record<string, number> = { fsn1: 1, nbg1: 2, hel1: 3, ash: 4, hil: 5, sin: 6 };

const serverType = (seed: TypeSeed): FakeServerType => ({
  id: seed.id,
  name: seed.name,
  description: seed.name.toUpperCase(),
  category: seed.cpuType === 'shared' ? 'Shared vCPU' : 'Dedicated vCPU',
  cores: seed.cores,
  memory: seed.memory,
  disk: seed.disk,
  cpu_type: seed.cpuType,
  architecture: seed.architecture as FakeServerType['architecture'],
  storage_type: 'local',
  deprecated: false,
  deprecation: null,
  prices: (seed.priced === false ? [] : seed.locations).map((entry) => ({
    location: entry.name,
    price_hourly: price((Number(seed.monthly) / 730).toFixed(4)),
    price_monthly: price(seed.monthly),
    price_per_tb_traffic: price('1.1900'),
    included_traffic: 21_990_232_555_520,
  })),
  locations: seed.locations.map((entry) => ({
    id: locationIds[entry.name] ?? 0,
    name: entry.name,
    deprecation:
      entry.unavailableAfter === undefined
        ? null
        : { announced: '2025-06-01T00:00:00Z', unavailable_after: entry.unavailableAfter },
    available: entry.available ?? true,
    recommended: entry.recommended ?? false,
  })),
});

const image = (
  id: number,
  name: string,
  architecture: 'x86' | 'arm',
  osFlavor: FakeImage['os_flavor'],
  osVersion: string,
  deprecated: string | null = null,
): FakeImage => ({
  id,
  name,
  description: `${osFlavor[0]?.toUpperCase()}${osFlavor.slice(1)} ${osVersion}`,
  type: 'system',
  status: 'available',
  architecture,
  os_flavor: osFlavor,
  os_version: osVersion,
  rapid_deploy: true,
  deprecated,
  deleted: null,
  created: '2024-04-25T00:00:00Z',
  created_from: null,
  bound_to: null,
  disk_size: 5,
  image_size: null,
  labels: {},
  protection: { delete: false },
});

/**
 * The default catalog, shaped like Hetzner's in 2026: `cpx22` out of stock in fsn1, the ARM `cax11` not
 * sold in the US or Singapore, `cx22` deprecated and past `unavailable_after`, `cpx11` deprecated but
 * orderable until 2030, `cx9r` of an architecture the adapter does not know (`riscv`), `cx63` without
 * prices, and ubuntu/debian images for both architectures plus a deprecated ubuntu-20.04.
 */
export function defaultFakeCatalog(): FakeCatalog {
  const eu = ['fsn1', 'nbg1', 'hel1'];
  const all = [...eu, 'ash', 'hil', 'sin'];
  return {
    locations: [
      location(1, 'fsn1', 'Falkenstein DC Park 1', 'Falkenstein', 'DE', 'eu-central'),
      location(2, 'nbg1', 'Nuremberg DC Park 1', 'Nuremberg', 'DE', 'eu-central'),
      location(3, 'hel1', 'Helsinki DC Park 1', 'Helsinki', 'FI', 'eu-central'),
      location(4, 'ash', 'Ashburn, VA', 'Ashburn, VA', 'US', 'us-east'),
      location(5, 'hil', 'Hillsboro, OR', 'Hillsboro, OR', 'US', 'us-west'),
      location(6, 'sin', 'Singapore', 'Singapore', 'SG', 'ap-southeast'),
    ],
    serverTypes: [
      serverType({
        id: 104,
        name: 'cx23',
        architecture: 'x86',
        cpuType: 'shared',
        cores: 2,
        memory: 4,
        disk: 40,
        monthly: '3.4900',
        locations: eu.map((name) => ({ name, recommended: name !== 'hel1' })),
      }),
      serverType({
        id: 108,
        name: 'cpx22',
        architecture: 'x86',
        cpuType: 'shared',
        cores: 2,
        memory: 4,
        disk: 80,
        monthly: '7.4900',
        locations: all.map((name) => ({ name, available: name !== 'fsn1', recommended: name === 'nbg1' })),
      }),
      serverType({
        id: 45,
        name: 'cax11',
        architecture: 'arm',
        cpuType: 'shared',
        cores: 2,
        memory: 4,
        disk: 40,
        monthly: '3.9900',
        locations: eu.map((name) => ({ name, recommended: true })),
      }),
      serverType({
        id: 96,
        name: 'ccx13',
        architecture: 'x86',
        cpuType: 'dedicated',
        cores: 2,
        memory: 8,
        disk: 80,
        monthly: '14.8600',
        locations: all.map((name) => ({ name })),
      }),
      serverType({
        id: 22,
        name: 'cx22',
        architecture: 'x86',
        cpuType: 'shared',
        cores: 2,
        memory: 4,
        disk: 40,
        monthly: '4.5100',
        locations: ['fsn1', 'nbg1'].map((name) => ({ name, unavailableAfter: '2025-12-31T00:00:00Z' })),
      }),
      serverType({
        id: 1,
        name: 'cpx11',
        architecture: 'x86',
        cpuType: 'shared',
        cores: 2,
        memory: 2,
        disk: 40,
        monthly: '4.5900',
        locations: eu.map((name) => ({ name, unavailableAfter: '2030-01-01T00:00:00Z' })),
      }),
      serverType({
        id: 201,
        name: 'cx9r',
        architecture: 'riscv',
        cpuType: 'shared',
        cores: 4,
        memory: 8,
        disk: 80,
        monthly: '6.9900',
        locations: eu.map((name) => ({ name })),
      }),
      serverType({
        id: 202,
        name: 'cx63',
        architecture: 'x86',
        cpuType: 'shared',
        cores: 16,
        memory: 32,
        disk: 320,
        monthly: '0',
        priced: false,
        locations: eu.map((name) => ({ name })),
      }),
    ],
    images: [
      image(161547269, 'ubuntu-24.04', 'x86', 'ubuntu', '24.04'),
      image(161547270, 'ubuntu-24.04', 'arm', 'ubuntu', '24.04'),
      image(114690387, 'debian-12', 'x86', 'debian', '12'),
      image(114690389, 'debian-12', 'arm', 'debian', '12'),
      image(67794396, 'ubuntu-20.04', 'x86', 'ubuntu', '20.04', '2025-05-31T00:00:00Z'),
    ],
  };
}
