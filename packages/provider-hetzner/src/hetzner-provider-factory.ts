import type { NodeProviderFactoryV1 } from '@pressluft/core';
import { createHetznerProvider, type HetznerProviderOptions } from './hetzner-provider.js';
import { hetznerProviderInfo } from './hetzner-provider-info.js';

/** Everything of {@link HetznerProviderOptions} except the token, which each connection brings. */
export type HetznerProviderFactoryOptions = Omit<HetznerProviderOptions, 'token'>;

/** A factory for the control plane's provider registry, with shared settings (base URL, fetch, polling). */
export function createHetznerProviderFactory(
  options: HetznerProviderFactoryOptions = {},
): NodeProviderFactoryV1 {
  return {
    specificationVersion: 'v1',
    info: hetznerProviderInfo,
    create: ({ token }) => createHetznerProvider({ ...options, token }),
  };
}

/** The factory with default settings: the public Hetzner API and the global fetch. */
export const hetznerProvider: NodeProviderFactoryV1 = createHetznerProviderFactory();
